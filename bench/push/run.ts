// Pushes the same ~200 MB docker archive with skopeo and with `hypernix push`, side by side, to a
// fresh local registry behind the counting proxy, and reports medians. See README.md.
//
//   node_modules/.bin/node bench/push/run.ts [--reps 5] [--mb 200]     (or BENCH_REPS, BENCH_MB)
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type FaultProxy, startFaultProxy } from '../../test/helpers/fault-proxy.ts';
import { startRegistry } from '../../test/lab/registry.ts';
import { makeArchive } from './make-archive.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const RESULTS = join(import.meta.dirname, 'results', 'latest.json');
// skopeo remembers which blobs it compressed and pushed where; a fresh CI runner has no such cache.
const SKOPEO_CACHES = [
  '/var/lib/containers/cache/blob-info-cache-v1.boltdb',
  join(
    process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'),
    'containers/cache/blob-info-cache-v1.boltdb',
  ),
];
const RUN_TIMEOUT_MS = 120_000;
const SETTLE_MS = 500;

type Tool = 'skopeo' | 'hypernix';
type Case = 'cold' | 'unchanged' | 'one-layer-changed' | 'tag-moved';
const CASES: Case[] = ['cold', 'unchanged', 'one-layer-changed', 'tag-moved'];

interface Run {
  tool: Tool;
  case: Case;
  repetition: number;
  ok: boolean;
  seconds: number;
  /** Request body bytes the pusher sent, as the proxy counted them. */
  requestBytes: number;
  responseBytes: number;
  requests: number;
  /** What `hypernix push --json` printed. */
  report?: Record<string, unknown>;
  error?: string;
}

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: process.env.BENCH_REPS ?? '5' },
    mb: { type: 'string', default: process.env.BENCH_MB ?? '200' },
  },
});
const repetitions = Number(values.reps);
const megabytes = Number(values.mb);
if (!Number.isInteger(repetitions) || repetitions < 1 || !(megabytes > 0)) {
  throw new Error('--reps must be a positive integer and --mb a positive number');
}

const work = mkdtempSync(join(tmpdir(), 'hypernix-bench-'));
const registry = await startRegistry();
let proxy: FaultProxy | undefined;
try {
  proxy = await startFaultProxy(registry.url);
  await bench(proxy);
} finally {
  await proxy?.close();
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}

async function bench(proxy: FaultProxy): Promise<void> {
  const layers = 20;
  const changedLayer = layers / 2;
  const started = performance.now();
  const base = makeArchive({ file: join(work, 'base.tar'), layers, totalBytes: megabytes * 1e6 });
  const changed = makeArchive({
    file: join(work, 'changed.tar'),
    layers,
    totalBytes: megabytes * 1e6,
    variant: { layer: changedLayer, seed: 'changed' },
  });
  const made = seconds(started).toFixed(1);
  log(`archives: 2 × ${mb(base.size)} in ${made} s (layer ${changedLayer} differs)`);

  const hypernix = hypernixPush();
  if (!hypernix.available) log(`hypernix: SKIPPED, ${hypernix.reason}`);

  const reference = await plainPut(proxy, base.file);
  log(
    `reference: one monolithic PUT of ${mb(reference.bytes)} in ${reference.seconds.toFixed(2)} s`,
  );

  const tools: Tool[] = hypernix.available ? ['skopeo', 'hypernix'] : ['skopeo'];
  const runs: Run[] = [];
  // Repetition 0 goes through the counting proxy and only counts bytes: a proxy in this process
  // takes CPU from the pushers on a 2-core machine, so the timed repetitions talk to the
  // registry directly.
  for (let repetition = 0; repetition <= repetitions; repetition += 1) {
    // Alternating who goes first spreads any drift (page cache, registry storage) over both.
    const order = repetition % 2 === 1 ? tools : [...tools].reverse();
    for (const tool of order) {
      // A new repository per repetition: the cold case starts from an empty one every time.
      const repository = `bench/${tool}-${repetition}`;
      // The tag a CI job moves (a branch's): a repository whose :latest names the base image,
      // made by mounting the first repository's blobs (the same for both tools, untimed).
      const moved = `${repository}-moved`;
      const plan: [Case, string, string][] = [
        ['cold', base.file, `${repository}:base`],
        ['unchanged', base.file, `${repository}:base`],
        ['one-layer-changed', changed.file, `${repository}:changed`],
        ['tag-moved', changed.file, `${moved}:latest`],
      ];
      for (const [benchCase, file, reference] of plan) {
        if (benchCase === 'tag-moved') {
          if (!hypernix.available) continue;
          copyImage(base.file, `${moved}:latest`, `${repository}:base`);
        }
        const run = await push(repetition === 0 ? proxy : undefined, tool, file, reference);
        runs.push({ ...run, tool, case: benchCase, repetition });
        const bytes = !run.ok
          ? `FAILED: ${run.error}`
          : repetition === 0
            ? `${mb(run.requestBytes)} sent`
            : 'timed';
        log(`#${repetition} ${tool} ${benchCase}: ${run.seconds.toFixed(2)} s, ${bytes}`);
        if (!run.ok && tool === 'skopeo') throw new Error(`skopeo failed: ${run.error}`);
      }
    }
  }

  const summary = CASES.map((benchCase) => {
    const of = (tool: Tool) => {
      const done = runs.filter((run) => run.tool === tool && run.case === benchCase && run.ok);
      const timed = done.filter((run) => run.repetition > 0);
      const counted = done.filter((run) => run.repetition === 0);
      if (timed.length === 0 || counted.length === 0) return undefined;
      return {
        medianSeconds: median(timed.map((run) => run.seconds)),
        medianRequestBytes: median(counted.map((run) => run.requestBytes)),
        runs: timed.length,
      };
    };
    const skopeo = of('skopeo');
    const ours = of('hypernix');
    const ratio = skopeo && ours ? ours.medianSeconds / skopeo.medianSeconds : undefined;
    return { case: benchCase, skopeo, hypernix: ours, ratio };
  });

  const failures = runs.filter((run) => !run.ok);
  console.log('');
  console.log(
    `Push of a ${mb(base.size)} docker archive (${layers} layers), ${repetitions} repetitions, ` +
      `${cpus().length} cores; medians of the runs straight to the registry, ` +
      'bytes = request bodies of one more run through the counting proxy',
  );
  console.log('');
  console.log(
    '| case | skopeo median s | hypernix median s | ratio | skopeo bytes sent | hypernix bytes sent |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of summary) {
    const cells = [
      row.case,
      row.skopeo?.medianSeconds.toFixed(2) ?? '—',
      row.hypernix?.medianSeconds.toFixed(2) ?? '—',
      row.ratio?.toFixed(2) ?? '—',
      row.skopeo ? mb(row.skopeo.medianRequestBytes) : '—',
      row.hypernix ? mb(row.hypernix.medianRequestBytes) : '—',
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log('');
  console.log(
    `Reference: one plain PUT of the archive's ${mb(reference.bytes)}: ` +
      `${reference.seconds.toFixed(2)} s (${(reference.bytes / 1e6 / reference.seconds).toFixed(0)} MB/s)`,
  );
  if (!hypernix.available) console.log(`hypernix was skipped: ${hypernix.reason}`);
  if (failures.length > 0) console.log(`${failures.length} hypernix runs failed; see ${RESULTS}`);

  mkdirSync(join(RESULTS, '..'), { recursive: true });
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, skopeo: version('skopeo') },
    archive: {
      bytes: base.size,
      changedLayer,
      // Objects rather than arrays of numbers: that is the shape Prettier leaves as written.
      layers: base.layers.map((layer) => ({ bytes: layer.size, compressible: layer.compressible })),
    },
    repetitions,
    hypernix,
    reference,
    summary,
    runs,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  log(`raw results: ${RESULTS} (whole bench ${seconds(started).toFixed(0)} s)`);
}

/** Whether the built CLI has `push` yet: it is being written alongside this harness. */
function hypernixPush(): { available: boolean; reason?: string } {
  if (!existsSync(CLI))
    return { available: false, reason: `${CLI} does not exist (npm run bundle)` };
  let help: string;
  try {
    help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  } catch (error) {
    return { available: false, reason: `hypernix --help failed: ${String(error)}` };
  }
  return /^\s+push\b/m.test(help)
    ? { available: true }
    : { available: false, reason: `${CLI} has no push command yet (hypernix --help lists none)` };
}

async function push(
  proxy: FaultProxy | undefined,
  tool: Tool,
  file: string,
  reference: string,
): Promise<Omit<Run, 'tool' | 'case' | 'repetition'>> {
  const target = `${proxy?.host ?? registry.host}/${reference}`;
  let command: string;
  let args: string[];
  if (tool === 'skopeo') {
    for (const cache of SKOPEO_CACHES) rmSync(cache, { force: true });
    command = 'skopeo';
    args = [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `docker-archive:${file}`,
      `docker://${target}`,
    ];
  } else {
    command = process.execPath;
    args = [CLI, 'push', file, target, '--plain-http', '--json'];
  }
  proxy?.reset();
  settle();
  const started = performance.now();
  // The counting run needs this process's event loop for the proxy; a timed run waits with
  // spawnSync, which times the pusher alone (an asynchronous spawn added about 20 ms to each
  // run here, the harness waking for output and the exit, whoever the pusher).
  const { code, stdout, stderr } = proxy ? await run(command, args) : runSync(command, args);
  const elapsed = seconds(started);
  const counted = {
    seconds: elapsed,
    requestBytes: proxy?.stats.requestBytes ?? 0,
    responseBytes: proxy?.stats.responseBytes ?? 0,
    requests: proxy?.stats.requests ?? 0,
  };
  if (code !== 0)
    return { ...counted, ok: false, error: `exit ${code}: ${stderr.trim().slice(-2000)}` };
  if (tool === 'skopeo') return { ...counted, ok: true };
  try {
    return { ...counted, ok: true, report: JSON.parse(stdout) as Record<string, unknown> };
  } catch {
    return { ...counted, ok: false, error: `--json printed no JSON: ${stdout.slice(0, 500)}` };
  }
}

/** Pushes `file` to `reference` with hypernix, its blobs mounted from `from` (set-up, untimed). */
function copyImage(file: string, reference: string, from: string): void {
  const target = `${registry.host}/${reference}`;
  const mountFrom = `${registry.host}/${from}`;
  const args = [CLI, 'push', file, target, '--plain-http', '--mount-from', mountFrom, '--json'];
  const { code, stdout, stderr } = runSync(process.execPath, args);
  const report = code === 0 ? (JSON.parse(stdout) as Record<string, unknown>) : undefined;
  if (!report || Number(report['pushed-bytes']) > 10_000)
    throw new Error(`set-up of ${reference} failed or sent layers: ${stderr.trim() || stdout}`);
}

/**
 * Lets the machine settle before a timed run: the run before it (skopeo's, most often) leaves
 * the registry's uploads as dirty pages for the kernel to write back, and the registry with
 * garbage to collect, work that would otherwise land in the middle of the next run.
 */
function settle(): void {
  execFileSync('sync');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
}

/** For the counting run: the proxy the pusher talks to runs on this event loop. */
function run(command: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${RUN_TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function runSync(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
  });
  const killed = result.signal === 'SIGKILL' ? `\n(killed after ${RUN_TIMEOUT_MS / 1000} s)` : '';
  return {
    code: result.error ? -1 : result.status,
    stdout: result.stdout ?? '',
    stderr: (result.error?.message ?? result.stderr ?? '') + killed,
  };
}

/** A single-request upload of the whole file: the floor that any pusher pays for these bytes. */
async function plainPut(proxy: FaultProxy, file: string) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = `sha256:${hash.digest('hex')}`;
  proxy.reset();
  const started = performance.now();
  const session = await fetch(`${proxy.url}/v2/bench/reference/blobs/uploads/`, { method: 'POST' });
  if (session.status !== 202) throw new Error(`reference upload: POST answered ${session.status}`);
  const location = new URL(session.headers.get('location') as string, proxy.url);
  location.searchParams.set('digest', digest);
  const status = await new Promise<number>((resolve, reject) => {
    const headers = { 'content-length': String(statSync(file).size) };
    const put = request(location, { method: 'PUT', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    put.on('error', reject);
    createReadStream(file).pipe(put);
  });
  if (status !== 201) throw new Error(`reference upload: PUT answered ${status}`);
  return { seconds: seconds(started), bytes: proxy.stats.requestBytes };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function version(command: string): string {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function log(line: string): void {
  console.error(`bench: ${line}`);
}
