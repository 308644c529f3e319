import type { Reporter } from '../util/reporter.js';
import { ClusterError, kubectl, reason, scrub, stateDir, type ClusterNode } from './node.js';
import type { SmokeTestSpec, WorkloadSpec } from './spec.js';

/**
 * The workload: manifests applied on the control plane (kubectl apply is declarative: the same
 * digest again changes nothing), its Pods waited for, then the smoke test through the API
 * server's service proxy — the guide's port-forward, automated.
 */

export interface WorkloadOutcome {
  changed: boolean;
  objects: string[];
}

export async function applyWorkload(
  controlPlane: ClusterNode,
  spec: WorkloadSpec,
  manifest: string,
  reporter: Reporter,
): Promise<WorkloadOutcome> {
  const file = `${await stateDir(controlPlane)}/workload.yaml`;
  await controlPlane.host.writeFile(file, manifest, { mode: 0o600 });
  let stdout: string;
  try {
    ({ stdout } = await kubectl(controlPlane, ['apply', '-f', file], 120_000));
  } catch (error) {
    throw new ClusterError(`${controlPlane.name}: applying the workload failed: ${reason(error)}`);
  }
  const objects = stdout
    .split('\n')
    .map((line) => scrub(line.trim()))
    .filter(Boolean);
  for (const line of objects) reporter.info(`${controlPlane.name}: ${line}`);
  const changed = objects.some((line) => !/ unchanged$/.test(line));
  const seconds = Math.ceil(spec.readyTimeoutMs / 1000);
  try {
    await kubectl(
      controlPlane,
      [
        'wait',
        '--for=condition=Ready',
        'pod',
        '--all',
        '-n',
        spec.namespace,
        `--timeout=${seconds}s`,
      ],
      spec.readyTimeoutMs + 30_000,
    );
  } catch (error) {
    throw new ClusterError(`workload Pods not Ready within ${seconds} s: ${reason(error)}`);
  }
  return { changed, objects };
}

export interface SmokeResult {
  url: string;
  status: number;
  ok: boolean;
  /** Why it failed, one line. */
  why?: string;
}

/** `kubectl get --raw PROXY -v=6`: the body on stdout, the status in the request log line. */
export async function smokeTest(
  controlPlane: ClusterNode,
  spec: SmokeTestSpec,
  reporter: Reporter,
): Promise<SmokeResult> {
  const result = await controlPlane.host.exec(
    ['kubectl', '--kubeconfig=/etc/kubernetes/admin.conf', 'get', '--raw', spec.url, '-v=6'],
    { okCodes: [1], timeoutMs: 60_000, maxOutputBytes: 1 << 20 },
  );
  const logged = /\bGET \S+ (\d{3})\b/.exec(result.stderr)?.[1];
  const status = logged ? Number(logged) : result.code === 0 ? 200 : 0;
  let why: string | undefined;
  if (status !== spec.expectStatus)
    why = `status ${status || 'unknown'}, expected ${spec.expectStatus}`;
  else if (spec.expectBody !== undefined && !result.stdout.includes(spec.expectBody))
    why = `status ${status}, but the body does not contain ${JSON.stringify(spec.expectBody)} (it begins ${JSON.stringify(scrub(result.stdout.slice(0, 80)))})`;
  const outcome = { url: spec.url, status, ok: why === undefined, why };
  reporter.info(`smoke test GET ${spec.url}: ${why ?? `status ${status}, as expected`}`);
  return outcome;
}
