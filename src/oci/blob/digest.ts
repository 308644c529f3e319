import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { crypto, cryptoLoaded } from '../../util/lazy-builtins.js';
import { sha256Hex, webAssemblyAvailable } from './sha256.js';

// node:crypto is loaded with the first layer hashed, not for configs and manifests (sha256.ts).
const createHash = (algorithm: string): Hash => crypto().createHash(algorithm);

export const SHA256_PREFIX = 'sha256:';

/** Documents up to this size are hashed without node:crypto (see sha256.ts). */
const SMALL_DOCUMENT = 64 * 1024;

export function sha256Digest(data: Buffer | string): string {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  // Once a layer has loaded node:crypto, it takes the rest: it is faster, and V8 recompiles the
  // WebAssembly function on a worker thread once some 10 KiB have gone through it.
  if (bytes.length <= SMALL_DOCUMENT && webAssemblyAvailable && !cryptoLoaded())
    return SHA256_PREFIX + sha256Hex(bytes);
  return SHA256_PREFIX + createHash('sha256').update(bytes).digest('hex');
}

/** Hashes bytes as they pass, so a stream is hashed in the same pass that uses it. */
export class DigestCounter {
  private readonly hash: Hash = createHash('sha256');
  private result: string | undefined;
  bytes = 0;
  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }
  /** The digest of everything seen; asking again gives the same answer. */
  digest(): string {
    this.result ??= SHA256_PREFIX + this.hash.digest('hex');
    return this.result;
  }
}

export async function sha256File(
  path: string,
  start = 0,
  end?: number,
): Promise<{ digest: string; size: number }> {
  const counter = new DigestCounter();
  const stream = createReadStream(path, { start, end, highWaterMark: READ_CHUNK });
  for await (const chunk of stream) counter.update(chunk as Buffer);
  return { digest: counter.digest(), size: counter.bytes };
}

/**
 * The size of every file read. Fresh memory is what a push pays most for on a VM (a page fault
 * per 4 KiB: reading 200 MB in 1 MiB chunks took 0.56 s here, in 256 KiB chunks 0.15 s), and
 * buffers of this size are recycled by the allocator instead of mapped anew each time.
 */
export const READ_CHUNK = 256 * 1024;

/** Digests as the OCI image spec writes them for the algorithms it registers: lower-case hex only. */
const DIGEST_FORMS: Record<string, RegExp> = {
  sha256: /^sha256:[0-9a-f]{64}$/,
  sha512: /^sha512:[0-9a-f]{128}$/,
};

/**
 * Whether a digest read from outside (a layout, a manifest, a registry) is well formed, so it can
 * name a file or a URL path: `sha256:` and 64 lower-case hex digits (or `sha512:` and 128). A
 * value like `sha256:../../secret` must never become a path.
 */
export function isDigest(value: unknown, algorithms: readonly string[] = ['sha256']): boolean {
  if (typeof value !== 'string') return false;
  const algorithm = value.slice(0, value.indexOf(':'));
  return algorithms.includes(algorithm) && (DIGEST_FORMS[algorithm]?.test(value) ?? false);
}

/** A digest as JSON shows it, cut short: for messages about values that are not digests. */
export function showDigest(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 90 ? `${shown.slice(0, 87)}…` : shown;
}
