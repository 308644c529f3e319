import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Reporter } from '../report/reporter.js';
import { HypernixError } from '../util/errors.js';
import { readBytes, statPath } from '../util/fs-async.js';
import {
  ChunkedUpload,
  MONOLITHIC_LIMIT,
  UploadSessionLostError,
  uploadBlob,
} from './blob-upload.js';
import { DigestCounter, sha256Digest, READ_CHUNK } from './digest.js';
import { MEDIA_TYPE } from './media-types.js';
import { scopeFor, type RegistryClient } from './registry-client.js';
import { indexTarFile, type TarIndex } from './tar-index.js';
import type { LayerReport, PushResult } from './push-image.js';
import { readRegistryState, stateSources, type RegistryState } from './known-layers.js';
import { stopwatch } from '../util/stopwatch.js';

export class OciLayoutError extends HypernixError {
  override name = 'OciLayoutError';
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string };
}

/** Where the blobs of a layout are: a directory, or a plain tar of one (read by offsets). */
export interface LayoutFiles {
  describe: string;
  read(name: string): Promise<Buffer>;
  open(name: string): Readable;
  has(name: string): Promise<boolean>;
}

export async function isOciLayoutDirectory(path: string): Promise<boolean> {
  return (await statPath(join(path, 'oci-layout')).catch(() => undefined))?.isFile() ?? false;
}

export function layoutDirectory(path: string): LayoutFiles {
  return {
    describe: path,
    read: (name) => readBytes(join(path, name)),
    open: (name) => createReadStream(join(path, name), { highWaterMark: READ_CHUNK }),
    has: async (name) => (await statPath(join(path, name)).catch(() => undefined)) !== undefined,
  };
}

/**
 * A plain tar holding an OCI layout, or undefined when the tar is something else. `entries` is
 * the tar's index when the caller made it already.
 */
export async function layoutTar(
  path: string,
  entries?: TarIndex,
): Promise<LayoutFiles | undefined> {
  const index = entries ?? (await indexTarFile(path));
  if (!index.has('oci-layout') || !index.has('index.json')) return undefined;
  const entry = (name: string) => {
    const found = index.get(name);
    if (!found) throw new OciLayoutError(`${path}: the layout has no ${name}`);
    return found;
  };
  const open = (name: string) => {
    const { offset, size } = entry(name);
    return size > 0
      ? createReadStream(path, { start: offset, end: offset + size - 1, highWaterMark: READ_CHUNK })
      : createReadStream('/dev/null');
  };
  return {
    describe: path,
    open,
    read: async (name) => {
      const chunks: Buffer[] = [];
      for await (const chunk of open(name)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    has: async (name) => index.has(name),
  };
}

const blobPath = (digest: string) => `blobs/${digest.replace(':', '/')}`;

async function readJson<T>(
  files: LayoutFiles,
  name: string,
  digest?: string,
): Promise<{ json: T; bytes: Buffer }> {
  if (!(await files.has(name)))
    throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
  const bytes = await files.read(name);
  if (digest && sha256Digest(bytes) !== digest) {
    throw new OciLayoutError(
      `${files.describe}: ${name} does not have the digest ${digest} its descriptor names`,
    );
  }
  try {
    return { json: JSON.parse(bytes.toString('utf8')) as T, bytes };
  } catch {
    throw new OciLayoutError(`${files.describe}: ${name} is not valid JSON`);
  }
}

export interface OciPushOptions {
  client: RegistryClient;
  repository: string;
  tags: string[];
  reporter: Reporter;
  registryState?: Promise<RegistryState>;
}

/**
 * Pushes an image from an OCI image layout as it is: its blobs are already compressed, so they
 * are sent byte for byte (digests checked as they go) and the manifest keeps its digest.
 */
export async function pushOciLayout(
  files: LayoutFiles,
  options: OciPushOptions,
): Promise<PushResult> {
  const elapsed = stopwatch();
  const { client, repository, reporter } = options;
  const state = await readRegistryState(
    client,
    repository,
    stateSources(repository, options.tags),
    reporter,
  );
  const { json: index } = await readJson<{ manifests?: Descriptor[] }>(files, 'index.json');
  let descriptor = index.manifests?.[0];
  if (!descriptor) throw new OciLayoutError(`${files.describe}: index.json lists no manifest`);
  if (
    descriptor.mediaType === MEDIA_TYPE.ociIndex ||
    descriptor.mediaType === MEDIA_TYPE.dockerManifestList
  ) {
    const { json: nested } = await readJson<{ manifests?: Descriptor[] }>(
      files,
      blobPath(descriptor.digest),
      descriptor.digest,
    );
    descriptor =
      nested.manifests?.find(
        (m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64',
      ) ?? nested.manifests?.[0];
    if (!descriptor)
      throw new OciLayoutError(`${files.describe}: the image index lists no manifest`);
  }
  const { json: manifest, bytes: manifestBytes } = await readJson<{
    config?: Descriptor;
    layers?: Descriptor[];
    mediaType?: string;
  }>(files, blobPath(descriptor.digest), descriptor.digest);
  if (!manifest.config || !manifest.layers)
    throw new OciLayoutError(`${files.describe}: ${descriptor.digest} is not an image manifest`);
  const blobs = [manifest.config, ...manifest.layers];
  const reports = await Promise.all(
    blobs.map((blob, position) => copyBlob(files, blob, position - 1, options)),
  );
  const layers = reports.slice(1);
  const mediaType = manifest.mediaType ?? descriptor.mediaType;
  for (const tag of options.tags) {
    if (state.tagDigests.get(tag) === descriptor.digest) {
      reporter.info(`${repository}:${tag} is already ${descriptor.digest}; unchanged`);
      continue;
    }
    await client.putManifest(repository, tag, manifestBytes, mediaType);
  }
  return {
    repository,
    digest: descriptor.digest,
    tags: options.tags,
    manifestMediaType: mediaType,
    configDigest: manifest.config.digest,
    layers,
    pushedBytes: layers.reduce((sum, layer) => sum + layer.sentBytes, 0),
    reusedBytes: layers.reduce(
      (sum, layer) => sum + (layer.action === 'pushed' ? 0 : layer.size),
      0,
    ),
    seconds: elapsed(),
  };
}

async function copyBlob(
  files: LayoutFiles,
  blob: Descriptor,
  index: number,
  options: OciPushOptions,
): Promise<LayerReport> {
  const elapsed = stopwatch();
  const { client, repository } = options;
  const report = (action: LayerReport['action'], sentBytes: number): LayerReport => ({
    index,
    diffId: '',
    digest: blob.digest,
    mediaType: blob.mediaType,
    size: blob.size,
    sentBytes,
    action,
    seconds: elapsed(),
  });
  if (
    (await client.blobSize(repository, blob.digest, scopeFor(repository, 'pull,push'))) !==
    undefined
  )
    return report('present', 0);
  const name = blobPath(blob.digest);
  if (!(await files.has(name)))
    throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
  const mismatch = () =>
    new OciLayoutError(
      `${files.describe}: ${name} does not have the digest its name says; nothing was tagged`,
    );
  if (blob.size <= MONOLITHIC_LIMIT) {
    const bytes = await files.read(name);
    if (sha256Digest(bytes) !== blob.digest) throw mismatch();
    await uploadBlob(client, repository, blob.digest, bytes);
    return report('pushed', bytes.length);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      const upload = await ChunkedUpload.start(client, repository);
      const counter = new DigestCounter();
      for await (const chunk of files.open(name)) {
        counter.update(chunk as Buffer);
        await upload.write(chunk as Buffer);
      }
      if (counter.digest() !== blob.digest) throw mismatch();
      await upload.finish(blob.digest);
      return report('pushed', counter.bytes);
    } catch (error) {
      if (!(error instanceof UploadSessionLostError) || attempt >= 3) throw error;
      client.reporter?.warning(`${error.message}; sending ${name} again from its start`);
    }
  }
}
