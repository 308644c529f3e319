import {
  COMPRESSIONS,
  defaultLevel,
  autoLevelRange,
  LEVELS,
  type Compression,
  type ManifestFormat,
} from '../oci/blob/compression.js';
import { parseReference, validateTag, type ImageReference } from '../oci/registry/reference.js';
import { InputError } from '../util/errors.js';
import type { LevelRange } from '../oci/blob/adaptive-level.js';
import {
  FieldProblem,
  readBoolean,
  readList,
  readOptionalEnum,
  readOptionalInteger,
  readOptionalString,
} from './input-readers.js';

const MANIFEST_FORMATS = ['docker', 'oci'] as const;

export type PushField =
  | 'push'
  | 'image'
  | 'tags'
  | 'registryUsername'
  | 'registryPassword'
  | 'compression'
  | 'compressionLevel'
  | 'concurrency'
  | 'mountFrom'
  | 'manifestFormat'
  | 'plainHttp';

export const PUSH_INPUT_NAMES: Record<PushField, string> = {
  push: 'push',
  image: 'image',
  tags: 'tags',
  registryUsername: 'registry-username',
  registryPassword: 'registry-password',
  compression: 'compression',
  compressionLevel: 'compression-level',
  concurrency: 'concurrency',
  mountFrom: 'mount-from',
  manifestFormat: 'manifest-format',
  plainHttp: 'plain-http',
};

export const PUSH_CLI_OPTIONS: Record<PushField, string> = {
  push: '--push',
  image: 'REF',
  tags: '--tag',
  registryUsername: '--username',
  registryPassword: '--password-stdin',
  compression: '--compression',
  compressionLevel: '--compression-level',
  concurrency: '--concurrency',
  mountFrom: '--mount-from',
  manifestFormat: '--manifest-format',
  plainHttp: '--plain-http',
};

export interface RawPushInputs {
  push?: string | boolean;
  image?: string;
  tags?: string | string[];
  registryUsername?: string;
  registryPassword?: string;
  compression?: string;
  compressionLevel?: string;
  concurrency?: string;
  mountFrom?: string;
  manifestFormat?: string;
  plainHttp?: string | boolean;
}

/** The push inputs, read and checked. */
export interface PushConfig {
  push: boolean;
  image?: ImageReference;
  tags: string[];
  registryUsername?: string;
  registryPassword?: string;
  compression: Compression;
  /** The compression level: the one asked for, else the compression's default. */
  level: number;
  /** With `compression-level: auto`: the range gzip's level follows the link in (adaptive-level). */
  levelRange?: LevelRange;
  /** Layers worked on at once. */
  concurrency: number;
  mountFrom?: ImageReference;
  manifestFormat?: ManifestFormat;
  plainHttp: boolean;
}

function readReference(value: string | undefined): ImageReference | undefined {
  const text = readOptionalString(value);
  return text === undefined ? undefined : withoutLabel(() => parseReference(text, 'x'));
}

/**
 * Tags split on spaces, commas and lines, each checked, duplicates dropped. A command-line value
 * (an array entry) holding a line break or another control character is refused whole: on a
 * command line it is a mistake or an attack, never a list.
 */
function readTags(value: string | string[] | undefined): string[] {
  if (Array.isArray(value)) {
    const bad = value.find((entry) =>
      [...entry].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f),
    );
    if (bad !== undefined) {
      throw new FieldProblem(
        `a tag cannot hold a line break or control character; got ${JSON.stringify(bad.slice(0, 80))}`,
      );
    }
  }
  const tags = readList(value)
    .flatMap((entry) => entry.split(/[\s,]+/))
    .filter(Boolean);
  for (const tag of tags) withoutLabel(() => validateTag(tag, 'x'));
  return [...new Set(tags)];
}

/** Runs a reference check whose InputError names a placeholder, as a FieldProblem without it. */
function withoutLabel<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new FieldProblem((error as Error).message.replace(/^x: /, ''), { cause: error });
  }
}

/**
 * Reads the push inputs: the first problem becomes one InputError naming the input as the user
 * knows it. Layers are gzip-compressed by default; a qcow2 artifact is sent as it is by default
 * (`defaultCompression: 'none'`), as a disk image is mostly compressed or sparse already.
 *
 * Plain functions rather than a zod schema: the push command loads no zod (start-up is most of
 * the time of a push that has nothing to send).
 */
export function parsePushConfig(
  raw: RawPushInputs,
  labels: Record<PushField, string>,
  defaults: { compression: Compression } = { compression: 'gzip' },
): PushConfig {
  const read = <T>(field: PushField, reader: () => T): T => {
    try {
      return reader();
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      throw new InputError(`${labels[field]}: ${error.message}`, { cause: error });
    }
  };
  const problem = (field: PushField, message: string) =>
    new InputError(`${labels[field]}: ${message}`);

  // In the order of the inputs: the first problem is the one reported.
  const push = read('push', () => readBoolean(raw.push, false));
  const image = read('image', () => readReference(raw.image));
  const tags = read('tags', () => readTags(raw.tags));
  const registryUsername = readOptionalString(raw.registryUsername);
  const registryPassword = raw.registryPassword ? raw.registryPassword : undefined;
  const chosen = read('compression', () => readOptionalEnum(COMPRESSIONS, raw.compression));
  const compression = chosen ?? defaults.compression;
  // `auto`: gzip's level follows the link (adaptive-level); else a number, the same bytes each time,
  // in the compression's own range (none takes any level of the others, and ignores it).
  const autoLevel = raw.compressionLevel === 'auto';
  const levels = compression === 'none' ? { min: 0, max: 22 } : LEVELS[compression];
  const compressionLevel = autoLevel
    ? undefined
    : read('compressionLevel', () =>
        readOptionalInteger(raw.compressionLevel, levels.min, levels.max),
      );
  const concurrency = read('concurrency', () => readOptionalInteger(raw.concurrency, 1, 64));
  const mountFrom = read('mountFrom', () => readReference(raw.mountFrom));
  const manifestFormat = read('manifestFormat', () =>
    readOptionalEnum(MANIFEST_FORMATS, raw.manifestFormat),
  );
  const plainHttp = read('plainHttp', () => readBoolean(raw.plainHttp, false));

  if (push && !image) {
    throw problem(
      'image',
      'required when push is true: the repository to push to, e.g. ghcr.io/owner/name',
    );
  }
  if (registryPassword && !registryUsername) {
    throw problem('registryUsername', 'required with a registry password');
  }
  if (manifestFormat === 'docker' && compression !== 'gzip') {
    throw problem(
      'manifestFormat',
      `docker manifests have gzip layers only; use oci with ${compression}`,
    );
  }
  if (mountFrom && image && mountFrom.registry !== image.registry) {
    throw problem('mountFrom', `must be on the same registry as the image (${image.registry})`);
  }
  return {
    push,
    image,
    tags,
    registryUsername,
    registryPassword,
    compression,
    level: compressionLevel ?? defaultLevel(compression, image?.registry),
    levelRange: autoLevel ? autoLevelRange(compression, image?.registry) : undefined,
    concurrency: concurrency ?? 4,
    mountFrom,
    manifestFormat,
    plainHttp,
  };
}

export function pushLabelsFor(surface: 'action' | 'cli'): Record<PushField, string> {
  const names = surface === 'action' ? PUSH_INPUT_NAMES : PUSH_CLI_OPTIONS;
  const kind = surface === 'action' ? 'input' : 'option';
  return Object.fromEntries(
    Object.entries(names).map(([field, name]) => [
      field,
      name === 'REF' ? 'argument REF' : `${kind} '${name}'`,
    ]),
  ) as Record<PushField, string>;
}

/**
 * The default tags of a push from a workflow: the commit SHA and the branch (or tag) name, made
 * into valid tags (`feature/x` becomes `feature-x`).
 */
export function defaultTags(env: NodeJS.ProcessEnv = process.env): string[] {
  const tags: string[] = [];
  if (env.GITHUB_SHA) tags.push(env.GITHUB_SHA);
  const ref = env.GITHUB_REF_NAME;
  if (ref) {
    const tag = ref
      .replace(/[^A-Za-z0-9_.-]/g, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 128);
    if (tag) tags.push(tag);
  }
  return tags;
}
