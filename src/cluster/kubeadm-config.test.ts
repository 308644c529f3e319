import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseCidr } from './cidr.js';
import { caCertHash, initConfig, joinConfig } from './kubeadm-config.js';
import type { Cidr, ClusterSpec } from './spec.js';
import { tempDir } from '../../test/helpers/temp.js';

const dir = tempDir('hypernix-ca-');

const spec = {
  podSubnet: parseCidr('10.244.0.0/16') as Cidr,
  serviceSubnet: parseCidr('10.96.0.0/12') as Cidr,
  criSocket: 'unix:///run/containerd/containerd.sock',
  cgroupDriver: 'systemd',
} as ClusterSpec;

describe('kubeadm configuration', () => {
  it('writes v1beta4 InitConfiguration, ClusterConfiguration and the kubelet cgroup driver', () => {
    const docs = parseAllDocuments(
      initConfig(spec, {
        nodeName: 'cp-1',
        advertiseAddress: '10.88.0.10',
        endpoint: '10.88.0.10:6443',
        version: 'v1.31.2',
      }),
    ) as unknown as { toJS(): unknown }[];
    expect(docs.map((d) => d.toJS())).toEqual([
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'InitConfiguration',
        localAPIEndpoint: { advertiseAddress: '10.88.0.10', bindPort: 6443 },
        nodeRegistration: { name: 'cp-1', criSocket: 'unix:///run/containerd/containerd.sock' },
      },
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'ClusterConfiguration',
        kubernetesVersion: 'v1.31.2',
        controlPlaneEndpoint: '10.88.0.10:6443',
        networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' },
      },
      {
        apiVersion: 'kubelet.config.k8s.io/v1beta1',
        kind: 'KubeletConfiguration',
        cgroupDriver: 'systemd',
      },
    ]);
  });

  it('puts the token and CA hash in the JoinConfiguration', () => {
    const text = joinConfig(spec, {
      nodeName: 'w-1',
      endpoint: '10.88.0.10:6443',
      token: 'abcdef.0123456789abcdef',
      caCertHash: `sha256:${'f'.repeat(64)}`,
    });
    expect(text).toContain('kind: JoinConfiguration');
    expect(text).toContain('token: abcdef.0123456789abcdef');
    expect(text).toContain(`- sha256:${'f'.repeat(64)}`);
  });

  it("computes the CA hash as kubeadm's docs do with openssl", () => {
    const key = join(dir, 'ca.key');
    const cert = join(dir, 'ca.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=kubernetes',
      ],
      { stdio: 'ignore' },
    );
    // openssl x509 -pubkey | openssl rsa -pubin -outform der | sha256sum (kubeadm join docs)
    const der = execFileSync('sh', [
      '-c',
      `openssl x509 -pubkey -noout -in "$1" | openssl pkey -pubin -outform der`,
      'sh',
      cert,
    ]);
    const expected = execFileSync('sha256sum', { input: der, encoding: 'utf8' }).split(' ')[0];
    expect(caCertHash(readFileSync(cert))).toBe(`sha256:${expected}`);
  });
});
