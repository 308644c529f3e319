import type { CacheEntry } from './entry.js';

/**
 * Where packs and entries live. The directory backend is for self-hosted runners and the
 * hypervisor (a local or shared disk); the GitHub Actions cache and an HTTP binary cache are to
 * come behind the same interface.
 */
export interface CacheBackend {
  readonly name: string;
  /** The entry for `key`, else the newest whose key starts with one of `restoreKeys`, in order. */
  find(
    key: string,
    restoreKeys: string[],
  ): Promise<{ entry: CacheEntry; exact: boolean } | undefined>;
  /** A local file holding the pack, to import from. */
  packFile(packId: string): Promise<string>;
  /** A temporary file to write a new pack into, on the same disk as the cache. */
  stagingFile(packId: string): Promise<string>;
  /** Moves a finished pack from its staging file into the cache under `packId`. */
  storePack(packId: string, stagingFile: string): Promise<void>;
  /** Writes the entry for its key, replacing any older one, atomically. */
  storeEntry(entry: CacheEntry): Promise<void>;
}
