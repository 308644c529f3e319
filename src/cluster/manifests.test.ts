import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors.js';
import { loadCni, loadWorkload } from './manifests.js';
import { scrub } from './node.js';
import { parseNodes } from './nodes.js';
import { tempDir } from '../../test/helpers/temp.js';

const dir = tempDir('hypernix-manifests-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const IMAGE = `127.0.0.1:5000/app@sha256:${'a'.repeat(64)}`;

describe('manifests', () => {
  it('puts the digest in every container of Pods and Deployments, keeping Services', async () => {
    const pod = file(
      'pod.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: REGISTRY/REPOSITORY@sha256:DIGEST}]\n',
    );
    const deploy = file(
      'd.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: i, image: busybox}]\n      containers: [{name: c, image: nginx:latest}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n',
    );
    const text = await loadWorkload([pod, deploy], IMAGE);
    expect(text.match(new RegExp(IMAGE.replace(/[.]/g, '\\.'), 'g'))).toHaveLength(3);
    expect(text).not.toContain('nginx:latest');
    expect(text).toContain('kind: Service');
  });

  it('refuses a manifest that is not YAML, or not Kubernetes objects', async () => {
    await expect(loadWorkload([file('bad.yaml', 'kind: Pod\n  x: [\n')], IMAGE)).rejects.toThrow(
      /^workload manifest .*bad\.yaml is not valid YAML: /,
    );
    await expect(loadWorkload([file('list.yaml', '- a\n- b\n')], IMAGE)).rejects.toThrow(
      InputError,
    );
  });

  it("checks the CNI pin and flannel's network against the pod subnet", async () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg}\ndata:\n  net-conf.json: |\n    {"Network": "10.244.0.0/16"}\n';
    const path = file('flannel.yml', text);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const cni = { name: 'flannel' as const, source: { kind: 'path' as const, path }, sha256 };
    expect(await loadCni(cni, '10.244.0.0/16', 'cni')).toBe(text);
    await expect(loadCni(cni, '10.245.0.0/16', 'cni')).rejects.toThrow(
      "cni: the flannel manifest's pod network is 10.244.0.0/16 but cluster.pod-subnet is 10.245.0.0/16; make them the same",
    );
    await expect(
      loadCni({ ...cni, sha256: '0'.repeat(64) }, '10.244.0.0/16', 'cni'),
    ).rejects.toThrow(`cni: sha256 is ${sha256}, the config pins ${'0'.repeat(64)}`);
  });

  it('reads get nodes -o json and scrubs secret-shaped text', () => {
    const nodes = parseNodes(
      JSON.stringify({
        items: [
          {
            metadata: { name: 'cp-1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
            status: {
              nodeInfo: { kubeletVersion: 'v1.31.2' },
              conditions: [{ type: 'Ready', status: 'True' }],
            },
          },
          {
            metadata: { name: 'w-1' },
            status: {
              conditions: [
                {
                  type: 'Ready',
                  status: 'False',
                  reason: 'KubeletNotReady',
                  message: 'cni plugin not initialized',
                },
              ],
            },
          },
        ],
      }),
    );
    expect(nodes).toEqual([
      { name: 'cp-1', role: 'control-plane', version: 'v1.31.2', ready: true, why: undefined },
      {
        name: 'w-1',
        role: 'worker',
        version: '',
        ready: false,
        why: 'KubeletNotReady: cni plugin not initialized',
      },
    ]);
    expect(
      scrub(
        `kubeadm join x --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:${'e'.repeat(64)}`,
      ),
    ).toBe('kubeadm join x --token *** --discovery-token-ca-cert-hash ***');
  });
});
