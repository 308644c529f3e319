// A quick A/B of the closure-only restore on ONE pack, built once and kept under .tmp/ab/:
// the whole-store tar (as run.ts restores it), `hypernix cache restore` with each bundle and
// restore method asked for, and nix copy; alternating, `sync` before each (not timed), medians.
// For trying changes to the unpack path without rebuilding the synthetic store. See README.md.
//
//   node bench/cache/unpack-ab.ts prepare ROOT          # ROOT: closure.nix's `closure`, built
//   node bench/cache/unpack-ab.ts run [--reps 5] [--cli name=path/to/index.js ...]
//       [--variant name=ENV=value,ENV2=value ...]     # the worktree's bundle with that env
//   node bench/cache/unpack-ab.ts floor [--reps 5]   # what each part costs on its own
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { zstdDecompressSync } from 'node:zlib';
import { journalWarning } from './journal.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WORK = join(ROOT, '.tmp', 'ab');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const CACHE = join(WORK, 'cache');
const TAR = join(WORK, 'whole-closure.tar.zst');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reps: { type: 'string', default: '5' },
    cli: { type: 'string', multiple: true, default: [] },
    variant: { type: 'string', multiple: true, default: [] },
    'no-tar': { type: 'boolean', default: false },
    'no-copy': { type: 'boolean', default: false },
    // Where the restores go: another file system, e.g. a journaled ext4 (see README.md).
    target: { type: 'string', default: join(WORK, 'target') },
  },
});
const TARGET = values.target;

const log = (line: string) => process.stderr.write(`ab: ${line}\n`);
const sh = (script: string) =>
  execFileSync('bash', ['-o', 'pipefail', '-c', script], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
const clearTarget = () => {
  // The restored trees are read-only (0555 directories): make them writable to delete them.
  if (existsSync(TARGET)) execFileSync('chmod', ['-R', 'u+w', TARGET]);
  rmSync(TARGET, { recursive: true, force: true });
};

function prepare(root: string): void {
  mkdirSync(WORK, { recursive: true });
  const store = join(WORK, 'closure-store');
  rmSync(store, { recursive: true, force: true });
  const paths = execFileSync('nix-store', ['-qR', root], { encoding: 'utf8' }).trim();
  writeFileSync(join(WORK, 'closure.paths'), paths);
  sh(
    `nix-store --export $(cat ${WORK}/closure.paths) | nix-store --store ${store} --import --option fsync-metadata false > /dev/null`,
  );
  sh(`tar -C ${store} -cf - nix | zstd -q -T0 -3 -o ${TAR}`);
  sh(`chmod -R u+w ${store} && rm -rf ${store}`);
  rmSync(CACHE, { recursive: true, force: true });
  execFileSync(process.execPath, [CLI, 'cache', 'save', '--dir', CACHE, '--key', 'bench', root], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(
    join(WORK, 'prepared.json'),
    JSON.stringify({ root, paths: paths.split('\n').length }),
  );
  log(`prepared ${root}`);
}

interface Contender {
  name: string;
  run: () => void;
}

function hypernix(cli: string, method: string, env: NodeJS.ProcessEnv): () => void {
  return () => {
    execFileSync(
      process.execPath,
      [
        cli,
        'cache',
        'restore',
        '--dir',
        CACHE,
        '--key',
        'bench',
        '--store',
        TARGET,
        '--restore-method',
        method,
      ],
      { env, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  };
}

function contenders(): Contender[] {
  const list: Contender[] = [];
  if (!values['no-tar']) {
    list.push({
      name: 'tar',
      run: () => sh(`mkdir -p ${TARGET} && zstd -q -dc ${TAR} | tar -C ${TARGET} -xf -`),
    });
  }
  list.push({ name: 'unpack', run: hypernix(CLI, 'unpack', process.env) });
  for (const spec of values.cli) {
    const [name, path] = spec.split('=', 2) as [string, string];
    list.push({ name, run: hypernix(path, 'unpack', process.env) });
  }
  for (const spec of values.variant) {
    const [name, settings = ''] = spec.split(/=(.*)/s, 2) as [string, string];
    const env = { ...process.env };
    for (const pair of settings.split(',').filter(Boolean)) {
      const [key, value = ''] = pair.split('=', 2) as [string, string];
      env[key] = value;
    }
    list.push({ name, run: hypernix(CLI, 'unpack', env) });
  }
  if (!values['no-copy'])
    list.push({ name: 'nix-copy', run: hypernix(CLI, 'nix-copy', process.env) });
  return list;
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function warnOfFileSystem(): void {
  mkdirSync(TARGET, { recursive: true });
  const warning = journalWarning(TARGET);
  if (warning) log(`warning: ${warning}`);
}

function runAb(): void {
  warnOfFileSystem();
  const prepared = JSON.parse(readFileSync(join(WORK, 'prepared.json'), 'utf8')) as {
    root: string;
  };
  const reps = Number(values.reps);
  const list = contenders();
  const times = new Map(list.map((item) => [item.name, [] as number[]]));
  const loads = [loadavg()[0] as number];
  for (let rep = 0; rep < reps; rep += 1) {
    // Rotate the order each repetition: no contender always runs after the same other one.
    const order = list.map((_, index) => list[(index + rep) % list.length] as Contender);
    for (const item of order) {
      clearTarget();
      sh('sync');
      const started = performance.now();
      item.run();
      times.get(item.name)?.push((performance.now() - started) / 1000);
      if (item.name !== 'tar') {
        execFileSync('nix-store', ['--store', TARGET, '--verify-path', prepared.root], {
          stdio: 'ignore',
        });
      }
    }
    loads.push(loadavg()[0] as number);
    log(
      `#${rep + 1} ${list.map((item) => `${item.name} ${times.get(item.name)?.at(-1)?.toFixed(2)}`).join(', ')} (load ${loads.at(-1)?.toFixed(2)})`,
    );
  }
  clearTarget();
  const base = values['no-tar'] ? undefined : median(times.get('tar') ?? []);
  console.log(
    `${reps} repetitions, ${cpus().length} cores, load ${loads.map((l) => l.toFixed(2)).join(' ')}`,
  );
  for (const item of list) {
    const all = times.get(item.name) ?? [];
    const m = median(all);
    console.log(
      `${item.name.padEnd(12)} median ${m.toFixed(2)} s${base ? ` (${(m / base).toFixed(2)}x tar)` : ''}  [${all.map((t) => t.toFixed(2)).join(' ')}]`,
    );
  }
}

/** Medians of `reps` timings of `work` (seconds), with `before` (not timed) ahead of each. */
function timed(reps: number, work: () => void, before = () => undefined as void): number {
  const all: number[] = [];
  for (let rep = 0; rep < reps; rep += 1) {
    before();
    const started = performance.now();
    work();
    all.push((performance.now() - started) / 1000);
  }
  return median(all);
}

/**
 * The parts on their own, one core each: zstd-decoding the pack's NARs and hashing them (in this
 * process, from memory), and writing the closure's files (tar -x of the uncompressed tar, from
 * the page cache). The tar restore runs its two parts side by side (zstd | tar); the unpack runs
 * all three on every core. Their sum over the cores is the unpack's floor on this machine.
 */
function floor(): void {
  warnOfFileSystem();
  const reps = Number(values.reps);
  const packs = join(CACHE, 'packs');
  const files = readdirSync(packs).flatMap((pack) =>
    readdirSync(join(packs, pack, 'nar')).map((name) => join(packs, pack, 'nar', name)),
  );
  const compressed = files.map((file) => readFileSync(file));
  let nars: Buffer[] = [];
  const decode = timed(reps, () => {
    nars = compressed.map((zst) => zstdDecompressSync(zst));
  });
  const hash = timed(reps, () => {
    for (const nar of nars) createHash('sha256').update(nar).digest();
  });
  const plainTar = join(WORK, 'whole-closure.tar');
  sh(`zstd -q -f -dc ${TAR} > ${plainTar}`);
  const write = timed(
    reps,
    () => sh(`mkdir -p ${TARGET} && tar -C ${TARGET} -xf ${plainTar}`),
    () => (clearTarget(), sh(`cat ${plainTar} > /dev/null && sync`)),
  );
  const tarDecode = timed(reps, () => sh(`zstd -q -dc ${TAR} > /dev/null`));
  rmSync(plainTar);
  clearTarget();
  const cores = cpus().length;
  const megabytes = nars.reduce((sum, nar) => sum + nar.length, 0) / 1e6;
  console.log(
    `${files.length} NARs, ${megabytes.toFixed(1)} MB; ${cores} cores; medians of ${reps}`,
  );
  console.log(`decode NARs (one core)     ${decode.toFixed(2)} s`);
  console.log(`hash NARs (one core)       ${hash.toFixed(2)} s`);
  console.log(`write files (tar -x)       ${write.toFixed(2)} s`);
  console.log(`decode the tar (zstd -dc)  ${tarDecode.toFixed(2)} s`);
  console.log(
    `tar restore, ideal: max(decode, write)        ${Math.max(tarDecode, write).toFixed(2)} s`,
  );
  console.log(
    `unpack floor: (decode + hash + write) / ${cores} cores ${((decode + hash + write) / cores).toFixed(2)} s`,
  );
}

if (positionals[0] === 'prepare') prepare(positionals[1] ?? '');
else if (positionals[0] === 'run') runAb();
else if (positionals[0] === 'floor') floor();
else
  throw new Error(
    'usage: unpack-ab.ts prepare ROOT | run [--reps N] [--cli name=path] [--variant name=K=V,...] | floor [--reps N]',
  );
