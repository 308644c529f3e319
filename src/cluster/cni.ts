import { createHash } from 'node:crypto';
import type { Reporter } from '../util/reporter.js';
import { ClusterError, kubectl, reason, stateDir, type ClusterNode } from './node.js';
import { getNodes, type NodeStatus } from './nodes.js';

/**
 * The CNI: its pinned manifest applied once (a marker with its sha256 on the control plane), then
 * every node Ready, or a per-node reason why not.
 */

export async function applyCni(
  controlPlane: ClusterNode,
  manifest: string,
  reporter: Reporter,
): Promise<boolean> {
  const digest = createHash('sha256').update(manifest).digest('hex');
  const dir = await stateDir(controlPlane);
  const marker = await controlPlane.host
    .readFile(`${dir}/cni.sha256`, { maxBytes: 128 })
    .then((bytes) => bytes.toString().trim())
    .catch(() => '');
  if (marker === digest) {
    reporter.info(`${controlPlane.name}: CNI manifest ${digest.slice(0, 12)} already applied`);
    return false;
  }
  await controlPlane.host.writeFile(`${dir}/cni.yaml`, manifest, { mode: 0o600 });
  try {
    await kubectl(controlPlane, ['apply', '-f', `${dir}/cni.yaml`], 120_000);
  } catch (error) {
    throw new ClusterError(
      `${controlPlane.name}: applying the CNI manifest failed: ${reason(error)}`,
    );
  }
  await controlPlane.host.writeFile(`${dir}/cni.sha256`, `${digest}\n`, { mode: 0o600 });
  reporter.info(`${controlPlane.name}: CNI manifest ${digest.slice(0, 12)} applied`);
  return true;
}

/** Read on a node that is not Ready: what usually keeps a kubelet from Ready. */
const DIAGNOSE = `
[ -n "$(ls -A /etc/cni/net.d 2>/dev/null)" ] || echo "CNI config uninitialized (/etc/cni/net.d is empty)"
[ -n "$(ls -A /opt/cni/bin 2>/dev/null)" ] || echo "/opt/cni/bin is empty"
pidof kubelet >/dev/null 2>&1 || echo "kubelet is not running"
{ journalctl -u kubelet -n 3 --no-pager -o cat 2>/dev/null || tail -n 3 /var/log/kubelet.log 2>/dev/null; } | sed 's/^/kubelet: /'
`;

async function diagnose(node: ClusterNode | undefined, status: NodeStatus | undefined) {
  const parts: string[] = [];
  if (status?.why) parts.push(status.why);
  if (!status) parts.push('not registered with the API server');
  if (node) {
    const found = await node.host
      .exec(['sh', '-s'], { input: DIAGNOSE, timeoutMs: 20_000, maxOutputBytes: 16 * 1024 })
      .then((r) =>
        r.stdout
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => l.slice(0, 200)),
      )
      .catch((error: unknown) => [`could not look: ${reason(error)}`]);
    parts.push(...found);
  }
  return parts.join('; ') || 'no reason found';
}

/** Polls `get nodes` until every expected node is Ready; on timeout, one line per node. */
export async function waitReady(
  controlPlane: ClusterNode,
  nodes: readonly ClusterNode[],
  timeoutMs: number,
  reporter: Reporter,
): Promise<NodeStatus[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await getNodes(controlPlane);
    const notReady = nodes.filter(
      (node) => !statuses.find((status) => status.name === node.name)?.ready,
    );
    if (notReady.length === 0) return statuses;
    if (Date.now() >= deadline) {
      const lines = await Promise.all(
        notReady.map(
          async (node) =>
            `${node.name}: not Ready: ${await diagnose(
              node,
              statuses.find((s) => s.name === node.name),
            )}`,
        ),
      );
      for (const line of lines) reporter.error(line);
      throw new ClusterError(
        `${notReady.length} node(s) not Ready after ${Math.round(timeoutMs / 1000)} s: ${lines[0]}`,
        lines,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
