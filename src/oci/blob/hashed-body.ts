// The body of a framed layer's upload, hashed as it goes out: one read of the layer serves both
// the registry and the two digests (the layer's diff_id and the blob's).

import { cryptoLoaded } from '../../util/lazy-builtins.js';
import { DigestCounter } from './digest.js';
import type { FramedChunk, Framing } from './framed-layer.js';

export interface LayerDigests {
  /** sha256 of the layer's own bytes (its diff_id). */
  diffId: string;
  /** sha256 of the blob made of them. */
  digest: string;
}

/**
 * Bytes a body sends before it is hashed, while node:crypto is not loaded yet: loading it holds
 * this thread for 10 ms or more here, and the registry takes in this much meanwhile (it takes
 * some 100 MB/s here, beside this process). The layer pusher has it loaded while the upload
 * session is opened, so this is for an upload that starts first.
 */
export const HEAD_START = 2 << 20;

/** The two digests of a framed layer, fed chunk by chunk. */
class LayerHashes {
  private readonly layer = new DigestCounter();
  // Identity framing: the blob is the layer, hashed once.
  private readonly blob: DigestCounter;

  constructor(framing: Framing) {
    this.blob = framing === 'identity' ? this.layer : new DigestCounter();
  }

  update({ blob, data }: FramedChunk): void {
    for (const piece of data) this.layer.update(piece);
    if (this.blob !== this.layer) this.blob.update(blob);
  }

  digests(): LayerDigests {
    return { diffId: this.layer.digest(), digest: this.blob.digest() };
  }
}

/**
 * Upload bodies of one framed layer, each hashed as it is sent. `read` reads the layer anew
 * each time it is called, in the same chunks (framedLayer). `hashed` resolves once a body has
 * been read to its end, and rejects if reading or hashing the layer fails; a body given up
 * part-way (a failed try) leaves it to the next one.
 */
export class HashedBody {
  readonly hashed: Promise<LayerDigests>;
  private settle: (digests: LayerDigests) => void = () => undefined;
  private fail: (error: unknown) => void = () => undefined;
  private complete = false;

  /** `hashingReady`: whether a body may be hashed from its first byte (node:crypto is loaded). */
  constructor(
    private readonly read: () => AsyncIterable<FramedChunk>,
    private readonly framing: Framing,
    private readonly hashingReady: () => boolean = cryptoLoaded,
  ) {
    this.hashed = new Promise((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    this.hashed.catch(() => undefined); // the uploader's verdict; a body's own read fails too
  }

  /** One body, for one try: its chunks are only valid until the next is asked for. */
  async *stream(): AsyncGenerator<Buffer, void, undefined> {
    if (this.complete) {
      for await (const { blob } of this.read()) yield blob;
      return;
    }
    let hashes = this.hashingReady() ? new LayerHashes(this.framing) : undefined;
    let unhashed = 0; // chunks sent before hashing began
    let sent = 0;
    try {
      for await (const chunk of this.read()) {
        // Hashing begins once node:crypto is there (loaded meanwhile) or the head start is sent.
        if (!hashes && (sent >= HEAD_START || this.hashingReady()))
          hashes = await this.hashFirst(unhashed);
        if (hashes) hashes.update(chunk);
        else unhashed += 1;
        sent += chunk.blob.length;
        yield chunk.blob;
      }
      hashes ??= await this.hashFirst(unhashed);
    } catch (error) {
      // The layer could not be read: no digest is coming. (A body given up part-way returns
      // instead, and lands here only if its read failed too.)
      this.fail(error);
      throw error;
    }
    this.complete = true;
    this.settle(hashes.digests());
  }

  /**
   * The digests, hashing the layer on its own if no body has been read to its end: what the
   * layer is decides what a failed upload means.
   */
  async digests(): Promise<LayerDigests> {
    if (this.complete) return this.hashed;
    return (await this.hashFirst(Infinity)).digests();
  }

  /** Hashes of the layer's first `count` chunks, read again. */
  private async hashFirst(count: number): Promise<LayerHashes> {
    const hashes = new LayerHashes(this.framing);
    let seen = 0;
    if (count > 0) {
      for await (const chunk of this.read()) {
        hashes.update(chunk);
        seen += 1;
        if (seen === count) break;
      }
    }
    return hashes;
  }
}
