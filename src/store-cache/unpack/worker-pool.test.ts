import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NarJob } from './unpack-nar.js';
import { charge, UnpackPool } from './worker-pool.js';
import { tempDir } from '../../../test/helpers/temp.js';

// The pool's own work (handing out NARs under the byte cap, a thread that dies) against a
// stand-in thread speaking the pool's protocol: the real thread (worker.ts) runs from the bundle
// only and is covered by test/integration/store-cache-unpack.itest.ts. The stand-in logs each
// job it starts and ends to a file, takes 20 ms a job, and exits on a job whose storePath is
// "die".
const dir = tempDir('unpack-pool-');
const log = join(dir, 'log');
const standIn = join(dir, 'stand-in.mjs');
writeFileSync(
  standIn,
  `import { appendFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, job }) => {
  appendFileSync(${JSON.stringify(log)}, 'start ' + job.narSize + '\\n');
  if (job.storePath === 'die') process.exit(7);
  setTimeout(() => {
    appendFileSync(${JSON.stringify(log)}, 'end ' + job.narSize + '\\n');
    parentPort.postMessage(job.storePath === 'bad' ? { id, error: 'its NAR is bad' } : { id });
  }, 20);
});
`,
);

const job = (storePath: string, narSize: number): NarJob => ({
  storePath,
  file: '/nonexistent',
  compression: 'zstd',
  narHash: Buffer.alloc(32),
  narSize,
  target: '/nonexistent',
});

describe('unpack thread pool', () => {
  it('keeps the bytes handed out under the cap, one large NAR alone when it is over it', async () => {
    writeFileSync(log, '');
    const mb = 1 << 20;
    const jobs = [1, 1, 1, 1, 1, 1, 3, 1, 1].map((size, n) => job(`p${n}`, size * mb));
    const budget = charge(job('x', mb)) * 2; // two 1 MB NARs at once; a 3 MB one alone
    const pool = new UnpackPool(standIn, 4, budget);
    try {
      await Promise.all(jobs.map((item) => pool.unpack(item)));
    } finally {
      await pool.close();
    }
    let held = 0;
    let peak = 0;
    let starts = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      const [what, size] = line.split(' ') as [string, string];
      held += (what === 'start' ? 1 : -1) * charge(job('x', Number(size)));
      if (what === 'start') starts += 1;
      // Over the cap only by the one large NAR handed out alone.
      if (held > budget) expect(held).toBe(charge(job('x', 3 * mb)));
      peak = Math.max(peak, held);
    }
    expect(starts).toBe(jobs.length);
    expect(peak).toBe(charge(job('x', 3 * mb)));
  });

  it("fails a dead thread's NARs with one line; the other threads finish the rest", async () => {
    writeFileSync(log, '');
    const pool = new UnpackPool(standIn, 2);
    try {
      // Handed out in turn to the thread with fewest (the first on a tie), at most 3 each:
      // a, bad, c to the first; die, b, d to the second, which dies; e waits for room.
      const results = await Promise.allSettled(
        ['a', 'die', 'bad', 'b', 'c', 'd', 'e'].map((name) => pool.unpack(job(name, 100))),
      );
      const stopped = 'the thread unpacking its NAR stopped: it exited with code 7';
      expect(
        results.map((result) =>
          result.status === 'fulfilled' ? 'ok' : (result.reason as Error).message,
        ),
      ).toEqual(['ok', stopped, 'its NAR is bad', stopped, 'ok', stopped, 'ok']);
    } finally {
      await pool.close();
    }
  });

  it('does not start a NAR no longer wanted when its turn comes', async () => {
    writeFileSync(log, '');
    const pool = new UnpackPool(standIn, 1);
    const unwanted = new Set<string>();
    try {
      // The first three go to the thread at once; the rest wait, and two of them are dropped.
      const done = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) =>
        pool.unpack(job(name, name.charCodeAt(0)), () => !unwanted.has(name)),
      );
      unwanted.add('c').add('d').add('f');
      expect(await Promise.all(done)).toEqual([true, true, true, false, true, false]);
    } finally {
      await pool.close();
    }
    const started = readFileSync(log, 'utf8').match(/^start \d+$/gm) ?? [];
    expect(started.map((line) => String.fromCharCode(Number(line.slice(6))))).toEqual([
      'a',
      'b',
      'c',
      'e',
    ]);
  });

  it('fails every NAR left when no thread is left', async () => {
    const pool = new UnpackPool(standIn, 1);
    try {
      const results = await Promise.allSettled(
        ['die', 'a', 'b', 'c', 'd', 'e'].map((name) => pool.unpack(job(name, 100))),
      );
      for (const result of results) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason.message).toBe(
          'the thread unpacking its NAR stopped: it exited with code 7',
        );
      }
    } finally {
      await pool.close();
    }
  });
});
