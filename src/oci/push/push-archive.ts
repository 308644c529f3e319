import * as childProcess from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { childEnvironment } from '../../util/child-env.js';
import { InputError } from '../../util/errors.js';
import { statPath } from '../../util/fs-async.js';
import { SpareSession } from '../registry/upload-session.js';
import { mountSource, readRegistryState, stateSources } from './known-layers.js';
import { openTarStream, sniffFile, type ArchiveFormat } from '../formats/archive-format.js';
import { indexTarFile } from '../formats/tar-index.js';
import {
  isOciLayoutDirectory,
  layoutDirectory,
  layoutTar,
  pushOciLayout,
  type LayoutFiles,
} from './oci-layout.js';
import type { ImageConfig } from '../formats/image-config.js';
import {
  configOf,
  pushDockerArchive,
  tarFileImage,
  type ArchiveSource,
  type PushOptions,
  type PushResult,
} from './push-image.js';

/** A docker archive in any of its forms, or an OCI image layout (a directory or a tar of one). */
export type ImageSource = ArchiveSource | { type: 'oci-layout'; files: LayoutFiles };

const NOT_AN_IMAGE =
  'expected a .tar, .tar.gz or .tar.zst docker archive, a streamLayeredImage script, or an OCI image layout';

/** An archive path whose kind is known and fits what was asked: what opening it needs. */
export interface CheckedArchive {
  path: string;
  label: string;
  /** What it is: a directory holding an OCI layout, standard input, or the kind its bytes say. */
  kind: 'oci-layout-directory' | 'stdin' | ArchiveFormat;
}

/**
 * The checks of an archive path that need no registry: that it exists, is an image in a form
 * the kit reads (by its bytes, never its name), matches a format given, and is run only when
 * its format was given as stream. A stat and one 512-byte read: done before any request, so a
 * wrong file costs no network call.
 */
export async function checkArchive(
  path: string,
  label: string,
  format?: ArchiveFormat,
): Promise<CheckedArchive> {
  if (path === '-') return { path, label, kind: 'stdin' };
  const info = await statPath(path).catch(() => undefined);
  if (!info) throw new InputError(`${label}: ${path} does not exist`);
  if (info.isDirectory()) {
    if (format !== undefined)
      throw new InputError(`${label}: ${path} is a directory, not a ${format} archive`);
    if (await isOciLayoutDirectory(path)) return { path, label, kind: 'oci-layout-directory' };
    throw new InputError(
      `${label}: ${path} is a directory, not an OCI image layout (it has no oci-layout file)`,
    );
  }
  const sniffed = await sniffFile(path);
  if (format !== undefined && format !== 'stream' && sniffed !== format) {
    throw new InputError(`${label}: ${path} is not a ${format} archive (its bytes say ${sniffed})`);
  }
  if (sniffed === 'stream' || format === 'stream') {
    // Only when the format was given: a file named as an archive is read, never run.
    if (format !== 'stream') {
      throw new InputError(
        `${label}: ${path} starts with #!, a script, not an archive; a streamLayeredImage script is run only when its format is given as stream (--archive-format stream)`,
      );
    }
    if (!(await isExecutable(path))) {
      throw new InputError(
        `${label}: ${path} is not executable; a streamLayeredImage script must be (chmod +x)`,
      );
    }
    return { path, label, kind: 'stream' };
  }
  if (sniffed === 'tar' || sniffed === 'tar.gz' || sniffed === 'tar.zst')
    return { path, label, kind: sniffed };
  throw new InputError(`${label}: ${path} is not an image (${NOT_AN_IMAGE})`);
}

/** The image source a checked archive holds. */
export async function openArchive(archive: CheckedArchive): Promise<ImageSource> {
  const { path, kind } = archive;
  // What follows reads synchronously (the tar's index, then its config, hashed). Let the
  // registry connections opened beside it send their requests first, so the registry answers
  // meanwhile (bench/push/README.md has what this saved).
  await new Promise((resolve) => setImmediate(resolve));
  switch (kind) {
    case 'stdin':
      return { type: 'stream', open: () => process.stdin, describe: 'standard input' };
    case 'oci-layout-directory':
      return { type: 'oci-layout', files: layoutDirectory(path) };
    case 'tar': {
      // Indexed once, for the layout check here and for reading the layers by offset; a tar
      // that cannot be indexed fails when it is pushed, as a docker archive.
      const index = indexTarFile(path);
      const layout = await index.then((entries) => layoutTar(path, entries)).catch(() => undefined);
      return layout ? { type: 'oci-layout', files: layout } : { type: 'file', path, index };
    }
    case 'tar.gz':
    case 'tar.zst':
      return { type: 'stream', open: () => openTarStream(path, kind), describe: path };
    case 'stream':
      return { type: 'stream', describe: path, open: () => runStreamScript(path) };
  }
}

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * Runs a streamLayeredImage script; its stdout is the archive. It gets the environment every
 * child gets (no secret: see childEnvironment), and its stderr is passed on line by line behind
 * a prefix, so that nothing it prints reads as a workflow command (those start a line with ::).
 */
function runStreamScript(path: string): Readable {
  const child = childProcess.spawn(path, [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnvironment(),
  });
  let pending = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = (lines.pop() ?? '').slice(-MAX_LOG_LINE);
    for (const line of lines)
      process.stderr.write(`streamLayeredImage| ${line.slice(0, MAX_LOG_LINE)}\n`);
  });
  child.on('error', (error) =>
    child.stdout.destroy(
      new InputError(`${path} (a streamLayeredImage script) could not be run: ${error.message}`),
    ),
  );
  child.on('close', (code) => {
    if (pending) process.stderr.write(`streamLayeredImage| ${pending}\n`);
    if (code) {
      child.stdout.destroy(
        new InputError(`${path} (a streamLayeredImage script) exited with ${code}`),
      );
    }
  });
  return child.stdout;
}

/** A script's log line is cut here: what it prints is not ours to hold without bound. */
const MAX_LOG_LINE = 4096;

/** The config of a plain tar's image, read without its layers; undefined for other sources. */
export function localImageConfig(source: Promise<ImageSource>): Promise<ImageConfig | undefined> {
  return source.then(
    (opened) => configOf(opened.type === 'file' ? tarFileImage(opened) : undefined),
    () => undefined,
  );
}

/** Pushes an image from whichever source it is. */
export function pushImageSource(source: ImageSource, options: PushOptions): Promise<PushResult> {
  if (source.type === 'oci-layout') {
    const { client, repository, tags, reporter, registryState } = options;
    return pushOciLayout(source.files, { client, repository, tags, reporter, registryState });
  }
  return pushDockerArchive(source, options);
}

/** How to push an archive: the push configuration's fields that matter here. */
export interface ArchivePushSettings {
  compression: PushOptions['compression'];
  level: number;
  levelRange?: PushOptions['levelRange'];
  concurrency: number;
  manifestFormat?: PushOptions['manifestFormat'];
  mountFrom?: { repository: string; tag?: string; digest?: string };
}

/**
 * Pushes the image an archive path holds (any form openArchive takes). What the registry holds
 * is read while the archive is opened and indexed (reading writes nothing); the archive's
 * config, once read, spares that a request. When the target tags turn out to be new, so that
 * layers are likely to be sent, the first one's upload session is opened while the registry's
 * other tags are still being read.
 */
export async function pushArchive(
  archivePath: string,
  label: string,
  target: Pick<PushOptions, 'client' | 'repository' | 'tags' | 'reporter'>,
  config: ArchivePushSettings,
  /** How the archive is stored, when the user or the build said so; sniffed otherwise. */
  format?: ArchiveFormat,
): Promise<PushResult> {
  const { client, repository, tags, reporter } = target;
  const mountFrom = config.mountFrom ? mountSource(config.mountFrom, tags) : undefined;
  const options = {
    ...target,
    compression: config.compression,
    level: config.level,
    levelRange: config.levelRange,
    concurrency: config.concurrency,
    manifestFormat: config.manifestFormat,
    mountFrom,
  };
  // The file is checked before the first request; only then do opening it and asking the
  // registry go side by side.
  const opening = openArchive(await checkArchive(archivePath, label, format));
  opening.catch(() => undefined); // awaited below, before the registry's answers
  const spareSession = new SpareSession(client, repository);
  const registryState = readRegistryState(
    client,
    repository,
    stateSources(repository, tags, mountFrom),
    reporter,
    {
      localConfig: localImageConfig(opening),
      onTargetsNew: () => spareSession.open(),
    },
  );
  registryState.catch(() => undefined); // awaited by the push; a bad archive may end it first
  try {
    return await pushImageSource(await opening, { ...options, registryState, spareSession });
  } finally {
    await spareSession.release(); // unless a layer took it, or the push released it already
  }
}
