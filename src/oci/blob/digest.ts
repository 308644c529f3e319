import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const SHA256_PREFIX = 'sha256:';

export function sha256Digest(data: Buffer | string): string {
  return SHA256_PREFIX + createHash('sha256').update(data).digest('hex');
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
 * per 4 KiB), and buffers of this size are recycled by the allocator instead of mapped anew each
 * time, where larger ones are not (bench/push/README.md, "Fresh memory").
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
