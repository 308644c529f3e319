/** One pack: store paths exported together by `nix-store --export`, compressed with zstd. */
export interface PackRecord {
  id: string;
  /** The store paths it holds, with their NAR hash and size, as `nix path-info` gave them. */
  paths: { path: string; narHash: string; narSize: number; references: string[] }[];
  /** Bytes the pack takes in the cache. */
  bytes: number;
}

/**
 * A cache entry: the chain of packs that together hold what a key's builds produced, oldest
 * first (a base, then deltas). Restoring imports them in order, so references resolve.
 */
export interface CacheEntry {
  version: 1;
  key: string;
  created: string;
  packs: PackRecord[];
}

export function entryPaths(entry: CacheEntry): Set<string> {
  return new Set(entry.packs.flatMap((pack) => pack.paths.map((info) => info.path)));
}

export function entryBytes(entry: CacheEntry): number {
  return entry.packs.reduce((sum, pack) => sum + pack.bytes, 0);
}
