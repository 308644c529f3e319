import type { Reporter } from '../util/reporter.js';
import { caCertHash, joinConfig, TOKEN_RE } from './kubeadm-config.js';
import { CA_CERT, ClusterError, reason, stateDir, type ClusterNode } from './node.js';
import { getNodes } from './nodes.js';
import type { ClusterSpec } from './spec.js';

/**
 * Joins the workers that are not nodes yet, in parallel, with a token made for this run (15
 * minutes, deleted after) and the CA hash computed here from the cluster's CA certificate. The
 * secrets travel in a 0600 JoinConfiguration file, removed after, never on a command line.
 */

export interface JoinOutcome {
  joined: string[];
  skipped: string[];
  failed: { node: string; why: string }[];
}

async function createToken(controlPlane: ClusterNode, reporter: Reporter): Promise<string> {
  const { stdout } = await controlPlane.host.exec(
    ['kubeadm', 'token', 'create', '--ttl', '15m', '--description', 'hypernix deploy join'],
    { timeoutMs: 60_000 },
  );
  const token = stdout.trim().split('\n').at(-1)?.trim() ?? '';
  if (token) reporter.mask(token);
  if (!TOKEN_RE.test(token))
    throw new ClusterError(`${controlPlane.name}: kubeadm token create printed no token`);
  return token;
}

const KUBELET_CONF = '/etc/kubernetes/kubelet.conf';

/** A kubelet.conf left from a cluster that is gone (its control plane was replaced): reset. */
async function resetStale(node: ClusterNode, reporter: Reporter): Promise<void> {
  const { code } = await node.host.exec(['test', '-f', KUBELET_CONF], { okCodes: [1] });
  if (code !== 0) return;
  reporter.info(`${node.name}: joined to the control plane's old cluster; kubeadm reset`);
  await node.host.exec(['kubeadm', 'reset', '--force'], { timeoutMs: 5 * 60_000 });
}

async function joinOne(
  node: ClusterNode,
  spec: ClusterSpec,
  inputs: { endpoint: string; token: string; caCertHash: string },
): Promise<void> {
  const file = `${await stateDir(node)}/kubeadm-join.yaml`;
  const secrets = [inputs.token, inputs.caCertHash];
  await node.host.writeFile(file, joinConfig(spec, { nodeName: node.name, ...inputs }), {
    mode: 0o600,
  });
  try {
    await node.host.exec(['kubeadm', 'join', `--config=${file}`], {
      timeoutMs: 10 * 60_000,
      secrets,
    });
  } finally {
    await node.host.exec(['rm', '-f', file]).catch(() => undefined);
  }
}

export async function joinWorkers(
  controlPlane: ClusterNode,
  workers: readonly ClusterNode[],
  spec: ClusterSpec,
  endpoint: string,
  reporter: Reporter,
  /** The control plane was initialised in this run: a worker's old kubelet.conf is stale. */
  options: { freshCluster?: boolean } = {},
): Promise<JoinOutcome> {
  const known = new Set((await getNodes(controlPlane)).map((node) => node.name));
  const skipped = workers.filter((node) => known.has(node.name)).map((node) => node.name);
  const pending = workers.filter((node) => !known.has(node.name));
  for (const name of skipped) reporter.info(`${name}: already a node; join skipped`);
  if (pending.length === 0) return { joined: [], skipped, failed: [] };
  const caCert = await controlPlane.host.readFile(CA_CERT, { maxBytes: 64 * 1024 });
  const hash = caCertHash(caCert);
  reporter.mask(hash);
  const token = await createToken(controlPlane, reporter);
  const outcome: JoinOutcome = { joined: [], skipped, failed: [] };
  try {
    // allSettled: one failed join leaves the others to finish.
    const results = await Promise.allSettled(
      pending.map(async (node) => {
        if (options.freshCluster) await resetStale(node, reporter);
        reporter.info(`${node.name}: kubeadm join ${endpoint}`);
        await joinOne(node, spec, { endpoint, token, caCertHash: hash });
        return node.name;
      }),
    );
    results.forEach((result, index) => {
      const name = pending[index]?.name ?? '';
      if (result.status === 'fulfilled') outcome.joined.push(name);
      else outcome.failed.push({ node: name, why: reason(result.reason) });
    });
  } finally {
    // The token is no use after this run: delete it by its public id.
    await controlPlane.host
      .exec(['kubeadm', 'token', 'delete', token.slice(0, 6)], { secrets: [token] })
      .catch(() =>
        reporter.warning(`${controlPlane.name}: could not delete this run's join token`),
      );
  }
  for (const name of outcome.joined) reporter.info(`${name}: joined`);
  for (const { node, why } of outcome.failed) reporter.error(`${node}: join failed: ${why}`);
  return outcome;
}
