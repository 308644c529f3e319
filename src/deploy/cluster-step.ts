import type { LoadedConfig } from '../config/deploy.js';
import type { Host } from '../hosts/host.js';
import { SshHost } from '../hosts/ssh-host.js';
import type { DeployResult } from '../hypervisor/deploy.js';
import {
  applyCluster,
  prepareCluster,
  type ClusterResult,
  type PreparedCluster,
} from '../cluster/cluster.js';
import type { ClusterNode } from '../cluster/node.js';
import type { ClusterSpec } from '../cluster/spec.js';
import { InputError } from '../util/errors.js';
import type { Reporter } from '../util/reporter.js';

/**
 * The cluster after the VMs: each VM reached over SSH with the host key it printed on its serial
 * console (never a key seen only on the network), the cluster step run on them, hosts closed.
 */

/** Paths in `cluster:` are the config file's, like the other files it names. */
export function clusterPaths(spec: ClusterSpec, fromConfig: (path: string) => string): ClusterSpec {
  const cni = spec.cni.source;
  return {
    ...spec,
    kubeconfig: fromConfig(spec.kubeconfig),
    cni: {
      ...spec.cni,
      source: cni.kind === 'path' ? { kind: 'path', path: fromConfig(cni.path) } : cni,
    },
    workload: spec.workload && {
      ...spec.workload,
      manifests: spec.workload.manifests.map(fromConfig),
    },
  };
}

export { prepareCluster, type PreparedCluster };

export async function runCluster(
  config: LoadedConfig,
  prepared: PreparedCluster,
  vms: DeployResult['vms'],
  options: {
    hypervisor: Host;
    jump?: SshHost;
    privateKey?: { path: string } | { text: string };
    reporter: Reporter;
  },
): Promise<ClusterResult> {
  const { privateKey, reporter } = options;
  if (!privateKey)
    throw new InputError(
      `${config.file}: cluster: the VMs need an SSH key (ssh.key-file or HYPERNIX_SSH_KEY)`,
    );
  const nodes: ClusterNode[] = vms.map((vm) => {
    const keys = vm.hostKeys ?? [];
    if (!vm.address || keys.length === 0)
      throw new InputError(
        `cluster: VM ${vm.name} has no address or no host key from its serial console`,
      );
    return {
      name: vm.name,
      role: vm.role as ClusterNode['role'],
      address: vm.address,
      host: new SshHost({
        name: vm.name,
        address: vm.address,
        port: config.ssh.port,
        username: config.ssh.user,
        privateKey,
        hostKeys: { pins: keys.map((key) => key.fingerprint) },
        reporter,
        jump: options.jump,
      }),
    };
  });
  try {
    return await applyCluster({ nodes, hypervisor: options.hypervisor, reporter }, prepared);
  } finally {
    await Promise.all(nodes.map((node) => node.host.close()));
  }
}
