import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { chmod, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { printSha256 } from '../../nix/nar-hash.js';
import { NarError, NarParser } from './nar-parser.js';
import { TreeWriter } from './tree-writer.js';

/** One NAR of a pack to unpack: where it is, what it must hash to, where its tree goes. */
export interface NarJob {
  storePath: string;
  /** The NAR file, compressed as `compression` says. */
  file: string;
  compression: 'zstd' | 'none';
  /** The SHA-256 and size of the NAR the cache entry recorded (Nix computed them at save). */
  narHash: Buffer;
  narSize: number;
  /** A name that does not exist yet, in the store directory: the tree is written there. */
  target: string;
}

const READ_CHUNK = 1 << 20;
const DECODE_CHUNK = 1 << 16;
// NARs up to this size are read and decoded whole (a few MB of memory per NAR being unpacked).
export const WHOLE_NAR_MAX = 8 << 20;

/** Whether this Node decodes zstd itself (Node 22.15+, 23.8+); else the restore uses nix copy. */
export function nodeHasZstd(): boolean {
  return typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
}

/**
 * Reads, decompresses, hashes and writes one NAR in one pass. Throws a NarError naming what is
 * wrong when the NAR is not well formed, or its bytes are not the ones the entry recorded (hash
 * or size); then nothing is left at `target`.
 */
export async function unpackNar(job: NarJob): Promise<void> {
  const writer = new TreeWriter(job.target);
  try {
    const hash = createHash('sha256');
    const parser = new NarParser(writer, { size: job.narSize });
    let size = 0;
    for await (const chunk of narChunks(job)) {
      size += chunk.length;
      if (size > job.narSize) {
        throw new NarError(`its NAR is longer than the NarSize ${job.narSize} the entry records`);
      }
      hash.update(chunk);
      parser.push(chunk);
    }
    if (size !== job.narSize) {
      throw new NarError(`its NAR is ${size} bytes, the entry records ${job.narSize}`);
    }
    parser.end();
    const digest = hash.digest();
    if (!digest.equals(job.narHash)) {
      throw new NarError(
        `its NAR hashes to ${printSha256(digest)}, the entry records ${printSha256(job.narHash)}`,
      );
    }
  } catch (error) {
    writer.abandon();
    await removeTree(job.target);
    if (error instanceof NarError) throw error;
    // zlib and the file system: a damaged frame, a missing file, a full disk.
    const code = (error as NodeJS.ErrnoException).code;
    throw new NarError(
      `cannot unpack its NAR: ${(error as Error).message}${code ? ` (${code})` : ''}`,
      { cause: error },
    );
  }
}

/**
 * The NAR's bytes. Most NARs are small: one read and one decode (on the thread pool) cost far
 * less than a stream's set-up; larger ones stream, so memory stays bounded.
 */
async function* narChunks(job: NarJob): AsyncGenerator<Buffer> {
  if (job.narSize > WHOLE_NAR_MAX) {
    yield* narStream(job) as AsyncIterable<Buffer>;
    return;
  }
  // Small NARs are read and decoded on the calling thread (a worker's: worker-pool.ts): the
  // thread pool's hops (open, stat, read, close, decode) cost more than the work (measured:
  // 0.34 s against 0.48 s for 501 NARs of 262 kB; decoding on the pool beside this thread's
  // hashing and writing was no faster either, 3.5 against 3.1 s for 2,001).
  const stored = readBounded(job.file, compressedBound(job.narSize));
  if (job.compression === 'none') {
    yield stored;
    return;
  }
  // One byte more than the NarSize: a longer NAR is caught by the size check, not cut short.
  // One output buffer the NAR's size: one callback, no copying of pieces together.
  const whole = { maxOutputLength: job.narSize + 1, chunkSize: Math.max(64, job.narSize + 1) };
  try {
    yield zlib.zstdDecompressSync(stored, whole);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new NarError(`its NAR is longer than the NarSize ${job.narSize} the entry records`);
    }
    throw error;
  }
}

/** No zstd frame of an n-byte NAR is larger than this (ZSTD_compressBound, with room to spare). */
const compressedBound = (narSize: number) => narSize + (narSize >> 7) + (1 << 20);

/** The whole file, unless it is larger than `limit`: a planted huge file is not read. */
function readBounded(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limit) {
      throw new NarError(`its NAR file is ${size} bytes, more than a NAR of its NarSize can take`);
    }
    const buffer = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const read = readSync(fd, buffer, at, size - at, at);
      if (read === 0) break;
      at += read;
    }
    return buffer.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

function narStream(job: NarJob): Readable {
  const file = createReadStream(job.file, { highWaterMark: READ_CHUNK });
  if (job.compression === 'none') return file;
  // Decoding runs on the thread pool, beside this thread's hashing and writing.
  const decoder = zlib.createZstdDecompress({ chunkSize: DECODE_CHUNK });
  // pipeline: the file closes when decoding stops early, and a read error reaches the decoder.
  return pipeline(file, decoder, () => undefined);
}

/**
 * Removes a tree this process wrote, whatever its modes (its directories are 0555 once
 * complete: a store owner that is not root must make them writable first).
 */
export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true });
  } catch {
    await makeWritable(path);
    await rm(path, { recursive: true, force: true });
  }
}

async function makeWritable(path: string): Promise<void> {
  await chmod(path, 0o755).catch(() => undefined);
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await makeWritable(join(path, entry.name));
  }
}
