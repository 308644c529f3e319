import { describe, expect, it } from 'vitest';
import { InputError } from '../../util/errors.js';
import {
  DEFAULT_DEADLINE,
  TransferDeadlineError,
  deadlineMs,
  deadlineSignal,
  transferDeadlineFromEnv,
} from './deadline.js';

describe('transfer deadlines', () => {
  it('scales with the bytes moved: 60 s plus a second per MiB by default', () => {
    expect(deadlineMs(0, DEFAULT_DEADLINE)).toBe(60_000);
    expect(deadlineMs(10 * 2 ** 30, DEFAULT_DEADLINE)).toBe(60_000 + 10_240_000);
  });

  it('is read from the environment, refusing values that are not positive numbers', () => {
    expect(transferDeadlineFromEnv({})).toEqual(DEFAULT_DEADLINE);
    expect(
      transferDeadlineFromEnv({
        HYPERNIX_TRANSFER_FLOOR_SECONDS: '2',
        HYPERNIX_TRANSFER_MIN_RATE: '1000',
      }),
    ).toEqual({ floorMs: 2000, bytesPerSecond: 1000 });
    expect(() => transferDeadlineFromEnv({ HYPERNIX_TRANSFER_FLOOR_SECONDS: '-1' })).toThrow(
      InputError,
    );
    expect(() => transferDeadlineFromEnv({ HYPERNIX_TRANSFER_MIN_RATE: 'fast' })).toThrow(
      /HYPERNIX_TRANSFER_MIN_RATE: expected a positive number/,
    );
  });

  it('aborts with one line naming the registry and the request, unless cleared first', async () => {
    const url = 'http://127.0.0.1:5000/v2/vm/blobs/sha256:abc';
    const fired = deadlineSignal('r:5000', { method: 'GET', url }, 0, {
      floorMs: 20,
      bytesPerSecond: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired.signal.reason).toBeInstanceOf(TransferDeadlineError);
    expect((fired.signal.reason as Error).message).toBe(
      'registry r:5000: GET /v2/vm/blobs/sha256:abc did not finish within 0 s (the deadline for 0 bytes)',
    );
    const cleared = deadlineSignal('r', { method: 'GET', url }, 0, {
      floorMs: 20,
      bytesPerSecond: 1,
    });
    cleared.clear();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cleared.signal.aborted).toBe(false);
  });
});
