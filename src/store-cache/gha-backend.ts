import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as actionsCache from '@actions/cache';
import type { Reporter } from '../util/reporter.js';
import { HypernixError } from '../util/errors.js';
import type { CacheBackend, NewPack } from './backend.js';
import { parseEntry, type CacheEntry, type PackRecord } from './entry.js';
import { LibraryOutput, type LibraryNotes } from './gha-library.js';

export class GithubCacheError extends HypernixError {
  override name = 'GithubCacheError';
}

/** The calls of @actions/cache this backend makes; tests and other hosts can pass their own. */
export interface CacheLibrary {
  isFeatureAvailable(): boolean;
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[],
    options?: { lookupOnly?: boolean },
  ): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface GithubBackendOptions {
  /** Where cache archives are packed and unpacked; the same path on every run (it is part of the cache version). */
  transferDir: string;
  /** Where downloaded packs and entries are kept for the rest of the job. */
  localDir: string;
  /** The longest wait for a rate limit before giving up with a warning. */
  maxRateLimitWaitSeconds: number;
  /** Tries of a call the service rate-limited, the first included. */
  rateLimitTries: number;
}

/** The GitHub cache takes at most 10 keys in a lookup; one is the primary key, one our own prefix. */
const MAX_RESTORE_KEYS = 8;

export function defaultGithubBackendOptions(
  env: NodeJS.ProcessEnv = process.env,
): GithubBackendOptions {
  const temp = env.RUNNER_TEMP || tmpdir();
  return {
    transferDir: join(temp, 'hypernix-store-cache'),
    localDir: join(temp, 'hypernix-store-cache-local'),
    maxRateLimitWaitSeconds: 60,
    rateLimitTries: 3,
  };
}

/**
 * The GitHub Actions cache, through the real @actions/cache library. Each save adds exactly one
 * cache entry, keyed `<key>/<pack id>`, holding the new pack and the chain's entry; earlier packs
 * of the chain stay in the cache entries that brought them, found by the key their record names.
 * So a lookup of `<key>/` finds the newest chain for the key, and restore-keys work as prefixes.
 *
 * Entries are archives of one directory (`transferDir`): the library tars and compresses it and
 * its path is part of the cache version, so it is the same on every run. Downloaded packs move to
 * `localDir` at once, so the transfer directory only ever holds what one save writes.
 */
export class GithubCacheBackend implements CacheBackend {
  readonly name = 'gha';
  private readonly output: LibraryOutput;

  constructor(
    private readonly reporter: Reporter,
    private readonly options: GithubBackendOptions = defaultGithubBackendOptions(),
    private readonly library: CacheLibrary = actionsCache,
  ) {
    this.output = new LibraryOutput(reporter);
  }

  /** Fails with one line when the runner offers no cache service (ACTIONS_RESULTS_URL unset). */
  ensureAvailable(): void {
    if (!this.library.isFeatureAvailable()) {
      throw new GithubCacheError(
        'the GitHub Actions cache is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL: not on a GitHub runner?)',
      );
    }
  }

  async find(key: string, restoreKeys: string[]) {
    this.ensureAvailable();
    const ownPrefix = `${key}/`;
    const prefixes = [ownPrefix, ...restoreKeys.slice(0, MAX_RESTORE_KEYS)];
    if (restoreKeys.length > MAX_RESTORE_KEYS) {
      this.reporter.warning(
        `store cache: the GitHub cache takes ${MAX_RESTORE_KEYS} restore keys; ignoring ${restoreKeys.slice(MAX_RESTORE_KEYS).join(', ')}`,
      );
    }
    // Only the key is looked up first, without a download: a save in post usually finds the
    // entry main restored already here.
    const matched = await this.call('look up', () =>
      this.library.restoreCache([this.options.transferDir], ownPrefix, prefixes, {
        lookupOnly: true,
      }),
    );
    if (matched === undefined) return undefined;
    const packId = packIdOf(matched);
    if (!packId) return undefined; // not one of ours
    const entry = (await this.localEntry(packId)) ?? (await this.download(matched, packId));
    return { entry, exact: matched.startsWith(ownPrefix) };
  }

  async fetchPack(pack: PackRecord): Promise<string> {
    const local = join(this.options.localDir, 'packs', pack.id);
    if (await isDirectory(local)) return local;
    if (!pack.location) {
      throw new GithubCacheError(`pack ${pack.id} has no GitHub cache key`);
    }
    await this.download(pack.location, pack.id);
    return local;
  }

  /** A downloaded pack is as large as what it restored: it goes once imported, not at job end. */
  async releasePack(pack: PackRecord): Promise<void> {
    await rm(join(this.options.localDir, 'packs', pack.id), { recursive: true, force: true });
  }

  async stagingDir(packId: string): Promise<string> {
    // The transfer directory is archived whole: it holds the new pack and nothing else.
    await rm(this.options.transferDir, { recursive: true, force: true });
    const dir = join(this.options.transferDir, 'packs', packId);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  async commit(entry: CacheEntry, added: NewPack): Promise<void> {
    this.ensureAvailable();
    const cacheKey = `${entry.key}/${added.record.id}`;
    added.record.location = cacheKey;
    const entries = join(this.options.transferDir, 'entries');
    await mkdir(entries, { recursive: true });
    await writeFile(join(entries, `${added.record.id}.json`), `${JSON.stringify(entry)}\n`);
    const id = await this.call('save', () =>
      this.library.saveCache([this.options.transferDir], cacheKey),
    );
    if (id === -1) throw new GithubCacheError(`the GitHub cache did not take ${cacheKey}`);
  }

  /** Downloads one cache entry, moves its pack and entry to the local directory, reads the entry. */
  private async download(cacheKey: string, packId: string): Promise<CacheEntry> {
    const matched = await this.call('restore', () =>
      this.library.restoreCache([this.options.transferDir], cacheKey),
    );
    if (matched !== cacheKey) {
      throw new GithubCacheError(`the GitHub cache no longer has ${cacheKey}`);
    }
    const from = (...parts: string[]) => join(this.options.transferDir, ...parts);
    const to = (...parts: string[]) => join(this.options.localDir, ...parts);
    await mkdir(to('packs'), { recursive: true });
    await mkdir(to('entries'), { recursive: true });
    try {
      await rm(to('packs', packId), { recursive: true, force: true });
      await rename(from('packs', packId), to('packs', packId));
      await rename(from('entries', `${packId}.json`), to('entries', `${packId}.json`));
    } catch (error) {
      // The library extracts relative to the workspace: a moved workspace puts it elsewhere.
      throw new GithubCacheError(
        `${cacheKey} did not unpack into ${this.options.transferDir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const entry = await this.localEntry(packId);
    if (!entry) throw new GithubCacheError(`${cacheKey} holds no readable entry`);
    return entry;
  }

  private async localEntry(packId: string): Promise<CacheEntry | undefined> {
    const file = join(this.options.localDir, 'entries', `${packId}.json`);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    // A damaged entry throws, naming what is wrong; the lookup reports it and misses.
    return text === undefined ? undefined : parseEntry(text, `the GitHub cache entry ${packId}`);
  }

  /**
   * One library call, its output taken off stdout. A rate limit (429) is waited out, as long as
   * the service asked (Retry-After) up to a bound, and tried again; past that, or on any other
   * failure the library reported, the call fails with the library's own words.
   */
  private async call<T>(what: string, body: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const { value, notes } = await this.output.run(body);
      // Calls overlap (packs download side by side), so notes may be another call's: a call
      // that answered is done, whatever was said meanwhile.
      if (!isFailure(value)) return value;
      if (notes.rateLimitSeconds === undefined) {
        if (notes.problems.length > 0) {
          throw new GithubCacheError(`GitHub cache ${what}: ${lastProblem(notes)}`);
        }
        return value; // a miss
      }
      const wait = Math.max(1, notes.rateLimitSeconds);
      if (attempt >= this.options.rateLimitTries || wait > this.options.maxRateLimitWaitSeconds) {
        throw new GithubCacheError(
          `GitHub cache ${what}: rate limited${notes.rateLimitSeconds ? ` for ${notes.rateLimitSeconds} s` : ''}, gave up after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`,
        );
      }
      this.reporter.info(`store cache: the GitHub cache is rate limited; waiting ${wait} s`);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

function isFailure(value: unknown): boolean {
  return value === undefined || value === -1;
}

function lastProblem(notes: LibraryNotes): string {
  return notes.problems.at(-1)?.split('\n')[0] ?? 'failed';
}

/** `<key>/<pack id>` → the pack id. */
function packIdOf(cacheKey: string): string | undefined {
  const id = cacheKey.slice(cacheKey.lastIndexOf('/') + 1);
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
