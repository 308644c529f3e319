import { describe, expect, it } from 'vitest';
import { allOrFirstFailure, limiter } from './limiter.js';

describe('limiter', () => {
  it('runs at most limit tasks at once and returns each result to its caller', async () => {
    const limit = limiter(2);
    let running = 0;
    let peak = 0;
    const task = (value: number, ms: number) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return value;
    };
    const results = await Promise.all([
      limit(task(1, 20)),
      limit(task(2, 5)),
      limit(task(3, 5)),
      limit(task(4, 1)),
    ]);
    expect(results).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('frees its slot when a task fails', async () => {
    const limit = limiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe('allOrFirstFailure', () => {
  it('lets every task end before it throws the first failure, in task order', async () => {
    const ended: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        ended.push(name);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    await expect(
      allOrFirstFailure([task('a', 5), task('b', 1, true), task('c', 30), task('d', 2, true)], 2),
    ).rejects.toThrow('b failed');
    expect(ended.sort()).toEqual(['a', 'b', 'c', 'd']);
    await expect(allOrFirstFailure([task('x', 1), task('y', 1)], 1)).resolves.toEqual(['x', 'y']);
  });
});
