import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, StoredGzipEncoder, worthDeflating } from './gzip-stored.js';

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

describe('worthDeflating', () => {
  it('tells text from random bytes', () => {
    expect(worthDeflating(Buffer.from('export PATH=/nix/store/abc/bin\n'.repeat(10_000)))).toBe(
      true,
    );
    expect(worthDeflating(randomBytes(300_000))).toBe(false);
  });
});
