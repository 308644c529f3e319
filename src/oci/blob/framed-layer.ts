import { readvAt } from '../../util/fs-async.js';
import { READ_CHUNK } from './digest.js';
import { readAhead, readFileRange, skipBytes } from './file-range.js';
import { crc32, GZIP_HEADER, MAX_STORED, writeBlockHeader } from './gzip-stored.js';

/**
 * How a blob is made from a layer's bytes without compressing them: the bytes as they are
 * (compression none), or gzip's stored blocks (a gzip layer whose bytes do not deflate).
 */
export type Framing = 'identity' | 'stored-gzip';

/** One step of a framed layer: `blob` is the next bytes of the blob, `data` the layer bytes in it. */
export interface FramedChunk {
  blob: Buffer;
  data: Buffer[];
}

const BLOCK_HEADER = 5; // final flag, LEN, NLEN
const TRAILER = 8;
/** Whole stored blocks per read, so that no block is split between two reads. */
const BLOCKS_PER_READ = Math.max(1, Math.floor(READ_CHUNK / MAX_STORED));

/** The size of the blob a layer of `size` bytes makes. */
export function framedSize(size: number, framing: Framing): number {
  if (framing === 'identity') return size;
  // Full blocks, then a final block with the rest (possibly empty): as StoredGzipEncoder writes.
  const blocks = Math.floor(size / MAX_STORED) + 1;
  return GZIP_HEADER.length + blocks * BLOCK_HEADER + size + TRAILER;
}

/**
 * Reads `size` bytes of a file from `start` as the blob `framing` makes of them, byte for byte
 * what StoredGzipEncoder makes of the same bytes. The file is read into two buffers in turn
 * (readAhead), with room left between the reads for the block headers: no byte is copied, and
 * no fresh memory is touched (a page fault per 4 KiB is what reading costs most on a VM). Each
 * chunk is valid only until the next is asked for. Every read of a layer yields the same chunks
 * (HashedBody relies on it).
 */
export async function* framedLayer(
  path: string,
  start: number,
  size: number,
  framing: Framing,
): AsyncGenerator<FramedChunk, void, undefined> {
  if (framing === 'identity') {
    for await (const chunk of readFileRange(path, start, size))
      yield { blob: chunk, data: [chunk] };
    return;
  }
  const checksum = crc32();
  if (!checksum) throw new Error('stored gzip needs zlib.crc32 (Node 20.15 or 22.2 and later)');
  yield { blob: GZIP_HEADER, data: [] };
  // Room for the full blocks of one read, then a final block header and the trailer.
  const length =
    Math.min(BLOCKS_PER_READ, Math.floor(size / MAX_STORED) + 1) * (BLOCK_HEADER + MAX_STORED) +
    BLOCK_HEADER +
    TRAILER;
  let done = 0;
  let crc = 0;
  let ended = false;
  const buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)];
  yield* readAhead(path, buffers, async (fd, buffer): Promise<FramedChunk | undefined> => {
    if (ended) return undefined;
    const left = size - done;
    // The last read holds the final block: every block before it is full, as a stream encoder
    // would cut them, so the blob does not depend on how the file is read.
    const last = left <= BLOCKS_PER_READ * MAX_STORED;
    const full = last ? Math.floor(left / MAX_STORED) : BLOCKS_PER_READ;
    const data: Buffer[] = [];
    let at = 0;
    for (let block = 0; block < full; block += 1) {
      at = writeBlockHeader(buffer, at, MAX_STORED, false);
      data.push(buffer.subarray(at, at + MAX_STORED));
      at += MAX_STORED;
    }
    if (last) {
      const rest = left - full * MAX_STORED;
      at = writeBlockHeader(buffer, at, rest, true);
      if (rest > 0) data.push(buffer.subarray(at, at + rest));
      at += rest;
    }
    await readFully(path, fd, data, start + done);
    for (const piece of data) {
      crc = checksum(piece, crc);
      done += piece.length;
    }
    if (!last) return { blob: buffer.subarray(0, at), data };
    ended = true;
    buffer.writeUInt32LE(crc >>> 0, at);
    buffer.writeUInt32LE(size % 2 ** 32, at + 4);
    return { blob: buffer.subarray(0, at + TRAILER), data };
  });
}

/** Fills `views` from `position` on, over as many reads as it takes; a file that ends first is an error. */
async function readFully(path: string, fd: number, views: Buffer[], position: number) {
  let rest = views.filter((view) => view.length > 0);
  let at = position;
  while (rest.length > 0) {
    const got = await readvAt(fd, rest, at);
    if (got === 0) throw new Error(`${path}: ended at byte ${at}, inside a layer`);
    at += got;
    rest = skipBytes(rest, got);
  }
}
