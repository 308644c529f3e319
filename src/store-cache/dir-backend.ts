import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HypernixError } from '../util/errors.js';
import type { CacheBackend, NewPack } from './backend.js';
import { parseEntry, type CacheEntry, type PackRecord } from './entry.js';

// How old an unlisted pack must be before a save removes it (see removeUnreferencedPacks).
const PACK_GRACE_MS = 60 * 60 * 1000;

export class CacheDirectoryError extends HypernixError {
  override name = 'CacheDirectoryError';
}

/**
 * A cache in a directory: `packs/<id>/` are packs (each a Nix binary cache), `entries/<key>.json`
 * the chains. Packs are shared by entries; every write goes to a temporary name and is renamed,
 * so a reader never sees half a pack or half an entry.
 */
export class DirectoryBackend implements CacheBackend {
  readonly name = 'dir';

  constructor(readonly root: string) {}

  private entryFile(key: string): string {
    return join(this.root, 'entries', `${key}.json`);
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
        {
          cause: error,
        },
      );
    }
  }

  async find(key: string, restoreKeys: string[]) {
    const exact = await this.readEntry(key);
    if (exact) return { entry: exact, exact: true };
    let names: string[];
    try {
      names = (await readdir(join(this.root, 'entries'))).filter((name) => name.endsWith('.json'));
    } catch {
      return undefined;
    }
    for (const prefix of restoreKeys) {
      const matching = names.filter((name) => name.startsWith(prefix));
      const dated = await Promise.all(
        matching.map(async (name) => ({
          name,
          time: (await stat(join(this.root, 'entries', name))).mtimeMs,
        })),
      );
      const newest = dated.sort((a, b) => b.time - a.time)[0];
      if (newest) {
        const entry = await this.readEntry(newest.name.replace(/\.json$/, ''));
        if (entry) return { entry, exact: false };
      }
    }
    return undefined;
  }

  private async readEntry(key: string): Promise<CacheEntry | undefined> {
    const text = await readFile(this.entryFile(key), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : parseEntry(text);
  }

  private packDir(packId: string): string {
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

  async commit(entry: CacheEntry, added: NewPack): Promise<void> {
    await rename(added.dir, this.packDir(added.record.id));
    await mkdir(join(this.root, 'entries'), { recursive: true });
    const target = this.entryFile(entry.key);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(entry, null, 1)}\n`);
    await rename(temporary, target);
    await this.removeUnreferencedPacks();
  }

  /**
   * Packs no entry lists any more (a compacted chain replaced them) are removed, so a shared disk
   * does not fill with them. Only those older than PACK_GRACE_MS: another runner's save renames
   * its pack into place a moment before it writes the entry that lists it.
   */
  private async removeUnreferencedPacks(): Promise<void> {
    const entries = await readdir(join(this.root, 'entries')).catch(() => [] as string[]);
    const listed = new Set<string>();
    for (const name of entries.filter((file) => file.endsWith('.json'))) {
      const entry = await this.readEntry(name.slice(0, -'.json'.length));
      if (!entry) return; // an entry being written or unreadable: keep everything this time
      for (const pack of entry.packs) listed.add(pack.id);
    }
    const cutoff = Date.now() - PACK_GRACE_MS;
    for (const id of await readdir(join(this.root, 'packs')).catch(() => [] as string[])) {
      if (id.startsWith('.') || listed.has(id)) continue;
      const info = await stat(this.packDir(id)).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) {
        await rm(this.packDir(id), { recursive: true, force: true });
      }
    }
  }
}
