import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_TYPE } from '../../src/oci/media-types.js';
import { expectOneCleanError, hypernixBounded } from '../helpers/bounded.js';
import { hypernix } from '../helpers/cli.js';
import { ROOT } from '../helpers/run-action.js';
import { document, startHostileRegistry, type HostileRegistry } from '../hostile/registry.js';
import { hypervisorStatus, startHypervisor, type HypervisorFacts } from '../lab/hypervisor.js';
import { tempDir } from '../helpers/temp.js';

// Deploy faults on the lab's hypervisor (libvirtd in netns hnlab, TCG guests), over the SSH path:
// the hypervisor's sshd killed mid-apply, and a registry whose qcow2 blob is not what its digest
// says. The sshd killed here is this file's own (a second one in the namespace, on port 2222,
// with the lab's host key), so another suite using the lab's sshd is not cut off.

let facts: HypervisorFacts;
let startedHere = false;
let hostile: HostileRegistry | undefined;
const dir = tempDir('hypernix-deploy-faults-');
const pool = join(dir, 'pool');
const PORT = 2222;
const sshdPidFile = join(dir, 'sshd.pid');

const virshNames = () =>
  execFileSync('virsh', ['-c', facts.libvirtUri, 'list', '--all', '--name'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
const poolFiles = (at = pool) => (existsSync(at) ? readdirSync(at).sort() : []);

function startSshd() {
  const config = join(dir, 'sshd_config');
  const base = readFileSync(join(facts.stateDir, 'sshd_config'), 'utf8');
  writeFileSync(
    config,
    base.replace(/^Port .*$/m, `Port ${PORT}`).replace(/^PidFile .*$/m, `PidFile ${sshdPidFile}`),
  );
  killSshd(); // one at a time: a second could not bind the port and would lose the first's PID
  execFileSync('ip', ['netns', 'exec', facts.netns, '/usr/sbin/sshd', '-f', config]);
  for (let i = 0; i < 100 && !existsSync(sshdPidFile); i += 1) spawnSync('sleep', ['0.05']);
}

/** Kills this file's sshd: the listener and every connection it serves (its children). */
function killSshd() {
  if (!existsSync(sshdPidFile)) return;
  const listener = readFileSync(sshdPidFile, 'utf8').trim();
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', listener], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((pid) => pid.trim())
    .filter(Boolean);
  for (const pid of [listener, ...children]) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(sshdPidFile, { force: true });
}

function config(name: string, image: string, port: number, vm: string, at = pool): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'deployment: r18-faults',
      `hypervisor: {pool: ${at}, virt-type: qemu, ssh: {host: ${facts.ssh.host}, port: ${port}, known-hosts: ${join(dir, 'known_hosts')}, key-file: ${facts.ssh.clientKeyFile}}}`,
      `image: {${image}, firmware: uefi}`,
      'defaults: {memory: 384MiB, vcpus: 1}',
      `ssh: {key-file: ${facts.guest.clientKeyFile}, via-hypervisor: true}`,
      `vms: [{name: ${vm}, role: worker}]`,
      '',
    ].join('\n'),
  );
  return file;
}

beforeAll(async () => {
  const running = await hypervisorStatus().catch(() => undefined);
  startedHere = running === undefined;
  facts = running ?? (await startHypervisor()).facts;
  const key = readFileSync(facts.ssh.hostKeyFile, 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(
    join(dir, 'known_hosts'),
    `${facts.ssh.host} ${key}\n[${facts.ssh.host}]:${PORT} ${key}\n`,
  );
  startSshd();
}, 900_000);

afterAll(async () => {
  await hostile?.close();
  if (facts) {
    startSshd();
    for (const vm of ['r18-f1', 'r18-m1']) {
      const file = config(`cleanup-${vm}`, `path: ${facts.guest.image}`, PORT, vm);
      await hypernix(['deploy', 'destroy', '-f', file]);
    }
    killSshd();
    // Stopped only when this file started it and nothing else has a domain on it.
    if (startedHere && virshNames().length === 0) {
      execFileSync('bash', ['test/lab/hypervisor.sh', 'stop'], { cwd: ROOT, stdio: 'ignore' });
    }
  }
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe('deploy faults on the lab hypervisor', () => {
  it("the hypervisor's sshd killed mid-apply: one clear error; the next apply completes without duplicates or orphans", async () => {
    const file = config('kill', `path: ${facts.guest.image}`, PORT, 'r18-f1');
    const apply = hypernixBounded(['deploy', 'apply', '-f', file, '--ssh-wait', '300'], {
      timeoutMs: 420_000,
      maxRssMiB: 400,
    });
    // Mid-apply: once the domain exists, the deploy is starting it or waiting for its SSH.
    const deadline = Date.now() + 300_000;
    while (!virshNames().includes('r18-f1') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(virshNames()).toContain('r18-f1');
    killSshd();
    const failed = await apply;
    const line = expectOneCleanError(failed);
    expect(line).toMatch(/^hypernix: .*hypervisor/);

    startSshd();
    const again = await hypernix(['deploy', 'apply', '-f', file, '--json', '--ssh-wait', '300']);
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout) as { vms: { name: string; state: string }[] };
    expect(out.vms).toEqual([expect.objectContaining({ name: 'r18-f1', state: 'running' })]);
    expect(virshNames().filter((name) => name.startsWith('r18-f'))).toEqual(['r18-f1']);
    const digest = createHash('sha256').update(readFileSync(facts.guest.image)).digest('hex');
    expect(poolFiles().filter((f) => /\.qcow2|incoming/.test(f))).toEqual(
      [`${digest}.qcow2`, 'r18-f1.qcow2'].sort(),
    );

    const destroyed = await hypernix(['deploy', 'destroy', '-f', file]);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(virshNames()).not.toContain('r18-f1');
    expect(poolFiles().filter((f) => f.endsWith('.qcow2'))).toEqual([]);
  }, 900_000);

  it('a qcow2 blob that does not match its digest: one line, nothing in the pool, no domain', async () => {
    const size = 256 << 10;
    const layer = `sha256:${createHash('sha256').update(randomBytes(size)).digest('hex')}`;
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPE.ociManifest,
        artifactType: MEDIA_TYPE.qcow2Artifact,
        config: {
          mediaType: 'application/vnd.oci.empty.v1+json',
          digest: `sha256:${createHash('sha256').update('{}').digest('hex')}`,
          size: 2,
        },
        layers: [{ mediaType: MEDIA_TYPE.qcow2Layer, digest: layer, size }],
      }),
    );
    const wrong = randomBytes(size); // the announced size, other bytes
    hostile = await startHostileRegistry([
      { path: /\/manifests\//, respond: document(manifest, MEDIA_TYPE.ociManifest) },
      {
        method: 'GET',
        path: /\/blobs\/sha256:/,
        respond: document(wrong, 'application/octet-stream'),
      },
    ]);
    const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
    const file = config(
      'mismatch',
      `ref: "${hostile.host}/lab/guest@${digest}", plain-http: true`,
      facts.ssh.port,
      'r18-m1',
      join(dir, 'pool-m'),
    );
    const run = await hypernixBounded(['deploy', 'apply', '-f', file], {
      timeoutMs: 120_000,
      maxRssMiB: 400,
    });
    expect(expectOneCleanError(run)).toMatch(
      new RegExp(`^hypernix: .*has digest sha256:[0-9a-f]{64}, not ${layer}`),
    );
    expect(hostile.log.some((entry) => entry.path.includes('/blobs/'))).toBe(true);
    expect(poolFiles(join(dir, 'pool-m')).filter((f) => /\.qcow2|incoming/.test(f))).toEqual([]);
    expect(virshNames()).not.toContain('r18-m1');
  }, 180_000);
});
