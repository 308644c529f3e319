import { constants } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Reporter } from '../../util/reporter.js';
import { stopwatch } from '../../util/stopwatch.js';
import { ArtifactError, type ArtifactManifest, type Descriptor } from './push-artifact.js';
import { compressionOf, decompressor, type Compression } from '../blob/compression.js';
import { DigestCounter, isDigest, showDigest, READ_CHUNK } from '../blob/digest.js';
import { RegistryError } from '../registry/errors.js';
import { IncompleteTransferError, withRetries } from '../registry/retry-policy.js';
import { ANNOTATION, HEADER, MEDIA_TYPE } from '../media-types.js';
import type { RegistryClient } from '../registry/registry-client.js';

export interface ArtifactPullResult {
  digest: string;
  blobDigest: string;
  /** Bytes downloaded in this run (more than the size when a download had to start over). */
  downloadedBytes: number;
  size: number;
  seconds: number;
  path: string;
}

/**
 * Pulls a disk image artifact by tag or digest into `destination` atomically: downloaded to a
 * temporary file made fresh beside it (resumed with Range within the run), capped at the size the
 * manifest declares, its digest verified, decompressed if need be, then renamed into place.
 * Nothing appears at `destination` unless whole, and no temporary file outlives a failure.
 */
export async function pullArtifact(
  client: RegistryClient,
  repository: string,
  reference: string,
  destination: string,
  reporter: Reporter,
): Promise<ArtifactPullResult> {
  const elapsed = stopwatch();
  const manifest = await client.getManifest(repository, reference);
  if (!manifest)
    throw new ArtifactError(`registry ${client.registry} has no ${repository}:${reference}`);
  const layer = diskLayerOf(manifest.bytes, `${client.registry}/${repository}:${reference}`);
  const compression =
    layer.mediaType === MEDIA_TYPE.qcow2Layer ? 'none' : compressionOf(layer.mediaType);
  if (!compression) throw new ArtifactError(`unknown disk image media type ${layer.mediaType}`);
  const partial = await freshFile(destination, 'part');
  let downloadedBytes: number;
  try {
    downloadedBytes = await downloadBlob(client, repository, layer, partial.handle, reporter);
    if (compression === 'none') {
      await partial.handle.close();
      await rename(partial.path, destination);
    } else {
      await unpack(partial.handle, compression, layer, destination);
    }
  } finally {
    await partial.handle.close().catch(() => undefined);
    await rm(partial.path, { force: true });
  }
  return {
    digest: manifest.digest,
    blobDigest: layer.digest,
    downloadedBytes,
    size: layer.size,
    seconds: elapsed(),
    path: destination,
  };
}

/** The one disk image layer of an artifact manifest, its digest and size checked. */
function diskLayerOf(bytes: Buffer, shown: string): Descriptor {
  let json: Partial<ArtifactManifest> | null;
  try {
    json = JSON.parse(bytes.toString('utf8')) as Partial<ArtifactManifest> | null;
  } catch {
    throw new ArtifactError(`${shown}: the manifest is not valid JSON`);
  }
  const layer = json?.layers?.[0];
  if (json?.artifactType !== MEDIA_TYPE.qcow2Artifact || !layer || json.layers?.length !== 1) {
    throw new ArtifactError(
      `${shown} is not a qcow2 artifact (artifactType ${JSON.stringify(json?.artifactType ?? null)})`,
    );
  }
  if (!isDigest(layer.digest))
    throw new ArtifactError(
      `${shown}: the disk image has the digest ${showDigest(layer.digest)}; expected sha256: and 64 lower-case hex digits`,
    );
  if (!Number.isSafeInteger(layer.size) || layer.size < 0)
    throw new ArtifactError(
      `${shown}: the disk image has the size ${showDigest(layer.size)}; expected a whole number of bytes`,
    );
  return layer;
}

/**
 * A new file beside `destination`, under a name nobody else can have chosen: created with
 * O_EXCL and O_NOFOLLOW, so a file or symlink planted there is never written through.
 */
async function freshFile(
  destination: string,
  suffix: string,
): Promise<{ path: string; handle: FileHandle }> {
  const { randomBytes } = await import('node:crypto');
  const path = join(
    dirname(destination),
    `.${basename(destination)}.${randomBytes(6).toString('hex')}.${suffix}`,
  );
  const flags = constants.O_CREAT | constants.O_EXCL | constants.O_RDWR | constants.O_NOFOLLOW;
  return { path, handle: await open(path, flags, 0o600) };
}

/** Decompresses the download into a fresh file, checks it against the manifest, renames it. */
async function unpack(
  packed: FileHandle,
  compression: Exclude<Compression, 'none'>,
  layer: Descriptor,
  destination: string,
): Promise<void> {
  const unpacked = await freshFile(destination, 'unpacked');
  try {
    const check = new DigestCounter();
    const declared = Number(layer.annotations?.[ANNOTATION.uncompressedSize]);
    // A small blob must not unpack into a full disk: the pushed size caps it, when recorded.
    const limit = Number.isSafeInteger(declared) && declared >= 0 ? declared : Infinity;
    // Read and written through the handles themselves: no path is opened again.
    await pipeline(readAll(packed), decompressor(compression), async (source) => {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        check.update(chunk);
        if (check.bytes > limit)
          throw new ArtifactError(
            `the disk image unpacks to more than the ${limit} bytes it was pushed as`,
          );
        await unpacked.handle.write(chunk, 0, chunk.length, check.bytes - chunk.length);
      }
    });
    const expected = layer.annotations?.[ANNOTATION.uncompressedDigest];
    if (expected && check.digest() !== expected) {
      throw new ArtifactError(
        `the disk image unpacked to ${check.digest()}, not the ${expected} it was pushed as`,
      );
    }
    await unpacked.handle.sync();
    await unpacked.handle.close();
    await rename(unpacked.path, destination);
  } finally {
    await unpacked.handle.close().catch(() => undefined);
    await rm(unpacked.path, { force: true });
  }
}

/**
 * Downloads a blob into `file`, resuming from what is there after a broken transfer, and
 * verifies its digest. Never more than the declared size is taken: a registry that sends more
 * (or announces more) fails the pull at once. Resolves the bytes downloaded.
 */
async function downloadBlob(
  client: RegistryClient,
  repository: string,
  blob: Descriptor,
  file: FileHandle,
  reporter: Reporter,
): Promise<number> {
  let downloaded = 0;
  let have = 0;
  const tooMuch = () =>
    new RegistryError(
      `registry ${client.registry} sent more than the ${blob.size} bytes of blob ${blob.digest}; the download was removed`,
    );
  await withRetries(
    async () => {
      if (have < blob.size) {
        const response = await client.openBlob(repository, blob.digest, have, blob.size);
        // A registry that ignores Range sends everything again: start the file over.
        if (!(have > 0 && response.status === 206)) have = 0;
        const announced = Number(response.headers.get(HEADER.contentLength) ?? Number.NaN);
        if (announced > blob.size - have) {
          response.body.destroy();
          throw tooMuch();
        }
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          if (have + chunk.length > blob.size) throw tooMuch();
          await file.write(chunk, 0, chunk.length, have);
          have += chunk.length;
          downloaded += chunk.length;
        }
      }
      if (have < blob.size)
        throw new IncompleteTransferError(`download ended at ${have} of ${blob.size} bytes`);
      await file.truncate(blob.size);
      const digest = await digestOf(file, blob.size);
      if (digest !== blob.digest) {
        throw new RegistryError(
          `the blob downloaded from ${client.registry} has digest ${digest}, not ${blob.digest}; removed it`,
        );
      }
      await file.sync();
    },
    {
      onRetry: (why, delay) =>
        reporter.warning(
          `${client.registry}: download of ${blob.digest.slice(0, 19)}… broke (${why}); resuming in ${(delay / 1000).toFixed(1)} s`,
        ),
    },
  );
  return downloaded;
}

/** The bytes of an open file from its start, each chunk fresh (the decompressor may keep them). */
async function* readAll(file: FileHandle): AsyncGenerator<Buffer> {
  for (let position = 0; ;) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    const { bytesRead } = await file.read(buffer, 0, READ_CHUNK, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** The digest of the first `size` bytes of an open file. */
async function digestOf(file: FileHandle, size: number): Promise<string> {
  const counter = new DigestCounter();
  const buffer = Buffer.allocUnsafe(READ_CHUNK);
  for (let position = 0; position < size;) {
    const { bytesRead } = await file.read(
      buffer,
      0,
      Math.min(READ_CHUNK, size - position),
      position,
    );
    if (bytesRead === 0) break;
    counter.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return counter.digest();
}
