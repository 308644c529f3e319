import { z } from 'zod';
import { overlaps, parseCidr } from '../cluster/cidr.js';
import type { Cidr, ClusterSpec, SmokeTestSpec } from '../cluster/spec.js';
import { parseReference } from '../oci/registry/reference.js';
import { InputError } from '../util/errors.js';
import { shown } from './input-readers.js';

/**
 * The `cluster:` section of hypernix.yaml: a kubeadm cluster on the VMs, its CNI, the workload
 * and the smoke test. Checked whole here (CIDRs, digests, the smoke test's path) so that a bad
 * value stops the deploy before anything is made.
 */

const cidr = z.string().transform((text, ctx) => {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});
const seconds = z
  .number()
  .int()
  .min(1)
  .max(24 * 3600);
const runnerPath = z.string().regex(/^[^\0\n]+$/, 'expected a file path');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
const endpoint = z
  .string()
  .regex(/^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$/, 'expected host:port such as 10.0.0.10:6443');
const dnsLabel = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a DNS label');
const version = z
  .string()
  .regex(/^(from-node|v1\.\d{1,2}\.\d{1,3})$/, 'expected "from-node" or a version like v1.31.2');

/** The only smoke-test form: the API server's proxy to a service, inside the cluster. */
const PROXY_RE =
  /^\/api\/v1\/namespaces\/([a-z0-9-]{1,63})\/services\/(?:https?:)?([a-z0-9-]{1,63})(?::([a-z0-9-]{1,15}))?\/proxy(\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$/;

const smokeTest = z.strictObject({
  url: z.string().describe('/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH'),
  'expect-status': z.number().int().min(100).max(599).default(200),
  'expect-body': z.string().max(4096).optional(),
});

const workload = z.strictObject({
  manifests: z.array(runnerPath).min(1).max(64),
  'image-from': z.string().optional().describe('registry/repository@sha256:… (--image overrides)'),
  namespace: dnsLabel.default('default'),
  'ready-timeout': seconds.default(300),
});

export const clusterSchema = z.strictObject({
  'pod-subnet': cidr.prefault('10.244.0.0/16'),
  'service-subnet': cidr.prefault('10.96.0.0/12'),
  'control-plane-endpoint': endpoint.optional(),
  'kubernetes-version': version.default('from-node'),
  'cgroup-driver': z.enum(['systemd', 'cgroupfs']).default('systemd'),
  'cri-socket': z
    .string()
    .regex(/^unix:\/\/\/[A-Za-z0-9._/-]+$/, 'expected unix:///path/to.sock')
    .default('unix:///run/containerd/containerd.sock'),
  'host-networks': z
    .array(cidr)
    .max(32)
    .default([])
    .describe('the LANs of the hypervisor and runner: the subnets must not overlap them'),
  cni: z.strictObject({
    name: z.enum(['flannel', 'calico'], { message: 'expected flannel or calico' }),
    manifest: z.string().regex(/^[^\0\n]+$/, 'expected a file path or an https:// URL'),
    sha256,
  }),
  workload: workload.optional(),
  'smoke-test': smokeTest.optional(),
  kubeconfig: runnerPath.default('kubeconfig'),
  'replace-control-plane': z.boolean().default(false),
  'ready-timeout': seconds.default(600),
  'drain-timeout': seconds.default(300),
});

type ClusterFile = z.output<typeof clusterSchema>;

/** Turns the checked section into the cluster step's spec; cross-field problems are one line. */
export function resolveCluster(data: ClusterFile, file: string): ClusterSpec {
  const at = (key: string) => `${file}: cluster.${key}`;
  const pod = data['pod-subnet'];
  const service = data['service-subnet'];
  if (overlaps(pod, service))
    throw new InputError(
      `${at('pod-subnet')}: ${pod.text} overlaps service-subnet ${service.text}; expected separate ranges`,
    );
  for (const network of data['host-networks']) {
    for (const [key, subnet] of [
      ['pod-subnet', pod],
      ['service-subnet', service],
    ] as const) {
      if (overlaps(subnet, network))
        throw new InputError(
          `${at(key)}: ${subnet.text} overlaps host network ${network.text}; pick a range outside it`,
        );
    }
  }
  const manifest = data.cni.manifest;
  if (/^[a-z][a-z0-9+.-]*:/i.test(manifest) && !manifest.startsWith('https://'))
    throw new InputError(
      `${at('cni.manifest')}: expected a file path or an https:// URL; got ${shown(manifest)}`,
    );
  const workloadSpec = data.workload;
  if (workloadSpec?.['image-from'] !== undefined)
    checkWorkloadImage(workloadSpec['image-from'], at('workload.image-from'));
  return {
    podSubnet: pod,
    serviceSubnet: service,
    controlPlaneEndpoint: data['control-plane-endpoint'],
    kubernetesVersion: data['kubernetes-version'],
    cgroupDriver: data['cgroup-driver'],
    criSocket: data['cri-socket'],
    cni: {
      name: data.cni.name,
      source: manifest.startsWith('https://')
        ? { kind: 'url', url: manifest }
        : { kind: 'path', path: manifest },
      sha256: data.cni.sha256,
    },
    workload: workloadSpec && {
      manifests: workloadSpec.manifests,
      image: workloadSpec['image-from'],
      namespace: workloadSpec.namespace,
      readyTimeoutMs: workloadSpec['ready-timeout'] * 1000,
    },
    smokeTest: data['smoke-test'] && smokeSpec(data['smoke-test'], at('smoke-test.url')),
    hostNetworks: data['host-networks'] as Cidr[],
    kubeconfig: data.kubeconfig,
    replaceControlPlane: data['replace-control-plane'],
    readyTimeoutMs: data['ready-timeout'] * 1000,
    drainTimeoutMs: data['drain-timeout'] * 1000,
  };
}

/** A workload image must name its digest: a tag can move between apply and the smoke test. */
export function checkWorkloadImage(image: string, what: string): string {
  if (image.startsWith('-') || /\s/.test(image))
    throw new InputError(`${what}: expected registry/repository@sha256:…; got ${shown(image)}`);
  const reference = parseReference(image, what);
  if (!reference.digest)
    throw new InputError(
      `${what}: ${shown(image)} has no digest; expected registry/repository@sha256:<64 hex>`,
    );
  return image;
}

function smokeSpec(data: ClusterFile['smoke-test'] & object, what: string): SmokeTestSpec {
  const match = PROXY_RE.exec(data.url);
  if (!match || data.url.includes('..'))
    throw new InputError(
      `${what}: expected an API server proxy path /api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH; got ${shown(data.url)} (nothing outside the cluster is fetched)`,
    );
  return {
    url: data.url,
    namespace: match[1] as string,
    service: match[2] as string,
    port: match[3] ?? '',
    path: match[4] ?? '/',
    expectStatus: data['expect-status'],
    expectBody: data['expect-body'],
  };
}
