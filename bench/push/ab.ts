// Side by side: the same pushes with two or more builds of the CLI, taking turns, and the median
// of each variant's paired difference from the first (the baseline). See README.md.
//
//   node_modules/.bin/node bench/push/ab.ts --hypernix DIR --hypernix DIR [...] [--pairs 11]
//     [--mb 200] [--cases unchanged,one-layer-changed] [--archive synthetic|real]
//
// Each DIR holds a bundled CLI (index.js), as `npm run bundle` writes dist/cli. Only hypernix
// runs; the cases are the two re-pushes users wait on (`unchanged`, `one-layer-changed`) and, when
// asked, `cold` (every blob sent, over loopback: the compressor's case). `--archive real` pushes
// this machine's files (real-archive.ts) instead of the synthetic layers.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startRegistry } from '../../test/lab/registry.ts';
import { makeArchive } from './make-archive.ts';
import { makeRealArchive } from './real-archive.ts';

const SETTLE_MS = 500;
const RUN_TIMEOUT_MS = 120_000;
const CASES = ['cold', 'unchanged', 'one-layer-changed'] as const;
type Case = (typeof CASES)[number];

const { values } = parseArgs({
  options: {
    hypernix: { type: 'string', multiple: true, default: [] },
    pairs: { type: 'string', default: '11' },
    mb: { type: 'string', default: '200' },
    cases: { type: 'string', default: 'unchanged,one-layer-changed' },
    archive: { type: 'string', default: 'synthetic' },
    out: { type: 'string', default: join(import.meta.dirname, 'results', 'ab-latest.json') },
  },
});
const builds = (values.hypernix ?? []).map((dir) => resolve(dir));
const pairs = Number(values.pairs);
const megabytes = Number(values.mb);
if (builds.length < 2 || !Number.isInteger(pairs) || pairs < 1 || !(megabytes > 0))
  throw new Error('give --hypernix DIR at least twice, --pairs a positive integer, --mb > 0');
for (const dir of builds)
  if (!existsSync(join(dir, 'index.js'))) throw new Error(`${dir} has no index.js`);
// Each build by the path it was given (dist/cli and /tmp/old/dist/cli share their last parts).
const names = values.hypernix ?? [];
const cases = (values.cases as string).split(',') as Case[];
if (!cases.every((name) => CASES.includes(name)))
  throw new Error(`--cases: a comma-separated list of ${CASES.join(', ')}`);

const work = mkdtempSync(join(tmpdir(), 'hypernix-ab-'));
const registry = await startRegistry();
try {
  await abBench();
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}

async function abBench(): Promise<void> {
  const layers = 20;
  const totalBytes = megabytes * 1e6;
  const real = values.archive === 'real';
  if (!real && values.archive !== 'synthetic') throw new Error('--archive: synthetic or real');
  const base = real
    ? makeRealArchive({ file: join(work, 'base.tar'), megabytes })
    : makeArchive({ file: join(work, 'base.tar'), layers, totalBytes });
  const changed = real
    ? makeRealArchive({ file: join(work, 'changed.tar'), megabytes, changed: true })
    : makeArchive({
        file: join(work, 'changed.tar'),
        layers,
        totalBytes,
        variant: { layer: layers / 2, seed: 'changed' },
      });
  // The seed image every repository mounts its blobs from (untimed).
  push(builds[0] as string, base.file, 'ab/seed:base');

  // times[case][build][pair]
  const times: Record<Case, number[][]> = {
    cold: builds.map(() => []),
    unchanged: builds.map(() => []),
    'one-layer-changed': builds.map(() => []),
  };
  for (let pair = 0; pair < pairs; pair += 1) {
    // A different build goes first each time, so drift spreads over all of them.
    const order = builds.map((_, index) => (index + pair) % builds.length);
    for (const index of order) {
      const dir = builds[index] as string;
      const repository = `ab/${index}-${pair}`;
      if (cases.includes('cold')) {
        settle();
        const seconds = push(dir, base.file, `ab/cold-${index}-${pair}:base`);
        (times.cold[index] as number[]).push(seconds);
        log(`#${pair} ${names[index]} cold: ${(seconds * 1000).toFixed(1)} ms`);
      }
      push(dir, base.file, `${repository}:base`, ['--mount-from', `${registry.host}/ab/seed`]);
      const plan: [Case, string, string][] = [
        ['unchanged', base.file, `${repository}:base`],
        ['one-layer-changed', changed.file, `${repository}:changed`],
      ];
      for (const [benchCase, file, reference] of plan) {
        if (!cases.includes(benchCase)) continue;
        settle();
        const seconds = push(dir, file, reference);
        (times[benchCase][index] as number[]).push(seconds);
        log(`#${pair} ${names[index]} ${benchCase}: ${(seconds * 1000).toFixed(1)} ms`);
      }
    }
  }
  const lines = [
    '| variant | case | median ms | paired diff ms (median) | % of baseline | faster in |',
  ];
  lines.push('| --- | --- | ---: | ---: | ---: | --- |');
  for (const benchCase of cases) {
    const baseline = times[benchCase][0] as number[];
    const baseMedian = median(baseline);
    names.forEach((name, index) => {
      const own = times[benchCase][index] as number[];
      const diffs = own.map((value, pair) => value - (baseline[pair] as number));
      const faster = diffs.filter((diff) => diff < 0).length;
      lines.push(
        `| ${name} | ${benchCase} | ${(median(own) * 1000).toFixed(1)} | ${
          index === 0 ? '—' : (median(diffs) * 1000).toFixed(1)
        } | ${index === 0 ? '—' : ((median(diffs) / baseMedian) * 100).toFixed(1)} | ${
          index === 0 ? '—' : `${faster} of ${pairs}`
        } |`,
      );
    });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(values.out as string, `${JSON.stringify({ builds, pairs, times }, null, 2)}\n`);
}

/** One `hypernix push`, timed from spawn to exit; throws if it fails. */
function push(dir: string, file: string, reference: string, extra: string[] = []): number {
  const args = [join(dir, 'index.js'), 'push', file, `${registry.host}/${reference}`];
  args.push('--plain-http', '--json', ...extra);
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${dir} push ${reference}: ${run.stderr.trim()}`);
  return seconds;
}

/** As run.ts: no run inherits the registry's writes or garbage from the one before. */
function settle(): void {
  execFileSync('sync');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
