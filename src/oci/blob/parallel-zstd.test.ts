import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { zstdDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { refilled, text } from '../../../test/helpers/block-input.js';
import { BLOCK_BYTES, parallelZstd } from './parallel-zstd.js';

async function zstdOf(input: Buffer, chunk = 256 * 1024, parallel = 2): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of parallelZstd(refilled(input, chunk), 3, parallel))
    out.push(Buffer.from(piece));
  return Buffer.concat(out);
}

/** What the zstd program (the reference implementation) makes of the stream. */
const zstdProgram = (blob: Buffer) =>
  execFileSync('zstd', ['-q', '-d', '-c'], { input: blob, maxBuffer: 64 << 20 });

/** The frames of a stream: each starts with zstd's magic number, little-endian 0xFD2FB528. */
function frameStarts(blob: Buffer): number {
  let count = 0;
  for (let at = blob.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])); at >= 0;) {
    count += 1;
    at = blob.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), at + 1);
  }
  return count;
}

describe('parallelZstd', () => {
  it('makes one frame per block that the zstd program and Node decode to the input', async () => {
    const input = Buffer.concat([text(5 << 20), randomBytes(3 << 20), text(1 << 20)]);
    const blob = await zstdOf(input);
    expect(Math.ceil(input.length / BLOCK_BYTES)).toBe(3);
    expect(frameStarts(blob)).toBeGreaterThanOrEqual(3);
    expect(zstdProgram(blob).equals(input)).toBe(true);
    expect(zstdDecompressSync(blob).equals(input)).toBe(true);
    expect(blob.length).toBeLessThan(input.length * 0.45); // the text compressed, the random did not grow
  });

  it('makes the same bytes whatever the chunks it is handed and the parallelism', async () => {
    const input = Buffer.concat([text(6 << 20), randomBytes(1 << 20)]);
    const digest = (blob: Buffer) => createHash('sha256').update(blob).digest('hex');
    const first = digest(await zstdOf(input, 64 * 1024, 1));
    expect(digest(await zstdOf(input, 3 << 20, 4))).toBe(first);
    expect(digest(await zstdOf(input, 1_000_003, 2))).toBe(first);
  });

  it('keeps its frames at most 4 MiB however long the layer (no size overflow)', async () => {
    // 60 frames' worth: past the 13th block a shifted frame size had overflowed 32 bits.
    const input = Buffer.alloc(BLOCK_BYTES * 60, text(1 << 20));
    const blob = await zstdOf(input, 1 << 20);
    expect(frameStarts(blob)).toBeGreaterThanOrEqual(60);
    expect(zstdDecompressSync(blob, { maxOutputLength: input.length + 1 }).equals(input)).toBe(
      true,
    );
  });

  it('gives an empty layer one empty frame', async () => {
    const blob = await zstdOf(Buffer.alloc(0));
    expect(frameStarts(blob)).toBe(1);
    expect(zstdProgram(blob).length).toBe(0);
  });

  it('passes on a failure of its source', async () => {
    async function* failing() {
      yield text(BLOCK_BYTES + 10);
      throw new Error('the archive went away');
    }
    const drain = async () => {
      for await (const piece of parallelZstd(failing(), 3, 2)) void piece;
    };
    await expect(drain()).rejects.toThrow('the archive went away');
  });
});
