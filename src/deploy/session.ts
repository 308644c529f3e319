// Must stay the first import: ssh2, loaded below, needs __dirname in an ESM bundle.
import '../util/dirname-shim.js';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { LoadedConfig } from '../config/deploy.js';
import type { ClusterResult } from '../cluster/cluster.js';
import { clusterPaths, clusterRollout, prepareCluster, runCluster } from './cluster-step.js';
import type { Host } from '../hosts/host.js';
import { LocalHost } from '../hosts/local-host.js';
import { SshHost } from '../hosts/ssh-host.js';
import { pullArtifact } from '../oci/artifact/pull-artifact.js';
import { connectRegistry } from '../publish/registry-login.js';
import type { Reporter } from '../util/reporter.js';
import { localProbe, probeFrom } from '../hypervisor/addresses.js';
import {
  apply,
  destroy,
  plan,
  type DeployContext,
  type DeployResult,
  type VmReport,
} from '../hypervisor/deploy.js';
import type { DeployJournal, JournalState } from '../hypervisor/journal.js';
import { recoverInterrupted } from '../hypervisor/recover.js';
import { InputError } from '../util/errors.js';

/**
 * Wires a config to real things: the hypervisor as a Host (this machine, or SSH with pinned
 * keys), the registry for the pull, and SSH to the VMs with keys read from their serial consoles.
 */
export interface DeploySession {
  run(verb: 'plan' | 'apply' | 'destroy'): Promise<SessionResult>;
  /** Undoes what a cut-off deploy's journal names (the action's post step); lines for the log. */
  recover(journal: JournalState): Promise<string[]>;
  close(): Promise<void>;
}

/** The VMs' result and, after an apply with a `cluster:` section, the cluster's. */
export type SessionResult = DeployResult & { cluster?: ClusterResult };

export interface SessionOptions {
  reporter: Reporter;
  registry: { username?: string; password?: string; plainHttp?: boolean };
  lockWaitMs: number;
  sshWaitMs: number;
  /** The private key's text when the config names no key file (HYPERNIX_SSH_KEY). */
  sshKey?: string;
  /** known_hosts text for the hypervisor when the config names no file (an action input). */
  knownHosts?: string;
  /** Told of the lock and of each VM being made (the action keeps it in the job's state). */
  journal?: DeployJournal;
}

export async function openDeploy(
  config: LoadedConfig,
  options: SessionOptions,
): Promise<DeploySession> {
  const { reporter } = options;
  const sshKey = options.sshKey ?? process.env.HYPERNIX_SSH_KEY;
  if (sshKey) reporter.mask(sshKey);
  const base = dirname(config.file);
  // Files named in the config: `~/` is the home directory, a relative path is the config's.
  const fromConfig = (path: string) =>
    path.startsWith('~/')
      ? join(homedir(), path.slice(2))
      : isAbsolute(path)
        ? path
        : resolve(base, path);
  const hypervisor = await hypervisorHost(config, reporter, sshKey, fromConfig, options.knownHosts);
  const local = hypervisor instanceof LocalHost;
  const vmKeyFile = config.ssh['key-file'];
  const vmKey = vmKeyFile ? { path: fromConfig(vmKeyFile) } : sshKey ? { text: sshKey } : undefined;
  const context: DeployContext = {
    config,
    host: hypervisor,
    local,
    reporter,
    pull: async (destination) => {
      const source = config.image.source;
      if (source.kind !== 'ref') throw new InputError('image.path is copied, not pulled');
      const { reference } = source;
      const client = await connectRegistry(
        {
          registry: reference.registry,
          username: options.registry.username,
          password: options.registry.password,
          plainHttp: options.registry.plainHttp || source.plainHttp,
        },
        reporter,
      );
      await pullArtifact(client, reference.repository, reference.digest, destination, reporter);
    },
    probe: local || !config.ssh['via-hypervisor'] ? localProbe : probeFrom(hypervisor),
    confirmSsh: vmKey
      ? (vm, address) => confirmVm(config, vm, address, vmKey, hypervisor, reporter)
      : undefined,
    lockWaitMs: options.lockWaitMs,
    sshWaitMs: options.sshWaitMs,
    journal: options.journal,
  };
  if (!vmKey) reporter.info('No SSH key for the VMs: waiting for their SSH port only');
  const jump =
    config.ssh['via-hypervisor'] && hypervisor instanceof SshHost ? hypervisor : undefined;
  const access = { hypervisor, jump, privateKey: vmKey, reporter };
  // With a cluster, a replaced VM is drained first and rejoined after (workers one at a time).
  if (config.cluster)
    context.rollout = clusterRollout(config, clusterPaths(config.cluster, fromConfig), access);
  const source = config.image.source;
  if (source.kind === 'path') source.path = fromConfig(source.path);
  const applyAll = async (): Promise<SessionResult> => {
    if (!config.cluster) return apply(context);
    // Manifests are read and checked before the first VM is made.
    const prepared = await prepareCluster(clusterPaths(config.cluster, fromConfig));
    const result = await apply(context);
    const cluster = await runCluster(config, prepared, result.vms, access);
    return { ...result, cluster, changed: result.changed || cluster.changed };
  };
  return {
    run: (verb) =>
      verb === 'plan' ? plan(context) : verb === 'apply' ? applyAll() : destroy(context),
    recover: (journal) => recoverInterrupted(context, journal),
    close: () => hypervisor.close(),
  };
}

async function hypervisorHost(
  config: LoadedConfig,
  reporter: Reporter,
  sshKey: string | undefined,
  fromConfig: (path: string) => string,
  knownHostsText: string | undefined,
): Promise<Host> {
  const ssh = config.hypervisor.ssh;
  if (!ssh) return new LocalHost({ name: 'hypervisor', reporter });
  const keyFile = ssh['key-file'];
  const privateKey = keyFile
    ? { path: fromConfig(keyFile) }
    : sshKey
      ? { text: sshKey }
      : undefined;
  if (!privateKey)
    throw new InputError(
      `${config.file}: hypervisor.ssh.key-file: give a key file or HYPERNIX_SSH_KEY`,
    );
  const knownHostsFile = ssh['known-hosts'];
  const knownHosts = knownHostsFile
    ? await readFile(fromConfig(knownHostsFile), 'utf8').catch(() => {
        throw new InputError(
          `${config.file}: hypervisor.ssh.known-hosts: cannot read ${knownHostsFile}`,
        );
      })
    : knownHostsText;
  if (!knownHosts && !ssh.fingerprints)
    throw new InputError(
      `${config.file}: hypervisor.ssh: give known-hosts or fingerprints (the hypervisor's host key is always checked)`,
    );
  return new SshHost({
    name: 'hypervisor',
    address: ssh.host,
    port: ssh.port,
    username: ssh.user,
    privateKey,
    hostKeys: { knownHosts, pins: ssh.fingerprints },
    reporter,
  });
}

/** Connects to a new VM with the host key it printed on its serial console, runs `true`. */
async function confirmVm(
  config: LoadedConfig,
  vm: VmReport,
  address: string,
  privateKey: { path: string } | { text: string },
  hypervisor: Host,
  reporter: Reporter,
): Promise<void> {
  const keys = vm.hostKeys ?? [];
  if (keys.length === 0) throw new Error('no host key line on its serial console yet');
  const jump =
    config.ssh['via-hypervisor'] && hypervisor instanceof SshHost ? hypervisor : undefined;
  const host = new SshHost({
    name: vm.name,
    address,
    port: config.ssh.port,
    username: config.ssh.user,
    privateKey,
    hostKeys: { pins: keys.map((key) => key.fingerprint) },
    reporter,
    jump,
    connectAttempts: 1,
  });
  try {
    await host.exec(['true'], { timeoutMs: 30_000 });
  } finally {
    await host.close();
  }
}
