import { describe, expect, it } from 'vitest';
import { BlockMemory, blocks, encodeInOrder } from './block-pipeline.js';

const collect = async (source: AsyncIterable<Buffer>) => {
  const out: Buffer[] = [];
  for await (const piece of source) out.push(Buffer.from(piece));
  return out;
};

async function* from(...chunks: string[]) {
  for (const chunk of chunks) yield Buffer.from(chunk);
}

describe('blocks', () => {
  it('cuts chunks of any size into blocks of a fixed size, the last shorter', async () => {
    const out = await collect(blocks(from('abcde', 'fg', 'hijklmn'), 4));
    expect(out.map(String)).toEqual(['abcd', 'efgh', 'ijkl', 'mn']);
  });

  it('grows the blocks as the size function says', async () => {
    const out = await collect(blocks(from('abcdefghijklmnop'), (index) => 2 << index));
    expect(out.map(String)).toEqual(['ab', 'cdef', 'ghijklmn', 'op']);
  });

  it('takes its blocks from BlockMemory, which uses given-back whole blocks again', async () => {
    const memory = new BlockMemory(4, 1);
    const seen: ArrayBufferLike[] = [];
    const texts: string[] = [];
    for await (const block of blocks(from('abcdefghij'), memory)) {
      seen.push(block.buffer);
      texts.push(String(block));
      memory.give(block); // encoded at once: its memory serves the next block
    }
    expect(texts).toEqual(['abcd', 'efgh', 'ij']);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
  });

  it('keeps no more than it is told to, and no buffer of another size', () => {
    const memory = new BlockMemory(4, 1);
    const [a, b] = [memory.take(), memory.take()];
    memory.give(Buffer.alloc(8).subarray(0, 4)); // another size's memory
    memory.give(a as Buffer);
    memory.give(b as Buffer); // one kept already
    expect(memory.take().buffer).toBe((a as Buffer).buffer);
    expect(memory.take().buffer).not.toBe((b as Buffer).buffer);
  });
});

describe('encodeInOrder', () => {
  it('yields the pieces in the input order, whichever finishes first', async () => {
    const delays = [30, 1, 15, 0, 5];
    async function* input() {
      for (const [index, delay] of delays.entries()) yield { index, delay };
    }
    const encode =
      ({ index, delay }: { index: number; delay: number }) =>
      () =>
        new Promise<Buffer>((resolve) => setTimeout(() => resolve(Buffer.from(`${index}`)), delay));
    expect((await collect(encodeInOrder(input(), encode, 2))).map(String)).toEqual(
      delays.map((_, index) => `${index}`),
    );
  });

  it('hands on the first piece while the input has not yet given the next blocks', async () => {
    // The input gives its second block only once the first piece has been consumed: a pipeline
    // that waits for a full queue before its first piece never ends.
    let consumed = () => {};
    const firstConsumed = new Promise<void>((resolve) => (consumed = resolve));
    async function* input() {
      yield 'first';
      await firstConsumed;
      yield 'second';
    }
    const out: string[] = [];
    for await (const piece of encodeInOrder(
      input(),
      (block) => async () => Buffer.from(block),
      4,
    )) {
      out.push(String(piece));
      consumed();
    }
    expect(out).toEqual(['first', 'second']);
  });

  it('reads no further than 2 × parallel blocks ahead of its consumer', async () => {
    let read = 0;
    async function* input() {
      for (let index = 0; index < 100; index += 1) {
        read += 1;
        yield index;
      }
    }
    const pieces = encodeInOrder(input(), (index) => async () => Buffer.from([index]), 2);
    await pieces.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeLessThanOrEqual(2 * 2 + 2);
    await pieces.return(undefined);
  });

  it('closes its input when the consumer stops early', async () => {
    let closed = false;
    async function* input() {
      try {
        for (let index = 0; ; index += 1) yield index;
      } finally {
        closed = true;
      }
    }
    for await (const piece of encodeInOrder(
      input(),
      (index) => async () => Buffer.from([index]),
      2,
    )) {
      void piece;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(true);
  });

  it('throws a failed piece, and the input failure after the pieces before it', async () => {
    const failing = encodeInOrder(
      from('a', 'b'),
      (block) => async () => {
        if (String(block) === 'b') throw new Error('deflate failed');
        return block;
      },
      2,
    );
    await expect(collect(failing)).rejects.toThrow('deflate failed');
    async function* brokenInput() {
      yield Buffer.from('kept');
      throw new Error('the archive went away');
    }
    const out: string[] = [];
    const drain = async () => {
      for await (const piece of encodeInOrder(brokenInput(), (b) => async () => b, 2))
        out.push(String(piece));
    };
    await expect(drain()).rejects.toThrow('the archive went away');
    expect(out).toEqual(['kept']);
  });
});
