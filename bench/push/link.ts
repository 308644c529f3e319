// Push over a real link: the registry in a network namespace behind a veth pair shaped with
// `tc tbf` (test/lab/shaped-link.ts), pushers in another; and on loopback beside it. skopeo and
// `hypernix push` take turns on three archives (this machine's /usr files, mixed layers, the
// alternating set). Reports time, bytes stored and the floor (bytes / rate). See README.md.
//
//   node_modules/.bin/node bench/push/link.ts [--reps 3] [--mb 60] [--links loopback,100,1000]
//     [--archives real,mixed,alternating] [--compression gzip|zstd] [--cli OTHER/dist/cli/index.js]
//
// --cli times another build's bundled CLI (dist/cli/index.js by default); the results name it.
// With --compression zstd both tools push zstd layers (skopeo with --dest-compress-format zstd,
// its default level 3, as hypernix's), and skopeo's default, gzip, runs beside them as
// `skopeo-gzip`: the peer a user compares with.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type LabRegistry, startRegistry } from '../../test/lab/registry.ts';
import { createShapedLink, type ShapedLink } from '../../test/lab/shaped-link.ts';
import { type Archive, makeArchive } from './make-archive.ts';
import { makeRealArchive } from './real-archive.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RESULTS = join(import.meta.dirname, 'results', 'link-latest.json');
const SKOPEO_CACHES = [
  '/var/lib/containers/cache/blob-info-cache-v1.boltdb',
  join(homedir(), '.local', 'share', 'containers/cache/blob-info-cache-v1.boltdb'),
];
const GOODPUT = join(import.meta.dirname, 'goodput.ts');
/** Bytes of each plain TCP upload that measures a link's goodput, and how many (median). */
const GOODPUT_BYTES = 30e6;
const GOODPUT_RUNS = 3;
const RUN_TIMEOUT_MS = 180_000;
const SETTLE_MS = 300;
type Tool = 'skopeo' | 'hypernix' | 'skopeo-gzip';
type Kind = 'real' | 'mixed' | 'alternating';
type Case = 'cold' | 'unchanged' | 'one-layer-changed';

interface Run {
  link: string;
  archive: Kind;
  case: Case;
  tool: Tool;
  repetition: number;
  seconds: number;
  /** Blobs the image's manifest names (layers + config), as the registry stored them. */
  storedBytes: number;
  /** hypernix --json's pushed-bytes (re-pushes); undefined for skopeo. */
  sentBytes?: number;
}

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: process.env.BENCH_REPS ?? '3' },
    mb: { type: 'string', default: process.env.BENCH_MB ?? '60' },
    links: { type: 'string', default: 'loopback,100,1000' },
    archives: { type: 'string', default: 'real,mixed,alternating' },
    // Extra options for every `hypernix push` (to weigh a setting, e.g. --compression-level 5).
    'hypernix-arg': { type: 'string', multiple: true, default: [] },
    compression: { type: 'string', default: 'gzip' },
    // Another build's bundled CLI (to weigh a change against the build before it).
    cli: { type: 'string', default: join(ROOT, 'dist', 'cli', 'index.js') },
  },
});
const CLI = values.cli as string;
const repetitions = Number(values.reps);
const megabytes = Number(values.mb);
const links = (values.links as string).split(',');
const kinds = (values.archives as string).split(',') as Kind[];
const zstd = values.compression === 'zstd';
if (!zstd && values.compression !== 'gzip') throw new Error('--compression: gzip or zstd');
const hypernixArgs = [
  ...(zstd ? ['--compression', 'zstd'] : []),
  ...(values['hypernix-arg'] ?? []),
];
const TOOLS: Tool[] = zstd ? ['skopeo', 'hypernix', 'skopeo-gzip'] : ['skopeo', 'hypernix'];
if (!Number.isInteger(repetitions) || repetitions < 1 || !(megabytes > 0))
  throw new Error('--reps must be a positive integer and --mb a positive number');
for (const link of links)
  if (link !== 'loopback' && !(Number(link) > 0))
    throw new Error(`--links: loopback or a rate in Mbit/s, not ${link}`);

const work = mkdtempSync(join(tmpdir(), 'hypernix-link-'));
let shaped: ShapedLink | undefined;
const registries: LabRegistry[] = [];
const stopAll = () => {
  shaped?.remove();
  rmSync(work, { recursive: true, force: true });
};
// Ctrl-C: the finally below does not run on a signal; the namespaces and files must still go.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    stopAll();
    process.exit(130);
  });
try {
  await bench();
} finally {
  for (const registry of registries) await registry.stop();
  stopAll();
}

async function bench(): Promise<void> {
  const started = performance.now();
  const archives = new Map<Kind, { base: Archive; changed: Archive }>();
  for (const kind of kinds) archives.set(kind, makeArchives(kind));
  log(`archives made in ${seconds(started).toFixed(1)} s`);
  const runs: Run[] = [];
  const goodputs = new Map<string, Goodput>();
  for (const link of links) {
    const loopback = link === 'loopback';
    let registry: LabRegistry;
    if (loopback) {
      registry = await startRegistry();
    } else {
      shaped ??= createShapedLink(Number(link));
      shaped.shape(Number(link));
      const netns = { name: shaped.server, address: shaped.serverAddress };
      registry = await startRegistry({ netns });
      const measured = await measureGoodput(shaped);
      goodputs.set(link, measured);
      log(
        `${link} Mbit/s: plain TCP upload ${((measured.bytesPerSecond * 8) / 1e6).toFixed(1)} Mbit/s, ` +
          `round trip ${(measured.rttSeconds * 1000).toFixed(2)} ms`,
      );
    }
    registries.push(registry);
    for (const [kind, archive] of archives) {
      for (let repetition = 0; repetition < repetitions; repetition += 1) {
        const order = repetition % 2 === 0 ? TOOLS : [...TOOLS].reverse();
        for (const tool of order) {
          const context = { link, registry, kind, tool, repetition };
          runs.push(...pushCases(context, archive, loopback));
        }
      }
    }
    await registry.stop();
    registries.pop();
  }
  report(runs, archives, goodputs);
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  const machine = { cpus: cpus().length, node: process.version };
  const json = {
    date: new Date(),
    machine,
    cli: CLI,
    goodputs: Object.fromEntries(goodputs),
    runs,
  };
  writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
  log(`raw results: ${RESULTS} (whole bench ${seconds(started).toFixed(0)} s)`);
}

interface Goodput {
  /** Median payload bytes per second of a plain TCP upload across the link. */
  bytesPerSecond: number;
  /** Median round trip of one byte on an idle connection. */
  rttSeconds: number;
}

/**
 * What the shaped link carries for a plain bulk upload (goodput.ts), client to registry's
 * namespace, GOODPUT_RUNS times: the floor a pusher can really reach, next to bytes / rate.
 */
async function measureGoodput(link: ShapedLink): Promise<Goodput> {
  const port = '5999';
  const [command, args] = link.inServer(process.execPath, [GOODPUT, 'sink', port]);
  const sink = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      sink.stdout.once('data', () => resolve());
      sink.once('exit', (code) => reject(new Error(`goodput sink exited (${code})`)));
    });
    const rates: number[] = [];
    const rtts: number[] = [];
    for (let run = 0; run < GOODPUT_RUNS; run += 1) {
      const sendArgs = [GOODPUT, 'send', link.serverAddress, port, String(GOODPUT_BYTES)];
      const [sendCommand, sendArgv] = link.inClient(process.execPath, sendArgs);
      const result = spawnSync(sendCommand, sendArgv, { encoding: 'utf8', timeout: 60_000 });
      if (result.status !== 0) throw new Error(`goodput send failed: ${result.stderr}`);
      const { seconds: time, rttSeconds } = JSON.parse(result.stdout) as Record<string, number>;
      rates.push(GOODPUT_BYTES / (time as number));
      rtts.push(rttSeconds as number);
    }
    return { bytesPerSecond: median(rates), rttSeconds: median(rtts) };
  } finally {
    sink.kill('SIGKILL');
  }
}

function makeArchives(kind: Kind): { base: Archive; changed: Archive } {
  const file = (name: string) => join(work, `${kind}-${name}.tar`);
  const totalBytes = megabytes * 1e6;
  if (kind === 'real')
    return {
      base: makeRealArchive({ file: file('base'), megabytes }),
      changed: makeRealArchive({ file: file('changed'), megabytes, changed: true }),
    };
  const layers = 12;
  const common = { layers, totalBytes, kind: kind === 'mixed' ? 'mixed' : 'alternating' } as const;
  return {
    base: makeArchive({ ...common, file: file('base') }),
    changed: makeArchive({
      ...common,
      file: file('changed'),
      variant: { layer: layers / 2, seed: 'changed' },
    }),
  };
}

interface PushContext {
  link: string;
  registry: LabRegistry;
  kind: Kind;
  tool: Tool;
  repetition: number;
}

/** Cold push; on loopback also the same image again and the one with a changed layer. */
function pushCases(
  context: PushContext,
  archive: { base: Archive; changed: Archive },
  all: boolean,
) {
  const { link, kind, tool, repetition } = context;
  const repository = `${kind}/${tool}-${repetition}`;
  const plan: [Case, string, string][] = [[`cold`, archive.base.file, `${repository}:base`]];
  if (all)
    plan.push(
      ['unchanged', archive.base.file, `${repository}:base`],
      ['one-layer-changed', archive.changed.file, `${repository}:changed`],
    );
  const runs: Run[] = [];
  for (const [benchCase, file, reference] of plan) {
    const { seconds: time, sentBytes } = push(context, file, reference);
    const storedBytes = stored(context.registry, reference);
    const run = { link, archive: kind, case: benchCase, tool, repetition, seconds: time };
    runs.push({ ...run, storedBytes, sentBytes });
    const sent = sentBytes === undefined ? '' : `, sent ${mb(sentBytes)}`;
    log(
      `${link} ${kind} ${benchCase} #${repetition} ${tool}: ${time.toFixed(2)} s, stored ${mb(storedBytes)}${sent}`,
    );
  }
  return runs;
}

function push(context: PushContext, file: string, reference: string) {
  const target = `${context.registry.host}/${reference}`;
  let command: string;
  let args: string[];
  if (context.tool !== 'hypernix') {
    for (const cache of SKOPEO_CACHES) rmSync(cache, { force: true });
    command = 'skopeo';
    args = [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      ...(zstd && context.tool === 'skopeo' ? ['--dest-compress-format', 'zstd'] : []),
      `docker-archive:${file}`,
      `docker://${target}`,
    ];
  } else {
    command = process.execPath;
    args = [CLI, 'push', file, target, '--plain-http', '--json', ...hypernixArgs];
  }
  if (context.link !== 'loopback' && shaped) [command, args] = shaped.inClient(command, args);
  execFileSync('sync');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
  const started = performance.now();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: RUN_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const elapsed = seconds(started);
  if (result.status !== 0)
    throw new Error(`${context.tool} push of ${reference} failed: ${result.stderr.slice(-2000)}`);
  const sentBytes =
    context.tool === 'hypernix'
      ? Number((JSON.parse(result.stdout) as Record<string, unknown>)['pushed-bytes'])
      : undefined;
  return { seconds: elapsed, sentBytes };
}

/** The layers' and config's sizes that the tag's manifest names, read from the registry's files. */
function stored(registry: LabRegistry, reference: string): number {
  const [repository, tag] = reference.split(':') as [string, string];
  const v2 = join(registry.dataDir, 'docker', 'registry', 'v2');
  const link = join(v2, 'repositories', repository, '_manifests', 'tags', tag, 'current', 'link');
  const digest = readFileSync(link, 'utf8').trim().slice('sha256:'.length);
  const manifest = JSON.parse(
    readFileSync(join(v2, 'blobs', 'sha256', digest.slice(0, 2), digest, 'data'), 'utf8'),
  ) as { config: { size: number }; layers: { size: number }[] };
  return manifest.layers.reduce((sum, layer) => sum + layer.size, manifest.config.size);
}

function report(
  runs: Run[],
  archives: Map<Kind, { base: Archive }>,
  goodputs: Map<string, Goodput>,
): void {
  console.log('');
  console.log(
    `Push over a shaped link, ${zstd ? 'zstd layers' : 'gzip layers'}, ${repetitions} repetitions, ${cpus().length} cores, medians; ` +
      'floor = bytes stored / link rate; measured floor = bytes stored / plain TCP ' +
      'upload rate + one round trip',
  );
  for (const [link, { bytesPerSecond, rttSeconds }] of goodputs)
    console.log(
      `- ${link} Mbit/s: a plain TCP upload carries ${((bytesPerSecond * 8) / 1e6).toFixed(1)} ` +
        `Mbit/s (${((bytesPerSecond * 8) / (Number(link) * 1e4)).toFixed(1)} % of the rate), ` +
        `round trip ${(rttSeconds * 1000).toFixed(2)} ms`,
    );
  for (const [kind, { base }] of archives)
    console.log(`- ${kind}: ${mb(base.size)} archive, ${base.layers.length} layers`);
  console.log('');
  console.log(
    '| link | archive | case | skopeo s | hypernix s | ratio | skopeo MB | hypernix MB | bytes ratio | ' +
      'hypernix floor s | hypernix / own floor | hypernix measured floor s | ' +
      'skopeo / measured floor | hypernix / measured floor |' +
      (zstd ? ' skopeo-gzip s | hypernix / skopeo-gzip | bytes / skopeo-gzip |' : ''),
  );
  console.log(
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |' +
      (zstd ? ' ---: | ---: | ---: |' : ''),
  );
  const keys = new Set(runs.map((run) => `${run.link}|${run.archive}|${run.case}`));
  for (const key of keys) {
    const [link, archive, benchCase] = key.split('|');
    const of = (tool: Tool) =>
      runs.filter((run) => `${run.link}|${run.archive}|${run.case}` === key && run.tool === tool);
    const time = (tool: Tool) => median(of(tool).map((run) => run.seconds));
    const bytes = (tool: Tool) =>
      benchCase === 'cold'
        ? median(of(tool).map((run) => run.storedBytes))
        : median(of(tool).map((run) => run.sentBytes ?? run.storedBytes));
    const rate = link === 'loopback' ? undefined : (Number(link) * 1e6) / 8;
    const own = rate ? bytes('hypernix') / rate : undefined;
    const measured = goodputs.get(link as string);
    const real = (tool: Tool) =>
      measured ? bytes(tool) / measured.bytesPerSecond + measured.rttSeconds : undefined;
    const cells = [
      link === 'loopback' ? 'loopback' : `${link} Mbit/s`,
      archive,
      benchCase,
      time('skopeo').toFixed(2),
      time('hypernix').toFixed(2),
      (time('hypernix') / time('skopeo')).toFixed(3),
      mb(bytes('skopeo')),
      mb(bytes('hypernix')),
      (bytes('hypernix') / bytes('skopeo')).toFixed(3),
      own?.toFixed(2) ?? '—',
      own ? (time('hypernix') / own).toFixed(3) : '—',
      real('hypernix')?.toFixed(2) ?? '—',
      measured ? (time('skopeo') / (real('skopeo') as number)).toFixed(3) : '—',
      measured ? (time('hypernix') / (real('hypernix') as number)).toFixed(3) : '—',
      ...(zstd
        ? [
            time('skopeo-gzip').toFixed(2),
            (time('hypernix') / time('skopeo-gzip')).toFixed(3),
            (bytes('hypernix') / bytes('skopeo-gzip')).toFixed(3),
          ]
        : []),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)}`;
}

function log(line: string): void {
  console.error(`link-bench: ${line}`);
}
