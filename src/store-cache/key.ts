import { InputError } from '../util/errors.js';

/**
 * The GitHub cache takes keys of up to 512 characters; the GitHub backend adds `/` and a pack id
 * (37). The directory backend keeps the same limit, so keys move freely between backends.
 */
export const MAX_KEY_LENGTH = 512 - 37;
/** The characters every cache key and restore-key prefix is made of. */
export const KEY_PATTERN = /^[A-Za-z0-9._+=@:-]+$/;

/** A cache key or restore-key prefix: letters, digits and . _ + = @ : -, at most MAX_KEY_LENGTH of them. */
/** What is wrong with a cache key, in words; undefined for a good one. */
export function cacheKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'expected a cache key; got an empty one';
  if (key.length > MAX_KEY_LENGTH) return `at most ${MAX_KEY_LENGTH} characters; got ${key.length}`;
  if (!KEY_PATTERN.test(key)) {
    const bad = [...key].find((char) => !KEY_PATTERN.test(char)) ?? '';
    return `letters, digits and . _ + = @ : - only; got ${JSON.stringify(bad)} in ${JSON.stringify(key.slice(0, 80))}`;
  }
  return undefined;
}

export function validateCacheKey(key: string, label: string): string {
  const problem = cacheKeyProblem(key);
  if (problem) throw new InputError(`${label}: ${problem}`);
  return key;
}
