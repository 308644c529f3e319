import type { ImageReference } from '../oci/registry/reference.js';

/**
 * What a deploy works from: hypernix.yaml read and checked (config/deploy.ts), with every default
 * filled in. The hypervisor and the deploy steps take these types; the schema that makes them
 * lives above, in config/.
 */

/** A VM name: becomes a libvirt domain name, a file name in the pool and a hostname. */
export const VM_NAME_RE = /^[a-z][a-z0-9-]{0,62}$/;

/** One VM with its defaults filled in. */
export interface VmSpec {
  name: string;
  role: 'control-plane' | 'worker';
  memoryMiB: number;
  vcpus: number;
  /** Virtual disk size in MiB; undefined: the image's own size. */
  diskMiB?: number;
  graphics: 'none' | 'vnc';
  vncListen: '127.0.0.1' | '0.0.0.0';
  address?: string;
}

export type ImageSource =
  | { kind: 'ref'; reference: ImageReference & { digest: string }; plainHttp: boolean }
  | { kind: 'path'; path: string };

/** The hypervisor: this machine (no ssh) or one reached over SSH with pinned host keys. */
export interface HypervisorSpec {
  ssh?: {
    host: string;
    port: number;
    user: string;
    'known-hosts'?: string;
    fingerprints?: string[];
    'key-file'?: string;
  };
  'libvirt-uri': string;
  pool: string;
  bridge: string;
  'virt-type': 'auto' | 'kvm' | 'qemu';
}

/** How the runner reaches the VMs over SSH. */
export interface VmSshSpec {
  user: string;
  port: number;
  'key-file'?: string;
  'via-hypervisor': boolean;
}

export interface DeployConfig {
  file: string;
  deployment: string;
  hypervisor: HypervisorSpec;
  image: { source: ImageSource; firmware: 'bios' | 'uefi'; secureBoot: boolean; osinfo: string };
  replace: 'never' | 'on-image-change';
  prune: boolean;
  ssh: VmSshSpec;
  vms: VmSpec[];
}
