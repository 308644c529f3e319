import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { HypernixError } from '../util/errors.js';

export class EntryLockError extends HypernixError {
  override name = 'EntryLockError';
}

// The lock is held only to read, merge and rename one small JSON file: milliseconds. One older
// than this was left by a save that died, and is taken over.
const STALE_MS = 30_000;
const GIVE_UP_MS = 90_000;

/**
 * Runs `body` holding `<file>.lock`, made with O_CREAT|O_EXCL. Why a lock file and not a
 * compare-and-swap: rename() replaces an existing entry unconditionally, and link() only
 * creates new names, so a directory offers no atomic "replace only if unchanged"; O_EXCL
 * creation is atomic on local file systems and on NFSv3 and later, where shared cache
 * directories live. Waiting is with backoff and jitter; a stale lock (a crashed save) is moved
 * aside with an atomic rename, so two waiters cannot both take it over.
 */
export async function withEntryLock<T>(file: string, body: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    const handle = await open(lock, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw error;
    });
    if (handle) {
      try {
        await handle.writeFile(`${process.pid}@${hostname()} ${new Date().toISOString()}\n`);
      } finally {
        await handle.close();
      }
      try {
        return await body();
      } finally {
        await rm(lock, { force: true });
      }
    }
    await takeOverIfStale(lock);
    if (Date.now() - started > GIVE_UP_MS) {
      throw new EntryLockError(
        `${lock} has been held for over ${GIVE_UP_MS / 1000} s by another save; remove it if no save is running`,
      );
    }
    const backoff = Math.min(2000, 20 * 2 ** Math.min(attempt, 7));
    await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
  }
}

async function takeOverIfStale(lock: string): Promise<void> {
  const info = await stat(lock).catch(() => undefined);
  if (!info || Date.now() - info.mtimeMs < STALE_MS) return;
  const aside = `${lock}.stale-${randomBytes(6).toString('hex')}`;
  // Only one waiter's rename finds the stale lock; the others find nothing and wait on.
  if (
    await rename(lock, aside).then(
      () => true,
      () => false,
    )
  )
    await rm(aside, { force: true });
}
