import { kubectl, type ClusterNode } from './node.js';

/** A node as `kubectl get nodes -o json` shows it; the outputs' `nodes` entries. */
export interface NodeStatus {
  name: string;
  role: 'control-plane' | 'worker';
  version: string;
  ready: boolean;
  /** The Ready condition's reason and message when it is not Ready. */
  why?: string;
}

interface NodeList {
  items?: {
    metadata?: { name?: string; labels?: Record<string, string> };
    status?: {
      nodeInfo?: { kubeletVersion?: string };
      conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    };
  }[];
}

/** Parses `kubectl get nodes -o json` (untrusted text: only the fields used are read). */
export function parseNodes(text: string): NodeStatus[] {
  const list = JSON.parse(text) as NodeList;
  return (list.items ?? []).map((item) => {
    const ready = item.status?.conditions?.find((c) => c.type === 'Ready');
    const labels = item.metadata?.labels ?? {};
    const isReady = ready?.status === 'True';
    return {
      name: String(item.metadata?.name ?? ''),
      role: 'node-role.kubernetes.io/control-plane' in labels ? 'control-plane' : 'worker',
      version: String(item.status?.nodeInfo?.kubeletVersion ?? ''),
      ready: isReady,
      why: isReady ? undefined : [ready?.reason, ready?.message].filter(Boolean).join(': '),
    };
  });
}

export async function getNodes(controlPlane: ClusterNode): Promise<NodeStatus[]> {
  const { stdout } = await kubectl(controlPlane, ['get', 'nodes', '-o', 'json']);
  return parseNodes(stdout);
}
