/**
 * What the cluster step works from: the `cluster:` section of hypernix.yaml, read and checked by
 * config/deploy.ts with every default filled in. The cluster modules take these types; the schema
 * that makes them lives above, in config/.
 */

/** A CIDR block, parsed (cidr.ts). */
export interface Cidr {
  text: string;
  /** The network address as a 32-bit unsigned number. */
  base: number;
  prefix: number;
}

/** A CNI manifest: a file on the runner or an https URL, pinned by sha256. */
export interface CniSpec {
  /** `flannel` or `calico`: what the manifest is (the pod-CIDR check knows their defaults). */
  name: 'flannel' | 'calico';
  source: { kind: 'path'; path: string } | { kind: 'url'; url: string };
  /** Lower-case hex sha256 of the manifest's bytes. */
  sha256: string;
}

/** The smoke test: a GET through the API server's service proxy, never a URL outside. */
export interface SmokeTestSpec {
  /** The whole proxy path, `/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH`. */
  url: string;
  namespace: string;
  service: string;
  /** A port number or name, as the proxy path takes it (`NAME:PORT`). */
  port: string;
  /** The path after `/proxy`, starting with `/`. */
  path: string;
  expectStatus: number;
  expectBody?: string;
}

export interface WorkloadSpec {
  /** Manifest files on the runner (absolute once loaded). */
  manifests: string[];
  /** `registry/repository@sha256:…` put in every container's image; `--image` overrides. */
  image?: string;
  readyTimeoutMs: number;
  namespace: string;
}

export interface ClusterSpec {
  podSubnet: Cidr;
  serviceSubnet: Cidr;
  /** `host:port` every node and the runner reach; default: the control plane's address, 6443. */
  controlPlaneEndpoint?: string;
  /** `v1.31.2`, or "from-node": the version the control plane's kubeadm reports. */
  kubernetesVersion: string;
  cgroupDriver: 'systemd' | 'cgroupfs';
  criSocket: string;
  cni: CniSpec;
  workload?: WorkloadSpec;
  smokeTest?: SmokeTestSpec;
  /** Networks the cluster's subnets must not overlap (the LAN the hypervisor is on, say). */
  hostNetworks: Cidr[];
  /** Where the kubeconfig is written on the runner (0600). */
  kubeconfig: string;
  /** Replace the control plane's VM on an image change (last, after the workers). */
  replaceControlPlane: boolean;
  readyTimeoutMs: number;
  drainTimeoutMs: number;
}
