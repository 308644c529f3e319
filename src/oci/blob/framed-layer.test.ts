import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFileRange } from './file-range.js';
import { framedLayer, framedSize, type Framing } from './framed-layer.js';
import { crc32, MAX_STORED, StoredGzipEncoder } from './gzip-stored.js';
import { tempDir } from '../../../test/helpers/temp.js';

const dir = tempDir('hypernix-framed-');

/** A file with `before` bytes, the layer, then `after` bytes: a layer inside a tar. */
function fileWith(layer: Buffer, before = 1000, after = 700): { path: string; start: number } {
  const path = join(dir, `layer-${layer.length}-${Math.random()}`);
  writeFileSync(path, Buffer.concat([randomBytes(before), layer, randomBytes(after)]));
  return { path, start: before };
}

/** The blob and the data the chunks carried, copied as they pass: each chunk is overwritten. */
async function framed(layer: Buffer, framing: Framing) {
  const { path, start } = fileWith(layer);
  const blob: Buffer[] = [];
  const data: Buffer[] = [];
  for await (const chunk of framedLayer(path, start, layer.length, framing)) {
    blob.push(Buffer.from(chunk.blob));
    for (const piece of chunk.data) data.push(Buffer.from(piece));
  }
  return { blob: Buffer.concat(blob), data: Buffer.concat(data) };
}

function encoderGzip(layer: Buffer): Buffer {
  const encoder = new StoredGzipEncoder(crc32() as NonNullable<ReturnType<typeof crc32>>);
  return Buffer.concat([encoder.encode(layer), encoder.finish()]);
}

// Around the edges: empty, one block exactly, the blocks of one read exactly, and one over.
const SIZES = [
  0,
  1,
  MAX_STORED - 1,
  MAX_STORED,
  MAX_STORED + 1,
  4 * MAX_STORED,
  4 * MAX_STORED + 1,
  9 * MAX_STORED + 12_345,
];

describe('framedLayer', () => {
  it.each(SIZES)(
    'stored gzip of %i bytes: what the stream encoder writes, byte for byte',
    async (size) => {
      const layer = randomBytes(size);
      const { blob, data } = await framed(layer, 'stored-gzip');
      expect(blob.equals(encoderGzip(layer))).toBe(true);
      expect(gunzipSync(blob).equals(layer)).toBe(true);
      expect(data.equals(layer)).toBe(true);
      expect(blob.length).toBe(framedSize(size, 'stored-gzip'));
    },
  );

  it.each([0, 1, 300_000, 1_000_000])(
    'identity of %i bytes is the bytes themselves',
    async (size) => {
      const layer = randomBytes(size);
      const { blob, data } = await framed(layer, 'identity');
      expect(blob.equals(layer)).toBe(true);
      expect(data.equals(layer)).toBe(true);
      expect(framedSize(size, 'identity')).toBe(size);
    },
  );

  it('fails on a file shorter than the layer it should hold', async () => {
    const { path, start } = fileWith(randomBytes(100_000), 10, 0);
    const read = async () => {
      for await (const chunk of framedLayer(path, start, 300_000, 'stored-gzip')) void chunk;
    };
    await expect(read()).rejects.toThrow(/ended at byte \d+, inside a layer/);
  });
});

describe('readFileRange', () => {
  it('reads a range in chunks, and a reader that stops early leaves nothing open', async () => {
    const layer = randomBytes(1_000_000);
    const { path, start } = fileWith(layer);
    const chunks: Buffer[] = [];
    for await (const chunk of readFileRange(path, start, layer.length))
      chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).equals(layer)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);

    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for await (const chunk of readFileRange(path, start, layer.length)) {
      expect(chunk.equals(layer.subarray(0, chunk.length))).toBe(true);
      expect(open()).toBe(before + 1);
      break;
    }
    expect(open()).toBe(before);
  });
});
