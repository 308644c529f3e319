import { randomBytes } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import type { NixInstallation } from '../../nix/locate.js';
import { parseSha256 } from '../../nix/nar-hash.js';
import { validPaths, type PathInfo } from '../../nix/path-info.js';
import { PathLocks } from '../../nix/path-locks.js';
import { registerValidPaths, type Registration } from '../../nix/register.js';
import { describeError } from '../../util/errors.js';
import { limiter } from '../../util/limiter.js';
import { isStorePath, storeDir } from '../entry.js';
import { FAULT_VARIABLE } from './fault.js';
import { removeStaleUnpacks, unpackName } from './stale.js';
import { removeTree, unpackNar, type NarJob } from './unpack-nar.js';
import { UnpackPool } from './worker-pool.js';

/** A pack's record of a path (pack.ts's PackPath; not imported, pack.ts imports this module). */
type PackPath = Pick<PathInfo, 'path' | 'narHash' | 'narSize' | 'references'>;

/** What an unpack did: paths made valid, and those left out with why. */
export interface UnpackOutcome {
  restored: number;
  failed: { path: string; reason: string }[];
}

interface Planned {
  info: PackPath;
  job: NarJob;
  deriver: string;
}

// Renames in flight: they queue on the store directory's lock in the kernel, but overlap the rest.
const RENAMES_AT_ONCE = 8;

/**
 * Restores a pack's paths without `nix copy`: each NAR is read, decompressed, hashed and
 * written once, into a temporary tree in the store directory; only a NAR whose SHA-256 and size
 * are the ones the entry records, and whose references are valid or restored with it, is renamed
 * into place (under Nix's path lock, if still not valid) and registered through nix-store.
 * Returns undefined when the pack holds what this path does not handle (another compression, a
 * content address), for the caller to use nix copy. `narinfos` are checkNarinfos's fields.
 */
export async function unpackPack(
  nix: NixInstallation,
  dir: string,
  infos: PackPath[],
  narinfos: Map<string, Map<string, string>>,
  store?: string,
): Promise<UnpackOutcome | undefined> {
  const realStore = join(store ?? '', storeDir());
  const failed: UnpackOutcome['failed'] = [];
  // The trees are written in a directory of their own in the store directory, and renamed from
  // there into place. Not in the store directory itself: thousands of new names there contend
  // with the lock files of Nix's locks (measured on 2,001 paths: 1.7 against 1.2 times the
  // whole-store tar), and a crash leaves one name to clean up.
  const batch = join(realStore, unpackName(randomBytes(6).toString('hex')));
  const plan = planJobs(dir, infos, narinfos, batch, failed);
  if (!plan) return undefined;
  // The pack's paths and what they refer to (earlier packs, the store): one query, which also
  // makes a chroot store that does not exist yet.
  const asked = new Set(infos.flatMap((info) => [info.path, ...info.references]));
  // The threads boot while Nix answers.
  const pool = plan.length > 0 ? UnpackPool.start() : undefined;
  let locks: PathLocks | undefined;
  try {
    // With threads, the unpacking starts before Nix says which paths are valid already (on a
    // fresh store: none); once it has, the NARs of valid paths are not started (those started
    // meanwhile are wasted). Without threads, this thread would be too busy to hear the answer.
    const known: { valid?: Set<string> } = {};
    const wanted = (planned: Planned) => !known.valid?.has(planned.info.path);
    const validity = validPaths(nix, [...asked], store);
    validity.catch(() => undefined); // awaited below
    const unpackFailed: UnpackOutcome['failed'] = [];
    let unpacking: Promise<Set<string>> | undefined;
    if (pool) {
      await mkdir(batch, { recursive: true, mode: 0o755 }); // a chroot store may not exist yet
      unpacking = unpackAll(plan, unpackFailed, pool, wanted);
    }
    const valid = (known.valid = await validity);
    await removeStaleUnpacks(realStore);
    const todo = plan.filter(wanted);
    if (todo.length === 0) return { restored: 0, failed };
    if (!pool) await mkdir(batch, 0o755);
    // A child takes Nix's locks beside the unpacking: they guard only the rename and register.
    locks = PathLocks.acquire(todo.map((planned) => finalPath(realStore, planned)));
    const unpacked = await (unpacking ?? unpackAll(todo, unpackFailed, undefined, wanted));
    failed.push(...unpackFailed.filter((failure) => !valid.has(failure.path)));
    if (process.env[FAULT_VARIABLE] === 'crash-after-unpack') process.kill(process.pid, 'SIGKILL');
    const ready = leaveOutDangling(todo, unpacked, valid, failed);
    await locks.locked();
    const placed = await install(nix, ready, realStore, store);
    return { restored: placed.size, failed };
  } finally {
    await pool?.close(); // a thread still writing stops before its tree is removed
    await removeTree(batch); // what was not renamed into place
    await locks?.release();
  }
}

const finalPath = (realStore: string, planned: Planned) =>
  join(realStore, basename(planned.info.path));

/**
 * Unpacks the NARs still `wanted` when their turn comes: on the pool's threads, or without one
 * on this thread (small NARs one after another, large ones streamed). Returns the paths unpacked.
 */
async function unpackAll(
  todo: Planned[],
  failed: UnpackOutcome['failed'],
  pool: UnpackPool | undefined,
  wanted: (planned: Planned) => boolean,
): Promise<Set<string>> {
  const slot = pool
    ? (task: () => Promise<void>) => task()
    : limiter(Math.max(2, cpus().length * 2));
  const unpacked = new Set<string>();
  await Promise.all(
    todo.map((planned) =>
      slot(async () => {
        try {
          const done = pool
            ? await pool.unpack(planned.job, () => wanted(planned))
            : wanted(planned) && (await unpackNar(planned.job), true);
          if (done) unpacked.add(planned.info.path);
        } catch (error) {
          failed.push({ path: planned.info.path, reason: describeError(error) });
        }
      }),
    ),
  );
  return unpacked;
}

/** One job per path, from its narinfo, unpacking into `batch`; undefined for a pack the unpack does not handle. */
function planJobs(
  dir: string,
  infos: PackPath[],
  narinfos: Map<string, Map<string, string>>,
  batch: string,
  failed: UnpackOutcome['failed'],
): Planned[] | undefined {
  const plan: Planned[] = [];
  for (const info of infos) {
    const fields = narinfos.get(info.path) ?? new Map<string, string>();
    const compression = fields.get('Compression') ?? 'bzip2'; // Nix's default
    if ((compression !== 'zstd' && compression !== 'none') || fields.has('CA')) return undefined;
    const narHash = parseSha256(info.narHash);
    const listed = parseSha256(fields.get('NarHash') ?? '');
    if (!narHash || !listed?.equals(narHash) || fields.get('NarSize') !== String(info.narSize)) {
      failed.push({
        path: info.path,
        reason: 'its narinfo records another NarHash or NarSize than the cache entry',
      });
      continue;
    }
    const deriver = join(storeDir(), fields.get('Deriver') ?? '');
    plan.push({
      info,
      deriver: isStorePath(deriver) && deriver.endsWith('.drv') ? deriver : '',
      job: {
        storePath: info.path,
        file: join(dir, fields.get('URL') ?? ''), // checkNarinfos: a plain name under nar/
        compression,
        narHash,
        narSize: info.narSize,
        target: join(batch, basename(info.path)),
      },
    });
  }
  return plan;
}

/**
 * The unpacked paths whose references are all valid or unpacked too (self-references aside),
 * references first. The others are left out and named (their trees go with the batch
 * directory): Nix would refuse to register them, and with them the whole batch.
 */
function leaveOutDangling(
  todo: Planned[],
  unpacked: Set<string>,
  valid: Set<string>,
  failed: UnpackOutcome['failed'],
): Planned[] {
  const usable = new Set(unpacked);
  for (let changed = true; changed;) {
    changed = false;
    for (const planned of todo) {
      const { path, references } = planned.info;
      if (!usable.has(path)) continue;
      const missing = references.find((ref) => ref !== path && !valid.has(ref) && !usable.has(ref));
      if (missing === undefined) continue;
      usable.delete(path);
      changed = true;
      failed.push({ path, reason: `its reference ${missing} is neither valid nor restored` });
    }
  }
  return referencesFirst(todo.filter((planned) => usable.has(planned.info.path)));
}

function referencesFirst(planned: Planned[]): Planned[] {
  const byPath = new Map(planned.map((item) => [item.info.path, item]));
  const ordered: Planned[] = [];
  const seen = new Set<string>();
  const visit = (item: Planned) => {
    if (seen.has(item.info.path)) return;
    seen.add(item.info.path);
    for (const ref of item.info.references) {
      const dependency = byPath.get(ref);
      if (dependency) visit(dependency);
    }
    ordered.push(item);
  };
  for (const item of planned) visit(item);
  return ordered;
}

/**
 * Under Nix's locks on the final names (the caller holds them): paths another process made valid meanwhile are left as
 * they are; an invalid leftover at a final name (an earlier restore that died before
 * registering) is deleted, as Nix deletes one; then rename and register in one transaction.
 */
async function install(
  nix: NixInstallation,
  ready: Planned[],
  realStore: string,
  store?: string,
): Promise<Set<Planned>> {
  const placed = new Set<Planned>();
  if (ready.length === 0) return placed;
  const nowValid = await validPaths(
    nix,
    ready.map((planned) => planned.info.path),
    store,
  );
  const slot = limiter(RENAMES_AT_ONCE);
  await Promise.all(
    ready.map((planned) =>
      slot(async () => {
        if (nowValid.has(planned.info.path)) return;
        await renameOver(planned.job.target, finalPath(realStore, planned));
        placed.add(planned);
      }),
    ),
  );
  if (process.env[FAULT_VARIABLE] === 'crash-before-register') process.kill(process.pid, 'SIGKILL');
  try {
    await registerValidPaths(nix, [...placed].map(registration), store);
  } catch (error) {
    // Not valid: not left behind (the next restore would replace them, but say it once here).
    for (const planned of placed) await removeTree(finalPath(realStore, planned));
    throw error;
  }
  return placed;
}

/** Renames a tree into place; an invalid leftover there (a directory rename cannot replace) goes first. */
async function renameOver(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!['EEXIST', 'ENOTEMPTY', 'EISDIR', 'ENOTDIR'].includes(code)) throw error;
    await removeTree(to);
    await rename(from, to);
  }
}

function registration(planned: Planned): Registration {
  return {
    path: planned.info.path,
    narHash: planned.job.narHash,
    narSize: planned.info.narSize,
    deriver: planned.deriver,
    references: planned.info.references,
  };
}
