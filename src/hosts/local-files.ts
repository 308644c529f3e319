import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { sha256File as fileDigest, SHA256_PREFIX } from '../oci/blob/digest.js';
import { describeError } from '../util/errors.js';
import { HostFileError } from './errors.js';

export const DEFAULT_READ_MAX_BYTES = 1024 * 1024;
/** Files the kit writes are private unless the caller says otherwise. */
export const DEFAULT_FILE_MODE = 0o600;

/** A hidden, unique name next to `path`: same directory, so the final rename is atomic. */
export function tempSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.hypernix-${randomBytes(6).toString('hex')}.tmp`);
}

/** A pass-through stream that hashes what goes through it. */
export function hashingStream(): { stream: Transform; digest: () => string; bytes: () => number } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  let digest: string | undefined;
  return { stream, digest: () => (digest ??= hash.digest('hex')), bytes: () => bytes };
}

/** sha256 hex of a local file, read in one pass (the registry client's file hash, unprefixed). */
export async function sha256File(path: string): Promise<string> {
  return (await fileDigest(path)).digest.slice(SHA256_PREFIX.length);
}

/**
 * Writes `source` to a temporary sibling of `path` (created new, never following an existing
 * file), checks the bytes on disk against the bytes sent, then renames into place. On any
 * failure the temporary file is removed: nothing half written is left under either name.
 */
export async function writeLocalAtomically(
  host: string,
  path: string,
  source: Readable,
  options: { mode?: number; sha256?: string } = {},
): Promise<string> {
  const temp = tempSibling(path);
  const mode = options.mode ?? DEFAULT_FILE_MODE;
  try {
    const handle = await open(temp, 'wx', mode);
    const sent = hashingStream();
    try {
      await pipeline(
        source,
        sent.stream,
        createWriteStream('', { fd: handle.fd, autoClose: false }),
      );
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode); // the umask may have narrowed the mode given to open
    const written = await sha256File(temp);
    const digest = sent.digest();
    if (written !== digest) {
      throw new HostFileError(
        host,
        `${path}: sha256 of the written file ${written} differs from what was sent ${digest}`,
      );
    }
    if (options.sha256 !== undefined && options.sha256 !== digest) {
      throw new HostFileError(
        host,
        `${path}: sha256 ${digest} differs from the expected ${options.sha256}`,
      );
    }
    await rename(temp, path);
    return digest;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof HostFileError) throw error;
    throw new HostFileError(host, `cannot write ${path}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** Reads a local file, refusing one over `maxBytes` (also a special file that never ends). */
export async function readLocalBounded(
  host: string,
  path: string,
  maxBytes: number,
): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new HostFileError(host, `cannot read ${path}: ${describeError(error)}`, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) {
      throw new HostFileError(host, `${path} is larger than the ${maxBytes} bytes allowed`);
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof HostFileError) throw error;
    throw new HostFileError(host, `cannot read ${path}: ${describeError(error)}`, { cause: error });
  } finally {
    await handle.close();
  }
}
