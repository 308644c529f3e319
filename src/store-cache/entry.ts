/** One pack: store paths written together as a Nix binary cache with zstd NARs. */
export interface PackRecord {
  id: string;
  /** The store paths it holds, with their NAR hash and size, as `nix path-info` gave them. */
  paths: { path: string; narHash: string; narSize: number; references: string[] }[];
  /** Bytes the pack takes in the cache. */
  bytes: number;
  /** Where the backend keeps it, when that is not derived from the id (a GitHub cache key). */
  location?: string;
}

/**
 * A cache entry: the chain of packs that together hold what a key's builds produced, oldest
 * first (a base, then deltas). Restoring imports them in order, so references resolve.
 */
export interface CacheEntry {
  version: 2;
  key: string;
  created: string;
  packs: PackRecord[];
}

/** Reads an entry written by this version; anything else (an older format, damage) is none. */
export function parseEntry(text: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(text) as Partial<CacheEntry>;
    return entry.version === 2 && typeof entry.key === 'string' && Array.isArray(entry.packs)
      ? (entry as CacheEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

export function entryPaths(entry: CacheEntry): Set<string> {
  return new Set(entry.packs.flatMap((pack) => pack.paths.map((info) => info.path)));
}

export function entryBytes(entry: CacheEntry): number {
  return entry.packs.reduce((sum, pack) => sum + pack.bytes, 0);
}
