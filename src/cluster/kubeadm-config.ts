import { createHash, X509Certificate } from 'node:crypto';
import { stringify } from 'yaml';
import type { ClusterSpec } from './spec.js';

/**
 * kubeadm's configuration files (API kubeadm.k8s.io/v1beta4): what the guide typed as flags,
 * written as files so that nothing secret is ever on a command line.
 */

const KUBEADM_API = 'kubeadm.k8s.io/v1beta4';

const documents = (...docs: object[]) =>
  docs.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');

export interface InitInputs {
  nodeName: string;
  advertiseAddress: string;
  endpoint: string;
  version: string;
}

/** InitConfiguration + ClusterConfiguration + the kubelet's cgroup driver. */
export function initConfig(spec: ClusterSpec, inputs: InitInputs): string {
  return documents(
    {
      apiVersion: KUBEADM_API,
      kind: 'InitConfiguration',
      localAPIEndpoint: { advertiseAddress: inputs.advertiseAddress, bindPort: 6443 },
      nodeRegistration: { name: inputs.nodeName, criSocket: spec.criSocket },
    },
    {
      apiVersion: KUBEADM_API,
      kind: 'ClusterConfiguration',
      kubernetesVersion: inputs.version,
      controlPlaneEndpoint: inputs.endpoint,
      networking: { podSubnet: spec.podSubnet.text, serviceSubnet: spec.serviceSubnet.text },
    },
    {
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      kind: 'KubeletConfiguration',
      cgroupDriver: spec.cgroupDriver,
    },
  );
}

export interface JoinInputs {
  nodeName: string;
  endpoint: string;
  token: string;
  caCertHash: string;
}

/** A worker's JoinConfiguration: the token and CA hash live only in this 0600 file. */
export function joinConfig(spec: ClusterSpec, inputs: JoinInputs): string {
  return documents({
    apiVersion: KUBEADM_API,
    kind: 'JoinConfiguration',
    discovery: {
      bootstrapToken: {
        apiServerEndpoint: inputs.endpoint,
        token: inputs.token,
        caCertHashes: [inputs.caCertHash],
      },
    },
    nodeRegistration: { name: inputs.nodeName, criSocket: spec.criSocket },
  });
}

/**
 * kubeadm's discovery hash: `sha256:` and the hex SHA-256 of the CA certificate's
 * SubjectPublicKeyInfo (DER), computed here on the runner from the certificate itself.
 */
export function caCertHash(pem: string | Buffer): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}

/** A bootstrap token as kubeadm makes it: `[a-z0-9]{6}.[a-z0-9]{16}`. */
export const TOKEN_RE = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
