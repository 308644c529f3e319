import { z } from 'zod';
import { KEY_PATTERN, MAX_KEY_LENGTH } from '../store-cache/key.js';
import {
  booleanInput,
  enumInput,
  listInput,
  optionalString,
  parseWith,
  shown,
} from './parse-helpers.js';

export const CACHE_BACKENDS = ['gha', 'dir', 'off'] as const;

export type CacheField =
  | 'cache'
  | 'cacheKey'
  | 'cacheRestoreKeys'
  | 'cacheDir'
  | 'cacheSave'
  | 'cacheUpstreamPaths'
  | 'cacheBuildInputs'
  | 'cacheImages'
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
  maxPackChain: 'max-pack-chain',
  maxStoreSize: 'max-store-size',
};

export type RawCacheInputs = Partial<Record<CacheField, string>>;

const cacheKey = optionalString.refine(
  (key) => key === undefined || (key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key)),
  {
    message: `expected at most ${MAX_KEY_LENGTH} letters, digits and . _ + = @ : -`,
  },
);

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
    cacheRestoreKeys: listInput.refine(
      (keys) => keys.every((key) => key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key)),
      {
        message: `each restore key: at most ${MAX_KEY_LENGTH} letters, digits and . _ + = @ : -`,
      },
    ),
    cacheDir: optionalString,
    cacheSave: booleanInput(true),
    cacheUpstreamPaths: booleanInput(false),
    cacheBuildInputs: booleanInput(true),
    cacheImages: booleanInput(false),
    maxPackChain: optionalString.transform((value, ctx) => {
      const number = Number(value ?? '8');
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

export function parseCacheConfig(raw: RawCacheInputs): CacheConfig {
  return parseWith(
    cacheSchema,
    raw,
    (field) => `input '${CACHE_INPUT_NAMES[field as CacheField] ?? field}'`,
  );
}
