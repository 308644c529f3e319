import * as zlib from 'node:zlib';

/** Deflate's stored blocks hold at most 65535 bytes each. */
export const MAX_STORED = 0xffff;
// gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS unix — as zlib writes it.
export const GZIP_HEADER = Buffer.from([
  0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
]);

type Crc32 = (data: Buffer, value?: number) => number;

/** Node's crc32 (22.2+, 20.15+); without it stored gzip falls back to zlib at level 0. */
export const crc32 = (): Crc32 | undefined => (zlib as unknown as { crc32?: Crc32 }).crc32;

/**
 * A gzip stream of stored (uncompressed) deflate blocks: what gzip makes of data that does not
 * compress, at the cost of a copy and a CRC instead of a deflate pass that gains nothing (and
 * deflates random bytes far below memory speed).
 *
 * Synchronous: each input chunk is copied out before `encode` returns, so a caller may hand it a
 * buffer it reuses for the next chunk.
 */
export class StoredGzipEncoder {
  private crc = 0;
  private length = 0;
  private started = false;
  /** Bytes short of a full block, carried over so block boundaries never depend on chunking. */
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly checksum: Crc32) {}

  /** The gzip bytes for `chunk`: empty while less than a block has come in. */
  encode(chunk: Buffer): Buffer {
    this.crc = this.checksum(chunk, this.crc);
    this.length = (this.length + chunk.length) % 2 ** 32;
    const total = this.pending.length + chunk.length;
    const blocks = Math.floor(total / MAX_STORED);
    if (blocks === 0) {
      this.pending = Buffer.concat([this.pending, chunk]);
      return EMPTY;
    }
    // One output buffer per input chunk (one copy, few pieces downstream): the header once, then
    // each full block as a 5-byte block header and its bytes. A short tail waits for more input,
    // so block boundaries never depend on how the input was chunked.
    const head = this.started ? 0 : GZIP_HEADER.length;
    const out = Buffer.allocUnsafe(head + blocks * (5 + MAX_STORED));
    let at = 0;
    if (!this.started) {
      at = GZIP_HEADER.copy(out, 0);
      this.started = true;
    }
    let used = 0; // bytes of `chunk` consumed
    for (let block = 0; block < blocks; block += 1) {
      at = writeBlockHeader(out, at, MAX_STORED, false);
      let room = MAX_STORED;
      if (block === 0 && this.pending.length > 0) {
        at += this.pending.copy(out, at);
        room -= this.pending.length;
      }
      at += chunk.copy(out, at, used, used + room);
      used += room;
    }
    this.pending = Buffer.from(chunk.subarray(used));
    return out;
  }

  /** The last block and the gzip trailer. */
  finish(): Buffer {
    const head = this.started ? 0 : GZIP_HEADER.length;
    const out = Buffer.allocUnsafe(head + 5 + this.pending.length + 8);
    let at = this.started ? 0 : GZIP_HEADER.copy(out, 0);
    at = writeBlockHeader(out, at, this.pending.length, true);
    at += this.pending.copy(out, at);
    out.writeUInt32LE(this.crc >>> 0, at);
    out.writeUInt32LE(this.length, at + 4);
    return out;
  }
}

const EMPTY = Buffer.alloc(0);

/** Writes a stored block's header (final flag, LEN, NLEN) at `at`; returns the next offset. */
export function writeBlockHeader(out: Buffer, at: number, size: number, final: boolean): number {
  out[at] = final ? 0x01 : 0x00;
  out.writeUInt16LE(size, at + 1);
  out.writeUInt16LE(~size & 0xffff, at + 3);
  return at + 5;
}

/** A layer is judged by this many windows spread over it, each this long (deflate sees 32 KiB back). */
export const SAMPLE_WINDOWS = 8;
export const WINDOW_BYTES = 32 * 1024;
/** Below this saving a layer is sent as it is: deflate would cost time and send about as much. */
export const MIN_SAVING = 0.03;

/**
 * Where to sample a layer of `size` bytes: the whole of a small one, else the first WINDOW_BYTES
 * of each of its SAMPLE_WINDOWS equal parts, so a layer whose start is compressed (or random)
 * and whose rest is text is judged by both. Not its very end: a tar ends in up to 10 KiB of
 * zeros (tar's record padding), which would make a window there look compressible and tip a
 * random layer over the line.
 */
export function sampleWindows(size: number): { offset: number; length: number }[] {
  if (size <= SAMPLE_WINDOWS * WINDOW_BYTES) return size === 0 ? [] : [{ offset: 0, length: size }];
  return Array.from({ length: SAMPLE_WINDOWS }, (_, i) => ({
    offset: Math.floor((i * size) / SAMPLE_WINDOWS),
    length: WINDOW_BYTES,
  }));
}

/**
 * Whether a layer is worth deflating, from windows spread over all of it (sampleWindows): if
 * level 1 saves under MIN_SAVING of them together, the layer is compressed or random data
 * already. Deterministic, so a layer always gets the same bytes (and digest) however often it
 * is pushed. An empty layer is deflated (as every other tool does).
 */
export function worthDeflating(
  size: number,
  read: (offset: number, length: number) => Buffer,
): boolean {
  let input = 0;
  let output = 0;
  for (const { offset, length } of sampleWindows(size)) {
    const window = read(offset, length);
    input += window.length;
    output += zlib.deflateRawSync(window, { level: 1 }).length;
  }
  return input === 0 || output < input * (1 - MIN_SAVING);
}
