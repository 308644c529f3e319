import { HypernixError } from '../../util/errors.js';
import { readTar, TarFormatError } from './tar.js';
import { MAX_INDEX_ENTRIES } from './tar-index.js';

/**
 * The most layers an image may have: overlayfs stacks at most 128 lower directories, and
 * dockerTools' maxLayers stays below that. More is not an image to push (10,000 layers once
 * made 10,000 HEAD, POST and DELETE requests before failing).
 */
export const MAX_LAYERS = 128;

/** The largest manifest.json or image config taken (a real one is a few KiB). */
export const MAX_SMALL_ENTRY = 4 << 20;

export class DockerArchiveError extends HypernixError {
  override name = 'DockerArchiveError';
}

/** One image in manifest.json, as `docker save` and nixpkgs' dockerTools write it. */
export interface DockerArchiveImage {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}

export interface DockerArchiveSummary {
  images: DockerArchiveImage[];
  /** Sizes of every regular file in the archive, by name: layers and the config among them. */
  entrySizes: Map<string, number>;
}

export function parseManifest(text: string, source: string): DockerArchiveImage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DockerArchiveError(`${source}: manifest.json is not valid JSON`);
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every(
      (image) =>
        typeof image === 'object' &&
        image !== null &&
        typeof (image as DockerArchiveImage).Config === 'string' &&
        Array.isArray((image as DockerArchiveImage).Layers) &&
        (image as DockerArchiveImage).Layers.every((layer) => typeof layer === 'string'),
    );
  if (!valid) {
    throw new DockerArchiveError(
      `${source}: manifest.json is not a docker-archive manifest (expected [{"Config", "RepoTags", "Layers"}])`,
    );
  }
  const layers = (parsed as DockerArchiveImage[]).reduce(
    (most, image) => Math.max(most, image.Layers.length),
    0,
  );
  if (layers > MAX_LAYERS) {
    throw new DockerArchiveError(
      `${source}: manifest.json lists ${layers} layers; an image has at most ${MAX_LAYERS}`,
    );
  }
  return parsed as DockerArchiveImage[];
}

/**
 * Reads a docker archive's tar stream once and checks that it is one: a manifest.json naming a
 * config and layers that are all in the archive. Layer bytes are skipped, never held.
 */
export async function inspectDockerArchive(
  tar: AsyncIterable<Buffer | Uint8Array | string>,
  source: string,
): Promise<DockerArchiveSummary> {
  const entrySizes = new Map<string, number>();
  let images: DockerArchiveImage[] | undefined;
  try {
    for await (const entry of readTar(tar)) {
      const name = entry.name.replace(/^\.\//, '');
      if (entry.type === 'file') entrySizes.set(name, entry.size);
      if (entrySizes.size > MAX_INDEX_ENTRIES)
        throw new TarFormatError(`more than ${MAX_INDEX_ENTRIES} entries, not an image archive`);
      if (name === 'manifest.json')
        images = parseManifest((await entry.readAll(MAX_SMALL_ENTRY)).toString('utf8'), source);
    }
  } catch (error) {
    if (error instanceof TarFormatError)
      throw new DockerArchiveError(`${source}: ${error.message}`, { cause: error });
    if (error instanceof DockerArchiveError) throw error;
    throw new DockerArchiveError(
      `${source}: cannot read the archive: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!images) {
    throw new DockerArchiveError(`${source}: not a docker archive (no manifest.json in the tar)`);
  }
  for (const image of images) {
    for (const name of [image.Config, ...image.Layers]) {
      if (!entrySizes.has(name)) {
        throw new DockerArchiveError(
          `${source}: manifest.json names ${name}, which is not in the archive`,
        );
      }
    }
  }
  return { images, entrySizes };
}
