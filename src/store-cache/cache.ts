import { countOf, formatBytes } from '../util/format.js';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { NixInstallation } from '../nix/locate.js';
import { buildInputs, queryPathInfos, validPaths, type PathInfo } from '../nix/path-info.js';
import { run } from '../util/process.js';
import type { Reporter } from '../util/reporter.js';
import { describeError } from '../util/errors.js';
import { limiter } from '../util/limiter.js';
import type { CacheBackend, NewPack } from './backend.js';
import { entryBytes, entryPaths, packProblem, type CacheEntry, type PackRecord } from './entry.js';
import { importPack, PackError, writePack } from './pack.js';
import { stopwatch } from '../util/stopwatch.js';
import { chooseRestoreMethod, restoreFacts, type RequestedMethod } from './unpack/method.js';

export type CacheHit = 'exact' | 'partial' | 'miss';

// Downloads of a chain's packs at once; the chain is short and each download is large.
const PARALLEL_FETCHES = 4;

export interface RestoreResult {
  hit: CacheHit;
  key?: string;
  paths: number;
  bytes: number;
  seconds: number;
}

/**
 * Restores the newest entry for the key (or a restore-key prefix) by importing its packs in
 * order through Nix. Caching never fails a build: a pack that cannot be imported is skipped with
 * a warning, and the rest go on.
 */
export async function restoreCache(
  nix: NixInstallation,
  backend: CacheBackend,
  options: {
    key: string;
    restoreKeys: string[];
    /** Another store to import into (a chroot store). */ store?: string;
    /** `unpack` (default): unpack NARs here where chooseRestoreMethod can; `nix-copy`: never. */
    restoreMethod?: RequestedMethod;
  },
  reporter: Reporter,
): Promise<RestoreResult> {
  const elapsed = stopwatch();
  let found: Awaited<ReturnType<CacheBackend['find']>>;
  try {
    found = await backend.find(options.key, options.restoreKeys);
  } catch (error) {
    reporter.warning(`store cache: cannot look up ${options.key}: ${describeError(error)}`);
    return { hit: 'miss', paths: 0, bytes: 0, seconds: elapsed() };
  }
  if (!found) {
    reporter.info(
      `store cache: no entry for ${options.key}${options.restoreKeys.length ? ` or ${options.restoreKeys.join(', ')}` : ''}`,
    );
    return { hit: 'miss', paths: 0, bytes: 0, seconds: elapsed() };
  }
  const packs = usablePacks(found.entry, reporter);
  const { method, why } = chooseRestoreMethod(
    await restoreFacts(options.restoreMethod ?? 'unpack', options.store),
  );
  reporter.debug(`store cache: restoring with ${method} (${why})`);
  const cached = entryPaths({ ...found.entry, packs });
  try {
    await substituteMissingReferences(nix, packs, cached, options.store, reporter);
  } catch (error) {
    reporter.warning(`store cache: ${describeError(error)}`); // the packs that need them fail below
  }
  // Packs download side by side; each is imported, in chain order, as soon as it is here.
  const fetchSlot = limiter(PARALLEL_FETCHES);
  const fetched = packs.map((pack) =>
    fetchSlot(() => backend.fetchPack(pack)).then(
      (dir) => ({ dir }),
      (error: unknown) => ({ error }),
    ),
  );
  let paths = 0;
  let bytes = 0;
  let skipped = found.entry.packs.length - packs.length;
  for (const [index, pack] of packs.entries()) {
    try {
      const local = await fetched[index];
      if (!local || 'error' in local) throw local?.error;
      await importPack(nix, local.dir, pack.paths, options.store, method);
      paths += pack.paths.length;
      bytes += pack.bytes;
    } catch (error) {
      skipped += 1;
      reporter.warning(
        `store cache: skipped pack ${pack.id} of ${found.entry.key}: ${describeError(error)}`,
      );
    } finally {
      await backend.releasePack(pack).catch(() => undefined);
    }
  }
  const seconds = elapsed();
  // An entry none of whose packs could be used restored nothing: that is a miss.
  const hit: CacheHit =
    skipped > 0 && skipped === found.entry.packs.length
      ? 'miss'
      : found.exact
        ? 'exact'
        : 'partial';
  reporter.info(
    hit === 'miss'
      ? `store cache: restored nothing from ${found.entry.key}: all ${skipped} packs skipped`
      : `store cache: restored ${countOf(paths, 'path')} from ${found.entry.key} (${hit} hit${skipped ? `; ${skipped} of ${found.entry.packs.length} packs skipped` : ''})`,
  );
  return { hit, key: found.entry.key, paths, bytes, seconds };
}

/**
 * The entry's packs that may be used: ids that are plain names, paths and references that are
 * store paths. The others are skipped with a warning naming the pack and what is wrong.
 */
function usablePacks(entry: CacheEntry, reporter: Reporter): PackRecord[] {
  return entry.packs.filter((pack) => {
    const problem = packProblem(pack);
    if (problem) {
      reporter.warning(
        `store cache: skipped pack ${JSON.stringify(pack.id.slice(0, 80))} of ${entry.key}: ${problem}`,
      );
    }
    return problem === undefined;
  });
}

/**
 * Packs hold only what was built here: their references that an upstream cache serves must be in
 * the store before Nix takes the packs. Nix fetches them from its substituters.
 */
async function substituteMissingReferences(
  nix: NixInstallation,
  packs: PackRecord[],
  cached: Set<string>,
  store: string | undefined,
  reporter: Reporter,
): Promise<void> {
  const referenced = packs.flatMap((pack) => pack.paths.flatMap((info) => info.references));
  const external = [...new Set(referenced)].filter((path) => !cached.has(path));
  const present = await validPaths(nix, external, store);
  const missing = external.filter((path) => !present.has(path));
  if (missing.length === 0) return;
  reporter.info(
    `store cache: fetching ${countOf(missing.length, 'path')} the packs need from the substituters`,
  );
  const result = await run(nix.program('nix-store'), [
    ...(store ? ['--store', store] : []),
    '--realise',
    '--',
    ...missing,
  ]);
  if (result.code !== 0) {
    throw new PackError(
      `the packs need ${countOf(missing.length, 'path')} no substituter has (${result.stderrTail.at(-1) ?? ''})`,
    );
  }
}

export interface SaveOptions {
  key: string;
  restoreKeys: string[];
  /** What the build produced: their closures are what is cached. */
  roots: string[];
  /** Cache paths Nix got from a substituter too (by default only what was built here). */
  includeUpstream: boolean;
  /** Cache the build-time inputs of the roots too (what a rebuild of them would need). */
  buildInputs?: boolean;
  /** Leave the roots themselves out (a large image that is cheap to rebuild from its inputs). */
  excludeRoots?: boolean;
  /** Past this many packs in a chain, one compacted pack replaces it. */
  maxPackChain: number;
}

export interface SaveResult {
  paths: number;
  bytes: number;
  seconds: number;
  compacted: boolean;
}

/** Built on this runner (ultimate), or not signed by anyone: not to be had from an upstream cache. */
export function worthCaching(info: PathInfo): boolean {
  return info.ultimate || info.signatures.length === 0;
}

/**
 * Saves what is new in the roots' closures as one pack added to the chain it extends (the entry
 * for the key or the restore keys), or as one compacted pack when the chain would grow too long
 * or the entry came from another key.
 * Nothing is written when nothing is new.
 */
export async function saveCache(
  nix: NixInstallation,
  backend: CacheBackend,
  options: SaveOptions,
  reporter: Reporter,
): Promise<SaveResult> {
  const elapsed = stopwatch();
  const runtime = await queryPathInfos(nix, options.roots, true);
  const inputs = options.buildInputs ? await buildInputs(nix, options.roots) : [];
  const known = new Set(runtime.map((info) => info.path));
  const more = await queryPathInfos(
    nix,
    inputs.filter((path) => !known.has(path)),
    false,
  );
  const roots = new Set(options.excludeRoots ? options.roots : []);
  const infos = [...runtime, ...more].filter(
    (info) => !roots.has(info.path) && (options.includeUpstream || worthCaching(info)),
  );
  const base = await backend.find(options.key, options.restoreKeys).catch((error: unknown) => {
    // A damaged entry is replaced, not a reason to fail the job.
    reporter.warning(`store cache: ${describeError(error)}; saving a new chain`);
    return undefined;
  });
  // Packs of the base that are not usable (damaged or planted) are not kept in the chain.
  const read = base?.entry; // as it is on disk: commit tells by it whether another save came
  if (base) base.entry = { ...base.entry, packs: usablePacks(base.entry, reporter) };
  const have = base ? entryPaths(base.entry) : new Set<string>();
  const fresh = infos.filter((info) => !have.has(info.path));
  const done = (paths: number, bytes: number, compacted: boolean): SaveResult => ({
    paths,
    bytes,
    compacted,
    seconds: elapsed(),
  });
  if (fresh.length === 0) {
    reporter.info(`store cache: nothing new to save for ${options.key}`);
    return done(0, 0, false);
  }
  const chain = base?.entry.packs ?? [];
  // A new key starts its own chain: the old key's entries age out of the cache on their own.
  const compact = (base !== undefined && !base.exact) || chain.length + 1 > options.maxPackChain;
  const packed = compact ? infos : fresh;
  const added = await writeNewPack(nix, backend, packed);
  const pack = added.record;
  const entry: CacheEntry = {
    version: 2,
    key: options.key,
    created: new Date().toISOString(),
    packs: compact ? [pack] : [...chain, pack],
  };
  try {
    await backend.commit(entry, added, read);
  } finally {
    await rm(added.dir, { recursive: true, force: true });
  }
  reporter.info(
    `store cache: saved ${countOf(packed.length, 'path')} (${formatBytes(pack.bytes)}) as ${compact ? 'one compacted pack' : `pack ${entry.packs.length} of the chain`} under ${options.key}; the entry holds ${formatBytes(entryBytes(entry))}`,
  );
  return done(packed.length, pack.bytes, compact);
}

/**
 * Paths in the order an import needs: every path after those of its references that
 * are in the same pack (the others come from earlier packs of the chain or are in the store).
 */
export function referencesFirst(infos: PathInfo[]): PathInfo[] {
  const byPath = new Map(infos.map((info) => [info.path, info]));
  const ordered: PathInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (info: PathInfo) => {
    if (state.get(info.path)) return; // done, or a self-reference being visited
    state.set(info.path, 'visiting');
    for (const reference of info.references) {
      const dependency = byPath.get(reference);
      if (dependency && reference !== info.path) visit(dependency);
    }
    state.set(info.path, 'done');
    ordered.push(info);
  };
  for (const info of [...infos].sort((a, b) => a.path.localeCompare(b.path))) visit(info);
  return ordered;
}

async function writeNewPack(
  nix: NixInstallation,
  backend: CacheBackend,
  unordered: PathInfo[],
): Promise<NewPack> {
  const infos = referencesFirst(unordered);
  const id = randomUUID();
  const dir = await backend.stagingDir(id);
  const bytes = await writePack(nix, infos, dir);
  const paths = infos.map(({ path, narHash, narSize, references }) => ({
    path,
    narHash,
    narSize,
    references,
  }));
  return { dir, record: { id, bytes, paths } };
}
