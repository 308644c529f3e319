import { z } from 'zod';
import { cacheKeyProblem } from '../store-cache/key.js';
import {
  booleanInput,
  enumInput,
  listInput,
  optionalString,
  parseWith,
  shown,
} from './parse-helpers.js';

export const CACHE_BACKENDS = ['gha', 'dir', 'off'] as const;
/**
 * unpack (the default): hypernix unpacks, verifies and registers the NARs itself where the store
 * is ours to write (as root through passwordless sudo on a multi-user store), else nix copy;
 * faster than nix copy on the bench (bench/cache/README.md). nix-copy: packs always go in
 * through `nix copy`.
 */
export const RESTORE_METHODS = ['nix-copy', 'unpack'] as const;

/** Past this many packs a save writes one compacted pack instead (input and option default). */
export const DEFAULT_MAX_PACK_CHAIN = 8;

export type CacheField =
  | 'cache'
  | 'cacheKey'
  | 'cacheRestoreKeys'
  | 'cacheDir'
  | 'cacheSave'
  | 'cacheUpstreamPaths'
  | 'cacheBuildInputs'
  | 'cacheImages'
  | 'cacheRestoreMethod'
  | 'maxPackChain'
  | 'maxStoreSize';

export const CACHE_INPUT_NAMES: Record<CacheField, string> = {
  cache: 'cache',
  cacheKey: 'cache-key',
  cacheRestoreKeys: 'cache-restore-keys',
  cacheDir: 'cache-dir',
  cacheSave: 'cache-save',
  cacheUpstreamPaths: 'cache-upstream-paths',
  cacheBuildInputs: 'cache-build-inputs',
  cacheImages: 'cache-images',
  cacheRestoreMethod: 'cache-restore-method',
  maxPackChain: 'max-pack-chain',
  maxStoreSize: 'max-store-size',
};

export type RawCacheInputs = Partial<Record<CacheField, string>>;

const cacheKey = optionalString.superRefine((key, ctx) => {
  const problem = key === undefined ? undefined : cacheKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
};

/** A size such as 10G, 512M or 2147483648 (bytes); units are binary. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  if (!match) return undefined;
  return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
}

const sizeInput = optionalString.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a size such as 10G, 512M or a number of bytes; got ${shown(value)}`,
    });
    return z.NEVER;
  }
  return bytes;
});

const cacheSchema = z
  .object({
    cache: z
      .string()
      .optional()
      .transform((value) => value || 'off')
      .pipe(enumInput(CACHE_BACKENDS)),
    cacheKey,
    cacheRestoreKeys: listInput.superRefine((keys, ctx) => {
      const problem = keys.map(cacheKeyProblem).find(Boolean);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    cacheDir: optionalString,
    cacheSave: booleanInput(true),
    cacheUpstreamPaths: booleanInput(false),
    cacheBuildInputs: booleanInput(true),
    cacheImages: booleanInput(false),
    cacheRestoreMethod: z
      .string()
      .optional()
      .transform((value) => value || 'unpack')
      .pipe(enumInput(RESTORE_METHODS)),
    maxPackChain: optionalString.transform((value, ctx) => {
      const number = value === undefined ? DEFAULT_MAX_PACK_CHAIN : Number(value);
      if (!Number.isInteger(number) || number < 1) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a whole number of 1 or more; got ${shown(value)}`,
        });
        return z.NEVER;
      }
      return number;
    }),
    maxStoreSize: sizeInput,
  })
  .superRefine((config, ctx) => {
    if (config.cache === 'dir' && !config.cacheDir) {
      ctx.addIssue({
        code: 'custom',
        path: ['cacheDir'],
        message: 'required with cache: dir (the directory that holds the cache)',
      });
    }
  });

export type CacheConfig = z.output<typeof cacheSchema>;

/** The command line's options for the cache fields it has (`hypernix cache`). */
export const CACHE_CLI_OPTIONS: Partial<Record<CacheField, string>> = {
  cache: '--dir',
  cacheKey: '--key',
  cacheRestoreKeys: '--restore-key',
  cacheDir: '--dir',
  maxPackChain: '--max-pack-chain',
  cacheRestoreMethod: '--restore-method',
};

/**
 * Reads the cache inputs of the action, or the same fields from the command line (`cli`): one
 * schema, one set of rules, the messages naming the input or the option.
 */
export function parseCacheConfig(
  raw: RawCacheInputs | Record<string, string | string[] | undefined>,
  surface: 'action' | 'cli' = 'action',
): CacheConfig {
  return parseWith(cacheSchema, raw, (field) =>
    surface === 'action'
      ? `input '${CACHE_INPUT_NAMES[field as CacheField] ?? field}'`
      : `option '${CACHE_CLI_OPTIONS[field as CacheField] ?? field}'`,
  );
}
