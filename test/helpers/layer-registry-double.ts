// A TEST DOUBLE standing in for the registry at the LayerRegistry interface (src/oci/push/
// layer-registry.ts): blobs held in memory, every call recorded in order. The layer senders' unit
// tests use it to check which requests a layer's push makes; the wire itself (the real requests
// against a real registry) is covered by the push integration tests.
import { createHash } from 'node:crypto';
import type { ReproducibleBlob } from '../../src/oci/registry/blob-upload.js';
import type { ChunkSink, LayerRegistry } from '../../src/oci/push/layer-registry.js';

export const sha256 = (bytes: Buffer) =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** The first hex digits of a digest, as the recorded calls name it. */
export const short = (digest: string) => digest.slice(7, 15);

type Failing = 'blobSize' | 'upload' | 'stream' | 'mount';

export class LayerRegistryDouble implements LayerRegistry {
  /** Blobs of the target repository, by digest. */
  readonly blobs = new Map<string, Buffer>();
  /** Blobs another repository holds, which a mount brings in. */
  readonly elsewhere = new Map<string, Buffer>();
  /** The calls made, in order, e.g. `HEAD 1a2b3c4d`, `POST → s1`, `PUT s1 1a2b3c4d 12 B`. */
  readonly calls: string[] = [];
  /** Calls that fail once each with this error, as a dropped connection would. */
  readonly failing = new Map<Failing, Error>();
  private sessions = 0;

  async blobSize(digest: string): Promise<number | undefined> {
    this.calls.push(`HEAD ${short(digest)}`);
    this.failIf('blobSize');
    return this.blobs.get(digest)?.length;
  }

  openSession(): Promise<string> {
    this.sessions += 1;
    const location = `s${this.sessions}`;
    this.calls.push(`POST → ${location}`);
    return Promise.resolve(location);
  }

  async cancel(location: string): Promise<void> {
    this.calls.push(`DELETE ${location}`);
  }

  async mount(digest: string, from: string): Promise<boolean> {
    this.calls.push(`MOUNT ${short(digest)} from ${from}`);
    this.failIf('mount');
    const blob = this.elsewhere.get(digest);
    if (blob) this.blobs.set(digest, blob);
    return blob !== undefined;
  }

  async upload(
    digest: string,
    content: Buffer[] | ReproducibleBlob,
    session?: Promise<string>,
  ): Promise<void> {
    const location = await (session ?? this.openSession());
    const bytes = Array.isArray(content) ? Buffer.concat(content) : await collect(content);
    this.calls.push(`PUT ${location} ${short(digest)} ${bytes.length} B`);
    this.failIf('upload');
    this.store(digest, bytes);
  }

  async stream(
    blob: ReproducibleBlob,
    verdict: Promise<string | undefined>,
    session?: Promise<string>,
  ): Promise<boolean> {
    const location = await (session ?? this.openSession());
    const bytes = await collect(blob);
    this.calls.push(`PATCH ${location} ${bytes.length} B`);
    this.failIf('stream');
    const digest = await verdict;
    if (digest === undefined) {
      this.calls.push(`DELETE ${location}`);
      return false;
    }
    this.calls.push(`PUT ${location} ${short(digest)}`);
    this.store(digest, bytes);
    return true;
  }

  async chunked(session: Promise<string>): Promise<ChunkSink> {
    const location = await session;
    this.calls.push(`CHUNKED ${location}`);
    const parts: Buffer[] = [];
    return {
      write: async (chunk) => {
        parts.push(Buffer.from(chunk));
      },
      finish: async (digest) => {
        const bytes = Buffer.concat(parts);
        this.calls.push(
          `PUT ${location} ${short(digest)} ${bytes.length} B in ${parts.length} writes`,
        );
        this.store(digest, bytes);
      },
    };
  }

  private failIf(call: Failing): void {
    const error = this.failing.get(call);
    if (!error) return;
    this.failing.delete(call);
    throw error;
  }

  /** As a registry does: bytes that are not the digest named are refused. */
  private store(digest: string, bytes: Buffer): void {
    if (sha256(bytes) !== digest) throw new Error(`DIGEST_INVALID: ${short(digest)}`);
    this.blobs.set(digest, bytes);
  }
}

/** A blob's bytes, each chunk copied (a producer may refill the one it gave). */
async function collect(blob: ReproducibleBlob): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blob.stream()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
