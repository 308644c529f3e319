import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTree } from './unpack-nar.js';

/** The prefix of the directory a restore unpacks into in the store: `.hypernix-unpack-<pid>-<random>`. */
export const UNPACK_PREFIX = '.hypernix-unpack-';

// A temporary tree older than this is gone stale even if its pid is alive again (pid reuse).
const STALE_AFTER_MS = 24 * 3600 * 1000;

/** The name of a restore's temporary directory, owned by this process. */
export function unpackName(random: string, pid = process.pid): string {
  return `${UNPACK_PREFIX}${pid}-${random}`;
}

/**
 * Removes the temporary directories (and the trees in them) a restore left in the store
 * directory when it died between unpacking and renaming (their process is gone, or they are a day old). Returns how many.
 * Nix's garbage collector would delete them too: it deletes whatever in the store directory is
 * not a valid path (2.8's collectGarbage reads the directory and deletes names that are not
 * store paths); this does not wait for a collection.
 */
export async function removeStaleUnpacks(realStoreDir: string): Promise<number> {
  const names = await readdir(realStoreDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const match = /^\.hypernix-unpack-(\d+)-/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const path = join(realStoreDir, name);
    const age = await stat(path).then(
      (info) => Date.now() - info.ctimeMs,
      () => 0,
    );
    if (pid === process.pid || (processAlive(pid) && age < STALE_AFTER_MS)) continue;
    await removeTree(path).catch(() => undefined);
    removed += 1;
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}
