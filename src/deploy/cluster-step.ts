import type { LoadedConfig } from '../config/deploy.js';
import type { Host } from '../hosts/host.js';
import { SshHost } from '../hosts/ssh-host.js';
import type { DeployResult, Rollout, VmReport } from '../hypervisor/deploy.js';
import {
  applyCluster,
  prepareCluster,
  type ClusterResult,
  type PreparedCluster,
} from '../cluster/cluster.js';
import type { ClusterNode } from '../cluster/node.js';
import { drainNode, rejoinNode } from '../cluster/replace.js';
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

export interface NodeAccess {
  hypervisor: Host;
  jump?: SshHost;
  privateKey?: { path: string } | { text: string };
  reporter: Reporter;
}

/** The VMs as cluster nodes, each an SshHost pinned to the keys from its serial console. */
function toNodes(config: LoadedConfig, vms: readonly VmReport[], access: NodeAccess) {
  const { privateKey, reporter } = access;
  if (!privateKey)
    throw new InputError(
      `${config.file}: cluster: the VMs need an SSH key (ssh.key-file or HYPERNIX_SSH_KEY)`,
    );
  return vms.map((vm): ClusterNode => {
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
        jump: access.jump,
      }),
    };
  });
}

/**
 * The cluster's part in replacing VMs (hypervisor/rollout.ts orders it): each call reaches the
 * control plane and the node over SSH, does its part, and closes them.
 */
export function clusterRollout(
  config: LoadedConfig,
  spec: ClusterSpec,
  access: NodeAccess,
): Rollout {
  const withNodes = async (
    vm: VmReport,
    vms: readonly VmReport[],
    body: (controlPlane: ClusterNode, node: ClusterNode, endpoint: string) => Promise<void>,
  ) => {
    const plane = vms.find((v) => v.role === 'control-plane');
    if (!plane)
      throw new InputError(`${config.file}: cluster: expected a VM with role control-plane`);
    const [controlPlane, node] = toNodes(
      config,
      vm === plane ? [plane, plane] : [plane, vm],
      access,
    );
    const endpoint = spec.controlPlaneEndpoint ?? `${plane.address}:6443`;
    try {
      await body(controlPlane as ClusterNode, node as ClusterNode, endpoint);
    } finally {
      await Promise.all([controlPlane?.host.close(), node?.host.close()]);
    }
  };
  return {
    replaceControlPlane: spec.replaceControlPlane,
    drain: (vm, vms) =>
      withNodes(vm, vms, (cp, node) => drainNode(cp, node, spec, access.reporter)),
    rejoin: (vm, vms) =>
      withNodes(vm, vms, (cp, node, endpoint) =>
        rejoinNode(cp, node, spec, endpoint, access.reporter),
      ),
  };
}

export async function runCluster(
  config: LoadedConfig,
  prepared: PreparedCluster,
  vms: DeployResult['vms'],
  options: NodeAccess,
): Promise<ClusterResult> {
  const { reporter } = options;
  const nodes = toNodes(config, vms, options);
  try {
    return await applyCluster({ nodes, hypervisor: options.hypervisor, reporter }, prepared);
  } finally {
    await Promise.all(nodes.map((node) => node.host.close()));
  }
}
