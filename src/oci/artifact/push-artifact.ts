import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Reporter } from '../../util/reporter.js';
import { HypernixError } from '../../util/errors.js';
import { MONOLITHIC_LIMIT, uploadBlob } from '../registry/blob-upload.js';
import { ChunkedUpload } from '../registry/chunked-upload.js';
import { UploadSessionLostError } from '../registry/upload-session.js';
import { compressor, type Compression } from '../blob/compression.js';
import { parallelGzip } from '../blob/parallel-gzip.js';
import { DigestCounter, sha256File, READ_CHUNK } from '../blob/digest.js';
import { ANNOTATION, EMPTY_CONFIG, MEDIA_TYPE } from '../media-types.js';
import { scopeFor, type RegistryClient } from '../registry/registry-client.js';
import { stopwatch } from '../../util/stopwatch.js';

/** Annotations of a disk image artifact: its file name, Nix out path, and uncompressed digest. */
export class ArtifactError extends HypernixError {
  override name = 'ArtifactError';
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface ArtifactManifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ArtifactPushOptions {
  client: RegistryClient;
  repository: string;
  tags: string[];
  compression: Compression;
  level: number;
  /** The Nix out path the file was built as, kept as an annotation. */
  outPath?: string;
  reporter: Reporter;
}

export interface ArtifactPushResult {
  repository: string;
  digest: string;
  tags: string[];
  blobDigest: string;
  /** Bytes sent: 0 when the registry already held the file. */
  pushedBytes: number;
  size: number;
  seconds: number;
}

function layerMediaTypeFor(compression: Compression): string {
  return compression === 'none' ? MEDIA_TYPE.qcow2Layer : `${MEDIA_TYPE.qcow2Layer}+${compression}`;
}

/**
 * Finds the blob an earlier push made of the same file under one of these tags: its manifest
 * records the file's uncompressed digest, so an unchanged image is neither compressed nor sent.
 */
async function previousBlob(
  options: ArtifactPushOptions,
  uncompressed: string,
  mediaType: string,
): Promise<Descriptor | undefined> {
  for (const tag of options.tags) {
    const manifest = await options.client
      .getManifest(options.repository, tag)
      .catch(() => undefined);
    if (!manifest) continue;
    const json = JSON.parse(manifest.bytes.toString('utf8')) as Partial<ArtifactManifest>;
    const layer = json.layers?.[0];
    if (
      layer &&
      layer.mediaType === mediaType &&
      layer.annotations?.[ANNOTATION.uncompressedDigest] === uncompressed
    )
      return layer;
  }
  return undefined;
}

/**
 * Pushes a file (a qcow2 disk image of several GiB) as an OCI artifact: one blob, compressed or
 * not, in an image manifest with an artifactType and the empty config, then tags it.
 */
export async function pushArtifact(
  file: string,
  options: ArtifactPushOptions,
): Promise<ArtifactPushResult> {
  const elapsed = stopwatch();
  const { client, repository } = options;
  await client.ping(scopeFor(repository, 'pull,push'));
  const mediaType = layerMediaTypeFor(options.compression);
  const uncompressed = await sha256File(file);
  const { blob, pushedBytes } = await sendFileBlob(file, options, uncompressed, mediaType);
  const digest = await putArtifactManifest(file, options, blob, uncompressed);
  return {
    repository,
    digest,
    tags: options.tags,
    blobDigest: blob.digest,
    pushedBytes,
    size: blob.size,
    seconds: elapsed(),
  };
}

/** The file's blob in the registry: the one an earlier push made, the file itself, or compressed. */
async function sendFileBlob(
  file: string,
  options: ArtifactPushOptions,
  uncompressed: { digest: string; size: number },
  mediaType: string,
): Promise<{ blob: Descriptor; pushedBytes: number }> {
  const { client, repository, reporter } = options;
  const previous = await previousBlob(options, uncompressed.digest, mediaType);
  if (previous) {
    reporter.info(`${basename(file)} is unchanged since the last push (${previous.digest})`);
    return { blob: previous, pushedBytes: 0 };
  }
  if (options.compression === 'none') {
    const blob = { mediaType, digest: uncompressed.digest, size: uncompressed.size };
    const held = await client.blobSize(repository, blob.digest, scopeFor(repository, 'pull,push'));
    if (held !== undefined) return { blob, pushedBytes: 0 };
    const pushedBytes = await uploadFile(client, repository, file, blob.digest, uncompressed.size);
    return { blob, pushedBytes };
  }
  const packed = await uploadCompressed(file, options, options.compression);
  return {
    blob: { mediaType, digest: packed.digest(), size: packed.bytes },
    pushedBytes: packed.bytes,
  };
}

/** Compresses the file into a chunked upload as it is read; its digest counted on the way. */
function uploadCompressed(
  file: string,
  options: ArtifactPushOptions,
  algorithm: Exclude<Compression, 'none'>,
): Promise<DigestCounter> {
  const { client, repository } = options;
  return restartingUpload(client, file, async () => {
    const upload = await ChunkedUpload.start(client, repository);
    const counter = new DigestCounter();
    const send = async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        counter.update(chunk);
        await upload.write(chunk);
      }
    };
    const read = createReadStream(file, { highWaterMark: READ_CHUNK });
    // gzip on every core, as a layer's (parallel-gzip); zstd as one stream.
    if (algorithm === 'gzip') await send(parallelGzip(read, options.level));
    else await pipeline(read, compressor(algorithm, options.level), send);
    await upload.finish(counter.digest());
    return counter;
  });
}

/** The empty config (when missing), then the manifest under each tag, or its digest: its digest. */
async function putArtifactManifest(
  file: string,
  options: ArtifactPushOptions,
  blob: Descriptor,
  uncompressed: { digest: string; size: number },
): Promise<string> {
  const { client, repository } = options;
  const annotations: Record<string, string> = {
    [ANNOTATION.title]: basename(file),
    ...(options.outPath ? { [ANNOTATION.outPath]: options.outPath } : {}),
  };
  const layer: Descriptor = {
    mediaType: blob.mediaType,
    digest: blob.digest,
    size: blob.size,
    annotations: {
      ...annotations,
      [ANNOTATION.uncompressedDigest]: uncompressed.digest,
      [ANNOTATION.uncompressedSize]: String(uncompressed.size),
    },
  };
  if (
    (await client.blobSize(repository, EMPTY_CONFIG.digest, scopeFor(repository, 'pull,push'))) ===
    undefined
  ) {
    await uploadBlob(client, repository, EMPTY_CONFIG.digest, Buffer.from('{}'));
  }
  const manifest: ArtifactManifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.ociManifest,
    artifactType: MEDIA_TYPE.qcow2Artifact,
    config: {
      mediaType: EMPTY_CONFIG.mediaType,
      digest: EMPTY_CONFIG.digest,
      size: EMPTY_CONFIG.size,
    },
    layers: [layer],
    annotations,
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  let digest = '';
  for (const tag of options.tags)
    digest = await client.putManifest(repository, tag, bytes, MEDIA_TYPE.ociManifest);
  if (options.tags.length === 0) {
    const counter = new DigestCounter();
    counter.update(bytes);
    digest = await client.putManifest(repository, counter.digest(), bytes, MEDIA_TYPE.ociManifest);
  }
  return digest;
}

/** Uploads a file whose digest is known: in one PUT when small, else in resumable chunks. */
async function uploadFile(
  client: RegistryClient,
  repository: string,
  file: string,
  digest: string,
  size: number,
): Promise<number> {
  if (size <= MONOLITHIC_LIMIT) {
    const handle = await open(file, 'r');
    try {
      await uploadBlob(client, repository, digest, await handle.readFile());
    } finally {
      await handle.close();
    }
    return size;
  }
  return restartingUpload(client, file, async () => {
    const upload = await ChunkedUpload.start(client, repository);
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
      await upload.write(chunk as Buffer);
    }
    await upload.finish(digest);
    return size;
  });
}

/** Runs an upload of a file again from its start when the registry lost the session. */
async function restartingUpload<T>(
  client: RegistryClient,
  file: string,
  upload: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await upload();
    } catch (error) {
      if (!(error instanceof UploadSessionLostError) || attempt >= 3) throw error;
      client.reporter?.warning(`${error.message}; sending ${basename(file)} again from its start`);
    }
  }
}
