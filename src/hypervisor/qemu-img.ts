import { z } from 'zod';
import type { Host } from '../hosts/host.js';
import { HypernixError, InputError } from '../util/errors.js';

/** What `qemu-img info --output=json` says about a disk, read through a schema. */
export interface ImageInfo {
  format: string;
  virtualSize: number;
  backingFile?: string;
}

export class DiskError extends HypernixError {
  override name = 'DiskError';
}

const MiB = 1024 * 1024;
const INFO_TIMEOUT_MS = 30_000;
/** qemu-img info of one image is a few hundred bytes; anything much larger is not to be parsed. */
const INFO_MAX_BYTES = 64 * 1024;

const infoSchema = z.object({
  format: z.string().max(32),
  'virtual-size': z.number().int().nonnegative(),
  'backing-filename': z.string().max(4096).optional(),
  'full-backing-filename': z.string().max(4096).optional(),
});

/** Reads a disk's format, virtual size and backing file (`-U`: the disk may be in use by a VM). */
export async function imageInfo(host: Host, path: string): Promise<ImageInfo> {
  const { stdout } = await host.exec(['qemu-img', 'info', '-U', '--output=json', '--', path], {
    timeoutMs: INFO_TIMEOUT_MS,
    maxOutputBytes: INFO_MAX_BYTES,
  });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new DiskError(`${host.name}: qemu-img info ${path} printed something that is not JSON`);
  }
  const parsed = infoSchema.safeParse(json);
  if (!parsed.success)
    throw new DiskError(`${host.name}: qemu-img info ${path} printed unexpected JSON`);
  const info = parsed.data;
  return {
    format: info.format,
    virtualSize: info['virtual-size'],
    backingFile: info['full-backing-filename'] ?? info['backing-filename'],
  };
}

/**
 * Checks that a file is a qcow2 that stands alone: a base image with a backing file of its own
 * could make every VM read a file of the hypervisor's choosing (/etc/shadow, another VM's disk).
 */
export async function checkBaseImage(host: Host, path: string, label: string): Promise<ImageInfo> {
  const info = await imageInfo(host, path);
  if (info.format !== 'qcow2')
    throw new InputError(`${label}: expected a qcow2 disk image; qemu-img says ${info.format}`);
  if (info.backingFile !== undefined)
    throw new InputError(`${label}: a base image must not have a backing file of its own`);
  return info;
}

/**
 * Makes a VM's copy-on-write disk over the base image: the base is only ever read. A size below
 * the base's virtual size is refused (a disk cannot shrink under its file systems).
 */
export async function createOverlay(
  host: Host,
  options: { base: string; baseInfo: ImageInfo; path: string; sizeMiB?: number; vm: string },
): Promise<void> {
  const { base, baseInfo, path, sizeMiB, vm } = options;
  checkDiskSize(vm, baseInfo, sizeMiB);
  const argv = ['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, '--', path];
  if (sizeMiB !== undefined) argv.push(`${sizeMiB}M`);
  await host.exec(argv, { timeoutMs: INFO_TIMEOUT_MS });
}

/** One clear line when a VM's disk would be smaller than the image it starts from. */
export function checkDiskSize(vm: string, baseInfo: ImageInfo, sizeMiB: number | undefined): void {
  if (sizeMiB === undefined || sizeMiB * MiB >= baseInfo.virtualSize) return;
  const need = Math.ceil(baseInfo.virtualSize / MiB);
  throw new InputError(
    `vm ${vm}: disk ${sizeMiB} MiB is smaller than the image's virtual size (${need} MiB); give at least ${need}MiB or leave disk unset`,
  );
}
