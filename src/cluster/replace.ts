import type { Reporter } from '../util/reporter.js';
import { waitReady } from './cni.js';
import { joinWorkers } from './join.js';
import { ADMIN_CONF, ClusterError, kubectl, reason, type ClusterNode } from './node.js';
import { getNodes } from './nodes.js';
import type { ClusterSpec } from './spec.js';

/**
 * A node around its VM's replacement, run on the control plane: before, cordon, drain and
 * delete the Node (a kubelet cannot register a name the cluster already has, so the new VM could
 * not join otherwise); after, join with a fresh token and wait Ready. A replaced control plane
 * takes the cluster's state with it: the cluster step initialises a new one and the workers
 * rejoin it (join.ts resets their stale kubelet.conf).
 */

/** Whether the control plane has a cluster yet (no cluster: nothing to drain or rejoin). */
async function hasCluster(controlPlane: ClusterNode): Promise<boolean> {
  const { code } = await controlPlane.host.exec(['test', '-f', ADMIN_CONF], { okCodes: [1] });
  return code === 0;
}

export async function drainNode(
  controlPlane: ClusterNode,
  node: ClusterNode,
  spec: ClusterSpec,
  reporter: Reporter,
): Promise<void> {
  if (node.role === 'control-plane') {
    reporter.warning(
      `${node.name}: replacing the control plane: its cluster state (etcd, certificates) goes with the old VM; a new cluster is initialised and the workers rejoin it`,
    );
    return;
  }
  if (!(await hasCluster(controlPlane)) || !(await isNode(controlPlane, node.name))) {
    reporter.info(`${node.name}: not a node of the cluster; replaced without draining`);
    return;
  }
  const seconds = Math.round(spec.drainTimeoutMs / 1000);
  await step(node, 'cordon', () => kubectl(controlPlane, ['cordon', node.name]));
  reporter.info(`${node.name}: cordoned; draining (timeout ${seconds} s)`);
  await step(
    node,
    'drain',
    () =>
      kubectl(
        controlPlane,
        [
          'drain',
          node.name,
          '--ignore-daemonsets',
          '--delete-emptydir-data',
          `--timeout=${seconds}s`,
        ],
        spec.drainTimeoutMs + 60_000,
      ),
    (why) =>
      /timeout|timed out/i.test(why)
        ? `${node.name}: drain did not finish within ${seconds} s: ${why}; the node stays cordoned and nothing was replaced from here on; fix what blocks the eviction (a PodDisruptionBudget?) or raise cluster.drain-timeout, then apply again`
        : undefined,
  );
  await step(node, 'delete node', () => kubectl(controlPlane, ['delete', 'node', node.name]));
  reporter.info(`${node.name}: drained and removed from the cluster; replacing its VM`);
}

export async function rejoinNode(
  controlPlane: ClusterNode,
  node: ClusterNode,
  spec: ClusterSpec,
  endpoint: string,
  reporter: Reporter,
): Promise<void> {
  // The control plane's own VM: the cluster step that follows initialises it.
  if (node.role === 'control-plane' || !(await hasCluster(controlPlane))) return;
  const outcome = await joinWorkers(controlPlane, [node], spec, endpoint, reporter);
  const failed = outcome.failed[0];
  if (failed)
    throw new ClusterError(
      `${node.name}: the replaced VM did not rejoin: ${failed.why}; the workers after it are not replaced`,
    );
  await waitReady(controlPlane, [node], spec.readyTimeoutMs, reporter);
  reporter.info(`${node.name}: replaced, rejoined and Ready`);
}

async function isNode(controlPlane: ClusterNode, name: string): Promise<boolean> {
  return (await getNodes(controlPlane)).some((node) => node.name === name);
}

/** One kubectl step; a failure is one line naming the node (or the line `explain` gives). */
async function step(
  node: ClusterNode,
  what: string,
  run: () => Promise<unknown>,
  explain: (why: string) => string | undefined = () => undefined,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    const why = reason(error);
    throw new ClusterError(
      explain(why) ??
        `${node.name}: ${what} failed: ${why}; nothing was replaced from here on, apply again once fixed`,
    );
  }
}
