// 3 VM disks from a 2 GiB base image: copy-on-write overlays (what `hypernix deploy apply` makes,
// `qemu-img create -f qcow2 -F qcow2 -b BASE VM.qcow2`) next to the guide's `cp` per VM, side by
// side in one run, taking turns which goes first. Prints medians and their ratio (Markdown).
//
//   node_modules/.bin/node bench/deploy/overlays.ts [--reps 5] [--dir /var/tmp]
//
// The base is a 2 GiB qcow2 full of random data (a real image's blocks are not zeros, which `cp`
// would skip as holes), so `cp` copies 2 GiB as it would a real image. Everything made is
// removed at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { reps: { type: 'string', default: '5' }, dir: { type: 'string', default: tmpdir() } },
});
const reps = Number(values.reps);
const dir = mkdtempSync(join(values.dir ?? tmpdir(), 'hypernix-bench-overlays-'));
const VMS = ['cp-1', 'worker-1', 'worker-2'];

const allocated = (path: string) => statSync(path).blocks * 512;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function timed(make: (target: string) => void): { ms: number; bytes: number } {
  const targets = VMS.map((vm) => join(dir, `${vm}.qcow2`));
  const start = performance.now();
  for (const target of targets) make(target);
  execFileSync('sync'); // a copy is not made until it is on the disk
  const ms = performance.now() - start;
  const bytes = targets.reduce((sum, target) => sum + allocated(target), 0);
  for (const target of targets) rmSync(target);
  return { ms, bytes };
}

try {
  const base = join(dir, 'base.qcow2');
  process.stderr.write('making a 2 GiB base of random data...\n');
  const raw = join(dir, 'base.raw');
  execFileSync('dd', ['if=/dev/urandom', `of=${raw}`, 'bs=4M', 'count=512', 'status=none']);
  execFileSync('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', raw, base]);
  rmSync(raw);
  execFileSync('sync');
  const overlay = (target: string) =>
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, target]);
  const copy = (target: string) => execFileSync('cp', ['--', base, target]);
  type Run = { ms: number; bytes: number };
  const runs: { overlay: Run[]; cp: Run[] } = { overlay: [], cp: [] };
  for (let rep = 0; rep < reps; rep += 1) {
    const order = rep % 2 === 0 ? (['overlay', 'cp'] as const) : (['cp', 'overlay'] as const);
    for (const side of order) {
      const result = timed(side === 'overlay' ? overlay : copy);
      runs[side].push(result);
      process.stderr.write(
        `rep ${rep + 1} ${side}: ${result.ms.toFixed(1)} ms, ${(result.bytes / 2 ** 20).toFixed(1)} MiB\n`,
      );
    }
  }
  const o = median(runs.overlay.map((r) => r.ms));
  const c = median(runs.cp.map((r) => r.ms));
  const ob = median(runs.overlay.map((r) => r.bytes)) / 2 ** 20;
  const cb = median(runs.cp.map((r) => r.bytes)) / 2 ** 20;
  process.stdout.write(
    [
      `3 VM disks from a 2 GiB base, median of ${reps} (base: ${(allocated(base) / 2 ** 20).toFixed(0)} MiB allocated)`,
      '',
      '| method | time (ms) | extra disk (MiB) |',
      '| --- | ---: | ---: |',
      `| qemu-img overlays (hypernix) | ${o.toFixed(1)} | ${ob.toFixed(2)} |`,
      `| cp per VM (the guide) | ${c.toFixed(1)} | ${cb.toFixed(0)} |`,
      `| ratio | **${(o / c).toFixed(4)}x** | ${(ob / cb).toFixed(5)}x |`,
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
