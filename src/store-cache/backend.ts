import type { CacheEntry, PackRecord } from './entry.js';

/** A pack just written to a local staging directory, not yet in the cache. */
export interface NewPack {
  record: PackRecord;
  dir: string;
}

/**
 * Where packs and entries live: a directory (self-hosted runners, the hypervisor) or the GitHub
 * Actions cache. A pack is a directory laid out as a Nix binary cache; restoring reads it from a
 * local directory. An S3 or HTTP binary cache fits behind the same calls.
 */
export interface CacheBackend {
  readonly name: string;
  /** The entry for `key`, else the newest whose key starts with one of `restoreKeys`, in order. */
  find(
    key: string,
    restoreKeys: string[],
  ): Promise<{ entry: CacheEntry; exact: boolean } | undefined>;
  /** A local directory holding the pack, to import from (downloaded first if need be). */
  fetchPack(pack: PackRecord): Promise<string>;
  /** Frees what fetchPack downloaded, once the pack is imported (a cache directory keeps it). */
  releasePack(pack: PackRecord): Promise<void>;
  /** A new empty local directory to write the pack `packId` into. */
  stagingDir(packId: string): Promise<string>;
  /**
   * Stores the pack just written and the entry that now lists it (its last pack). A backend that
   * can only add whole cache entries stores both as one, and notes in the pack record where.
   * `base` is the entry the save read and extended: a backend that can tell the entry changed
   * since (another save) merges rather than loses that save's packs.
   */
  commit(entry: CacheEntry, added: NewPack, base?: CacheEntry): Promise<void>;
}
