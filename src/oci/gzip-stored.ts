import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';

/** Deflate's stored blocks hold at most 65535 bytes each. */
const MAX_STORED = 0xffff;
// gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS unix — as zlib writes it.
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);

type Crc32 = (data: Buffer, value?: number) => number;

/** Node's crc32 (22.2+, 20.15+); without it stored gzip falls back to zlib at level 0. */
export const crc32: Crc32 | undefined = (zlib as unknown as { crc32?: Crc32 }).crc32;

/**
 * A gzip stream of stored (uncompressed) deflate blocks: what gzip makes of data that does not
 * compress, at the cost of a copy and a CRC instead of a deflate pass that gains nothing
 * (zlib at level 1 moves random bytes at about 40 MB/s here; this at memory speed).
 */
export class StoredGzip extends Transform {
  private crc = 0;
  private length = 0;
  private started = false;
  /** Bytes short of a full block, carried over so block boundaries never depend on chunking. */
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly checksum: Crc32) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.crc = this.checksum(chunk, this.crc);
    this.length = (this.length + chunk.length) % 2 ** 32;
    if (!this.started) {
      this.push(HEADER);
      this.started = true;
    }
    let offset = 0;
    if (this.pending.length > 0) {
      // Complete the carried-over block first, copying only its few bytes.
      const needed = Math.min(MAX_STORED - this.pending.length, chunk.length);
      this.pending = Buffer.concat([this.pending, chunk.subarray(0, needed)]);
      offset = needed;
      if (this.pending.length < MAX_STORED) return callback();
      this.block(this.pending, false);
      this.pending = Buffer.alloc(0);
    }
    // Whole blocks straight from the chunk: a 5-byte header, then a view of the data (no copy).
    for (; chunk.length - offset >= MAX_STORED; offset += MAX_STORED) {
      this.block(chunk.subarray(offset, offset + MAX_STORED), false);
    }
    this.pending = Buffer.from(chunk.subarray(offset));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.started) this.push(HEADER);
    this.block(this.pending, true);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.length, 4);
    callback(null, trailer);
  }

  private block(data: Buffer, final: boolean): void {
    const header = Buffer.allocUnsafe(5);
    header[0] = final ? 0x01 : 0x00;
    header.writeUInt16LE(data.length, 1);
    header.writeUInt16LE(~data.length & 0xffff, 3);
    this.push(header);
    if (data.length > 0) this.push(data);
  }
}

/** How much of a layer's start is compressed on trial to decide whether the layer compresses. */
export const SAMPLE_BYTES = 64 * 1024;

/**
 * Whether a sample of a layer is worth deflating: if level 1 saves under 5 % of it, the layer
 * is most likely compressed or random data already. Deterministic, so a layer always gets the
 * same bytes (and digest) however often it is pushed.
 */
export function worthDeflating(sample: Buffer): boolean {
  const head = sample.subarray(0, SAMPLE_BYTES);
  if (head.length === 0) return true;
  return zlib.deflateRawSync(head, { level: 1 }).length < head.length * 0.95;
}
