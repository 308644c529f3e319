import { HypernixError } from '../util/errors.js';
import { readTar, TarFormatError } from './tar.js';

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
      if (name === 'manifest.json')
        images = parseManifest((await entry.readAll(16 << 20)).toString('utf8'), source);
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
