import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, StoredGzip, worthDeflating } from './gzip-stored.js';

async function storedGzip(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    new StoredGzip(crc32 as NonNullable<typeof crc32>),
    async (source) => {
      for await (const chunk of source as AsyncIterable<Buffer>) out.push(chunk);
    },
  );
  return Buffer.concat(out);
}

describe('StoredGzip', () => {
  it('writes gzip that gunzip reads back exactly, across block and chunk boundaries', async () => {
    const data = randomBytes(300_000);
    const chunks = [
      data.subarray(0, 1),
      data.subarray(1, 70_000),
      data.subarray(70_000, 200_001),
      data.subarray(200_001),
    ];
    const gz = await storedGzip(chunks);
    expect(gunzipSync(gz).equals(data)).toBe(true);
    // Full 65535-byte blocks whatever the chunks: 5 blocks of 5 header bytes, header and trailer.
    expect(gz.length).toBe(data.length + 10 + 8 + 5 * Math.ceil(300_000 / 65_535));
  });

  it('writes a valid empty gzip', async () => {
    expect(gunzipSync(await storedGzip([])).length).toBe(0);
  });

  it('is deterministic', async () => {
    const data = randomBytes(100_000);
    expect(
      (await storedGzip([data])).equals(await storedGzip([data.subarray(0, 5), data.subarray(5)])),
    ).toBe(true);
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
