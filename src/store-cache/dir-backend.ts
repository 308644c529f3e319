import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reporter } from '../util/reporter.js';
import { describeError, HypernixError } from '../util/errors.js';
import type { CacheBackend, NewPack } from './backend.js';
import { withEntryLock } from './entry-lock.js';
import {
  CacheEntryError,
  mergeEntry,
  PACK_ID,
  parseEntry,
  type CacheEntry,
  type PackRecord,
} from './entry.js';

// How old an unlisted pack must be before a save removes it (see removeUnreferencedPacks).
const PACK_GRACE_MS = 60 * 60 * 1000;
// Keys up to this long name their entry file as they are; longer ones (up to MAX_KEY_LENGTH)
// would pass the 255-byte file name limit with the suffixes, so they are shortened and hashed.
const PLAIN_KEY_MAX = 200;
const HASHED_HEAD = 120;

export class CacheDirectoryError extends HypernixError {
  override name = 'CacheDirectoryError';
}

/**
 * The entry file name of a key: `<key>.json`, or for a long key `<first 120>~<sha256>.json`
 * (`~` is never in a key, so the two forms cannot meet). The key itself is inside the entry.
 */
export function entryFileName(key: string): string {
  if (key.length <= PLAIN_KEY_MAX) return `${key}.json`;
  const hash = createHash('sha256').update(key).digest('hex');
  return `${key.slice(0, HASHED_HEAD)}~${hash}.json`;
}

/** Whether an entry file may hold a key starting with `prefix`, judged by its name. */
function mayMatch(name: string, prefix: string): boolean {
  const stem = name.slice(0, -'.json'.length);
  const tilde = stem.indexOf('~');
  if (tilde < 0) return stem.startsWith(prefix);
  const head = stem.slice(0, tilde);
  return prefix.length <= head.length ? head.startsWith(prefix) : prefix.startsWith(head);
}

/**
 * A cache in a directory: `packs/<id>/` are packs (each a Nix binary cache), `entries/*.json`
 * the chains. Packs are shared by entries; every write goes to a temporary name and is renamed,
 * so a reader never sees half a pack or half an entry. An entry that is not one we wrote is
 * reported (when a reporter is given) and passed over.
 */
export class DirectoryBackend implements CacheBackend {
  readonly name = 'dir';

  constructor(
    readonly root: string,
    private readonly reporter?: Reporter,
  ) {}

  private entryFile(key: string): string {
    return join(this.root, 'entries', entryFileName(key));
  }

  /** Fails early, with the directory's name, when the cache cannot be written. */
  async ensureWritable(label: string): Promise<void> {
    try {
      await mkdir(join(this.root, 'entries'), { recursive: true });
      await mkdir(join(this.root, 'packs'), { recursive: true });
      const probe = join(this.root, `.probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe);
    } catch (error) {
      throw new CacheDirectoryError(
        `${label}: cannot write the cache directory ${this.root} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        { cause: error },
      );
    }
  }

  async find(key: string, restoreKeys: string[]) {
    const exact = await this.readEntry(this.entryFile(key), (entry) => entry.key === key);
    if (exact) return { entry: exact, exact: true };
    let names: string[];
    try {
      names = (await readdir(join(this.root, 'entries'))).filter((name) => name.endsWith('.json'));
    } catch {
      return undefined;
    }
    for (const prefix of restoreKeys) {
      const dated = await Promise.all(
        names
          .filter((name) => mayMatch(name, prefix))
          .map(async (name) => ({
            file: join(this.root, 'entries', name),
            time: (await stat(join(this.root, 'entries', name)).catch(() => undefined))?.mtimeMs,
          })),
      );
      dated.sort((a, b) => (b.time ?? 0) - (a.time ?? 0));
      for (const { file } of dated) {
        const entry = await this.readEntry(file, (read) => read.key.startsWith(prefix));
        if (entry) return { entry, exact: false };
      }
    }
    return undefined;
  }

  /**
   * The entry in `file`, if there is one and it is what the name promises (`belongs`); a file
   * that is not a valid entry is reported as a warning and taken as none.
   */
  private async readEntry(
    file: string,
    belongs: (entry: CacheEntry) => boolean,
    quiet = false,
  ): Promise<CacheEntry | undefined> {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const entry = parseEntry(text, `the cache entry ${file}`);
      if (!belongs(entry)) {
        throw new CacheEntryError(`the cache entry ${file} holds another key (${entry.key})`);
      }
      return entry;
    } catch (error) {
      if (!quiet) this.reporter?.warning(`store cache: ${describeError(error)}; ignored`);
      return undefined;
    }
  }

  private packDir(packId: string): string {
    // Ids come from entries, which anyone with write access to the cache could have edited.
    if (!PACK_ID.test(packId) || packId.includes('..')) {
      throw new CacheDirectoryError(`pack id ${JSON.stringify(packId)} is not a plain name`);
    }
    return join(this.root, 'packs', packId);
  }

  async fetchPack(pack: PackRecord): Promise<string> {
    const dir = this.packDir(pack.id);
    if (!(await stat(join(dir, 'nix-cache-info')).catch(() => undefined))?.isFile()) {
      throw new CacheDirectoryError(`the cache in ${this.root} has no pack ${pack.id}`);
    }
    return dir;
  }

  /** The pack is the cache itself: it stays. */
  async releasePack(): Promise<void> {}

  async stagingDir(packId: string): Promise<string> {
    const dir = join(this.root, 'packs', `.${packId}.${process.pid}.tmp`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * Renames the pack into place, then, holding the entry's lock, merges it into the entry as it
   * is now (another save may have added to it since `base` was read) and renames the new entry
   * over it. When the entry cannot be written, the pack goes again: nothing unlisted is left.
   */
  async commit(entry: CacheEntry, added: NewPack, base?: CacheEntry): Promise<void> {
    const packDir = this.packDir(added.record.id);
    await this.writing(() => rename(added.dir, packDir));
    const target = this.entryFile(entry.key);
    try {
      await this.writing(() => mkdir(join(this.root, 'entries'), { recursive: true }));
      await this.writing(() =>
        withEntryLock(target, async () => {
          const current = await this.readEntry(target, (read) => read.key === entry.key, true);
          const merged = mergeEntry(current, base, entry);
          const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
          try {
            await writeFile(temporary, `${JSON.stringify(merged, null, 1)}\n`);
            await rename(temporary, target);
          } catch (error) {
            await rm(temporary, { force: true });
            throw error;
          }
        }),
      );
    } catch (error) {
      await rm(packDir, { recursive: true, force: true });
      throw error;
    }
    await this.removeUnreferencedPacks();
  }

  /** A file system error while writing, as one line naming the cache directory. */
  private async writing<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof HypernixError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : (code ?? describeError(error));
      throw new CacheDirectoryError(`cannot write the cache directory ${this.root}: ${why}`, {
        cause: error,
      });
    }
  }

  /**
   * Packs no entry lists any more (a compacted chain replaced them, or a save died between
   * writing its pack and its entry) are removed, so a shared disk does not fill with them. Only
   * those older than PACK_GRACE_MS: another runner's save renames its pack into place a moment
   * before it writes the entry that lists it.
   */
  private async removeUnreferencedPacks(): Promise<void> {
    const entries = await readdir(join(this.root, 'entries')).catch(() => [] as string[]);
    const listed = new Set<string>();
    for (const name of entries.filter((file) => file.endsWith('.json'))) {
      const entry = await this.readEntry(join(this.root, 'entries', name), () => true, true);
      if (!entry) return; // an entry being written or unreadable: keep everything this time
      for (const pack of entry.packs) listed.add(pack.id);
    }
    const cutoff = Date.now() - PACK_GRACE_MS;
    for (const id of await readdir(join(this.root, 'packs')).catch(() => [] as string[])) {
      // Staging directories (`.<id>.<pid>.tmp`) of saves that died go after the same grace.
      if (listed.has(id) || (id.startsWith('.') && !id.endsWith('.tmp'))) continue;
      const info = await stat(join(this.root, 'packs', id)).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) {
        await rm(join(this.root, 'packs', id), { recursive: true, force: true });
      }
    }
  }
}
