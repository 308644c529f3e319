import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultCacheKey } from './default-key.js';

/** A pull request from a fork must not write to the base repository's cache. */
export async function isForkPullRequest(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.GITHUB_EVENT_NAME?.startsWith('pull_request') || !env.GITHUB_EVENT_PATH) return false;
  try {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: {
        head?: { repo?: { full_name?: string } };
        base?: { repo?: { full_name?: string } };
      };
    };
    return event.pull_request?.head?.repo?.full_name !== event.pull_request?.base?.repo?.full_name;
  } catch {
    return true; // when in doubt, do not write
  }
}

/** The key and restore keys: the ones given, else those derived from the Nix files. */
export async function cacheKeys(
  given: { key?: string; restoreKeys: string[] },
  workingDirectory: string,
): Promise<{ key: string; restoreKeys: string[] }> {
  const defaults = await defaultCacheKey(resolve(workingDirectory));
  return {
    key: given.key ?? defaults.key,
    restoreKeys: given.restoreKeys.length > 0 ? given.restoreKeys : defaults.restoreKeys,
  };
}

/**
 * Whether a save leaves the build's own result out: a disk image or an image archive is large
 * and cheap to rebuild from its cached inputs, unless the user asked to cache images.
 */
export function excludesRoots(kind: 'qcow2' | 'container' | 'derivation', cacheImages: boolean) {
  return kind !== 'derivation' && !cacheImages;
}
