import { resolve } from 'node:path';
import type { Reporter } from '../util/reporter.js';
import type { CacheBackend } from './backend.js';
import { DirectoryBackend } from './dir-backend.js';

/** Which backend holds the cache: a directory, or the GitHub Actions cache. */
export type BackendChoice = { kind: 'dir'; dir: string } | { kind: 'gha' };

/**
 * Opens the chosen backend, checked for use: a directory must be writable when saving (the error
 * names `label`, the input that gave it), the GitHub cache must be offered by the runner.
 */
export async function openBackend(
  choice: BackendChoice,
  reporter: Reporter,
  use: { forSave: boolean; label: string },
): Promise<CacheBackend> {
  if (choice.kind === 'gha') {
    // @actions/cache brings the Azure SDK: loaded only when the GitHub cache is chosen.
    const { GithubCacheBackend } = await import('./gha-backend.js');
    const backend = new GithubCacheBackend(reporter);
    backend.ensureAvailable();
    return backend;
  }
  // Absolute: Nix reads packs through file:// URLs, which take no relative path.
  const backend = new DirectoryBackend(resolve(choice.dir), reporter);
  if (use.forSave) await backend.ensureWritable(use.label);
  return backend;
}
