import { randomBytes } from 'node:crypto';
import { lstat, rename } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import type { NixInstallation } from '../../nix/locate.js';
import { parseSha256 } from '../../nix/nar-hash.js';
import { validPaths } from '../../nix/path-info.js';
import { PathLocks } from '../../nix/path-locks.js';
import { registerValidPaths, type Registration } from '../../nix/register.js';
import { describeError } from '../../util/errors.js';
import { limiter } from '../../util/limiter.js';
import { isStorePath, storeDir } from '../entry.js';
import type { PackPath } from '../pack.js';
import { removeStaleUnpacks, unpackName } from './stale.js';
import { removeTree, unpackNar, type NarJob } from './unpack-nar.js';

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

/** Test-only: makes the restore kill itself at a named point, to prove a crash leaves no harm. */
export const FAULT_VARIABLE = 'HYPERNIX_TEST_FAULT_UNPACK';

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
  const plan = planJobs(dir, infos, narinfos, realStore, failed);
  if (!plan) return undefined;
  const valid = await validPaths(
    nix,
    infos.map((info) => info.path),
    store,
  ); // makes a chroot store
  await removeStaleUnpacks(realStore);
  const todo = plan.filter((planned) => !valid.has(planned.info.path));
  const slot = limiter(Math.max(2, cpus().length * 2));
  const unpacked = new Set<string>();
  await Promise.all(
    todo.map((planned) =>
      slot(async () => {
        try {
          await unpackNar(planned.job);
          unpacked.add(planned.info.path);
        } catch (error) {
          failed.push({ path: planned.info.path, reason: describeError(error) });
        }
      }),
    ),
  );
  if (process.env[FAULT_VARIABLE] === 'crash-after-unpack') process.kill(process.pid, 'SIGKILL');
  const ready = await leaveOutDangling(todo, unpacked, valid, failed);
  const restored = await install(nix, ready, realStore, store);
  return { restored, failed };
}

/** One job per path, from its narinfo; undefined for a pack the unpack does not handle. */
function planJobs(
  dir: string,
  infos: PackPath[],
  narinfos: Map<string, Map<string, string>>,
  realStore: string,
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
    const hashPart = basename(info.path).slice(0, 32);
    plan.push({
      info,
      deriver: isStorePath(deriver) && deriver.endsWith('.drv') ? deriver : '',
      job: {
        storePath: info.path,
        file: join(dir, fields.get('URL') ?? ''), // checkNarinfos: a plain name under nar/
        compression,
        narHash,
        narSize: info.narSize,
        target: join(realStore, unpackName(hashPart, randomBytes(6).toString('hex'))),
      },
    });
  }
  return plan;
}

/**
 * The unpacked paths whose references are all valid or unpacked too (self-references aside),
 * references first. The others are left out, named, and their trees removed: Nix would refuse
 * to register them, and with them the whole batch.
 */
async function leaveOutDangling(
  todo: Planned[],
  unpacked: Set<string>,
  valid: Set<string>,
  failed: UnpackOutcome['failed'],
): Promise<Planned[]> {
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
  for (const planned of todo) {
    if (unpacked.has(planned.info.path) && !usable.has(planned.info.path)) {
      await removeTree(planned.job.target);
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
 * Under Nix's locks on the final names: paths another process made valid meanwhile are left as
 * they are; an invalid leftover at a final name (an earlier restore that died before
 * registering) is deleted, as Nix deletes one; then rename and register in one transaction.
 */
async function install(
  nix: NixInstallation,
  ready: Planned[],
  realStore: string,
  store?: string,
): Promise<number> {
  if (ready.length === 0) return 0;
  const finalOf = (planned: Planned) => join(realStore, basename(planned.info.path));
  const locks = await PathLocks.acquire(ready.map(finalOf));
  const placed = new Set<Planned>();
  try {
    const nowValid = await validPaths(
      nix,
      ready.map((planned) => planned.info.path),
      store,
    );
    for (const planned of ready) {
      if (nowValid.has(planned.info.path)) {
        await removeTree(planned.job.target);
        continue;
      }
      const final = finalOf(planned);
      if (
        await lstat(final).then(
          () => true,
          () => false,
        )
      )
        await removeTree(final);
      await rename(planned.job.target, final);
      placed.add(planned);
    }
    if (process.env[FAULT_VARIABLE] === 'crash-before-register')
      process.kill(process.pid, 'SIGKILL');
    await registerValidPaths(nix, [...placed].map(registration), store).catch(
      async (error: unknown) => {
        for (const planned of placed) await removeTree(finalOf(planned)); // invalid: not left behind
        throw error;
      },
    );
    return placed.size;
  } finally {
    for (const planned of ready) if (!placed.has(planned)) await removeTree(planned.job.target);
    locks.release();
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
