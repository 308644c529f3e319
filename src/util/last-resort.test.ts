import { afterEach, describe, expect, it } from 'vitest';
import { claimFailureLine, installLastResort } from './last-resort.js';
import { InputError } from './errors.js';

describe('installLastResort', () => {
  const before = {
    rejection: process.listeners('unhandledRejection'),
    exception: process.listeners('uncaughtException'),
  };
  afterEach(() => {
    for (const listener of process.listeners('unhandledRejection'))
      if (!before.rejection.includes(listener)) process.off('unhandledRejection', listener);
    for (const listener of process.listeners('uncaughtException'))
      if (!before.exception.includes(listener)) process.off('uncaughtException', listener);
  });

  it('turns an unhandled rejection into one line and ends the run; a later failure adds none', () => {
    const lines: string[] = [];
    let ends = 0;
    installLastResort(
      (message) => lines.push(message),
      async () => (ends += 1),
    );
    const reason = new InputError('registry r: POST /v2/x/blobs/uploads/ answered 307');
    process.emit('unhandledRejection', reason, Promise.resolve());
    process.emit('uncaughtException', new Error('second'));
    expect(lines).toEqual(['registry r: POST /v2/x/blobs/uploads/ answered 307']);
    expect(ends).toBe(2);
    // The entry point's own line is not written after the last resort's.
    expect(claimFailureLine()).toBe(false);
  });
});
