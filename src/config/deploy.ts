import {
  VM_NAME_RE,
  type DeployConfig,
  type HypervisorSpec,
  type ImageSource,
  type VmSpec,
  type VmSshSpec,
} from '../hypervisor/spec.js';
import { readFile, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseReference, type ImageReference } from '../oci/registry/reference.js';
import { InputError } from '../util/errors.js';
import type { ClusterSpec } from '../cluster/spec.js';
import { checkWorkloadImage, clusterSchema, resolveCluster } from './cluster.js';
import { shown } from './input-readers.js';

/**
 * hypernix.yaml: the hypervisor, the image and the VMs a deploy makes. Every value that reaches
 * virt-install, virsh or a path on the hypervisor is checked here, so the domain modules can
 * pass them on as argument vector entries without looking at them again.
 */

const MAX_CONFIG_BYTES = 1 << 20;

const UNITS = { MiB: 1, GiB: 1024, TiB: 1024 * 1024 } as const;
const SIZE_RE = /^([1-9][0-9]{0,8})(MiB|GiB|TiB)$/;

/** "6GiB", "6144MiB" or a whole number of MiB; "6 GB" is refused with what is expected. */
const mebibytes = (what: string, bareNumbers: boolean) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'number') {
      if (bareNumbers && Number.isSafeInteger(value) && value > 0) return value;
      ctx.addIssue({
        code: 'custom',
        message: bareNumbers
          ? `expected a whole number of MiB or a size like "6GiB"; got ${value}`
          : `expected a size with a unit like "20GiB" or "512MiB"; got ${value}`,
      });
      return z.NEVER;
    }
    const match = SIZE_RE.exec(value);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `expected ${what} like "6GiB" or "6144MiB" (units MiB, GiB, TiB, no space); got ${shown(value)}`,
      });
      return z.NEVER;
    }
    return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
  });

const memory = mebibytes('a memory size', true);
const diskSize = mebibytes('a disk size', false);
const vcpus = z.number().int().min(1).max(256);
const absolutePath = z
  .string()
  .regex(/^\/[^\0\n,]*$/, 'expected an absolute path without commas')
  .refine((path) => !path.split('/').includes('..'), 'expected a path without ".."');
/** A file on the runner: absolute or relative to the config file, no newline or NUL. */
const runnerPath = z.string().regex(/^[^\0\n]+$/, 'expected a file path');
const hostName = z
  .string()
  .regex(
    /^(?![-.])[A-Za-z0-9.-]{1,253}$|^\[?[0-9a-fA-F:.]+\]?$/,
    'expected a host name or address',
  );
const port = z.number().int().min(1).max(65535);
const userName = z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'expected a user name');
const fingerprint = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected a SHA256 fingerprint like "SHA256:…"');
const address = z.string().refine((text) => isIP(text) === 4, 'expected an IPv4 address');

const hypervisorSsh = z.strictObject({
  host: hostName,
  port: port.default(22),
  user: userName.default('root'),
  'known-hosts': runnerPath.optional().describe('a known_hosts file with the hypervisor key'),
  fingerprints: z.array(fingerprint).min(1).optional(),
  'key-file': runnerPath.optional().describe('private key; else the deploy key input'),
});

const hypervisor = z.strictObject({
  ssh: hypervisorSsh.optional().describe('absent: libvirt runs on this machine'),
  'libvirt-uri': z
    .string()
    .regex(/^(qemu|test):\/\/\/(system|session|default)$/, 'expected qemu:///system or the like')
    .default('qemu:///system'),
  pool: absolutePath.default('/var/lib/libvirt/images/hypernix'),
  bridge: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,15}$/, 'expected a network interface name')
    .default('br0'),
  'virt-type': z.enum(['auto', 'kvm', 'qemu']).default('auto'),
});

const image = z
  .strictObject({
    ref: z.string().optional().describe('registry/repository@sha256:… of the qcow2 artifact'),
    path: runnerPath.optional().describe('a qcow2 file on the runner'),
    firmware: z.enum(['bios', 'uefi']).default('bios'),
    'secure-boot': z.boolean().default(false),
    'plain-http': z.boolean().default(false),
    osinfo: z
      .string()
      .regex(/^[a-z][a-z0-9.-]{0,40}$/, 'expected a libosinfo id such as linux2022')
      .default('linux2022'),
  })
  .refine((value) => (value.ref === undefined) !== (value.path === undefined), {
    message: 'expected exactly one of ref and path',
  });

const vmSettings = {
  memory: memory.optional(),
  vcpus: vcpus.optional(),
  disk: diskSize.optional(),
  graphics: z.enum(['none', 'vnc']).optional(),
  'vnc-listen': z
    .enum(['127.0.0.1', '0.0.0.0'])
    .optional()
    .describe('0.0.0.0 exposes the console to the network: warned about'),
};

const vm = z.strictObject({
  name: z
    .string()
    .regex(VM_NAME_RE, 'expected a lower-case name: a letter, then up to 62 of a-z 0-9 -'),
  role: z.enum(['control-plane', 'worker']),
  address: address.optional().describe('a static address, tried after the agent and leases'),
  ...vmSettings,
});

const vmSsh = z.strictObject({
  user: userName.default('root'),
  port: port.default(22),
  'key-file': runnerPath.optional(),
  'via-hypervisor': z.boolean().default(true),
});

export const deployFileSchema = z.strictObject({
  deployment: z
    .string()
    .regex(VM_NAME_RE, 'expected a lower-case name')
    .default('default')
    .describe('VMs of other deployments on the same hypervisor are never touched'),
  hypervisor: hypervisor.default({
    'libvirt-uri': 'qemu:///system',
    pool: '/var/lib/libvirt/images/hypernix',
    bridge: 'br0',
    'virt-type': 'auto',
  }),
  image,
  defaults: z.strictObject(vmSettings).default({}),
  replace: z.enum(['never', 'on-image-change']).default('never'),
  prune: z.boolean().default(false),
  ssh: vmSsh.default({ user: 'root', port: 22, 'via-hypervisor': true }),
  vms: z.array(vm).min(1).max(64),
  cluster: clusterSchema.optional().describe('a kubeadm cluster on the VMs (after they are made)'),
});

type DeployFile = z.output<typeof deployFileSchema>;

export type { DeployConfig, HypervisorSpec, ImageSource, VmSpec, VmSshSpec };

/** The whole file: the VMs (hypervisor/) and, when present, the cluster on them (cluster/). */
export type LoadedConfig = DeployConfig & { cluster?: ClusterSpec };

// The schema's output must be what the deploy takes: a compile-time check, nothing at run time.
const _fits: [DeployFile['hypervisor'], DeployFile['ssh']] extends [HypervisorSpec, VmSshSpec]
  ? true
  : never = true;
void _fits;

const DEFAULT_MEMORY_MIB = 2048;
const DEFAULT_VCPUS = 2;

/** Reads and checks hypernix.yaml; any problem is one InputError line naming the file and key. */
export async function loadDeployConfig(file: string): Promise<LoadedConfig> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new InputError(`${file}: no such config file`);
  if (info.size > MAX_CONFIG_BYTES)
    throw new InputError(`${file}: ${info.size} bytes; a config file is at most 1 MiB`);
  return parseDeployConfig(await readFile(file, 'utf8'), file);
}

/** Parses the text of a config file (see loadDeployConfig). */
export function parseDeployConfig(text: string, file: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    const first = (error as Error).message.split('\n')[0];
    throw new InputError(`${file} is not valid YAML${where}: ${first}`, { cause: error });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`${file}: expected a YAML mapping with hypervisor, image and vms`);
  const result = deployFileSchema.safeParse(raw);
  if (!result.success) throw new InputError(describeIssue(file, result.error.issues[0]));
  return resolve(result.data, file);
}

function describeIssue(file: string, issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return `${file}: invalid config`;
  const path = issue.path.map((part) =>
    typeof part === 'number' ? `[${part}]` : `.${String(part)}`,
  );
  const key = path.join('').replace(/^\./, '') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((name) => shown(name)).join(', ');
    return `${file}: ${key === '(top level)' ? '' : `${key}: `}unknown key ${keys}`;
  }
  return `${file}: ${key}: ${issue.message}`;
}

function resolve(data: DeployFile, file: string): LoadedConfig {
  const seen = new Set<string>();
  const vms = data.vms.map((entry, index): VmSpec => {
    if (seen.has(entry.name))
      throw new InputError(`${file}: vms[${index}].name: ${shown(entry.name)} is used twice`);
    seen.add(entry.name);
    return {
      name: entry.name,
      role: entry.role,
      memoryMiB: entry.memory ?? data.defaults.memory ?? DEFAULT_MEMORY_MIB,
      vcpus: entry.vcpus ?? data.defaults.vcpus ?? DEFAULT_VCPUS,
      diskMiB: entry.disk ?? data.defaults.disk,
      graphics: entry.graphics ?? data.defaults.graphics ?? 'none',
      vncListen: entry['vnc-listen'] ?? data.defaults['vnc-listen'] ?? '127.0.0.1',
      address: entry.address,
    };
  });
  return {
    file,
    deployment: data.deployment,
    hypervisor: data.hypervisor,
    image: {
      source: imageSource(data.image, file),
      firmware: data.image.firmware,
      secureBoot: data.image['secure-boot'],
      osinfo: data.image.osinfo,
    },
    replace: data.replace,
    prune: data.prune,
    ssh: data.ssh,
    vms,
    cluster: data.cluster && resolveCluster(data.cluster, file),
  };
}

function imageSource(image: DeployFile['image'], file: string): ImageSource {
  if (image.path !== undefined) return { kind: 'path', path: image.path };
  const reference = parseReference(image.ref ?? '', `${file}: image.ref`);
  if (!reference.digest)
    throw new InputError(`${file}: image.ref: expected a reference with a digest (…@sha256:…)`);
  return {
    kind: 'ref',
    reference: reference as ImageReference & { digest: string },
    plainHttp: image['plain-http'],
  };
}

/** The JSON Schema of hypernix.yaml for editors (scripts/deploy-schema.ts writes it). */
export function deployJsonSchema(): unknown {
  return z.toJSONSchema(deployFileSchema, { io: 'input', unrepresentable: 'any' });
}

/** What an action's inputs may change in a loaded config: the image of this run, the host. */
export interface DeployOverrides {
  qcow2Ref?: string;
  qcow2Path?: string;
  hypervisorHost?: string;
  /** The workload's image, registry/repository@sha256:… (the push step's output). */
  workloadImage?: string;
}

/** Applies per-run inputs over the config file, checking them as the file's values are. */
export function withOverrides(config: LoadedConfig, overrides: DeployOverrides): LoadedConfig {
  const { qcow2Ref, qcow2Path, hypervisorHost } = overrides;
  if (qcow2Ref && qcow2Path)
    throw new InputError('inputs qcow2-ref and qcow2-path: give one, not both');
  let source = config.image.source;
  if (qcow2Path) source = { kind: 'path', path: qcow2Path };
  if (qcow2Ref) {
    const reference = parseReference(qcow2Ref, 'input qcow2-ref');
    if (!reference.digest)
      throw new InputError('input qcow2-ref: expected a reference with a digest (…@sha256:…)');
    const plainHttp = source.kind === 'ref' ? source.plainHttp : false;
    source = {
      kind: 'ref',
      reference: reference as ImageReference & { digest: string },
      plainHttp,
    };
  }
  let hypervisor = config.hypervisor;
  if (hypervisorHost) {
    const host = hypervisorSsh.shape.host.safeParse(hypervisorHost);
    if (!host.success || !hypervisor.ssh)
      throw new InputError(
        hypervisor.ssh
          ? `input hypervisor: expected a host name or address; got ${shown(hypervisorHost)}`
          : `input hypervisor: ${config.file} has no hypervisor.ssh section to apply it to`,
      );
    hypervisor = { ...hypervisor, ssh: { ...hypervisor.ssh, host: host.data } };
  }
  return {
    ...config,
    hypervisor,
    image: { ...config.image, source },
    cluster: withWorkloadImage(config, overrides.workloadImage),
  };
}

function withWorkloadImage(config: LoadedConfig, image: string | undefined) {
  const { cluster } = config;
  if (!image) return cluster;
  if (!cluster?.workload)
    throw new InputError(`image: ${config.file} has no cluster.workload section to apply it to`);
  const checked = checkWorkloadImage(image, 'image');
  return { ...cluster, workload: { ...cluster.workload, image: checked } };
}
