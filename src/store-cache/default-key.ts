import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { join, relative } from 'node:path';

/** The Nix system of this machine, as the key names it (x86_64-linux, aarch64-darwin, …). */
export function nixSystem(): string {
  const cpu = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch();
  return `${cpu}-${platform()}`;
}

const SKIP = new Set(['.git', 'node_modules', 'result', '.direnv']);
const MAX_FILES = 5000;

/** The Nix and lock files under a directory, in a stable order, bounded for huge trees. */
async function inputFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    if (found.length >= MAX_FILES) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIP.has(entry.name) || entry.name.startsWith('result-')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && (entry.name.endsWith('.nix') || entry.name.endsWith('.lock')))
        found.push(path);
    }
  };
  await walk(root);
  return found;
}

/**
 * The default cache key: the system and a hash of the build's Nix and lock files, so the key
 * changes exactly when what the build evaluates can change. The restore key is the same without
 * the hash: any earlier entry of this system is a good start.
 */
export async function defaultCacheKey(
  workingDirectory: string,
): Promise<{ key: string; restoreKeys: string[] }> {
  const hash = createHash('sha256');
  for (const file of await inputFiles(workingDirectory)) {
    hash
      .update(relative(workingDirectory, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  const prefix = `hypernix-store-${nixSystem()}-`;
  return { key: `${prefix}${hash.digest('hex').slice(0, 16)}`, restoreKeys: [prefix] };
}
