// The body of a framed layer's upload, hashed as it goes out: one read of the layer serves both
// the registry and the two digests (the layer's diff_id and the blob's).

import { DigestCounter } from './digest.js';
import type { FramedChunk, Framing } from './framed-layer.js';

export interface LayerDigests {
  /** sha256 of the layer's own bytes (its diff_id). */
  diffId: string;
  /** sha256 of the blob made of them. */
  digest: string;
}

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

  constructor(
    private readonly read: () => AsyncIterable<FramedChunk>,
    private readonly framing: Framing,
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
    const hashes = new LayerHashes(this.framing);
    try {
      for await (const chunk of this.read()) {
        hashes.update(chunk);
        yield chunk.blob;
      }
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
    const hashes = new LayerHashes(this.framing);
    for await (const chunk of this.read()) hashes.update(chunk);
    return hashes.digests();
  }
}
