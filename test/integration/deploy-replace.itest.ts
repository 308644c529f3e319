import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliRun } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-action.js';
import { hypervisorStatus, startHypervisor, type HypervisorFacts } from '../lab/hypervisor.js';
import { tempDir } from '../helpers/temp.js';

// A worker replaced on an image change, on real TCG VMs of the lab: cordoned, drained (a drain
// that times out stops the rollout first), its Node deleted, its VM made again from the new
// image, rejoined, Ready; the control plane kept. kubeadm/kubectl on the guests are the suite's
// STAND-INS (test/lab/guest/standins); everything from the runner to the guest is the real code.

let facts: HypervisorFacts;
let startedHere = false;
let image = '';
let image2 = '';
const dir = tempDir('hypernix-replace-');
const pool = join(dir, 'pool');
const outputs: string[] = [];
const IMAGE = `127.0.0.1:5000/app@sha256:${'d'.repeat(64)}`;

function cli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', facts.netns, process.execPath, CLI, ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

/** A command on a guest over plain ssh (the test's own view, not the code under test). */
function onGuest(address: string, command: string): string {
  return execFileSync(
    'ip',
    [
      ...['netns', 'exec', facts.netns, 'ssh', '-i', facts.guest.clientKeyFile],
      ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'],
      ...['-o', 'LogLevel=ERROR', `root@${address}`, command],
    ],
    { encoding: 'utf8' },
  );
}

function config(name: string, from: string, drainTimeout: number): string {
  const flannel =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-flannel-cfg\n  namespace: kube-flannel\ndata:\n  net-conf.json: |\n    {"Network": "10.244.0.0/16"}\n';
  const manifest = join(dir, 'flannel.yml');
  writeFileSync(manifest, flannel);
  const file = join(dir, `${name}.yaml`);
  const sha = createHash('sha256').update(flannel).digest('hex');
  writeFileSync(
    file,
    [
      'deployment: replacetest',
      'replace: on-image-change',
      `hypervisor: {pool: ${pool}, virt-type: qemu}`,
      `image: {path: ${from}, firmware: uefi}`,
      'defaults: {memory: 320MiB, vcpus: 1}',
      `ssh: {key-file: ${facts.guest.clientKeyFile}}`,
      'vms: [{name: cp-1, role: control-plane}, {name: w-1, role: worker}]',
      'cluster:',
      `  cni: {name: flannel, manifest: ${manifest}, sha256: "${sha}"}`,
      `  workload: {manifests: [${join(ROOT, 'examples/k8s/pod.yaml')}, ${join(ROOT, 'examples/k8s/service.yaml')}], ready-timeout: 60}`,
      '  smoke-test: {url: /api/v1/namespaces/default/services/a-message-from-the-underworld:80/proxy/, expect-body: underworld}',
      '  kubeconfig: ./kubeconfig',
      '  ready-timeout: 120',
      `  drain-timeout: ${drainTimeout}`,
    ].join('\n'),
  );
  return file;
}

interface Result {
  plan: string[];
  vms: { name: string; address?: string; image: string }[];
  cluster?: { nodes: { name: string; ready: boolean }[]; smokeTest?: { ok: boolean } };
}
const parse = (run: CliRun) => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Result;
};
const apply = (file: string) =>
  cli(['deploy', 'apply', '-f', file, '--json', '--image', IMAGE, '--ssh-wait', '400']);
const address = (result: Result, name: string) =>
  result.vms.find((vm) => vm.name === name)?.address ?? '';

beforeAll(async () => {
  const running = await hypervisorStatus().catch(() => undefined);
  startedHere = running === undefined;
  facts = running ?? (await startHypervisor()).facts;
  image = execFileSync('bash', ['test/lab/guest/build.sh'], { cwd: ROOT, encoding: 'utf8' }).trim();
  // The same guest in a qcow2 with another cluster size: other bytes, so another image digest.
  image2 = join(dir, 'guest-v2.qcow2');
  execFileSync('qemu-img', ['convert', '-O', 'qcow2', '-o', 'cluster_size=32768', image, image2]);
}, 900_000);

afterAll(async () => {
  if (facts) {
    await cli(['deploy', 'destroy', '-f', config('cleanup', image, 300)]);
    if (startedHere)
      execFileSync('bash', ['test/lab/hypervisor.sh', 'stop'], { cwd: ROOT, stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe('replacing a worker on an image change (stand-in kubeadm/kubectl)', () => {
  it('a drain timeout stops the rollout with one line; then the worker is drained, recreated, rejoined and Ready; the control plane kept', async () => {
    const first = parse(await apply(config('v1', image, 300)));
    expect(first.cluster?.smokeTest?.ok).toBe(true);
    const cp = address(first, 'cp-1');
    const w1 = address(first, 'w-1');
    // Markers: a recreated VM starts from the image, a kept one still has its file.
    onGuest(cp, 'touch /root/kept-marker');
    onGuest(w1, 'touch /root/old-vm-marker');

    // A PodDisruptionBudget that never allows the eviction (the stand-in's drain-blocked file).
    onGuest(
      cp,
      'mkdir -p /var/lib/standin/drain-blocked && touch /var/lib/standin/drain-blocked/w-1',
    );
    const blocked = await apply(config('v2-blocked', image2, 3));
    expect(blocked.code, blocked.stderr).toBe(1);
    expect(blocked.stderr.trim().split('\n').at(-1)).toMatch(
      /w-1: drain did not finish within 3 s: .*global timeout reached: 3s.*; the node stays cordoned and nothing was replaced from here on;/,
    );
    expect(onGuest(w1, 'ls /root')).toContain('old-vm-marker');
    expect(onGuest(cp, 'ls /var/lib/standin/unschedulable')).toContain('w-1');
    expect(onGuest(cp, 'ls /var/lib/standin/nodes').split('\n').filter(Boolean).sort()).toEqual([
      'cp-1',
      'w-1',
    ]);

    onGuest(cp, 'rm /var/lib/standin/drain-blocked/w-1');
    const run = await apply(config('v2', image2, 300));
    const replaced = parse(run);
    expect(replaced.plan).toEqual([
      expect.stringMatching(
        /^= keep {4}cp-1: image \w{12} → \w{12}; the control plane is kept \(replace-control-plane: false\)$/,
      ),
      expect.stringMatching(/^~ replace w-1: image \w{12} → \w{12}$/),
      '1 change(s).',
    ]);
    // The order on the runner's log: cordon, drain, Node deleted, VM made again, joined, Ready.
    const order = [
      'w-1: cordoned; draining (timeout 300 s)',
      'w-1: drained and removed from the cluster; replacing its VM',
      'w-1: kubeadm join',
      'w-1: joined',
      'w-1: replaced, rejoined and Ready',
    ].map((line) => run.stderr.indexOf(line));
    expect(
      order.every((at) => at >= 0),
      run.stderr,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const newW1 = address(replaced, 'w-1');
    expect(onGuest(newW1, 'ls /root')).not.toContain('old-vm-marker');
    expect(onGuest(cp, 'ls /root')).toContain('kept-marker');
    expect(onGuest(cp, 'ls /var/lib/standin/unschedulable 2>/dev/null || true')).not.toContain(
      'w-1',
    );
    expect(replaced.cluster?.nodes.map((n) => `${n.name}:${n.ready}`).sort()).toEqual([
      'cp-1:true',
      'w-1:true',
    ]);
    expect(replaced.cluster?.smokeTest?.ok).toBe(true);
    const digest2 = `sha256:${createHash('sha256').update(readFileSync(image2)).digest('hex')}`;
    expect(replaced.vms.find((vm) => vm.name === 'w-1')?.image).toBe(digest2);
    expect(replaced.vms.find((vm) => vm.name === 'cp-1')?.image).not.toBe(digest2);

    // Tokens made for the joins never reached an output.
    const issued = onGuest(cp, 'cat /var/lib/standin/issued').split('\n').filter(Boolean);
    expect(issued.length).toBeGreaterThan(1);
    for (const token of issued) expect(outputs.join('\n')).not.toContain(token);
  }, 1_800_000);
});
