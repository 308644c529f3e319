import type { Reporter } from '../../util/reporter.js';
import { describeError } from '../../util/errors.js';
import {
  compressionOf,
  plainWhenIncompressible,
  type Compression,
  type ManifestFormat,
} from '../blob/compression.js';
import { ANNOTATION } from '../media-types.js';
import { isSha256Digest } from '../registry/reference.js';
import { scopeFor, type RegistryClient } from '../registry/registry-client.js';

/** A compressed blob the registry already holds for an uncompressed layer. */
export interface KnownLayer {
  digest: string;
  size: number;
  mediaType: string;
  /** The repository that holds it. */
  repository: string;
  /** Referenced by a manifest of the target repository itself: present without asking. */
  inTarget: boolean;
}

interface ManifestJson {
  mediaType?: string;
  annotations?: Record<string, string>;
  config?: { digest: string };
  layers?: {
    digest: string;
    size: number;
    mediaType: string;
    annotations?: Record<string, string>;
  }[];
  manifests?: { digest: string; platform?: { os?: string; architecture?: string } }[];
}

export interface KnownLayerSource {
  repository: string;
  reference: string;
}

/**
 * Learns, without moving any layer, which compressed blobs the registry holds for which
 * diff_ids: each manifest named (the target's tags, a mount-from image) pairs its layers with
 * its config's diff_ids. A fresh runner then need not compress a layer to learn its digest.
 */
export interface RegistryState {
  /** Blobs the registry holds, by the diff_id of the layer they compress. */
  candidates: Map<string, KnownLayer[]>;
  /** The manifest digest each reference of the target repository points at now. */
  tagDigests: Map<string, string>;
  /** The bytes of the target repository's manifests read, by digest (see digestIfRead). */
  targetManifests: Map<string, Buffer>;
  /** Configs referenced by the target repository's current manifests: present without asking. */
  configsInTarget: Set<string>;
}

/** The image a push mounts from: its digest or tag, else the push's first tag. */
export function mountSource(
  reference: { repository: string; tag?: string; digest?: string },
  tags: string[],
): KnownLayerSource {
  return {
    repository: reference.repository,
    reference: reference.digest ?? reference.tag ?? tags[0] ?? 'latest',
  };
}

/**
 * Where to learn from first: the target's tags and a mount-from image. When none of the target's
 * tags names an image yet, its other tags are read next (see extraTags).
 */
export function stateSources(
  repository: string,
  tags: string[],
  mountFrom?: KnownLayerSource,
): KnownLayerSource[] {
  const sources = [...new Set(tags)].map((reference) => ({ repository, reference }));
  return mountFrom ? [...sources, mountFrom] : sources;
}

export interface ReadStateOptions {
  /**
   * The config of the image being pushed, when it is at hand: a manifest with the same config
   * needs no GET of it (a re-push of an unchanged image then takes one round of requests).
   */
  localConfig?: Promise<{ digest: string; bytes: Buffer } | undefined>;
  /**
   * Called as soon as the target's own tags turn out to name no image, before other tags are
   * read: the push most likely has layers to send (see SpareSession).
   */
  onTargetsNew?: () => void;
}

/**
 * Checks that the endpoint is a registry and reads what it holds, in one round of requests:
 * nothing is written, so a caller may start this before it has checked all its options.
 */
export async function readRegistryState(
  client: RegistryClient,
  target: string,
  sources: KnownLayerSource[],
  reporter: Reporter,
  options: ReadStateOptions = {},
): Promise<RegistryState> {
  const [, state] = await Promise.all([
    client.ping(scopeFor(target, 'pull,push')),
    learnKnownLayers(client, target, sources, reporter, options),
  ]);
  return state;
}

/** How many other tags of the target repository are read when its own tags name no image. */
export const EXTRA_TAGS_READ = 8;

/**
 * The tags worth reading when the target tags are new (a new commit's SHA): branch-like names
 * first, as they are moved by every push and so name recent images, then the rest, newest-looking
 * last in the registry's (lexical) order.
 */
export function extraTags(
  all: string[],
  alreadyRead: Set<string>,
  limit = EXTRA_TAGS_READ,
): string[] {
  const others = all.filter((tag) => !alreadyRead.has(tag));
  const commitLike = (tag: string) => /^[0-9a-f]{7,64}$/.test(tag);
  return [
    ...others.filter((tag) => !commitLike(tag)),
    ...others.filter(commitLike).reverse(),
  ].slice(0, limit);
}

async function learnKnownLayers(
  client: RegistryClient,
  target: string,
  sources: KnownLayerSource[],
  reporter: Reporter,
  options: ReadStateOptions,
): Promise<RegistryState> {
  const state: RegistryState = {
    candidates: new Map(),
    tagDigests: new Map(),
    targetManifests: new Map(),
    configsInTarget: new Set(),
  };
  // The tag list comes along in the first round, for when the target's own tags name nothing.
  const tagList = client.listTags(target).catch(() => [] as string[]);
  const found = await learnFrom(client, target, sources, state, reporter, options);
  if (!found) {
    options.onTargetsNew?.();
    const read = new Set(
      sources.filter((source) => source.repository === target).map((source) => source.reference),
    );
    const more = extraTags(await tagList, read).map((reference) => ({
      repository: target,
      reference,
    }));
    if (more.length > 0) {
      reporter.debug(
        `the target tags are new; reading ${more.map((source) => source.reference).join(', ')}`,
      );
      await learnFrom(client, target, more, state, reporter, options, false);
    }
  }
  return state;
}

/** Reads the sources into `state`; says whether any manifest of the target repository was found. */
async function learnFrom(
  client: RegistryClient,
  target: string,
  sources: KnownLayerSource[],
  state: RegistryState,
  reporter: Reporter,
  options: ReadStateOptions,
  recordTags = true,
): Promise<boolean> {
  let found = false;
  const results = await Promise.allSettled(
    sources.map((source) => layersOf(client, source, options)),
  );
  results.forEach((result, index) => {
    const source = sources[index] as KnownLayerSource;
    if (result.status === 'rejected') {
      reporter.debug(
        `no layers learnt from ${source.repository}:${source.reference}: ${describeError(result.reason)}`,
      );
      return;
    }
    const inTarget = source.repository === target;
    if (inTarget && result.value.manifestDigest) {
      found = true;
      if (recordTags) state.tagDigests.set(source.reference, result.value.manifestDigest);
      if (result.value.manifestBytes)
        state.targetManifests.set(result.value.manifestDigest, result.value.manifestBytes);
      if (result.value.configDigest) state.configsInTarget.add(result.value.configDigest);
    }
    for (const [diffId, layer] of result.value.pairs) {
      const list = state.candidates.get(diffId) ?? [];
      list.push({ ...layer, repository: source.repository, inTarget });
      state.candidates.set(diffId, list);
    }
  });
  return found;
}

/**
 * The blob to reuse for each diff_id: compressed the way this push compresses (a user who asks
 * for zstd gets zstd layers); one of the target's own first. Docker's and OCI's media types of a
 * compression are the same bytes, so either manifest format may take either (the layer pusher
 * names it with its own). A push that sends incompressible layers uncompressed (see
 * plainWhenIncompressible) takes an uncompressed blob when the registry holds no compressed one.
 */
export function usableLayers(
  state: RegistryState,
  compression: Compression,
  format: ManifestFormat,
): Map<string, KnownLayer> {
  const plainToo = plainWhenIncompressible(compression, format);
  const usable = new Map<string, KnownLayer>();
  const choose = (list: KnownLayer[]) => list.find((layer) => layer.inTarget) ?? list[0];
  for (const [diffId, list] of state.candidates) {
    const chosen =
      choose(list.filter((layer) => compressionOf(layer.mediaType) === compression)) ??
      (plainToo
        ? choose(
            list.filter(
              (layer) => compressionOf(layer.mediaType) === 'none' && layer.digest === diffId,
            ),
          )
        : undefined);
    if (chosen) usable.set(diffId, chosen);
  }
  return usable;
}

async function layersOf(
  client: RegistryClient,
  source: KnownLayerSource,
  { localConfig }: ReadStateOptions,
) {
  const scope = scopeFor(source.repository, 'pull');
  const pairs = new Map<string, { digest: string; size: number; mediaType: string }>();
  let manifest = await client.getManifest(source.repository, source.reference, scope);
  const manifestBytes = manifest?.bytes;
  const result = (manifestDigest?: string, configDigest?: string) => ({
    pairs,
    manifestDigest,
    manifestBytes,
    configDigest,
  });
  if (!manifest) return result();
  const manifestDigest = manifest.digest;
  let json = JSON.parse(manifest.bytes.toString('utf8')) as ManifestJson;
  if (json.manifests) {
    // An index: the linux/amd64 image, which is what a Nix-built image for this runner is.
    const entry =
      json.manifests.find(
        (m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64',
      ) ?? json.manifests[0];
    if (!entry) return result(manifestDigest);
    manifest = await client.getManifest(source.repository, entry.digest, scope);
    if (!manifest) return result(manifestDigest);
    json = JSON.parse(manifest.bytes.toString('utf8')) as ManifestJson;
  }
  if (!json.config || !json.layers) return result(manifestDigest);
  const annotated = annotatedDiffIds(json);
  if (annotated) {
    // Each layer names its diff_id (hypernix's OCI manifests do): the config need not be fetched.
    json.layers.forEach((layer, index) => pairs.set(annotated[index] as string, layer));
    return result(manifestDigest, json.config.digest);
  }
  const local = await localConfig?.catch(() => undefined);
  const configBytes =
    local?.digest === json.config.digest
      ? local.bytes
      : await client.getBlob(source.repository, json.config.digest);
  const config = JSON.parse(configBytes.toString('utf8')) as {
    rootfs?: { diff_ids?: string[] };
  };
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length === json.layers.length)
    json.layers.forEach((layer, index) => pairs.set(diffIds[index] as string, layer));
  return result(manifestDigest, json.config.digest);
}

/**
 * The diff_ids a manifest's layer descriptors carry, when every one carries one and the manifest
 * says which config they repeat: its own. A tool that rewrites an image's layers (and so its
 * config) but copies annotations along leaves them naming the old config, and they are ignored.
 */
export function annotatedDiffIds(manifest: {
  annotations?: Record<string, string>;
  config?: { digest: string };
  layers?: { annotations?: Record<string, string> }[];
}): string[] | undefined {
  const { annotations, config, layers } = manifest;
  if (!config || !layers || annotations?.[ANNOTATION.diffIdsOf] !== config.digest) return undefined;
  const diffIds = layers.map((layer) => layer.annotations?.[ANNOTATION.uncompressedDigest]);
  return diffIds.every((diffId) => diffId !== undefined && isSha256Digest(diffId))
    ? (diffIds as string[])
    : undefined;
}

/**
 * The digest of a manifest that is byte for byte one the target repository's tags were read to
 * name: a re-push of an unchanged image builds the very manifest its tag holds, and need not
 * hash it again.
 */
export function digestIfRead(manifest: Buffer, state: RegistryState): string | undefined {
  for (const [digest, bytes] of state.targetManifests) if (bytes.equals(manifest)) return digest;
  return undefined;
}
