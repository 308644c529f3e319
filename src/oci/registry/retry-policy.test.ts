import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  DEFAULT_RETRY,
  isRetryableError,
  retryAfterMs,
  RetryableResponseError,
  withRetries,
} from './retry-policy.js';

describe('retries', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(
      retryAfterMs('Thu, 26 Nov 2026 03:00:10 GMT', Date.parse('Thu, 26 Nov 2026 03:00:00 GMT')),
    ).toBe(10_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(0, DEFAULT_RETRY, () => 1)).toBe(250);
    expect(backoffMs(3, DEFAULT_RETRY, () => 1)).toBe(2000);
    expect(backoffMs(10, DEFAULT_RETRY, () => 1)).toBe(8000);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it('knows dropped connections and stalls from other errors', () => {
    expect(
      isRetryableError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    ).toBe(true);
    expect(isRetryableError(new Error('wrapped', { cause: { code: 'ETIMEDOUT' } }))).toBe(true);
    expect(isRetryableError(new Error('bad digest'))).toBe(false);
  });

  it('retries what is retryable, honouring Retry-After, and stops after the attempts', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls === 1) throw new RetryableResponseError(429, 5, 'GET / answered 429');
        if (calls === 2) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
        return 'done';
      },
      {
        policy: { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 1 },
        onRetry: (_why, delay) => delays.push(delay),
      },
    );
    expect(result).toBe('done');
    expect(delays[0]).toBe(5);
    await expect(
      withRetries(
        async () => {
          throw new RetryableResponseError(503, 0, 'x');
        },
        { policy: { ...DEFAULT_RETRY, attempts: 3, baseDelayMs: 1 } },
      ),
    ).rejects.toThrow('x');
    await expect(withRetries(async () => Promise.reject(new Error('fatal')))).rejects.toThrow(
      'fatal',
    );
  });

  it('gives up rather than wait longer than allowed', async () => {
    await expect(
      withRetries(async () => {
        throw new RetryableResponseError(429, 3_600_000, 'come back in an hour');
      }),
    ).rejects.toThrow('come back in an hour');
  });

  it('asks worthRetrying before each retry, and onGiveUp says how many tries were made', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 1 };
    let calls = 0;
    const notWorth = withRetries(
      async () => {
        calls += 1;
        throw refused;
      },
      {
        policy,
        worthRetrying: () => false,
        onGiveUp: (error, tries) =>
          new Error(`gave up after ${tries}: ${(error as Error).message}`),
      },
    );
    await expect(notWorth).rejects.toThrow('gave up after 1: connect ECONNREFUSED');
    expect(calls).toBe(1);
    calls = 0;
    const worth = withRetries(
      async () => {
        calls += 1;
        throw refused;
      },
      { policy, onGiveUp: (_error, tries) => new Error(`gave up after ${tries}`) },
    );
    await expect(worth).rejects.toThrow(`gave up after ${policy.attempts}`);
    expect(calls).toBe(policy.attempts);
  });
});
