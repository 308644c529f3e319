import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors.js';
import { parseDeployConfig, withOverrides } from './deploy.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const BASE = `image: {ref: "127.0.0.1:5000/vm/k8s@${DIGEST}"}\nvms: [{name: cp-1, role: control-plane}]\n`;
const CNI = `cni: {name: flannel, manifest: ./kube-flannel.yml, sha256: "${'b'.repeat(64)}"}`;

const load = (cluster: string) => parseDeployConfig(`${BASE}cluster:\n${cluster}`, 'hypernix.yaml');

function refusal(cluster: string): string {
  try {
    load(cluster);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('hypernix.yaml cluster section', () => {
  it('fills defaults and reads the smoke test', () => {
    const config = load(
      `  ${CNI}\n  workload: {manifests: [pod.yaml], image-from: "r.example/app@${DIGEST}"}\n  smoke-test: {url: /api/v1/namespaces/default/services/web:80/proxy/, expect-body: hello}\n`,
    );
    expect(config.cluster).toMatchObject({
      podSubnet: { text: '10.244.0.0/16' },
      serviceSubnet: { text: '10.96.0.0/12' },
      kubernetesVersion: 'from-node',
      cgroupDriver: 'systemd',
      cni: { name: 'flannel', source: { kind: 'path', path: './kube-flannel.yml' } },
      workload: { image: `r.example/app@${DIGEST}`, namespace: 'default', readyTimeoutMs: 300_000 },
      smokeTest: {
        namespace: 'default',
        service: 'web',
        port: '80',
        path: '/',
        expectStatus: 200,
        expectBody: 'hello',
      },
    });
  });

  it('refuses bad values with one line each', () => {
    expect(refusal(`  ${CNI}\n  pod-subnet: 10.244.0.0\n`)).toBe(
      'hypernix.yaml: cluster.pod-subnet: expected an IPv4 CIDR like 10.244.0.0/16; got "10.244.0.0"',
    );
    expect(refusal(`  ${CNI}\n  pod-subnet: 10.96.0.0/16\n`)).toBe(
      'hypernix.yaml: cluster.pod-subnet: 10.96.0.0/16 overlaps service-subnet 10.96.0.0/12; expected separate ranges',
    );
    expect(
      refusal(`  ${CNI}\n  pod-subnet: 192.168.0.0/16\n  host-networks: [192.168.1.0/24]\n`),
    ).toBe(
      'hypernix.yaml: cluster.pod-subnet: 192.168.0.0/16 overlaps host network 192.168.1.0/24; pick a range outside it',
    );
    expect(refusal(`  cni: {name: weave, manifest: x.yml, sha256: "${'b'.repeat(64)}"}\n`)).toBe(
      'hypernix.yaml: cluster.cni.name: expected flannel or calico',
    );
    expect(
      refusal(`  ${CNI}\n  workload: {manifests: [pod.yaml], image-from: "r.example/app:1.0"}\n`),
    ).toBe(
      'hypernix.yaml: cluster.workload.image-from: "r.example/app:1.0" has no digest; expected registry/repository@sha256:<64 hex>',
    );
    expect(refusal(`  ${CNI}\n  smoke-test: {url: "http://evil.example/"}\n`)).toMatch(
      /^hypernix\.yaml: cluster\.smoke-test\.url: expected an API server proxy path .*; got "http:\/\/evil\.example\/" \(nothing outside the cluster is fetched\)$/,
    );
    expect(
      refusal(`  cni: {name: flannel, manifest: "http://x/f.yml", sha256: "${'b'.repeat(64)}"}\n`),
    ).toMatch(/cluster\.cni\.manifest: expected a file path or an https:\/\/ URL/);
  });

  it('--image overrides the workload image, and must carry a digest', () => {
    const config = load(`  ${CNI}\n  workload: {manifests: [pod.yaml]}\n`);
    expect(
      withOverrides(config, { workloadImage: `r.example/app@${DIGEST}` }).cluster?.workload?.image,
    ).toBe(`r.example/app@${DIGEST}`);
    expect(() => withOverrides(config, { workloadImage: 'r.example/app:latest' })).toThrow(
      'image: "r.example/app:latest" has no digest; expected registry/repository@sha256:<64 hex>',
    );
  });
});
