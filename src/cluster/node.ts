import type { Host } from '../hosts/host.js';
import { HypernixError } from '../util/errors.js';

/** A VM of the cluster as the cluster step sees it: its name, role and a Host over SSH. */
export interface ClusterNode {
  name: string;
  role: 'control-plane' | 'worker';
  /** The address the runner (and the other nodes) reach it on. */
  address: string;
  host: Host;
}

/** A cluster step that failed: one line, with per-node lines as details. */
export class ClusterError extends HypernixError {
  override name = 'ClusterError';
  constructor(message: string, details: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.details = [...details];
  }
}

/** Where the cluster step keeps its files on a node (configs, manifests, markers): root only. */
export const STATE_DIR = '/etc/hypernix';
export const ADMIN_CONF = '/etc/kubernetes/admin.conf';
export const CA_CERT = '/etc/kubernetes/pki/ca.crt';

/** Shapes of kubeadm secrets, hidden from any line even before they are known by value. */
const SECRET_SHAPES = [
  /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g, // bootstrap token
  /sha256:[0-9a-f]{64}/g, // discovery CA hash
  /\b[0-9a-f]{64}\b/g, // certificate key
];

/** A line of kubeadm/kubectl output with anything shaped like a token, hash or key hidden. */
export function scrub(line: string): string {
  return SECRET_SHAPES.reduce((text, shape) => text.replace(shape, '***'), line);
}

/** Runs kubectl on the control plane with the admin kubeconfig. */
export function kubectl(node: ClusterNode, args: readonly string[], timeoutMs = 60_000) {
  return node.host.exec(['kubectl', `--kubeconfig=${ADMIN_CONF}`, ...args], { timeoutMs });
}

/** The node's state directory, made root-only before any secret is written into it. */
export async function stateDir(node: ClusterNode): Promise<string> {
  await node.host.exec(['mkdir', '-p', '-m', '700', STATE_DIR]);
  return STATE_DIR;
}

/** Text for an error: the first line of what a command said, scrubbed. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return scrub(text.split('\n')[0] ?? '');
}

/** Why a command failed, for a report line: its last stderr line when it said something. */
export function reason(error: unknown): string {
  const details = error instanceof HypernixError ? error.details.filter((l) => l.trim()) : [];
  const last = details.at(-1);
  return last ? scrub(last.trim()) : firstLine(error);
}
