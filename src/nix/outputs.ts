import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildKind } from './target.js';
import { openTarStream, sniffFile, type ArchiveFormat } from '../oci/formats/archive-format.js';
import { DockerArchiveError, inspectDockerArchive } from '../oci/formats/docker-archive.js';
import { HypernixError } from '../util/errors.js';

export class OutputLayoutError extends HypernixError {
  override name = 'OutputLayoutError';
}

export interface DiskImageOutput {
  path: string;
  size: number;
}

export interface ArchiveOutput {
  path: string;
  /** Bytes of the file: the archive, or the script for `stream`. */
  size: number;
  format: ArchiveFormat;
  /** Layers and tags, read from manifest.json (not for a stream, which is not run here). */
  layers?: number;
  repoTags?: string[];
}

export interface ImageOutputs {
  qcow2?: DiskImageOutput;
  archive?: ArchiveOutput;
}

/** The file names a NixOS disk image gets: nixos-generators' and make-disk-image's, then any. */
const PREFERRED_QCOW2 = 'nixos.qcow2';

async function qcow2Candidates(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const here = entries
    .filter((entry) => !entry.isDirectory() && entry.name.endsWith('.qcow2'))
    .map((entry) => join(dir, entry.name));
  if (here.length > 0 || depth === 0) return here;
  const below = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => qcow2Candidates(join(dir, entry.name), depth - 1)),
  );
  return below.flat();
}

/**
 * Finds the qcow2 in a NixOS image build: the out path itself, `nixos.qcow2` (nixos-generators'
 * `config.system.build.qcow`), or the one `*.qcow2` that nixpkgs' image modules write
 * (`system.build.images.qemu`). The file must really be qcow2, not only be named so.
 */
export async function findQcow2(outPath: string): Promise<DiskImageOutput> {
  const info = await stat(outPath);
  let candidate: string;
  if (info.isDirectory()) {
    const found = await qcow2Candidates(outPath, 1);
    const preferred = found.find((path) => path.endsWith(`/${PREFERRED_QCOW2}`));
    if (preferred) candidate = preferred;
    else if (found.length === 1) candidate = found[0] as string;
    else if (found.length === 0) {
      throw new OutputLayoutError(
        `kind is qcow2, but the build output ${outPath} holds no qcow2 disk image (looked for nixos.qcow2 and *.qcow2)`,
      );
    } else {
      throw new OutputLayoutError(
        `the build output ${outPath} holds several qcow2 images (${found.join(', ')}); build one image per step`,
      );
    }
  } else {
    candidate = outPath;
  }
  if ((await sniffFile(candidate)) !== 'qcow2') {
    throw new OutputLayoutError(`kind is qcow2, but ${candidate} is not a qcow2 disk image`);
  }
  return { path: candidate, size: (await stat(candidate)).size };
}

const NOT_AN_ARCHIVE =
  'expected a docker archive (.tar, .tar.gz or .tar.zst, as dockerTools.buildLayeredImage and buildImage write) or a streamLayeredImage script';

/**
 * Checks a container build's output: a docker archive (read through once, layers skipped) or a
 * streamLayeredImage script (executable, not run here: running it writes the whole image).
 */
export async function findDockerArchive(outPath: string): Promise<ArchiveOutput> {
  const info = await stat(outPath);
  if (info.isDirectory()) {
    throw new OutputLayoutError(
      `kind is container, but the build output ${outPath} is a directory; ${NOT_AN_ARCHIVE}`,
    );
  }
  const format = await sniffFile(outPath);
  if (format === 'stream') {
    try {
      await access(outPath, constants.X_OK);
    } catch {
      throw new OutputLayoutError(
        `${outPath} starts with #! but is not executable; ${NOT_AN_ARCHIVE}`,
      );
    }
    return { path: outPath, size: info.size, format };
  }
  if (format !== 'tar' && format !== 'tar.gz' && format !== 'tar.zst') {
    throw new OutputLayoutError(
      `kind is container, but ${outPath} is not a docker archive; ${NOT_AN_ARCHIVE}`,
    );
  }
  try {
    const summary = await inspectDockerArchive(openTarStream(outPath, format), outPath);
    return {
      path: outPath,
      size: info.size,
      format,
      layers: summary.images[0]?.Layers.length ?? 0,
      repoTags: summary.images.flatMap((image) => image.RepoTags ?? []),
    };
  } catch (error) {
    if (error instanceof DockerArchiveError) {
      throw new OutputLayoutError(`kind is container, but ${error.message}`, { cause: error });
    }
    throw error;
  }
}

export async function findImageOutputs(kind: BuildKind, outPath: string): Promise<ImageOutputs> {
  if (kind === 'qcow2') return { qcow2: await findQcow2(outPath) };
  if (kind === 'container') return { archive: await findDockerArchive(outPath) };
  return {};
}
