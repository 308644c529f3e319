import { createReadStream, realpath as realpathCallback } from 'node:fs';
import { join, sep } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { Reporter } from '../../util/reporter.js';
import { HypernixError } from '../../util/errors.js';
import { readBytes, statPath } from '../../util/fs-async.js';
import { MONOLITHIC_LIMIT, uploadBlob } from '../registry/blob-upload.js';
import { ChunkedUpload } from '../registry/chunked-upload.js';
import { UploadSessionLostError } from '../registry/upload-session.js';
import { DigestCounter, isDigest, sha256Digest, showDigest, READ_CHUNK } from '../blob/digest.js';
import { MEDIA_TYPE } from '../media-types.js';
import { scopeFor, type RegistryClient } from '../registry/registry-client.js';
import { indexTarFile, type TarIndex } from '../formats/tar-index.js';
import type { LayerReport, PushResult } from './push-image.js';
import { readRegistryState, stateSources, type RegistryState } from './known-layers.js';
import { stopwatch } from '../../util/stopwatch.js';

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
  /** Reads a file of at most `limit` bytes whole; a larger one fails. */
  read(name: string, limit: number): Promise<Buffer>;
  open(name: string): Readable;
  /** A regular file's size; undefined when the layout has no such file (inside itself). */
  size(name: string): Promise<number | undefined>;
}

/** index.json, manifests and image indexes are documents: this size is ample (as for a registry). */
const DOCUMENT_LIMIT = 4 << 20;

// node:fs's callback form: node:fs/promises loads far more (see fs-async.ts).
const realpath = promisify(realpathCallback);

export async function isOciLayoutDirectory(path: string): Promise<boolean> {
  return (await statPath(join(path, 'oci-layout')).catch(() => undefined))?.isFile() ?? false;
}

/**
 * A layout directory. A file is only read where its real path (symlinks resolved) stays inside
 * the layout, and only when it is a regular file: a blob linked to /etc/shadow is not there.
 */
export function layoutDirectory(path: string): LayoutFiles {
  let root: Promise<string | undefined> | undefined;
  const inside = async (name: string): Promise<{ file: string; size: number } | undefined> => {
    root ??= realpath(path).catch(() => undefined);
    const file = await realpath(join(path, name)).catch(() => undefined);
    const top = await root;
    if (!file || !top || !file.startsWith(`${top}${sep}`)) return undefined;
    const info = await statPath(file).catch(() => undefined);
    return info?.isFile() ? { file, size: info.size } : undefined;
  };
  const found = async (name: string) => {
    const entry = await inside(name);
    if (!entry) throw new OciLayoutError(`${path}: the layout has no ${name}`);
    return entry;
  };
  return {
    describe: path,
    read: async (name, limit) => {
      const { file, size } = await found(name);
      if (size > limit) throw tooLarge(path, name, limit);
      return readBytes(file);
    },
    // Opened only after size() found the file inside: the stream reads the resolved path.
    open: (name) => {
      const stream = new PassThrough();
      found(name).then(
        ({ file }) =>
          pipeline(createReadStream(file, { highWaterMark: READ_CHUNK }), stream).catch(
            () => undefined,
          ),
        (error: unknown) => stream.destroy(error as Error),
      );
      return stream;
    },
    size: async (name) => (await inside(name))?.size,
  };
}

const tooLarge = (describe: string, name: string, limit: number) =>
  new OciLayoutError(`${describe}: ${name} is larger than ${limit} bytes`);

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
    read: async (name, limit) => {
      if (entry(name).size > limit) throw tooLarge(path, name, limit);
      const chunks: Buffer[] = [];
      for await (const chunk of open(name)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    size: async (name) => index.get(name)?.size,
  };
}

/**
 * Where a blob is in the layout. Its digest comes from the layout's own JSON, so it is checked
 * first: `sha256:../../../secret.bin` must never become a path (only sha256 is pushed).
 */
function blobPath(files: LayoutFiles, digest: unknown): string {
  if (!isDigest(digest))
    throw new OciLayoutError(
      `${files.describe}: a descriptor has the digest ${showDigest(digest)}; expected sha256: and 64 lower-case hex digits`,
    );
  return `blobs/${(digest as string).replace(':', '/')}`;
}

/** A descriptor's size, from the layout's JSON: a whole number of bytes. */
function sizeOf(files: LayoutFiles, blob: Descriptor): number {
  if (!Number.isSafeInteger(blob.size) || blob.size < 0)
    throw new OciLayoutError(
      `${files.describe}: the descriptor of ${blob.digest} has the size ${showDigest(blob.size)}; expected a whole number of bytes`,
    );
  return blob.size;
}

/** The descriptors a document lists, each with a well-formed digest and size. */
function descriptorsOf(files: LayoutFiles, value: unknown, where: string): Descriptor[] {
  if (!Array.isArray(value))
    throw new OciLayoutError(
      `${files.describe}: ${where} lists no descriptors (expected an array)`,
    );
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null)
      throw new OciLayoutError(
        `${files.describe}: ${where} lists ${showDigest(item)}, not a descriptor`,
      );
    const descriptor = item as Descriptor;
    blobPath(files, descriptor.digest);
    sizeOf(files, descriptor);
    return descriptor;
  });
}

async function readJson<T>(
  files: LayoutFiles,
  name: string,
  digest?: string,
): Promise<{ json: T; bytes: Buffer }> {
  if ((await files.size(name)) === undefined)
    throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
  const bytes = await files.read(name, DOCUMENT_LIMIT);
  if (digest && sha256Digest(bytes) !== digest) {
    throw new OciLayoutError(
      `${files.describe}: ${name} does not have the digest ${digest} its descriptor names`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new OciLayoutError(`${files.describe}: ${name} is not valid JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new OciLayoutError(`${files.describe}: ${name} is not a JSON object`);
  return { json: json as T, bytes };
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
  const { json: index } = await readJson<{ manifests?: unknown }>(files, 'index.json');
  let descriptor = descriptorsOf(files, index.manifests, 'index.json')[0];
  if (!descriptor) throw new OciLayoutError(`${files.describe}: index.json lists no manifest`);
  if (
    descriptor.mediaType === MEDIA_TYPE.ociIndex ||
    descriptor.mediaType === MEDIA_TYPE.dockerManifestList
  ) {
    const { json: nested } = await readJson<{ manifests?: unknown }>(
      files,
      blobPath(files, descriptor.digest),
      descriptor.digest,
    );
    const listed = descriptorsOf(files, nested.manifests, descriptor.digest);
    descriptor =
      listed.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ??
      listed[0];
    if (!descriptor)
      throw new OciLayoutError(`${files.describe}: the image index lists no manifest`);
  }
  const { json: manifest, bytes: manifestBytes } = await readJson<{
    config?: unknown;
    layers?: unknown;
    mediaType?: string;
  }>(files, blobPath(files, descriptor.digest), descriptor.digest);
  if (!manifest.config || !manifest.layers)
    throw new OciLayoutError(`${files.describe}: ${descriptor.digest} is not an image manifest`);
  // Every descriptor is checked before the first request: a bad one sends nothing.
  const blobs = descriptorsOf(files, [manifest.config], descriptor.digest).concat(
    descriptorsOf(files, manifest.layers, descriptor.digest),
  );
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
    configDigest: (blobs[0] as Descriptor).digest,
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
  const name = blobPath(files, blob.digest);
  const size = await files.size(name);
  if (size === undefined) throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
  if (size !== blob.size)
    throw new OciLayoutError(
      `${files.describe}: ${name} has ${size} bytes, but its descriptor says ${blob.size}; nothing was tagged`,
    );
  const mismatch = () =>
    new OciLayoutError(
      `${files.describe}: ${name} does not have the digest its name says; nothing was tagged`,
    );
  if (blob.size <= MONOLITHIC_LIMIT) {
    const bytes = await files.read(name, MONOLITHIC_LIMIT);
    if (sha256Digest(bytes) !== blob.digest) throw mismatch();
    await uploadBlob(client, repository, blob.digest, bytes);
    return report('pushed', bytes.length);
  }
  // Hashed whole before a byte is sent (one more read of a local file, cheap beside the upload):
  // a blob that is not what its digest says must not reach the registry at all.
  const hashed = new DigestCounter();
  for await (const chunk of files.open(name)) hashed.update(chunk as Buffer);
  if (hashed.digest() !== blob.digest) throw mismatch();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return report('pushed', await sendChecked(files, name, blob, options, mismatch));
    } catch (error) {
      if (!(error instanceof UploadSessionLostError) || attempt >= 3) throw error;
      client.reporter?.warning(`${error.message}; sending ${name} again from its start`);
    }
  }
}

/**
 * Sends a blob already hashed in chunks, hashing it again as it goes: a file changed in between
 * is caught before the upload is closed, and its session is deleted.
 */
async function sendChecked(
  files: LayoutFiles,
  name: string,
  blob: Descriptor,
  { client, repository }: OciPushOptions,
  mismatch: () => Error,
): Promise<number> {
  const upload = await ChunkedUpload.start(client, repository);
  const counter = new DigestCounter();
  try {
    for await (const chunk of files.open(name)) {
      counter.update(chunk as Buffer);
      if (counter.bytes > blob.size) throw mismatch();
      await upload.write(chunk as Buffer);
    }
    if (counter.digest() !== blob.digest) throw mismatch();
  } catch (error) {
    await upload.cancel();
    throw error;
  }
  await upload.finish(blob.digest);
  return counter.bytes;
}
