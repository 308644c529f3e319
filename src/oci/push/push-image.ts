import type { Readable } from 'node:stream';
import type { Reporter } from '../../util/reporter.js';
import { limiter } from '../../util/limiter.js';
import { uploadBlob } from '../registry/blob-upload.js';
import type { SpareSession } from '../registry/upload-session.js';
import { manifestFormatFor, type Compression, type ManifestFormat } from '../blob/compression.js';
import { sha256Digest } from '../blob/digest.js';
import type { LevelRange } from '../blob/adaptive-level.js';
import { layerContext, LayerPusher, type LayerJob, type LayerReport } from './layer-pusher.js';
import {
  DockerArchiveError,
  MAX_SMALL_ENTRY,
  parseManifest,
  type DockerArchiveImage,
} from '../formats/docker-archive.js';
import { checkLayerName, readImageConfig, type ImageConfig } from '../formats/image-config.js';
import { pushFromStream } from './push-stream.js';
import {
  digestIfRead,
  readRegistryState,
  stateSources,
  usableLayers,
  type RegistryState,
} from './known-layers.js';
import { ANNOTATION, MEDIA_TYPE } from '../media-types.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { TarFormatError } from '../formats/tar.js';
import { quoted } from '../formats/tar-header.js';
import { indexTarFile, readEntrySync, type TarIndex } from '../formats/tar-index.js';
import { stopwatch } from '../../util/stopwatch.js';

/**
 * Where the image comes from: a plain tar file (read in parallel; `index` when the opener has
 * started indexing it already), or a stream read once.
 */
export type ArchiveSource =
  | { type: 'file'; path: string; index?: Promise<TarIndex> }
  | { type: 'stream'; open: () => Readable; describe: string };

export interface PushOptions {
  client: RegistryClient;
  repository: string;
  /** Every tag to point at the image; only set once all blobs are in the registry. */
  tags: string[];
  compression: Compression;
  level: number;
  /** gzip's level follows the link in this range, from its start (adaptive-level). */
  levelRange?: LevelRange;
  concurrency: number;
  manifestFormat?: ManifestFormat;
  /** Another repository of the same registry to learn layers from and mount them from. */
  mountFrom?: { repository: string; reference: string };
  /**
   * What the registry holds, when the caller started reading it early (readRegistryState with
   * stateSources(repository, tags, mountFrom)); read here otherwise.
   */
  registryState?: Promise<RegistryState>;
  /** A session opened early (see SpareSession), for the first layer to send; released here. */
  spareSession?: SpareSession;
  reporter: Reporter;
}

export type { LayerAction, LayerReport } from './layer-pusher.js';
export { LayerDigestError } from './layer-pusher.js';

export interface PushResult {
  repository: string;
  digest: string;
  tags: string[];
  manifestMediaType: string;
  configDigest: string;
  layers: LayerReport[];
  pushedBytes: number;
  reusedBytes: number;
  seconds: number;
}

/**
 * Pushes a docker archive as dockerTools writes it: each layer compressed, hashed and uploaded in
 * one pass (in parallel for a tar file), layers the registry already holds skipped before any
 * compression, every digest checked, and the tags set only after every blob is in.
 */
export async function pushDockerArchive(
  source: ArchiveSource,
  options: PushOptions,
): Promise<PushResult> {
  const elapsed = stopwatch();
  const { client, repository, reporter } = options;
  const format = manifestFormatFor(options.compression, options.manifestFormat);
  // A tar file's index, manifest and config are read while the registry answers; its config
  // spares the registry state a GET when the registry's image has the same one.
  const fileImage = source.type === 'file' ? tarFileImage(source) : undefined;
  fileImage?.catch(() => undefined); // awaited below: the registry's errors come first
  const learnt = await (options.registryState ??
    readRegistryState(
      client,
      repository,
      stateSources(repository, options.tags, options.mountFrom),
      reporter,
      { localConfig: configOf(fileImage) },
    ));
  const known = usableLayers(learnt, options.compression, format);
  reporter.debug(`the registry holds ${known.size} layers of earlier pushes`);

  const pusher = new LayerPusher(layerContext(options, format, known), options.spareSession);
  // The config goes up beside the layers as soon as it is read (a tar file's is read first).
  let configUpload: Promise<void> = Promise.resolve();
  const onConfig = (config: ImageConfig) => {
    if (learnt.configsInTarget.has(config.digest)) return;
    configUpload = uploadBlob(client, repository, config.digest, config.bytes);
    configUpload.catch(() => undefined); // awaited below, after the layers
  };
  const { config, layers } =
    source.type === 'file'
      ? await pushFromFile(await tarFileImage(source), pusher, options.concurrency, onConfig)
      : await pushFromStream(source, pusher, options.concurrency, onConfig);
  await configUpload;
  reporter.debug(`push: ${layers.length} layers and the config in the registry`);
  const manifest = buildManifest(format, config, layers);
  const manifestMediaType =
    format === 'docker' ? MEDIA_TYPE.dockerManifest : MEDIA_TYPE.ociManifest;
  const digest = digestIfRead(manifest, learnt) ?? sha256Digest(manifest);
  const references = options.tags.length > 0 ? options.tags : [digest];
  // Beside the tagging, when no layer took it.
  const released = options.spareSession?.release({ waitForOpening: true });
  for (const reference of references) {
    // A tag that already names this very manifest is left as it is: a re-run changes nothing.
    if (learnt.tagDigests.get(reference) === digest) {
      reporter.info(`${repository}:${reference} is already ${digest}; unchanged`);
      continue;
    }
    await client.putManifest(repository, reference, manifest, manifestMediaType, digest);
  }

  await released;
  reporter.debug('push: tagged');
  const pushedBytes = layers.reduce((sum, layer) => sum + layer.sentBytes, 0);
  const reusedBytes = layers.reduce(
    (sum, layer) => sum + (layer.action === 'pushed' ? 0 : layer.size),
    0,
  );
  return {
    repository,
    digest,
    tags: options.tags,
    manifestMediaType,
    configDigest: config.digest,
    layers,
    pushedBytes,
    reusedBytes,
    seconds: elapsed(),
  };
}

function firstImage(manifestBytes: Buffer, source: string): DockerArchiveImage {
  const images = parseManifest(manifestBytes.toString('utf8'), source);
  return images[0] as DockerArchiveImage;
}

/** What a plain tar file holds: its index, its first image's manifest entry and its config. */
export interface TarFileImage {
  path: string;
  index: TarIndex;
  image: DockerArchiveImage;
  config: ImageConfig;
}

const tarFileImages = new WeakMap<object, Promise<TarFileImage>>();

/**
 * Reads a plain tar's index, manifest.json and config (small reads; the layers stay where they
 * are), once per source: the registry state and the push both ask for it.
 */
export function tarFileImage(source: Extract<ArchiveSource, { type: 'file' }>) {
  let image = tarFileImages.get(source);
  if (!image) {
    image = readTarFileImage(source.path, source.index);
    tarFileImages.set(source, image);
  }
  return image;
}

/** The config of a tar file's image, or undefined for a source that is read as a stream. */
export function configOf(
  image: Promise<TarFileImage> | undefined,
): Promise<ImageConfig | undefined> {
  return (image ?? Promise.resolve(undefined)).then(
    (read) => read?.config,
    () => undefined,
  );
}

async function readTarFileImage(path: string, indexing?: Promise<TarIndex>): Promise<TarFileImage> {
  let index;
  try {
    index = await (indexing ?? indexTarFile(path));
  } catch (error) {
    if (error instanceof TarFormatError)
      throw new DockerArchiveError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
  const read = (name: string) => {
    const { offset, size } = tarEntry(index, path, name);
    if (size > MAX_SMALL_ENTRY) {
      throw new DockerArchiveError(
        `${path}: ${quoted(name)} is ${size} bytes, more than the ${MAX_SMALL_ENTRY} a manifest or config may be`,
      );
    }
    return readEntrySync(path, offset, size);
  };
  if (!index.has('manifest.json'))
    throw new DockerArchiveError(`${path}: not a docker archive (no manifest.json in the tar)`);
  const image = firstImage(read('manifest.json'), path);
  const config = readImageConfig(read(image.Config), image.Config, image.Layers.length, path);
  // Before any layer is read: a name that lies about its content is refused here.
  image.Layers.forEach((layer, index) =>
    checkLayerName(layer, config.diffIds[index] as string, path),
  );
  return { path, index, image, config };
}

function tarEntry(index: TarIndex, path: string, name: string) {
  const found = index.get(name.replace(/^\.\//, ''));
  if (!found)
    throw new DockerArchiveError(
      `${path}: manifest.json names ${quoted(name)}, which is not in the archive`,
    );
  return found;
}

/** A plain tar: its layers pushed in parallel, each read by offset (or not at all). */
async function pushFromFile(
  { path, index, image, config }: TarFileImage,
  pusher: LayerPusher,
  concurrency: number,
  onConfig: (config: ImageConfig) => void,
) {
  onConfig(config);
  const jobs: LayerJob[] = image.Layers.map((layerPath, layerIndex) => {
    const { offset, size } = tarEntry(index, path, layerPath);
    return {
      index: layerIndex,
      path: layerPath,
      diffId: config.diffIds[layerIndex] as string,
      file: path,
      offset,
      size,
    };
  });
  const slot = limiter(Math.max(1, concurrency));
  const layers = await Promise.all(jobs.map((job) => slot(() => pusher.push(job))));
  return { config, layers };
}

/**
 * The image manifest. An OCI one names each layer's diff_id on its descriptor, and which config
 * those repeat, so that a later push learns what the registry holds from the manifest alone
 * (see annotatedDiffIds). Docker's schema 2 defines no annotations, and some registries refuse
 * fields it does not define.
 */
function buildManifest(format: ManifestFormat, config: ImageConfig, layers: LayerReport[]): Buffer {
  const oci = format === 'oci';
  const manifest = {
    schemaVersion: 2,
    mediaType: oci ? MEDIA_TYPE.ociManifest : MEDIA_TYPE.dockerManifest,
    config: {
      mediaType: oci ? MEDIA_TYPE.ociConfig : MEDIA_TYPE.dockerConfig,
      size: config.bytes.length,
      digest: config.digest,
    },
    layers: layers.map((layer) => ({
      mediaType: layer.mediaType,
      size: layer.size,
      digest: layer.digest,
      ...(oci ? { annotations: { [ANNOTATION.uncompressedDigest]: layer.diffId } } : {}),
    })),
    ...(oci ? { annotations: { [ANNOTATION.diffIdsOf]: config.digest } } : {}),
  };
  return Buffer.from(JSON.stringify(manifest));
}
