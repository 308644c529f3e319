import type { Host } from '../hosts/host.js';
import type { Reporter } from '../util/reporter.js';
import { InputError } from '../util/errors.js';
import { applyCni, waitReady } from './cni.js';
import { ensureControlPlane } from './control-plane.js';
import { joinWorkers, type JoinOutcome } from './join.js';
import { fetchKubeconfig } from './kubeconfig.js';
import { loadCni, loadWorkload } from './manifests.js';
import { ClusterError, type ClusterNode } from './node.js';
import type { NodeStatus } from './nodes.js';
import { preflight } from './preflight.js';
import type { ClusterSpec } from './spec.js';
import { applyWorkload, smokeTest, type SmokeResult } from './workload.js';

/**
 * The cluster step, in the guide's order: preflight on every node, `kubeadm init` on the
 * control plane, the workers joined, the CNI, every node Ready, the kubeconfig, the workload and
 * its smoke test. Each stage is timed for the job summary; each is a no-op when already done.
 */

export interface Stage {
  name: string;
  ms: number;
  note: string;
}

export interface ClusterResult {
  controlPlane: string;
  endpoint: string;
  nodes: NodeStatus[];
  kubeconfig: string;
  join: JoinOutcome;
  workload?: { changed: boolean; objects: string[] };
  smokeTest?: SmokeResult;
  stages: Stage[];
  changed: boolean;
}

/** What is read on the runner before anything changes: a bad manifest stops here. */
export interface PreparedCluster {
  spec: ClusterSpec;
  cni: string;
  workload?: string;
}

export async function prepareCluster(spec: ClusterSpec): Promise<PreparedCluster> {
  const cni = await loadCni(spec.cni, spec.podSubnet.text, 'cluster.cni.manifest');
  const work = spec.workload;
  if (work && !work.image)
    throw new InputError(
      'cluster.workload.image-from: no image; give registry/repository@sha256:… here or with --image',
    );
  return { spec, cni, workload: work && (await loadWorkload(work.manifests, work.image ?? '')) };
}

export interface ClusterContext {
  nodes: ClusterNode[];
  hypervisor?: Host;
  reporter: Reporter;
}

function split(nodes: readonly ClusterNode[]) {
  const planes = nodes.filter((node) => node.role === 'control-plane');
  if (planes.length !== 1)
    throw new InputError(
      `cluster: expected exactly one VM with role control-plane; found ${planes.length}`,
    );
  return {
    controlPlane: planes[0] as ClusterNode,
    workers: nodes.filter((n) => n.role === 'worker'),
  };
}

export async function applyCluster(
  context: ClusterContext,
  prepared: PreparedCluster,
): Promise<ClusterResult> {
  const { nodes, reporter } = context;
  const { spec } = prepared;
  const { controlPlane, workers } = split(nodes);
  const endpoint = spec.controlPlaneEndpoint ?? `${controlPlane.address}:6443`;
  const stages: Stage[] = [];
  const stage: StageRunner = async (name, body, note) => {
    const started = Date.now();
    const value = await reporter.group(`cluster: ${name}`, body);
    stages.push({ name, ms: Date.now() - started, note: note(value) });
    return value;
  };
  await stage(
    'preflight',
    () => preflight(nodes, spec, context.hypervisor),
    () => 'passed',
  );
  const initialised = await stage(
    'control plane',
    () => ensureControlPlane(controlPlane, spec, endpoint, reporter),
    (done) => (done ? 'kubeadm init' : 'already initialised'),
  );
  const join = await stage(
    'join',
    () =>
      joinWorkers(controlPlane, workers, spec, endpoint, reporter, {
        freshCluster: initialised,
      }),
    (o) =>
      `${o.joined.length} joined, ${o.skipped.length} already nodes, ${o.failed.length} failed`,
  );
  const cniChanged = await stage(
    'cni',
    () => applyCni(controlPlane, prepared.cni, reporter),
    (applied) => (applied ? `${spec.cni.name} applied` : 'unchanged'),
  );
  const failed = new Set(join.failed.map((f) => f.node));
  const statuses = await stage(
    'nodes ready',
    () =>
      waitReady(
        controlPlane,
        nodes.filter((n) => !failed.has(n.name)),
        spec.readyTimeoutMs,
        reporter,
      ),
    (list) => `${list.filter((n) => n.ready).length}/${list.length} Ready`,
  );
  const kubeconfig = spec.kubeconfig;
  await stage(
    'kubeconfig',
    () => fetchKubeconfig(controlPlane, `https://${endpoint}`, kubeconfig, reporter),
    () => kubeconfig,
  );
  if (join.failed.length > 0)
    throw new ClusterError(
      `${join.failed.length} node(s) failed to join (the others are joined): ${join.failed.map((f) => `${f.node}: ${f.why}`).join('; ')}`,
      join.failed.map((f) => `${f.node}: ${f.why}`),
    );
  const result: ClusterResult = {
    controlPlane: controlPlane.address,
    endpoint,
    nodes: statuses,
    kubeconfig,
    join,
    stages,
    changed: initialised || join.joined.length > 0 || cniChanged,
  };
  await workloadStages(controlPlane, prepared, result, stage, reporter);
  return result;
}

type StageRunner = <T>(
  name: string,
  body: () => Promise<T>,
  note: (value: T) => string,
) => Promise<T>;

/** The workload and its smoke test, on a cluster whose nodes are Ready. */
async function workloadStages(
  controlPlane: ClusterNode,
  prepared: PreparedCluster,
  result: ClusterResult,
  stage: StageRunner,
  reporter: Reporter,
): Promise<void> {
  const { spec } = prepared;
  if (spec.workload && prepared.workload) {
    const { workload: work } = spec;
    const text = prepared.workload;
    result.workload = await stage(
      'workload',
      () => applyWorkload(controlPlane, work, text, reporter),
      (o) => (o.changed ? 'applied' : 'unchanged'),
    );
    result.changed ||= result.workload.changed;
  }
  if (spec.smokeTest) {
    const smoke = spec.smokeTest;
    result.smokeTest = await stage(
      'smoke test',
      () => smokeTest(controlPlane, smoke, reporter),
      (o) => (o.ok ? `status ${o.status}` : (o.why ?? 'failed')),
    );
    if (!result.smokeTest.ok)
      throw new ClusterError(`smoke test GET ${smoke.url} failed: ${result.smokeTest.why}`);
  }
}
