// The store-cache benchmark: hypernix's pack cache against the whole-store way (tar + zstd of
// the store with Nix's database, restored by extracting over an emptied store, as
// cache-nix-action does), side by side in one run, into chroot stores so that the machine's own
// /nix/store is never emptied. See README.md. Node runs this file directly (type stripping).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { journalWarning } from './journal.ts';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: process.env.BENCH_REPS ?? '5' },
    count: { type: 'string', default: process.env.BENCH_PATHS ?? '2000' },
    mb: { type: 'string', default: process.env.BENCH_MB ?? '500' },
    'noise-mb': { type: 'string', default: process.env.BENCH_NOISE_MB ?? '1000' },
    // A directory of Nix programs for hypernix's restores (newer-nix.sh makes one); the rest of
    // the bench, and every write to the lab's own store, keeps the lab's Nix.
    'restore-nix': { type: 'string', default: process.env.BENCH_RESTORE_NIX },
    // unpack (hypernix unpacks and verifies NARs itself) or nix-copy (the default restore).
    'restore-method': { type: 'string', default: process.env.BENCH_RESTORE_METHOD ?? 'unpack' },
  },
});
const reps = Number(values.reps);
const count = Number(values.count);
const megabytes = Number(values.mb);
const noiseMb = Number(values['noise-mb']);
const restoreMethod = values['restore-method'];
const restoreEnv = values['restore-nix']
  ? { ...process.env, PATH: `${values['restore-nix']}:${process.env.PATH ?? ''}` }
  : process.env;
const RESULTS = join(
  HERE,
  'results',
  values['restore-nix']
    ? 'latest-restore-nix.json'
    : restoreMethod === 'nix-copy'
      ? 'latest-nix-copy.json'
      : 'latest.json',
);
const restoreNixVersion = execFileSync('nix', ['--version'], {
  encoding: 'utf8',
  env: restoreEnv,
}).trim();

const work = mkdtempSync(join(tmpdir(), 'hypernix-cache-bench-'));
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const fileSystemWarning = journalWarning(work);
if (fileSystemWarning) log(`warning: ${fileSystemWarning}`);
const seconds = (started: number) => (performance.now() - started) / 1000;
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function sh(script: string): void {
  execFileSync('bash', ['-o', 'pipefail', '-c', script], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function timed(script: string): number {
  const started = performance.now();
  sh(script);
  return seconds(started);
}

function duBytes(path: string): number {
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

function build(attribute: string, extra: string[] = []): string {
  const link = join(work, `root-${attribute}-${extra.join('-').replace(/[^a-z0-9]/gi, '')}`);
  execFileSync(
    'nix-build',
    [
      join(HERE, 'closure.nix'),
      '-A',
      attribute,
      '--out-link',
      link,
      '--max-jobs',
      String(cpus().length),
      '--arg',
      'count',
      String(count),
      '--arg',
      'totalMb',
      String(megabytes),
      '--arg',
      'noiseMb',
      String(noiseMb),
      ...extra,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return execFileSync('readlink', [link], { encoding: 'utf8' }).trim();
}

function closureOf(root: string): string[] {
  return execFileSync('nix-store', ['-qR', root], { encoding: 'utf8' }).trim().split('\n');
}

function narBytes(paths: string[]): number {
  const infos = JSON.parse(
    execFileSync('nix', ['path-info', '--json', ...paths], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as { narSize: number }[];
  return infos.reduce((sum, info) => sum + info.narSize, 0);
}

/** A chroot store (STORE/nix/store) holding these paths, imported through Nix. */
function chrootStore(name: string, paths: string[]): string {
  const store = join(work, name);
  rmSync(store, { recursive: true, force: true });
  const list = join(work, `${name}.paths`);
  writeFileSync(list, paths.join('\n'));
  // One export stream for all the paths (xargs would split it into several).
  sh(
    `nix-store --export $(cat ${list}) | nix-store --store ${store} --import --option fsync-metadata false > /dev/null`,
  );
  return store;
}

function hypernix(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

try {
  // A fixed seed: a second run finds the synthetic store built already.
  const seed = process.env.BENCH_SEED ?? 'bench-1';
  let started = performance.now();
  const root = build('closure', ['--argstr', 'seed', seed]);
  const noiseRoot = build('noise', ['--argstr', 'seed', seed]);
  const changedRoot = build('closure', ['--argstr', 'seed', seed, '--argstr', 'changed', 'yes']);
  const closure = closureOf(root);
  const noise = closureOf(noiseRoot);
  const closureNar = narBytes(closure);
  log(
    `built ${closure.length} closure paths (${mb(closureNar)}) and ${noise.length} other paths (${mb(narBytes(noise))}) in ${seconds(started).toFixed(0)} s`,
  );

  // The whole-store way: the stores a runner would have, tarred with Nix's database.
  const fullStore = chrootStore('full', [...closure, ...noise]);
  const closureStore = chrootStore('closure-only', closure);
  const wholeFull = join(work, 'whole-full.tar.zst');
  const wholeClosure = join(work, 'whole-closure.tar.zst');
  const wholeSave = timed(`tar -C ${fullStore} -cf - nix | zstd -q -T0 -3 -o ${wholeFull}`);
  timed(`tar -C ${closureStore} -cf - nix | zstd -q -T0 -3 -o ${wholeClosure}`);

  // hypernix: a pack of the closure.
  const cacheDir = join(work, 'cache');
  started = performance.now();
  hypernix(['cache', 'save', '--dir', cacheDir, '--key', 'bench', root]);
  const oursSave = seconds(started);
  const oursBytes = duBytes(join(cacheDir, 'packs'));

  const rows: Record<string, { whole: number[]; ours: number[] }> = {
    'restore, store with 1 GB of other paths': { whole: [], ours: [] },
    'restore, store with only the closure': { whole: [], ours: [] },
  };
  for (let rep = 1; rep <= reps; rep += 1) {
    // Whole-store: empty the store, extract everything.
    const target = join(work, 'restore-whole');
    rows['restore, store with 1 GB of other paths']?.whole.push(
      timed(
        `rm -rf ${target} && mkdir -p ${target} && zstd -q -dc ${wholeFull} | tar -C ${target} -xf -`,
      ),
    );
    rows['restore, store with only the closure']?.whole.push(
      timed(
        `rm -rf ${target} && mkdir -p ${target} && zstd -q -dc ${wholeClosure} | tar -C ${target} -xf -`,
      ),
    );
    // hypernix: the runner's other tools stay; only the closure is imported.
    const withNoise = chrootStore('restore-ours', noise);
    started = performance.now();
    hypernix(
      [
        'cache',
        'restore',
        '--dir',
        cacheDir,
        '--key',
        'bench',
        '--store',
        withNoise,
        '--restore-method',
        restoreMethod,
      ],
      restoreEnv,
    );
    rows['restore, store with 1 GB of other paths']?.ours.push(seconds(started));
    const empty = join(work, 'restore-ours-empty');
    rmSync(empty, { recursive: true, force: true });
    started = performance.now();
    hypernix(
      [
        'cache',
        'restore',
        '--dir',
        cacheDir,
        '--key',
        'bench',
        '--store',
        empty,
        '--restore-method',
        restoreMethod,
      ],
      restoreEnv,
    );
    rows['restore, store with only the closure']?.ours.push(seconds(started));
    log(`#${rep} restores done`);
  }
  const verified =
    spawnSync('nix-store', ['--store', join(work, 'restore-ours-empty'), '--verify-path', root], {
      env: restoreEnv, // a newer Nix leaves a store schema the lab's Nix cannot read
    }).status === 0;

  // A second save with nothing new, then one with one path changed.
  started = performance.now();
  const nothing = JSON.parse(
    hypernix(['cache', 'save', '--dir', cacheDir, '--key', 'bench', root, '--json']),
  ) as { bytes: number };
  const nothingSeconds = seconds(started);
  const changed = JSON.parse(
    hypernix(['cache', 'save', '--dir', cacheDir, '--key', 'bench', changedRoot, '--json']),
  ) as {
    bytes: number;
    paths: number;
  };
  const changedPaths = closureOf(changedRoot).filter((path) => !closure.includes(path));
  const changedNar = narBytes(changedPaths);

  const table = Object.entries(rows).map(([name, row]) => ({
    name,
    whole: median(row.whole),
    ours: median(row.ours),
    ratio: median(row.ours) / median(row.whole),
  }));
  console.log('');
  console.log(
    `Store cache: ${closure.length} closure paths, ${mb(closureNar)} of NARs (half random), ${noise.length} other paths of ${mb(narBytes(noise))}; ${reps} repetitions, ${cpus().length} cores, medians; hypernix restores with ${restoreNixVersion} (restore method ${restoreMethod})`,
  );
  console.log('');
  console.log('| measure | whole store (tar + zstd) | hypernix | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of table)
    console.log(
      `| ${row.name} | ${row.whole.toFixed(2)} s | ${row.ours.toFixed(2)} s | ${row.ratio.toFixed(2)} |`,
    );
  console.log(
    `| bytes stored | ${mb(statSync(wholeFull).size)} | ${mb(oursBytes)} | ${(oursBytes / statSync(wholeFull).size).toFixed(2)} |`,
  );
  console.log(
    `| first save | ${wholeSave.toFixed(2)} s | ${oursSave.toFixed(2)} s | ${(oursSave / wholeSave).toFixed(2)} |`,
  );
  console.log(
    `| save with nothing new | (a full save) | ${nothingSeconds.toFixed(2)} s, ${nothing.bytes} bytes | |`,
  );
  console.log(
    `| save after one path changed | (a full save) | ${mb(changed.bytes)} for ${changed.paths} paths (their NARs: ${mb(changedNar)}) | |`,
  );
  console.log('');
  console.log(
    `closure NAR size ${mb(closureNar)}; hypernix stores ${mb(oursBytes)}; restored closure verified: ${verified}`,
  );
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ date: new Date().toISOString(), restoreNix: restoreNixVersion, restoreMethod, count, megabytes, noiseMb, reps, closureNar, table, oursBytes, wholeBytes: statSync(wholeFull).size, oursSave, wholeSave, nothing: { seconds: nothingSeconds, bytes: nothing.bytes }, changed: { ...changed, nar: changedNar }, verified }, null, 2)}\n`,
  );
  log(`raw results: ${RESULTS}`);
} finally {
  spawnSync('chmod', ['-R', 'u+w', work]);
  rmSync(work, { recursive: true, force: true });
}
