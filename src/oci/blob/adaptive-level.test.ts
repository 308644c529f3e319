import { describe, expect, it } from 'vitest';
import { BlockLevel, NOISE_MS, nextLevel } from './adaptive-level.js';

const range = { min: 1, start: 5, max: 9 };

describe('nextLevel', () => {
  it('goes up one step when the link waited longer (compressed bytes waiting to leave)', () => {
    expect(nextLevel(5, { forLink: 40, forDeflate: 3 }, range)).toBe(6);
  });

  it('goes down one step when the link sat idle waiting for the compressor', () => {
    expect(nextLevel(5, { forLink: 3, forDeflate: 40 }, range)).toBe(4);
  });

  it('stays within the range', () => {
    expect(nextLevel(9, { forLink: 40, forDeflate: 0 }, range)).toBe(9);
    expect(nextLevel(1, { forLink: 0, forDeflate: 40 }, range)).toBe(1);
  });

  it('keeps its level when nothing waited long enough to tell', () => {
    expect(nextLevel(5, { forLink: NOISE_MS / 4, forDeflate: NOISE_MS / 4 }, range)).toBe(5);
    expect(nextLevel(5, { forLink: 0, forDeflate: 0 }, range)).toBe(5);
  });
});

describe('BlockLevel', () => {
  it('a fixed level never moves, whatever waited', () => {
    const level = new BlockLevel(6);
    level.waitedForLink(100);
    expect(level.next()).toBe(6);
    level.waitedForDeflate(1000);
    expect(level.next()).toBe(6);
  });

  it('an adaptive one climbs while the link is the limit and falls when the CPU is', () => {
    const level = new BlockLevel(range);
    expect(level.next()).toBe(5); // nothing waited yet
    const levels: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      level.waitedForLink(30);
      levels.push(level.next());
    }
    expect(levels).toEqual([6, 7, 8, 9, 9, 9]);
    levels.length = 0;
    for (let i = 0; i < 10; i += 1) {
      level.waitedForDeflate(30);
      levels.push(level.next());
    }
    expect(levels).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 1, 1]);
  });

  it('weighs the waits since its last decision only', () => {
    const level = new BlockLevel(range);
    level.waitedForDeflate(500);
    expect(level.next()).toBe(4);
    level.waitedForLink(10);
    expect(level.next()).toBe(5); // the 500 ms before the last decision no longer count
  });
});
