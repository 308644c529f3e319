import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, ROOT, runAction, type ActionRun } from '../helpers/run-action.js';
import { hypervisorStatus, startHypervisor, type HypervisorFacts } from '../lab/hypervisor.js';
import { tempDir } from '../helpers/temp.js';

// The deploy action's post step on the lab's hypervisor, over SSH as a hosted runner reaches it:
// main is killed with SIGKILL part-way through an apply (as a cancelled or lost runner cuts a
// step off), then post runs with the state main left, as the runner runs it at the job's end.

let facts: HypervisorFacts;
let startedHere = false;
const dir = tempDir('hypernix-deploy-post-');
const pool = join(dir, 'pool');
const bundle = join(ROOT, 'dist', 'deploy', 'index.js');

const virsh = (...args: string[]) =>
  execFileSync('virsh', ['-q', '-c', facts.libvirtUri, ...args], { encoding: 'utf8' });
const domains = () => virsh('list', '--all', '--name').split('\n').filter(Boolean);
const poolFiles = () => (existsSync(pool) ? readdirSync(pool) : []);

function inputs(command: string, vm: string): Record<string, string> {
  const file = join(dir, `${vm}.yaml`);
  writeFileSync(
    file,
    [
      'deployment: posttest',
      `hypervisor: {pool: ${pool}, virt-type: qemu, ssh: {host: ${facts.ssh.host}}}`,
      'image: {path: /nonexistent.qcow2, firmware: uefi}',
      'defaults: {memory: 384MiB, vcpus: 1}',
      `vms: [{name: ${vm}, role: worker}]`,
      '',
    ].join('\n'),
  );
  return {
    command,
    config: file,
    'qcow2-path': facts.guest.image,
    'ssh-key': readFileSync(facts.ssh.clientKeyFile, 'utf8'),
    'known-hosts': readFileSync(facts.ssh.knownHostsFile, 'utf8'),
    'ssh-wait': '5',
  };
}

const creating = (vm: string) => (state: Record<string, string>) =>
  (state.deployJournal ?? '').includes(`"${vm}"`);

/** Runs post with what the killed main left in the job's state. */
async function post(killed: ActionRun, vm: string) {
  expect(killed.code).not.toBe(0);
  expect(killed.state.deployJournal).toContain('.beat');
  const started = Date.now();
  const run = await runAction(inputs('apply', vm), { bundle, state: killed.state });
  return { run, seconds: (Date.now() - started) / 1000 };
}

beforeAll(async () => {
  const running = await hypervisorStatus().catch(() => undefined);
  startedHere = running === undefined;
  facts = running ?? (await startHypervisor()).facts;
}, 900_000);

afterAll(async () => {
  if (facts) {
    await runAction(inputs('destroy', 'post-a'), { bundle });
    if (startedHere) {
      try {
        execFileSync('bash', ['test/lab/hypervisor.sh', 'stop'], { cwd: ROOT, stdio: 'ignore' });
      } catch {
        // left running for the suite that holds it; it stops it itself
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

describe("the deploy action's post step", () => {
  it('after a main killed while making a VM: frees the lock at once and leaves no disk, no domain', async () => {
    const killed = await runAction(inputs('apply', 'post-a'), {
      bundle,
      killWhen: creating('post-a'),
    });
    const { run, seconds } = await post(killed, 'post-a');
    expect(errorsOf(run), run.stdout).toEqual([]);
    expect(run.commands.filter((line) => line.startsWith('::warning'))).toEqual([]);
    expect(run.stdout).toContain('hypernix deploy: freed the deploy lock the cut-off deploy held');
    expect(run.stdout).toMatch(/hypernix deploy: removed (the disk of VM post-a|VM post-a \()/);
    // The killed holder's heartbeat would keep the lock for 60 s; post took it again at once.
    expect(seconds).toBeLessThan(30);
    expect(domains()).not.toContain('post-a');
    expect(
      poolFiles().filter((name) => name.startsWith('post-a') || name.endsWith('.beat')),
    ).toEqual([]);
  }, 300_000);

  it('after a main killed once the domain was defined: removes it unless it had started, then the next apply finds only what is complete', async () => {
    const killed = await runAction(inputs('apply', 'post-a'), {
      bundle,
      killWhen: (state) => creating('post-a')(state) && domains().includes('post-a'),
    });
    // A virsh command already sent over SSH still ends on the hypervisor: let it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stateAtKill = virsh('domstate', '--domain', 'post-a').trim();
    const { run } = await post(killed, 'post-a');
    expect(errorsOf(run), run.stdout).toEqual([]);
    if (stateAtKill === 'running') {
      expect(run.stdout).toContain('kept VM post-a: it was started before the cut');
      expect(domains()).toContain('post-a');
    } else {
      expect(run.stdout).toContain(`removed VM post-a (${stateAtKill})`);
      expect(domains()).not.toContain('post-a');
      expect(poolFiles().filter((name) => name.startsWith('post-a'))).toEqual([]);
    }
    const plan = await runAction(inputs('plan', 'post-a'), { bundle });
    expect(plan.outputs.plan).toMatch(
      stateAtKill === 'running' ? /^= keep +post-a\b/m : /^\+ create {2}post-a /m,
    );
  }, 300_000);

  it('after a main that took no lock: reads nothing, not even the config', async () => {
    const planned = await runAction(inputs('plan', 'post-a'), { bundle });
    expect(planned.code).toBe(0);
    expect(planned.state.deployJournal).toBeUndefined();
    const run = await runAction(
      { ...inputs('plan', 'post-a'), config: join(dir, 'missing.yaml') },
      { bundle, state: planned.state },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('cut off');
    expect(run.commands.filter((line) => /^::(warning|error)/.test(line))).toEqual([]);
  }, 120_000);
});
