import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageSource } from './spec.js';
import type { Host } from '../hosts/host.js';
import { sha256File } from '../oci/blob/digest.js';
import type { Reporter } from '../util/reporter.js';
import { describeError, HypernixError } from '../util/errors.js';
import { checkBaseImage, type ImageInfo } from './qemu-img.js';

/**
 * The image pool: one read-only `<pool>/<hex>.qcow2` per image digest, shared by every VM made
 * from it. An image is pulled (or copied) once, to a temporary name, checked, made read-only and
 * renamed: a name in the pool is always a whole, verified image.
 */
export interface PoolContext {
  host: Host;
  pool: string;
  /** The hypervisor is this machine: files move by rename, not through Host.upload. */
  local: boolean;
  reporter: Reporter;
}

export interface PoolImage {
  /** sha256:… — the artifact's manifest digest, or the file's own digest for a local path. */
  digest: string;
  path: string;
  info: ImageInfo;
}

/** Fetches the artifact to a file on this machine, verified; resolves with its manifest digest. */
export type Puller = (destination: string) => Promise<void>;

export class PoolError extends HypernixError {
  override name = 'PoolError';
}

const BASE_RE = /^([0-9a-f]{64})\.qcow2$/;

export const basePath = (pool: string, digest: string) =>
  `${pool}/${digest.replace(/^sha256:/, '')}.qcow2`;

/** Makes sure the image is in the pool; pulls or copies it only when it is not there yet. */
export async function ensureImage(
  context: PoolContext,
  source: ImageSource,
  pull: Puller,
): Promise<PoolImage> {
  const { host, pool, reporter } = context;
  await host.exec(['mkdir', '-p', '--', pool]);
  const digest =
    source.kind === 'ref' ? source.reference.digest : (await sha256File(source.path)).digest;
  const path = basePath(pool, digest);
  const label = source.kind === 'ref' ? 'image.ref' : `image.path ${source.path}`;
  if (await exists(host, path)) {
    reporter.info(`Image ${digest} is in the pool already (${path})`);
    return { digest, path, info: await checkBaseImage(host, path, label) };
  }
  const temporary = `${pool}/.${digest.slice(7)}.qcow2.incoming`;
  try {
    if (context.local) {
      if (source.kind === 'ref') await pull(temporary);
      else await host.exec(['cp', '--reflink=auto', '--', source.path, temporary], LONG);
    } else {
      await viaRunner(host, source, temporary, pull);
    }
    const info = await checkBaseImage(host, temporary, label);
    await host.exec(['chmod', '0444', '--', temporary]);
    await host.exec(['mv', '-f', '-T', '--', temporary, path]);
    reporter.info(`Image ${digest} added to the pool (${path})`);
    return { digest, path, info };
  } catch (error) {
    await host.exec(['rm', '-f', '--', temporary, `${temporary}.part`]).catch(() => undefined);
    throw new PoolError(
      `could not add image ${digest} to the pool ${pool} on ${host.name}: ${describeError(error)}; nothing was left in the pool`,
      { cause: error },
    );
  }
}

const LONG = { timeoutMs: 60 * 60_000 };

/**
 * A remote hypervisor: the runner pulls (it has the registry credentials, the hypervisor may not
 * reach the registry) and uploads through the Host, which checks the sha256 on the far side.
 */
async function viaRunner(
  host: Host,
  source: ImageSource,
  temporary: string,
  pull: Puller,
): Promise<void> {
  if (source.kind === 'path') {
    await host.upload(source.path, temporary, { mode: 0o600 });
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'hypernix-pull-'));
  try {
    const local = join(dir, 'image.qcow2');
    await pull(local);
    await host.upload(local, temporary, { mode: 0o600 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function exists(host: Host, path: string): Promise<boolean> {
  const { code } = await host.exec(['test', '-f', path], { okCodes: [1] });
  return code === 0;
}

/** The base images in the pool (files named `<64 hex>.qcow2`). */
export async function listBaseImages(host: Host, pool: string): Promise<string[]> {
  const { stdout } = await host.exec(
    ['find', pool, '-maxdepth', '1', '-type', 'f', '-name', '*.qcow2', '-printf', '%f\\n'],
    { maxOutputBytes: 1 << 20, okCodes: [1] },
  );
  return stdout
    .split('\n')
    .filter((name) => BASE_RE.test(name))
    .map((name) => `${pool}/${name}`);
}

/** Removes the base images that no disk in `used` is backed by; returns what it removed. */
export async function gcImages(
  host: Host,
  pool: string,
  used: ReadonlySet<string>,
  reporter: Reporter,
): Promise<string[]> {
  const removed: string[] = [];
  for (const path of await listBaseImages(host, pool)) {
    if (used.has(path)) continue;
    await host.exec(['rm', '-f', '--', path]);
    reporter.info(`Removed ${path} from the pool: no domain uses it`);
    removed.push(path);
  }
  return removed;
}
