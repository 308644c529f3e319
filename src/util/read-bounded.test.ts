import { describe, expect, it } from 'vitest';
import { readBounded } from './read-bounded.js';

async function* pieces(...parts: (string | Buffer)[]) {
  for (const part of parts) yield part;
}

describe('readBounded', () => {
  it('joins every piece, strings and buffers, up to the limit', async () => {
    const read = await readBounded(pieces('ab', Buffer.from('cd'), 'e'), 5, () => new Error('x'));
    expect(read.toString()).toBe('abcde');
  });

  it('refuses with the given error once past the limit, without reading on', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(4);
      }
    }
    await expect(readBounded(endless(), 10, () => new Error('too big'))).rejects.toThrow('too big');
    expect(pulled).toBe(3);
  });
});
