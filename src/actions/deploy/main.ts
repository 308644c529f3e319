import * as core from '@actions/core';
import { loadDeployConfig, withOverrides, type LoadedConfig } from '../../config/deploy.js';
import type { SessionResult } from '../../deploy/session.js';
import { parseJournal, recordingJournal, type DeployJournal } from '../../hypervisor/journal.js';
import { ActionsReporter } from '../../report/actions-reporter.js';
import { InputError } from '../../util/errors.js';
import { runPhases, STATE } from '../dispatch.js';
import { writeJobSummary } from '../job-summary.js';

const COMMANDS = ['plan', 'apply', 'destroy'] as const;

/**
 * The action's entry point, exported as actions/typescript-action does. Main runs the command;
 * post undoes what a main that was cut off (a cancelled job) left: its lock and a VM half made.
 */
export async function run(): Promise<void> {
  await runPhases({ name: 'deploy', main, post });
}

/** Reads the inputs, runs plan/apply/destroy, sets the outputs and writes the job summary. */
export async function main(): Promise<void> {
  const reporter = new ActionsReporter();
  const command = core.getInput('command') || 'apply';
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new InputError(
      `input command: expected plan, apply or destroy; got ${JSON.stringify(command)}`,
    );
  // Kept in the job's state as it changes: a file the runner keeps even if this process is killed.
  const journal = recordingJournal((state) =>
    core.saveState(STATE.deployJournal, JSON.stringify(state)),
  );
  const config = await configFromInputs();
  const session = await openFromInputs(config, reporter, journal);
  try {
    const result = await session.run(command as (typeof COMMANDS)[number]);
    core.setOutput('vms', JSON.stringify(result.vms));
    core.setOutput('changed', String(result.changed));
    core.setOutput('plan', result.plan.join('\n'));
    const cluster = result.cluster;
    if (cluster) {
      core.setOutput('control-plane', cluster.endpoint);
      core.setOutput('nodes', JSON.stringify(cluster.nodes.map(({ why: _, ...node }) => node)));
      core.setOutput('kubeconfig', cluster.kubeconfig);
      core.setOutput('smoke-test', JSON.stringify(cluster.smokeTest ?? null));
    }
    const vncOpen = config.vms.some((vm) => vm.graphics === 'vnc' && vm.vncListen === '0.0.0.0');
    await summary(command, result, vncOpen);
  } finally {
    await session.close();
  }
}

/**
 * Main closes its connections itself; what post is for is a main that never got there. Its
 * journal names the lock it held and the VMs it was making; with none, there is nothing to do.
 */
export async function post(): Promise<void> {
  const saved = core.getState(STATE.deployJournal);
  if (!saved) return;
  const reporter = new ActionsReporter();
  const config = await configFromInputs();
  const journal = parseJournal(saved, config.hypervisor.pool);
  if (!journal || (!journal.beat && journal.creating.length === 0)) return;
  reporter.info('hypernix deploy: the deploy was cut off; undoing what it left');
  const session = await openFromInputs(config, reporter);
  try {
    for (const line of await session.recover(journal)) reporter.info(`hypernix deploy: ${line}`);
  } finally {
    await session.close();
  }
}

/** The config file with this run's overrides. */
async function configFromInputs() {
  return withOverrides(await loadDeployConfig(core.getInput('config') || 'hypernix.yaml'), {
    qcow2Ref: core.getInput('qcow2-ref') || undefined,
    qcow2Path: core.getInput('qcow2-path') || undefined,
    hypervisorHost: core.getInput('hypervisor') || undefined,
    workloadImage: core.getInput('image') || undefined,
  });
}

/** A session on the config, with the inputs' keys and settings (main and post read the same). */
async function openFromInputs(
  config: LoadedConfig,
  reporter: ActionsReporter,
  journal?: DeployJournal,
) {
  const secret = (name: string) => {
    const value = core.getInput(name);
    if (value) reporter.mask(value);
    return value || undefined;
  };
  const sshKey = secret('ssh-key');
  const password = secret('registry-password');
  const { openDeploy } = await import('../../deploy/session.js');
  return openDeploy(config, {
    reporter,
    registry: { username: core.getInput('registry-username') || undefined, password },
    lockWaitMs: seconds('lock-wait', 1800),
    sshWaitMs: seconds('ssh-wait', 600),
    sshKey,
    knownHosts: core.getInput('known-hosts') || undefined,
    journal,
  });
}

function seconds(input: string, fallback: number): number {
  const value = core.getInput(input) || String(fallback);
  if (!/^[0-9]{1,6}$/.test(value))
    throw new InputError(
      `input ${input}: expected a whole number of seconds; got ${JSON.stringify(value)}`,
    );
  return Number(value) * 1000;
}

async function summary(command: string, result: SessionResult, vncOpen: boolean): Promise<void> {
  core.summary
    .addHeading(`hypernix deploy ${command}`, 3)
    .addCodeBlock(result.plan.join('\n'))
    .addTable([
      [
        { data: 'VM', header: true },
        { data: 'role', header: true },
        { data: 'state', header: true },
        { data: 'address', header: true },
        { data: 'MAC', header: true },
        { data: 'image', header: true },
      ],
      ...result.vms.map((vm) => [
        vm.name,
        vm.role,
        vm.state,
        vm.address ?? '-',
        vm.mac,
        vm.image.slice(0, 19),
      ]),
    ]);
  if (vncOpen)
    core.summary.addRaw(
      'Warning: VNC listens on 0.0.0.0 for some VMs: their consoles are open to every network the hypervisor is on.',
      true,
    );
  if (result.cluster) clusterSummary(result.cluster);
  await writeJobSummary();
}

function clusterSummary(cluster: NonNullable<SessionResult['cluster']>): void {
  core.summary
    .addHeading('Cluster', 4)
    .addRaw(`Control plane ${cluster.endpoint}; kubeconfig ${cluster.kubeconfig}`, true)
    .addTable([
      [
        { data: 'node', header: true },
        { data: 'role', header: true },
        { data: 'version', header: true },
        { data: 'Ready', header: true },
      ],
      ...cluster.nodes.map((node) => [node.name, node.role, node.version, String(node.ready)]),
    ])
    .addHeading('Workload and smoke test', 4)
    .addRaw(
      `${cluster.workload ? (cluster.workload.changed ? 'applied' : 'unchanged') : 'none'}; smoke test: ${cluster.smokeTest ? `${cluster.smokeTest.ok ? 'passed' : 'failed'} (status ${cluster.smokeTest.status})` : 'none'}`,
      true,
    )
    .addHeading('Stages', 4)
    .addTable([
      [
        { data: 'stage', header: true },
        { data: 'seconds', header: true },
        { data: 'result', header: true },
      ],
      ...cluster.stages.map((s) => [s.name, (s.ms / 1000).toFixed(1), s.note]),
    ]);
}
