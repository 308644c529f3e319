import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { refilled, text } from '../../../test/helpers/block-input.js';
import { BLOCK_BYTES, entropy, parallelGzip, storedSize } from './parallel-gzip.js';
import { tempDir } from '../../../test/helpers/temp.js';

async function gzipOf(input: Buffer, chunk = 256 * 1024, parallel = 2): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of parallelGzip(refilled(input, chunk), 1, parallel))
    out.push(Buffer.from(piece));
  return Buffer.concat(out);
}

/** `gzip -t` on the stream: the reference implementation accepts it. */
function gzipTest(blob: Buffer): void {
  const dir = tempDir('pgzip-');
  try {
    writeFileSync(join(dir, 'x.gz'), blob);
    execFileSync('gzip', ['-t', join(dir, 'x.gz')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('parallelGzip', () => {
  const MB = 1 << 20;
  const cases: [string, () => Buffer][] = [
    ['empty', () => Buffer.alloc(0)],
    ['one short block', () => text(10_000)],
    ['random start, text rest', () => Buffer.concat([randomBytes(3 * MB), text(3 * MB + 17)])],
    ['text start, random rest', () => Buffer.concat([text(3 * MB), randomBytes(2 * MB + 5)])],
    ['exactly two blocks', () => text(2 * BLOCK_BYTES)],
  ];
  for (const [name, make] of cases) {
    it(`makes one valid gzip stream (${name}): gunzip and gzip -t agree`, async () => {
      const input = make();
      const blob = await gzipOf(input);
      expect(gunzipSync(blob).equals(input)).toBe(true);
      gzipTest(blob);
    });
  }

  it('gives the same bytes however the input is chunked and however many run at once', async () => {
    const input = Buffer.concat([text(2 * MB), randomBytes(MB), text(MB + 3)]);
    const a = await gzipOf(input, 256 * 1024, 2);
    const b = await gzipOf(input, 100_003, 1);
    expect(a.equals(b)).toBe(true);
  });

  it('compresses across block joins about as well as one stream (the dictionary carries)', async () => {
    const input = text(4 * MB);
    const blob = await gzipOf(input);
    expect(blob.length).toBeLessThan(gzipSync(input, { level: 1 }).length * 1.02);
  });

  it('sends random blocks stored: no bigger than the input and its block headers', async () => {
    const input = randomBytes(3 * MB);
    const blob = await gzipOf(input);
    expect(blob.length).toBeLessThanOrEqual(storedSize(input.length) + 18 + 15);
    expect(entropy(input)).toBeGreaterThan(7.99);
    expect(entropy(text(MB))).toBeLessThan(6);
  });

  it('uses the memory of deflated blocks again: a long layer allocates only the blocks in flight', async () => {
    const allocations = vi.spyOn(Buffer, 'allocUnsafeSlow');
    try {
      const input = text(24 * BLOCK_BYTES);
      const blob = await gzipOf(input, 256 * 1024, 2);
      expect(gunzipSync(blob).equals(input)).toBe(true);
      const blocks = allocations.mock.calls.filter(([size]) => size === BLOCK_BYTES).length;
      // 2 × parallel read ahead, one waited on, one being filled: 6 of the 24 blocks.
      expect(blocks).toBeGreaterThan(0);
      expect(blocks).toBeLessThanOrEqual(2 * 2 + 2);
    } finally {
      allocations.mockRestore();
    }
  });
});
