import { describe, expect, it } from 'vitest';
import { skipBytes } from '../blob/file-range.js';

describe('skipBytes', () => {
  it('drops the first bytes across pieces without copying the rest', () => {
    const pieces = [Buffer.from('abc'), Buffer.from('defg'), Buffer.from('hi')];
    expect(Buffer.concat(skipBytes(pieces, 0)).toString()).toBe('abcdefghi');
    expect(Buffer.concat(skipBytes(pieces, 4)).toString()).toBe('efghi');
    expect(Buffer.concat(skipBytes(pieces, 7)).toString()).toBe('hi');
    expect(skipBytes(pieces, 9)).toEqual([]);
    expect(skipBytes(pieces, 4)[1]).toBe(pieces[2]);
  });
});
