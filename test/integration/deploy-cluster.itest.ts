import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliRun } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-action.js';
import { hypervisorStatus, startHypervisor, type HypervisorFacts } from '../lab/hypervisor.js';
import { tempDir } from '../helpers/temp.js';

// The cluster step on real TCG VMs of the lab. kubeadm, kubectl and the kubelet on the guests are
// the test suite's STAND-INS (test/lab/guest/standins: shell scripts with state in files and a
// busybox httpd "API" on :6443); everything from the runner to the guest — SSH with serial-console
// keys, quoting, config files, masking, ordering, failure reports — is the real deploy code.

let facts: HypervisorFacts;
let startedHere = false;
let image: string;
const dir = tempDir('hypernix-cluster-');
const pool = join(dir, 'pool');
const outputs: string[] = [];
const DIGEST = `sha256:${'c'.repeat(64)}`;

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
      'netns',
      'exec',
      facts.netns,
      'ssh',
      '-i',
      facts.guest.clientKeyFile,
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `root@${address}`,
      command,
    ],
    { encoding: 'utf8' },
  );
}

const flannelFor = (network: string) =>
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-flannel-cfg\n  namespace: kube-flannel\ndata:\n  net-conf.json: |\n    {"Network": "NET"}\n'.replace(
    'NET',
    network,
  );

function config(name: string, vms: string[], cluster: string | undefined): string {
  const file = join(dir, `${name}.yaml`);
  const body = [
    'deployment: clustertest',
    `hypervisor: {pool: ${pool}, virt-type: qemu}`,
    `image: {path: ${image}, firmware: uefi}`,
    'defaults: {memory: 320MiB, vcpus: 1}',
    `ssh: {key-file: ${facts.guest.clientKeyFile}}`,
    `vms: [${vms.map((vm) => `{name: ${vm}, role: ${vm.startsWith('cp') ? 'control-plane' : 'worker'}}`).join(', ')}]`,
    cluster ? `cluster:\n${cluster}` : '',
  ];
  writeFileSync(file, body.join('\n'));
  return file;
}

function cluster(extra: { pod?: string; body?: string } = {}): string {
  const pod = extra.pod ?? '10.244.0.0/16';
  const flannel = flannelFor(pod);
  const manifest = join(dir, `flannel-${pod.replace(/\W/g, '-')}.yml`);
  writeFileSync(manifest, flannel);
  return [
    `  pod-subnet: ${pod}`,
    `  cni: {name: flannel, manifest: ${manifest}, sha256: "${createHash('sha256').update(flannel).digest('hex')}"}`,
    `  workload: {manifests: [${join(ROOT, 'examples/k8s/pod.yaml')}, ${join(ROOT, 'examples/k8s/service.yaml')}], ready-timeout: 60}`,
    `  smoke-test: {url: /api/v1/namespaces/default/services/a-message-from-the-underworld:80/proxy/, expect-body: "${extra.body ?? 'underworld'}"}`,
    '  kubeconfig: ./kubeconfig',
    '  ready-timeout: 60',
  ].join('\n');
}

interface Result {
  vms: { name: string; address?: string }[];
  changed: boolean;
  cluster?: {
    endpoint: string;
    nodes: { name: string; ready: boolean }[];
    stages: { name: string; note: string }[];
    smokeTest?: { ok: boolean };
  };
}
const parse = (run: CliRun) => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Result;
};
const lastLine = (run: CliRun) => run.stderr.trim().split('\n').at(-1) ?? '';

beforeAll(async () => {
  const running = await hypervisorStatus().catch(() => undefined);
  startedHere = running === undefined;
  facts = running ?? (await startHypervisor()).facts;
  image = execFileSync('bash', ['test/lab/guest/build.sh'], { cwd: ROOT, encoding: 'utf8' }).trim();
}, 900_000);

afterAll(async () => {
  if (facts) {
    await cli(['deploy', 'destroy', '-f', config('cleanup', ['cp-1'], undefined)]);
    if (startedHere)
      execFileSync('bash', ['test/lab/hypervisor.sh', 'stop'], { cwd: ROOT, stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe('the cluster on lab VMs (stand-in kubeadm/kubectl)', () => {
  let cp = '';
  let w2 = '';
  it('refuses an overlapping pod CIDR before anything changes, then fails one join and keeps the other', async () => {
    const vms = parse(
      await cli([
        'deploy',
        'apply',
        '-f',
        config('vms', ['cp-1', 'w-1', 'w-2'], undefined),
        '--json',
        '--ssh-wait',
        '400',
      ]),
    );
    cp = vms.vms.find((vm) => vm.name === 'cp-1')?.address ?? '';
    w2 = vms.vms.find((vm) => vm.name === 'w-2')?.address ?? '';
    const overlap = await cli([
      'deploy',
      'apply',
      '-f',
      config('overlap', ['cp-1', 'w-1', 'w-2'], cluster({ pod: '10.88.0.0/16' })),
      '--image',
      `127.0.0.1:5000/app@${DIGEST}`,
    ]);
    expect(overlap.code, overlap.stderr).toBe(1);
    expect(overlap.stderr).toMatch(
      /cp-1: cluster\.pod-subnet 10\.88\.0\.0\/16 overlaps the node's network 10\.88\.0\.0\/24; fix: /,
    );
    expect(onGuest(cp, 'test -e /etc/kubernetes/admin.conf && echo yes || echo no').trim()).toBe(
      'no',
    );

    onGuest(w2, 'touch /etc/standin/kubelet-broken');
    const file = config('cluster', ['cp-1', 'w-1', 'w-2'], cluster());
    const failed = await cli([
      'deploy',
      'apply',
      '-f',
      file,
      '--image',
      `127.0.0.1:5000/app@${DIGEST}`,
    ]);
    expect(failed.code, failed.stderr).toBe(1);
    expect(lastLine(failed)).toMatch(
      /1 node\(s\) failed to join \(the others are joined\): w-2: .*timed out waiting for the condition/,
    );
    expect(onGuest(cp, 'ls /var/lib/standin/nodes').split('\n').filter(Boolean).sort()).toEqual([
      'cp-1',
      'w-1',
    ]);
    expect(onGuest(w2, 'ls /etc/hypernix/ 2>/dev/null || true')).not.toContain('kubeadm-join.yaml');
  }, 900_000);

  it('the worker joins alone once fixed; the workload runs the digest; a second apply changes nothing', async () => {
    onGuest(w2, 'rm /etc/standin/kubelet-broken');
    const file = join(dir, 'cluster.yaml');
    const first = parse(
      await cli([
        'deploy',
        'apply',
        '-f',
        file,
        '--json',
        '--image',
        `127.0.0.1:5000/app@${DIGEST}`,
      ]),
    );
    expect(first.cluster?.stages.map((s) => `${s.name}: ${s.note}`)).toEqual(
      expect.arrayContaining([
        'control plane: already initialised',
        'join: 1 joined, 1 already nodes, 0 failed',
      ]),
    );
    expect(first.cluster?.nodes.map((n) => `${n.name}:${n.ready}`).sort()).toEqual([
      'cp-1:true',
      'w-1:true',
      'w-2:true',
    ]);
    expect(first.cluster?.smokeTest?.ok).toBe(true);
    expect(
      onGuest(cp, 'cat /var/lib/standin/objects/default.pod.a-message-from-the-underworld'),
    ).toContain(`image: 127.0.0.1:5000/app@${DIGEST}`);
    const kubeconfig = join(dir, 'kubeconfig');
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
    expect(readFileSync(kubeconfig, 'utf8')).toContain(`server: https://${cp}:6443`);
    const again = parse(
      await cli([
        'deploy',
        'apply',
        '-f',
        file,
        '--json',
        '--image',
        `127.0.0.1:5000/app@${DIGEST}`,
      ]),
    );
    expect(again.changed).toBe(false);
    expect(again.cluster?.stages.map((s) => s.note)).toEqual(
      expect.arrayContaining(['already initialised', 'unchanged']),
    );
  }, 900_000);

  it('a smoke-test body mismatch and a half-initialised control plane are one clear line each', async () => {
    const body = await cli([
      'deploy',
      'apply',
      '-f',
      config('body', ['cp-1', 'w-1', 'w-2'], cluster({ body: 'nowhere' })),
      '--image',
      `127.0.0.1:5000/app@${DIGEST}`,
    ]);
    expect(body.code, body.stderr).toBe(1);
    expect(lastLine(body)).toMatch(
      /smoke test GET \/api\/v1\/namespaces\/default\/services\/a-message-from-the-underworld:80\/proxy\/ failed: status 200, but the body does not contain "nowhere"/,
    );
    onGuest(cp, 'kill $(pidof httpd)');
    const half = await cli([
      'deploy',
      'apply',
      '-f',
      join(dir, 'cluster.yaml'),
      '--image',
      `127.0.0.1:5000/app@${DIGEST}`,
    ]);
    expect(half.code, half.stderr).toBe(1);
    expect(lastLine(half)).toMatch(
      /cp-1: half-initialised control plane: \/etc\/kubernetes\/admin\.conf exists but the API server does not answer .*not reset automatically/,
    );
    onGuest(cp, 'setsid httpd -p 6443 -h /var/lib/standin/www </dev/null >/dev/null 2>&1');
  }, 600_000);

  it('no token, CA hash or kubeconfig key appears in any output of this suite', () => {
    const tokens = onGuest(
      cp,
      'cat /var/lib/standin/issued; cat /etc/standin/ca.hash; grep client-key-data /etc/kubernetes/admin.conf | awk "{print \\$2}"',
    );
    const secrets = tokens.split('\n').filter((s) => s.length >= 6);
    expect(secrets.length).toBeGreaterThan(0);
    const all = outputs.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/\b[a-z0-9]{6}\.[a-z0-9]{16}\b/);
  });
});
