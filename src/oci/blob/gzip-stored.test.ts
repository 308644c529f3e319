import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  crc32,
  SAMPLE_WINDOWS,
  sampleWindows,
  StoredGzipEncoder,
  WINDOW_BYTES,
  worthDeflating,
} from './gzip-stored.js';

/** Encodes the chunks as a reader that reuses one buffer hands them over: each is overwritten. */
function storedGzip(chunks: Buffer[]): Buffer {
  const encoder = new StoredGzipEncoder(crc32() as NonNullable<ReturnType<typeof crc32>>);
  const scratch = Buffer.alloc(Math.max(1, ...chunks.map((chunk) => chunk.length)));
  const out: Buffer[] = [];
  for (const chunk of chunks) {
    chunk.copy(scratch);
    out.push(encoder.encode(scratch.subarray(0, chunk.length)));
    scratch.fill(0xaa);
  }
  out.push(encoder.finish());
  return Buffer.concat(out);
}

describe('StoredGzipEncoder', () => {
  it('writes gzip that gunzip reads back exactly, across block and chunk boundaries', () => {
    const data = randomBytes(300_000);
    const chunks = [
      data.subarray(0, 1),
      data.subarray(1, 70_000),
      data.subarray(70_000, 200_001),
      data.subarray(200_001),
    ];
    const gz = storedGzip(chunks);
    expect(gunzipSync(gz).equals(data)).toBe(true);
    // Full 65535-byte blocks whatever the chunks: 5 blocks of 5 header bytes, header and trailer.
    expect(gz.length).toBe(data.length + 10 + 8 + 5 * Math.ceil(300_000 / 65_535));
  });

  it('writes a valid empty gzip', () => {
    expect(gunzipSync(storedGzip([])).length).toBe(0);
  });

  it('is deterministic', () => {
    const data = randomBytes(100_000);
    expect(storedGzip([data]).equals(storedGzip([data.subarray(0, 5), data.subarray(5)]))).toBe(
      true,
    );
  });
});

describe('worthDeflating: judged by windows over the whole layer', () => {
  const text = (bytes: number) =>
    Buffer.from('export PATH=/nix/store/abc/bin # option value\n'.repeat(bytes / 40)).subarray(
      0,
      bytes,
    );
  const judge = (layer: Buffer) => {
    const reads: number[] = [];
    const worth = worthDeflating(layer.length, (offset, length) => {
      reads.push(length);
      return layer.subarray(offset, offset + length);
    });
    return { worth, readBytes: reads.reduce((a, b) => a + b, 0) };
  };
  const MB = 1 << 20;

  it('deflates a layer whose start is random and whose rest is text', () => {
    const layer = Buffer.concat([randomBytes(3 * MB), text(3 * MB)]);
    expect(judge(layer).worth).toBe(true);
  });

  it('deflates a layer whose start is text and whose rest is random', () => {
    const layer = Buffer.concat([text(3 * MB), randomBytes(3 * MB)]);
    expect(judge(layer).worth).toBe(true);
  });

  it('sends a random layer as it is, reading only its sample windows', () => {
    const { worth, readBytes } = judge(randomBytes(6 * MB));
    expect(worth).toBe(false);
    expect(readBytes).toBe(SAMPLE_WINDOWS * WINDOW_BYTES);
  });

  it('sends a layer that is nearly all random as it is', () => {
    // 1 % text between the windows: deflate would gain about 1 %, under MIN_SAVING.
    const layer = Buffer.concat([randomBytes(2.5 * MB), text(MB / 16), randomBytes(3.5 * MB)]);
    expect(judge(layer).worth).toBe(false);
  });

  it('deflates an all-text layer, and a small one whole', () => {
    expect(judge(text(6 * MB)).worth).toBe(true);
    expect(judge(text(10_000))).toEqual({ worth: true, readBytes: 10_000 });
    expect(judge(randomBytes(10_000)).worth).toBe(false);
  });

  it('deflates an empty layer without reading it', () => {
    expect(judge(Buffer.alloc(0))).toEqual({ worth: true, readBytes: 0 });
  });

  it('spreads its windows over the layer, one at the start of each eighth', () => {
    const windows = sampleWindows(100 * MB);
    expect(windows).toHaveLength(SAMPLE_WINDOWS);
    expect(windows.map((w) => w.offset)).toEqual(
      Array.from({ length: SAMPLE_WINDOWS }, (_, i) => Math.floor((i * 100 * MB) / 8)),
    );
  });

  it("sends a random tar layer as it is despite the zeros of tar's padding at its end", () => {
    const layer = Buffer.concat([randomBytes(2 * MB), Buffer.alloc(10 * 1024)]);
    expect(judge(layer).worth).toBe(false);
  });
});
