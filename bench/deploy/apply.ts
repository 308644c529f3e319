// From `hypernix deploy apply` to 3 VMs answering SSH, next to a script of the guide's steps
// (guide-steps.sh: cp, virt-install, wait for the lease, ssh — one VM after another), side by
// side in one run on the lab's hypervisor (test/lab/hypervisor.sh), taking turns which goes
// first. Both sides boot the lab guest with 384 MiB and 1 vCPU under TCG, run inside the
// hypervisor's namespace (a runner on the hypervisor) and end when all 3 VMs answer SSH; each
// side's VMs are removed (untimed) before the next side starts. Prints medians and their ratio.
//
//   node_modules/.bin/node bench/deploy/apply.ts [--reps 2]    (root; needs dist/ bundled)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hypervisorStatus, startHypervisor, stopHypervisor } from '../../test/lab/hypervisor.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const { values } = parseArgs({ options: { reps: { type: 'string', default: '2' } } });
const reps = Number(values.reps);

const running = await hypervisorStatus().catch(() => undefined);
const facts = running ?? (await startHypervisor()).facts;
const dir = mkdtempSync(join('/var/tmp', 'hypernix-bench-apply-'));
const GUIDE_VMS = ['r18-g1', 'r18-g2', 'r18-g3'];
const KIT_VMS = ['r18-k1', 'r18-k2', 'r18-k3'];
const config = join(dir, 'hypernix.yaml');
writeFileSync(
  config,
  [
    'deployment: r18-bench',
    `hypervisor: {pool: ${join(dir, 'pool')}, virt-type: qemu}`,
    `image: {path: ${facts.guest.image}, firmware: uefi}`,
    'defaults: {memory: 384MiB, vcpus: 1}',
    `ssh: {key-file: ${facts.guest.clientKeyFile}}`,
    `vms: [${KIT_VMS.map((name) => `{name: ${name}, role: worker}`).join(', ')}]`,
    '',
  ].join('\n'),
);

/** Runs a command in the hypervisor's namespace; resolves with its time, rejects on failure. */
function timedInNamespace(argv: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', facts.netns, ...argv], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${argv.slice(0, 4).join(' ')} exited ${code}: ${stderr.trim()}`)),
    );
  });
}

const kit = () =>
  timedInNamespace([process.execPath, CLI, 'deploy', 'apply', '-f', config, '--ssh-wait', '600']);
const guide = () =>
  timedInNamespace([
    'bash',
    join(import.meta.dirname, 'guide-steps.sh'),
    facts.guest.image,
    dir,
    facts.dhcpLeases,
    facts.guest.clientKeyFile,
    facts.guest.boot,
    ...GUIDE_VMS,
  ]);

function removeKit() {
  execFileSync(
    'ip',
    ['netns', 'exec', facts.netns, process.execPath, CLI, 'deploy', 'destroy'].concat([
      '-f',
      config,
    ]),
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
}

function removeGuide() {
  const virsh = (...args: string[]) =>
    execFileSync('virsh', ['-c', facts.libvirtUri, ...args], { stdio: 'ignore' });
  for (const name of GUIDE_VMS) {
    try {
      virsh('destroy', name);
    } catch {
      // not running
    }
    try {
      virsh('undefine', '--nvram', name);
    } catch {
      // not defined
    }
    rmSync(join(dir, `${name}.qcow2`), { force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const times = { kit: [] as number[], guide: [] as number[] };
try {
  for (let rep = 1; rep <= reps; rep += 1) {
    const sides = rep % 2 ? (['guide', 'kit'] as const) : (['kit', 'guide'] as const);
    for (const side of sides) {
      const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ')[0];
      try {
        times[side].push(await (side === 'kit' ? kit() : guide()));
      } finally {
        if (side === 'kit') removeKit();
        else removeGuide();
      }
      process.stderr.write(
        `rep ${rep}: ${side} ${(times[side].at(-1)! / 1000).toFixed(1)} s (load ${load} at start)\n`,
      );
    }
  }
  const k = median(times.kit);
  const g = median(times.guide);
  console.log(`| 3 VMs answering SSH (${reps} reps, 384 MiB, 1 vCPU, TCG) | median s |`);
  console.log('| --- | ---: |');
  console.log(`| \`hypernix deploy apply\` | ${(k / 1000).toFixed(1)} |`);
  console.log(
    `| the guide's steps, one VM after another (guide-steps.sh) | ${(g / 1000).toFixed(1)} |`,
  );
  console.log(`| ratio | ${(k / g).toFixed(2)}x |`);
} finally {
  removeKit();
  removeGuide();
  rmSync(dir, { recursive: true, force: true });
  // Stopped only when this run started it and nothing else has a domain on it.
  const others = execFileSync('virsh', ['-c', facts.libvirtUri, 'list', '--all', '--name'], {
    encoding: 'utf8',
  }).trim();
  if (!running && !others) await stopHypervisor();
}
