import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macFor } from '../../src/hypervisor/mac.js';
import { CLI, hypernix, type CliRun } from '../helpers/cli.js';
import { errorsOf, ROOT, runAction } from '../helpers/run-action.js';
import {
  hypervisorStatus,
  parseGuestConsole,
  startHypervisor,
  type HypervisorFacts,
} from '../lab/hypervisor.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { tempDir } from '../helpers/temp.js';

// Real VMs on the lab's hypervisor (libvirtd in netns hnlab, br0 + dnsmasq, TCG guests that
// print their host key on the serial console). Few boots: each takes ~30 s under TCG.
// The "local" runs execute the CLI inside the namespace, as a runner on the hypervisor would.

let facts: HypervisorFacts;
let startedHere = false;
let registry: LabRegistry;
const dir = tempDir('hypernix-deploy-lab-');
const pool = join(dir, 'pool');

interface Output {
  vms: {
    name: string;
    role: string;
    mac: string;
    address?: string;
    state: string;
    image: string;
    hostKeys?: { fingerprint: string; type: string }[];
  }[];
  changed: boolean;
  plan: string[];
}

function inNamespace(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', facts.netns, process.execPath, CLI, ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const fileDigest = (path: string) =>
  `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;

function config(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `deployment: labtest\n${body}`);
  return file;
}

const common = (image: string, extra = '') =>
  `image: {${image}, firmware: uefi}\ndefaults: {memory: 384MiB, vcpus: 1}\n${extra}`;

const json = (run: CliRun): Output => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Output;
};

beforeAll(async () => {
  // A running lab is used as it is (start would queue behind the lab's own lock).
  const running = await hypervisorStatus().catch(() => undefined);
  startedHere = running === undefined;
  facts = running ?? (await startHypervisor()).facts;
  registry = await startRegistry();
}, 900_000);

afterAll(async () => {
  if (!facts) {
    rmSync(dir, { recursive: true, force: true });
    return; // the lab never came up: nothing else was made
  }
  // Whatever a failed test left: this deployment's VMs and images (destroy is idempotent).
  const file = config(
    'cleanup',
    `hypervisor: {pool: ${pool}, virt-type: qemu}\n${common(`path: ${facts.guest.image}`)}vms: [{name: lab-a, role: worker}]\n`,
  );
  await inNamespace(['deploy', 'destroy', '-f', file]);
  await registry?.stop();
  // Stopped only when this file started it; another suite holding the lab's lock is using it.
  if (startedHere) {
    try {
      execFileSync('bash', ['test/lab/hypervisor.sh', 'stop'], { cwd: ROOT, stdio: 'ignore' });
    } catch {
      // left running for the suite that holds it; it stops it itself
    }
  }
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe('deploy on the lab hypervisor', () => {
  it('two applies at once: one makes the VM (SSH checked with its serial key), the other waits, then finds nothing to do', async () => {
    const file = config(
      'one',
      `hypervisor: {pool: ${pool}, virt-type: qemu}\n${common(`path: ${facts.guest.image}`)}ssh: {key-file: ${facts.guest.clientKeyFile}}\nvms: [{name: lab-a, role: control-plane}]\n`,
    );
    const plan = await inNamespace(['deploy', 'plan', '-f', file]);
    expect(plan.stdout).toMatch(/^\+ create {2}lab-a \(control-plane, 384 MiB, 1 vCPU/m);
    const [first, second] = await Promise.all([
      inNamespace(['deploy', 'apply', '-f', file, '--json', '--ssh-wait', '300']),
      new Promise((r) => setTimeout(r, 300)).then(() =>
        inNamespace(['deploy', 'apply', '-f', file, '--json', '--ssh-wait', '300']),
      ),
    ]);
    const outputs = [json(first), json(second)];
    expect(outputs.map((o) => o.changed).sort()).toEqual([false, true]);
    const waited = outputs[0]?.changed ? second : first;
    expect(waited.stderr).toMatch(/Waiting for the deploy lock on hypervisor, held by "/);
    const vm = outputs.find((o) => o.changed)?.vms[0];
    expect(vm).toMatchObject({
      name: 'lab-a',
      role: 'control-plane',
      mac: macFor('lab-a'),
      state: 'running',
    });
    expect(vm?.address).toMatch(/^10\.88\.0\.\d+$/);
    const serial = parseGuestConsole(readFileSync(join(pool, 'lab-a.serial.log'), 'utf8'));
    expect(vm?.hostKeys).toEqual([{ fingerprint: serial.fingerprint, type: 'ed25519' }]);
    expect(readFileSync(facts.dhcpLeases, 'utf8')).toContain(`${macFor('lab-a')} ${vm?.address}`);
    const again = await inNamespace(['deploy', 'apply', '-f', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Nothing changed\.$/m);
  }, 600_000);

  it('replaces the VM on a new image digest only with replace: on-image-change', async () => {
    // The same guest, written compressed: other bytes, another digest, the same boot.
    const image = join(dir, 'guest-b.qcow2');
    execFileSync('qemu-img', ['convert', '-c', '-O', 'qcow2', facts.guest.image, image]);
    const body = (replace: string) =>
      `hypervisor: {pool: ${pool}, virt-type: qemu}\n${common(`path: ${image}`)}replace: ${replace}\nvms: [{name: lab-a, role: control-plane}]\n`;
    const kept = json(
      await inNamespace(['deploy', 'apply', '-f', config('never', body('never')), '--json']),
    );
    expect(kept.changed).toBe(false);
    expect(kept.plan[0]).toMatch(
      /^= keep {4}lab-a: image [0-9a-f]{12} → [0-9a-f]{12}; not replaced \(replace: never\)$/,
    );
    const replaced = json(
      await inNamespace([
        'deploy',
        'apply',
        '-f',
        config('replace', body('on-image-change')),
        '--json',
        '--ssh-wait',
        '300',
      ]),
    );
    expect(replaced.plan[0]).toMatch(/^~ replace lab-a: image /);
    expect(replaced.vms[0]?.state).toBe('running');
    // Each VM reports the image it runs: the old one while kept, the new one once replaced.
    expect(kept.vms[0]?.image).toBe(fileDigest(facts.guest.image));
    expect(replaced.vms[0]?.image).toBe(fileDigest(image));
    expect(replaced.vms[0]?.address).toMatch(/^10\.88\.0\.\d+$/);
    expect(readFileSync(join(pool, 'lab-a.serial.log'), 'utf8')).toMatch(/hypernix-hostkey: /);
  }, 600_000);

  it('over SSH: pulls the pushed artifact on the runner, uploads it, prunes the old VM, makes the new one through the jump', async () => {
    const push = await hypernix([
      'artifact',
      'push',
      facts.guest.image,
      `${registry.host}/lab/guest:1`,
      '--plain-http',
      '--json',
    ]);
    expect(push.code, push.stderr).toBe(0);
    const { digest } = JSON.parse(push.stdout) as { digest: string };
    const file = config(
      'ssh',
      [
        `hypervisor: {pool: ${pool}, virt-type: qemu, ssh: {host: ${facts.ssh.host}, port: ${facts.ssh.port}, known-hosts: ${facts.ssh.knownHostsFile}, key-file: ${facts.ssh.clientKeyFile}}}`,
        common(`ref: "${registry.host}/lab/guest@${digest}", plain-http: true`, 'prune: true\n'),
        `ssh: {key-file: ${facts.guest.clientKeyFile}, via-hypervisor: true}`,
        'vms: [{name: lab-b, role: worker}]',
        '',
      ].join('\n'),
    );
    const result = json(
      await hypernix(['deploy', 'apply', '-f', file, '--json', '--ssh-wait', '300']),
    );
    expect(result.plan).toEqual([
      expect.stringMatching(/^\+ create {2}lab-b /),
      '- remove  lab-a',
      '2 change(s).',
    ]);
    expect(result.vms).toEqual([
      expect.objectContaining({ name: 'lab-b', state: 'running', image: digest }),
    ]);
    expect(readFileSync(join(pool, `${digest.slice(7)}.qcow2`)).length).toBeGreaterThan(0);
    const destroyed = await hypernix(['deploy', 'destroy', '-f', file]);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(
      execFileSync('virsh', ['-c', facts.libvirtUri, 'list', '--all', '--name'], {
        encoding: 'utf8',
      }),
    ).not.toMatch(/lab-/);
    expect(
      execFileSync('ls', ['-A', pool], { encoding: 'utf8' })
        .split('\n')
        .filter((f) => f.endsWith('.qcow2')),
    ).toEqual([]);
  }, 600_000);

  it('faults: an unknown bridge, a domain that cannot start (undone), a VM that never answers (named)', async () => {
    const blank = join(dir, 'blank.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', blank, '64M']);
    const base = (extra: string, vms: string) =>
      `hypervisor: {pool: ${pool}, virt-type: qemu${extra}}\nimage: {path: ${blank}}\nvms: [${vms}]\n`;
    const bridge = await inNamespace([
      'deploy',
      'apply',
      '-f',
      config('br', base(', bridge: br9', '{name: lab-c, role: worker}')),
    ]);
    expect(bridge.code).toBe(2);
    expect(bridge.stderr.trim().split('\n').at(-1)).toMatch(
      /^hypernix: .*br\.yaml: hypervisor\.bridge: hypervisor has no bridge named "br9"$/,
    );

    // 64 GiB of guest RAM on this machine: defined, then refused by qemu at start.
    const huge = await inNamespace([
      'deploy',
      'apply',
      '-f',
      config('huge', base('', '{name: lab-c, role: worker, memory: 64GiB, vcpus: 1}')),
    ]);
    expect(huge.code).toBe(1);
    expect(huge.stderr.trim().split('\n').at(-1)).toMatch(
      /^hypernix: creating VM lab-c failed: .*; undefined its domain and removed its disk$/,
    );
    expect(
      execFileSync('virsh', ['-c', facts.libvirtUri, 'list', '--all', '--name'], {
        encoding: 'utf8',
      }),
    ).not.toMatch(/lab-c/);
    expect(execFileSync('ls', ['-A', pool], { encoding: 'utf8' })).not.toMatch(/lab-c/);

    // A disk with nothing to boot: the VM runs but never gets an address.
    const silent = await inNamespace([
      'deploy',
      'apply',
      '-f',
      config('silent', base('', '{name: lab-d, role: worker, memory: 256MiB, vcpus: 1}')),
      '--ssh-wait',
      '8',
    ]);
    expect(silent.code).toBe(1);
    expect(silent.stderr.trim().split('\n').at(-1)).toBe(
      `hypernix: VM lab-d (MAC ${macFor('lab-d')}) did not answer SSH within 8 s: no address from the guest agent, DHCP leases or ARP`,
    );
    const gone = await inNamespace([
      'deploy',
      'destroy',
      '-f',
      config('silent', base('', '{name: lab-d, role: worker}')),
    ]);
    expect(gone.code, gone.stderr).toBe(0);
    expect(
      execFileSync('virsh', ['-c', facts.libvirtUri, 'list', '--all', '--name'], {
        encoding: 'utf8',
      }),
    ).not.toMatch(/lab-d/);
  }, 300_000);

  it('the deploy action plans over SSH with the key and known_hosts as inputs, and refuses a bad command', async () => {
    const file = config(
      'action',
      `hypervisor: {pool: ${pool}, ssh: {host: 10.87.0.250}}\nimage: {path: /nonexistent.qcow2, firmware: uefi}\nvms: [{name: lab-e, role: worker}]\n`,
    );
    const bundle = join(ROOT, 'dist', 'deploy', 'index.js');
    const inputs = {
      command: 'plan',
      config: file,
      'qcow2-path': facts.guest.image,
      hypervisor: facts.ssh.host,
      'ssh-key': readFileSync(facts.ssh.clientKeyFile, 'utf8'),
      'known-hosts': readFileSync(facts.ssh.knownHostsFile, 'utf8'),
    };
    const run = await runAction(inputs, { bundle });
    expect(errorsOf(run)).toEqual([]);
    expect(run.outputs.changed).toBe('false');
    expect(JSON.parse(run.outputs.vms ?? '')).toEqual([
      expect.objectContaining({
        name: 'lab-e',
        state: 'absent',
        mac: macFor('lab-e'),
        image: fileDigest(facts.guest.image),
      }),
    ]);
    expect(run.outputs.plan).toMatch(/^\+ create {2}lab-e /);
    expect(run.summary).toContain('hypernix deploy plan');
    // The key reaches the runner only in ::add-mask:: commands (how it learns what to hide).
    const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(run.stdout).toContain('::add-mask::-----BEGIN OPENSSH PRIVATE KEY');
    expect(shown.join('\n')).not.toContain('PRIVATE KEY');
    const bad = await runAction({ ...inputs, command: 'deploy' }, { bundle });
    expect(errorsOf(bad)).toEqual([
      '::error::input command: expected plan, apply or destroy; got "deploy"',
    ]);
  }, 120_000);

  it("waits through the one reboot of the guide's hostname service: address seen, no SSH, reboot, then SSH", async () => {
    const image = execFileSync('bash', ['test/lab/guest/build.sh', '--reboot-once'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const file = config(
      'reboot',
      `hypervisor: {pool: ${pool}, virt-type: qemu}\n${common(`path: ${image}`)}ssh: {key-file: ${facts.guest.clientKeyFile}}\nvms: [{name: lab-r, role: worker}]\n`,
    );
    const applied = await inNamespace([
      'deploy',
      'apply',
      '-f',
      file,
      '--json',
      '--ssh-wait',
      '300',
    ]);
    const vm = json(applied).vms[0];
    const log = readFileSync(join(pool, 'lab-r.serial.log'), 'utf8');
    // One reboot that came after the address was out, then a boot that reached sshd.
    const reboots = [...log.matchAll(/hypernix-reboot-once: address=([0-9.]+)\//g)];
    expect(reboots.map((match) => match[1])).toEqual([vm?.address]);
    expect(log.indexOf('hypernix-ready:')).toBeGreaterThan(log.indexOf('hypernix-reboot-once:'));
    expect(vm?.hostKeys).toEqual([
      { fingerprint: parseGuestConsole(log).fingerprint, type: 'ed25519' },
    ]);
  }, 600_000);
});
