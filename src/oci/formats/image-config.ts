import { DockerArchiveError } from './docker-archive.js';
import { sha256Digest } from '../blob/digest.js';
import { quoted } from './tar-header.js';

/** What a push needs of an image config: its bytes, digest, and the layers' uncompressed digests. */
export interface ImageConfig {
  bytes: Buffer;
  digest: string;
  diffIds: string[];
}

const HEX_NAME = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/;

/**
 * Reads a config from an archive, checking its digest against its file name where the name is a
 * digest (dockerTools and `docker save` name it so) and that it lists one diff_id per layer.
 */
export function readImageConfig(
  bytes: Buffer,
  name: string,
  layerCount: number,
  source: string,
): ImageConfig {
  const digest = sha256Digest(bytes);
  const named = HEX_NAME.exec(name)?.[1];
  if (named && `sha256:${named}` !== digest) {
    throw new DockerArchiveError(
      `${source}: the config ${quoted(name)} has digest ${digest}, not the one its name says`,
    );
  }
  let diffIds: unknown;
  try {
    diffIds = (JSON.parse(bytes.toString('utf8')) as { rootfs?: { diff_ids?: unknown } }).rootfs
      ?.diff_ids;
  } catch {
    throw new DockerArchiveError(`${source}: the config ${quoted(name)} is not valid JSON`);
  }
  if (
    !Array.isArray(diffIds) ||
    !diffIds.every((id) => typeof id === 'string' && /^sha256:[a-f0-9]{64}$/.test(id))
  ) {
    throw new DockerArchiveError(
      `${source}: the config ${quoted(name)} has no valid rootfs.diff_ids`,
    );
  }
  if (diffIds.length !== layerCount) {
    throw new DockerArchiveError(
      `${source}: manifest.json lists ${layerCount} layers but the config ${diffIds.length} diff_ids`,
    );
  }
  return { bytes, digest, diffIds: diffIds as string[] };
}

/** The uncompressed digest a layer's path announces (`<hex>/layer.tar`, `blobs/sha256/<hex>`). */
export function diffIdFromPath(path: string): string | undefined {
  const match = /(?:^|\/)([a-f0-9]{64})(?:\/layer\.tar|\.tar)?$/.exec(path);
  return match ? `sha256:${match[1]}` : undefined;
}

/**
 * Refuses a layer whose path names a digest (dockerTools, skopeo and docker save 25 and later
 * name layers by their uncompressed digest) other than the config's diff_id for it. The content
 * is checked against that diff_id as it is hashed on its way out: together, name and content.
 */
export function checkLayerName(path: string, diffId: string, source: string): void {
  const named = diffIdFromPath(path);
  if (named && named !== diffId) {
    throw new DockerArchiveError(
      `${source}: layer ${quoted(path)} is named for ${named}, but the config lists ${diffId}; nothing was tagged`,
    );
  }
}
