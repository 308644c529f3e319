import { HostCommandError } from '../hosts/errors.js';
import type { Reporter } from '../util/reporter.js';
import { initConfig } from './kubeadm-config.js';
import {
  ADMIN_CONF,
  CA_CERT,
  ClusterError,
  firstLine,
  kubectl,
  scrub,
  stateDir,
  type ClusterNode,
} from './node.js';
import type { ClusterSpec } from './spec.js';

/**
 * The control plane: `kubeadm init` with a v1beta4 config file, only on a node that is not
 * initialised. A half-initialised node stops the deploy: a `kubeadm reset` would throw away
 * state someone may need, so it is left to a person.
 */

export type ControlPlaneState = 'fresh' | 'initialised' | { half: string };

const exists = async (node: ClusterNode, path: string) =>
  (await node.host.exec(['test', '-e', path], { okCodes: [1] })).code === 0;

/** Reads what the node is: never initialised, initialised with an API that answers, or half. */
export async function controlPlaneState(node: ClusterNode): Promise<ControlPlaneState> {
  if (await exists(node, ADMIN_CONF)) {
    const ready = await kubectl(node, ['get', '--raw', '/readyz'], 20_000).catch(
      (error: unknown) => error,
    );
    if (!(ready instanceof Error)) return 'initialised';
    return {
      half: `${ADMIN_CONF} exists but the API server does not answer (${firstLine(ready)})`,
    };
  }
  for (const leftover of [CA_CERT, '/etc/kubernetes/manifests/kube-apiserver.yaml'])
    if (await exists(node, leftover))
      return { half: `${leftover} exists but ${ADMIN_CONF} does not` };
  return 'fresh';
}

/** The version to install: the config's, or what the node's kubeadm reports. */
async function version(node: ClusterNode, spec: ClusterSpec): Promise<string> {
  if (spec.kubernetesVersion !== 'from-node') return spec.kubernetesVersion;
  const { stdout } = await node.host.exec(['kubeadm', 'version', '-o', 'short']);
  const found = stdout.trim();
  if (!/^v1\.\d+\.\d+$/.test(found))
    throw new ClusterError(
      `${node.name}: kubeadm version printed ${JSON.stringify(found.slice(0, 40))}; expected v1.X.Y`,
    );
  return found;
}

/** Initialises the control plane when it is fresh; returns whether it did. */
export async function ensureControlPlane(
  node: ClusterNode,
  spec: ClusterSpec,
  endpoint: string,
  reporter: Reporter,
): Promise<boolean> {
  const state = await controlPlaneState(node);
  if (state === 'initialised') {
    reporter.info(`${node.name}: control plane already initialised; kubeadm init skipped`);
    return false;
  }
  if (state !== 'fresh')
    throw new ClusterError(
      `${node.name}: half-initialised control plane: ${state.half}; not reset automatically — inspect it, run 'kubeadm reset' there if that is what you want, then apply again`,
    );
  const dir = await stateDir(node);
  const file = `${dir}/kubeadm-init.yaml`;
  const text = initConfig(spec, {
    nodeName: node.name,
    advertiseAddress: node.address,
    endpoint,
    version: await version(node, spec),
  });
  await node.host.writeFile(file, text, { mode: 0o600 });
  reporter.info(`${node.name}: kubeadm init --config ${file}`);
  try {
    // Captured, not streamed: only scrubbed phase lines reach the log.
    const { stdout } = await node.host.exec(
      ['kubeadm', 'init', `--config=${file}`, '--skip-token-print'],
      { timeoutMs: 15 * 60_000 },
    );
    for (const line of stdout.split('\n'))
      if (/^\[[a-z-]+\]/.test(line)) reporter.debug(`${node.name}: ${scrub(line)}`);
  } catch (error) {
    const details =
      error instanceof HostCommandError ? error.details.map((line) => scrub(line)) : [];
    throw new ClusterError(`${node.name}: kubeadm init failed: ${firstLine(error)}`, details);
  }
  reporter.info(`${node.name}: control plane initialised`);
  return true;
}
