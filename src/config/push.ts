import { z } from 'zod';
import { COMPRESSIONS, DEFAULT_LEVEL, type Compression } from '../oci/compression.js';
import { InputError } from '../util/errors.js';
import { parseReference, validateTag, type ImageReference } from '../oci/reference.js';
import {
  booleanInput,
  listInput,
  optionalEnumInput,
  optionalString,
  parseWith,
  shown,
} from './parse-helpers.js';

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

const integer = (min: number, max: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a whole number from ${min} to ${max}; got ${shown(value)}`,
      });
      return z.NEVER;
    }
    return number;
  });

const reference = optionalString.transform((value, ctx): ImageReference | undefined => {
  if (value === undefined) return undefined;
  try {
    return parseReference(value, 'x');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^x: /, '') });
    return z.NEVER;
  }
});

const pushSchema = z
  .object({
    push: booleanInput(false),
    image: reference,
    tags: listInput.transform((entries, ctx) => {
      const tags = entries.flatMap((entry) => entry.split(/[\s,]+/)).filter(Boolean);
      for (const tag of tags) {
        try {
          validateTag(tag, 'x');
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^x: /, '') });
          return z.NEVER;
        }
      }
      return [...new Set(tags)];
    }),
    registryUsername: optionalString,
    registryPassword: z
      .string()
      .optional()
      .transform((value) => (value ? value : undefined)),
    compression: optionalEnumInput(COMPRESSIONS),
    compressionLevel: integer(0, 22),
    concurrency: integer(1, 64),
    mountFrom: reference,
    manifestFormat: optionalEnumInput(['docker', 'oci'] as const),
    plainHttp: booleanInput(false),
  })
  .superRefine((config, ctx) => {
    if (config.push && !config.image) {
      ctx.addIssue({
        code: 'custom',
        path: ['image'],
        message: 'required when push is true: the repository to push to, e.g. ghcr.io/owner/name',
      });
    }
    if (config.registryPassword && !config.registryUsername) {
      ctx.addIssue({
        code: 'custom',
        path: ['registryUsername'],
        message: 'required with a registry password',
      });
    }
    if (config.manifestFormat === 'docker' && config.compression !== 'gzip') {
      ctx.addIssue({
        code: 'custom',
        path: ['manifestFormat'],
        message: `docker manifests have gzip layers only; use oci with ${config.compression}`,
      });
    }
    if (config.mountFrom && config.image && config.mountFrom.registry !== config.image.registry) {
      ctx.addIssue({
        code: 'custom',
        path: ['mountFrom'],
        message: `must be on the same registry as the image (${config.image.registry})`,
      });
    }
  });

export type PushConfig = Omit<z.output<typeof pushSchema>, 'compression'> & {
  compression: Compression;
  level: number;
  parallelism: number;
};

/**
 * Reads the push inputs. Layers are gzip-compressed by default; a qcow2 artifact is sent as it is
 * by default (`defaultCompression: 'none'`), as a disk image is mostly compressed or sparse already.
 */
export function parsePushConfig(
  raw: RawPushInputs,
  labels: Record<PushField, string>,
  defaults: { compression: Compression } = { compression: 'gzip' },
): PushConfig {
  const parsed = parseWith(pushSchema, raw, (field) => labels[field as PushField] ?? field);
  const compression = parsed.compression ?? defaults.compression;
  if (parsed.manifestFormat === 'docker' && compression !== 'gzip') {
    throw new InputError(
      `${labels.manifestFormat}: docker manifests have gzip layers only; use oci with ${compression}`,
    );
  }
  return {
    ...parsed,
    compression,
    level: parsed.compressionLevel ?? DEFAULT_LEVEL[compression],
    parallelism: parsed.concurrency ?? 4,
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
