// gzip of one layer on every core, as pigz and Go's pgzip do: the input is cut into blocks of
// BLOCK_BYTES, each deflated on its own (on Node's thread pool, so several at once) with the
// 32 KiB before it as its dictionary, ended by a sync flush so the pieces join on byte
// boundaries. One gzip stream: a header, the pieces in order, an empty final block, the CRC of
// the whole input and its length. Block boundaries depend only on the input, so the same layer
// always makes the same bytes (and digest).
//
// A block that does not compress goes as stored blocks instead: skipped before deflating when
// its bytes look random (order-0 entropy near 8 bits), and chosen afterwards when deflate made
// it no smaller. So a layer whose files are half random costs deflate only for the other half.

import { availableParallelism } from 'node:os';
import * as zlib from 'node:zlib';
import { BlockLevel } from './adaptive-level.js';
import { BlockMemory, blocks, encodeInOrder } from './block-pipeline.js';
import { crc32, GZIP_HEADER, MAX_STORED, writeBlockHeader } from './gzip-stored.js';

/** Input per independently deflated block: large enough that the joins cost nothing to speak of. */
export const BLOCK_BYTES = 1 << 20;
/** Deflate looks back this far: each block gets the 32 KiB before it as its dictionary. */
const DICTIONARY_BYTES = 32 * 1024;
/** An empty stored block with BFINAL set: ends the deflate stream after sync-flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
/** Bits per byte above which a block is taken for compressed or random data. */
const RANDOM_ENTROPY = 7.99;
/** Past a block's stored size: deflate's flush markers, so a piece never needs a second buffer. */
const OUTPUT_SLACK = 1024;
/** Every SAMPLE_STEP-th byte of a block goes into its entropy estimate. */
const SAMPLE_STEP = 4;

/** The bytes of `size` input as non-final stored blocks. */
export function storedSize(size: number): number {
  return size + 5 * Math.max(1, Math.ceil(size / MAX_STORED));
}

function stored(block: Buffer): Buffer {
  const out = Buffer.allocUnsafe(storedSize(block.length));
  let at = 0;
  let used = 0;
  do {
    const size = Math.min(MAX_STORED, block.length - used);
    at = writeBlockHeader(out, at, size, false);
    at += block.copy(out, at, used, used + size);
    used += size;
  } while (used < block.length);
  return out.subarray(0, at);
}

/** Order-0 entropy of a sample of `block`, in bits per byte. */
export function entropy(block: Buffer): number {
  const counts = new Uint32Array(256);
  let total = 0;
  for (let i = 0; i < block.length; i += SAMPLE_STEP) {
    const byte = block[i] as number;
    counts[byte] = (counts[byte] as number) + 1;
    total += 1;
  }
  let bits = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** One block's piece of the stream: sync-flushed deflate, or stored blocks when smaller. */
async function deflateBlock(block: Buffer, dictionary: Buffer | undefined, level: number) {
  if (block.length >= 64 * 1024 && entropy(block) > RANDOM_ENTROPY) return stored(block);
  const options: zlib.ZlibOptions = {
    level,
    memLevel: 9,
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
    // Room for the whole piece: deflated in one trip to the thread pool. With zlib's 16 KiB
    // default, each block went back to the main thread some 30 times, the pool's thread idle
    // meanwhile, and the pieces were joined (Buffer.concat) at the end.
    chunkSize: storedSize(block.length) + OUTPUT_SLACK,
    ...(dictionary ? { dictionary } : {}),
  };
  return new Promise<Buffer>((resolve, reject) =>
    zlib.deflateRaw(block, options, (error, out) => {
      if (error) reject(error);
      else if (out.length >= storedSize(block.length)) resolve(stored(block));
      // A piece may be a view of the whole output buffer: copied, so that the chunks an upload
      // holds (up to 32 MiB) hold only their own bytes.
      else resolve(out.buffer.byteLength > 2 * out.length ? Buffer.from(out) : out);
    }),
  );
}

/**
 * The gzip stream of `source`, its blocks deflated `parallel` at a time. At most 2 × parallel + 2
 * blocks of input and the output of 2 × parallel are held, whatever the layer's size. `level`: one for every block,
 * or a BlockLevel that picks each block's as the upload goes (adaptive-level).
 */
export async function* parallelGzip(
  source: AsyncIterable<Buffer>,
  level: number | BlockLevel,
  parallel = availableParallelism(),
): AsyncGenerator<Buffer> {
  const levels = typeof level === 'number' ? new BlockLevel(level) : level;
  const checksum = crc32();
  if (!checksum) throw new Error('parallel gzip needs zlib.crc32 (Node 20.15 or later)');
  yield GZIP_HEADER;
  // The most blocks a layer has at once: 2 × parallel read ahead (those being deflated among
  // them), the one its consumer waits on, and the one being filled.
  const memory = new BlockMemory(BLOCK_BYTES, 2 * parallel + 2);
  let crc = 0;
  let length = 0;
  let dictionary: Buffer | undefined;
  // The CRC, length and dictionary are taken as each block is handed to encodeInOrder, in order.
  // The next block's dictionary is copied out now: this block's memory is used again once it is
  // deflated, which may be before the next block is read.
  const deflates = (block: Buffer) => {
    crc = checksum(block, crc);
    length = (length + block.length) % 2 ** 32;
    const blockLevel = levels.next();
    const own = dictionary;
    dictionary = Buffer.from(block.subarray(-DICTIONARY_BYTES));
    return async () => {
      const piece = await deflateBlock(block, own, blockLevel);
      memory.give(block);
      return piece;
    };
  };
  yield* encodeInOrder(blocks(source, memory), deflates, parallel);
  const trailer = Buffer.allocUnsafe(FINAL_BLOCK.length + 8);
  FINAL_BLOCK.copy(trailer, 0);
  trailer.writeUInt32LE(crc >>> 0, FINAL_BLOCK.length);
  trailer.writeUInt32LE(length, FINAL_BLOCK.length + 4);
  yield trailer;
}
