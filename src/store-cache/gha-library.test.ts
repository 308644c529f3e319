import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryReporter } from '../util/reporter.js';
import { LibraryOutput } from './gha-library.js';

describe('LibraryOutput', () => {
  let printed: string[];
  let realWrite: typeof process.stdout.write;
  beforeEach(() => {
    printed = [];
    realWrite = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      printed.push(chunk);
      return true;
    }) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = realWrite;
  });

  it("takes the library's lines off stdout, notes its problems and rate limits, and lets ours through", async () => {
    const stdoutWhileIdle = process.stdout.write;
    const reporter = new MemoryReporter();
    const output = new LibraryOutput(reporter);
    const { value, notes } = await output.run(async () => {
      process.stdout.write(
        "::warning::You've hit a rate limit, your rate limit will reset in 7 seconds\n",
      );
      process.stdout.write('::warning::Failed to restore: Rate limited: (429)%0Adetails\n');
      process.stdout.write('store cache: a line of ours\n');
      process.stdout.write('Cache Size: ~1 MB');
      process.stdout.write(' (1048576 B)\n');
      return 'matched-key';
    });
    expect(value).toBe('matched-key');
    expect(notes.rateLimitSeconds).toBe(7);
    expect(notes.problems).toEqual([
      "You've hit a rate limit, your rate limit will reset in 7 seconds",
      'Failed to restore: Rate limited: (429)\ndetails',
    ]);
    expect(printed).toEqual(['store cache: a line of ours\n']);
    expect(reporter.lines.map((line) => `${line.level} ${line.message}`)).toContain(
      'debug @actions/cache: Cache Size: ~1 MB (1048576 B)',
    );
    expect(process.stdout.write).toBe(stdoutWhileIdle);
  });

  it('reports no problem and no rate limit for a call that only informs', async () => {
    const output = new LibraryOutput(new MemoryReporter());
    const { notes } = await output.run(async () => {
      process.stdout.write('Cache restored successfully\n');
      return undefined;
    });
    expect(notes).toEqual({ problems: [] });
  });
});
