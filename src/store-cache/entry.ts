import { z } from 'zod';
import { HypernixError } from '../util/errors.js';
import { KEY_PATTERN, MAX_KEY_LENGTH } from './key.js';

/** An entry that is not one this version wrote: damage, an older format, or planted. */
export class CacheEntryError extends HypernixError {
  override name = 'CacheEntryError';
}

// Bounds far above anything a save writes, so a planted entry cannot make restore loop for ever.
const MAX_PACKS = 10_000;
const MAX_PATHS = 1_000_000;

const pathRecord = z.object({
  path: z.string().max(4096),
  narHash: z.string().max(200),
  narSize: z.number().int().nonnegative(),
  references: z.array(z.string().max(4096)).max(MAX_PATHS),
});

const packRecord = z.object({
  id: z.string().max(200),
  paths: z.array(pathRecord).max(MAX_PATHS),
  bytes: z.number().int().nonnegative(),
  location: z.string().max(600).optional(),
});

const cacheEntry = z.object({
  version: z.literal(2),
  key: z.string().min(1).max(MAX_KEY_LENGTH).regex(KEY_PATTERN),
  created: z.string().max(100),
  packs: z.array(packRecord).max(MAX_PACKS),
});

/** One pack: store paths written together as a Nix binary cache with zstd NARs. */
export type PackRecord = z.output<typeof packRecord> & {
  /** Where the backend keeps it, when that is not derived from the id (a GitHub cache key). */
  location?: string;
};

/**
 * A cache entry: the chain of packs that together hold what a key's builds produced, oldest
 * first (a base, then deltas). Restoring imports them in order, so references resolve.
 */
export type CacheEntry = z.output<typeof cacheEntry>;

/**
 * Reads an entry, checked against the schema: anything else (an older format, damage, a planted
 * file) throws a CacheEntryError naming `source` and the first field that is wrong, which the
 * caller reports as a warning and a miss. Store paths and pack ids are checked per pack, at
 * restore (packProblem), so one bad pack does not cost the others.
 */
export function parseEntry(text: string, source: string): CacheEntry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CacheEntryError(`${source} is not a hypernix cache entry (not JSON)`);
  }
  const result = cacheEntry.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the entry';
    throw new CacheEntryError(
      `${source} is not a hypernix cache entry (${where}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return result.data;
}

/** The store directory paths must be in: Nix's default unless NIX_STORE_DIR moves it. */
export function storeDir(env: NodeJS.ProcessEnv = process.env): string {
  return (env.NIX_STORE_DIR || '/nix/store').replace(/\/+$/, '');
}

// Nix's base-32 alphabet (no e, o, u, t) and the characters a store path name may hold.
const STORE_PATH_TAIL = /^[0-9abcdfghijklmnpqrsvwxyz]{32}-[A-Za-z0-9+\-._?=]{1,211}$/;
/** A pack id is a plain file name: no separators, no `..`, not hidden. */
export const PACK_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Whether `path` is a store path of `dir`: `<dir>/<32 base-32 characters>-<name>`. */
export function isStorePath(path: string, dir = storeDir()): boolean {
  if (!path.startsWith(`${dir}/`)) return false;
  const tail = path.slice(dir.length + 1);
  return STORE_PATH_TAIL.test(tail) && !tail.slice(33).startsWith('.');
}

/**
 * What is wrong with a pack record read from the cache, or undefined when it can be used: its
 * id must be a plain name (it becomes a directory name) and every path and reference a store
 * path (they become Nix arguments).
 */
export function packProblem(pack: PackRecord, dir = storeDir()): string | undefined {
  if (!PACK_ID.test(pack.id) || pack.id.includes('..')) {
    return `its id ${JSON.stringify(pack.id.slice(0, 80))} is not a plain name`;
  }
  for (const info of pack.paths) {
    const bad = [info.path, ...info.references].find((path) => !isStorePath(path, dir));
    if (bad !== undefined) {
      return `${JSON.stringify(bad.slice(0, 200))} is not a store path of ${dir}`;
    }
  }
  return undefined;
}

export function entryPaths(entry: CacheEntry): Set<string> {
  return new Set(entry.packs.flatMap((pack) => pack.paths.map((info) => info.path)));
}

export function entryBytes(entry: CacheEntry): number {
  return entry.packs.reduce((sum, pack) => sum + pack.bytes, 0);
}

/**
 * The entry to write when a save commits: `proposed` if the entry is as the save read it
 * (`base`), else the packs another save added since, kept, with ours after them. Nothing another
 * save listed is dropped; a compaction only replaces the chain it read.
 */
export function mergeEntry(
  current: CacheEntry | undefined,
  base: CacheEntry | undefined,
  proposed: CacheEntry,
): CacheEntry {
  if (!current || sameChain(current, base)) return proposed;
  const added = proposed.packs.at(-1);
  const ids = new Set(current.packs.map((pack) => pack.id));
  // Our chain's packs the other save dropped (it compacted) stay: our pack refers to them.
  const ours = proposed.packs.filter((pack) => !ids.has(pack.id) && pack !== added);
  return {
    ...proposed,
    packs: [...ours, ...current.packs, ...(added ? [added] : [])],
  };
}

function sameChain(a: CacheEntry, b: CacheEntry | undefined): boolean {
  return (
    b !== undefined &&
    a.key === b.key &&
    a.created === b.created &&
    a.packs.map((pack) => pack.id).join() === b.packs.map((pack) => pack.id).join()
  );
}
