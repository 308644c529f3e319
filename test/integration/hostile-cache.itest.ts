import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneCleanError, hypernixBounded, type BoundedRun } from '../helpers/bounded.js';
import {
  buildPair,
  HOSTILE_CACHE_CASES,
  isValidIn,
  PLANTED,
  savedCache,
  type SavedCache,
} from '../hostile/cache.js';
import { parseEntry } from '../../src/store-cache/entry.js';
import { entryFileName } from '../../src/store-cache/dir-backend.js';
import { tempDir } from '../helpers/temp.js';

// Hostile cache entries and packs (test/hostile/cache.ts), restored by the bundled CLI into a
// throwaway store (`--store DIR`, a chroot store), so whatever a restore registers is seen there
// and the host's store is not touched. Caching never fails a build: a hostile entry is a miss
// with a warning, a hostile pack is skipped with a warning naming it; nothing is written outside
// the cache, no planted path is registered, and the report never says a skipped pack restored.

const BOUNDS = { timeoutMs: 60_000, maxRssMiB: 400 };
const throwawayStore = () => join(tempDir('hostile-store-'), 'root');

function storeContents(store: string): string[] {
  if (!existsSync(join(store, 'nix', 'var', 'nix', 'db'))) return [];
  const out = execFileSync(
    'nix',
    ['--extra-experimental-features', 'nix-command', 'path-info', '--store', store, '--all'],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean);
}

async function restore(cache: SavedCache, store: string, key = cache.key): Promise<BoundedRun> {
  return hypernixBounded(
    ['cache', 'restore', '--dir', cache.dir, '--key', key, '--store', store, '--json'],
    BOUNDS,
  );
}

const fresh = (key?: string): Promise<SavedCache> => savedCache(key);

describe('hostile cache entries and packs', () => {
  it('restores an untouched cache into the throwaway store (the control)', async () => {
    const cache = await fresh();
    const store = throwawayStore();
    const run = await restore(cache, store);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ hit: 'exact', paths: 2 });
    expect(storeContents(store).sort()).toEqual([cache.app, cache.lib].sort());
  });

  it.each(HOSTILE_CACHE_CASES.map((c) => [c.name, c] as const))('%s', async (_, hostile) => {
    const cache = await fresh();
    hostile.edit(cache);
    const store = throwawayStore();
    const run = await restore(cache, store);
    expect(run.killedFor, run.stderr).toBeUndefined();
    expect(run.code, run.stderr).toBe(0); // a cache problem never fails the build
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m);
    expect(run.stderr).toMatch(hostile.warning(cache));
    expect(run.stderr).not.toMatch(/restored [1-9]\d* paths/);
    expect(JSON.parse(run.stdout)).toMatchObject({ hit: 'miss', paths: 0 });
    // Nothing registered, nothing written outside, no planted path anywhere.
    expect(storeContents(store)).toEqual([]);
    expect(existsSync(cache.outside)).toBe(false);
    expect(isValidIn(PLANTED)).toBe(false);
    expect(isValidIn(PLANTED, store)).toBe(false);
  });

  it('skips only the bad pack of a chain and restores the good one, verified by Nix', async () => {
    const cache = await fresh();
    const later = buildPair();
    const saved = await hypernixBounded(
      ['cache', 'save', '--dir', cache.dir, '--key', cache.key, cache.app, later.app],
      BOUNDS,
    );
    expect(saved.code, saved.stderr).toBe(0);
    const entryPath = join(cache.dir, 'entries', `${cache.key}.json`);
    const entry = parseEntry(readFileSync(entryPath, 'utf8'), entryPath);
    expect(entry.packs).toHaveLength(2);
    // The first pack's narinfo for lib now claims the planted path.
    const first = join(cache.dir, 'packs', entry.packs[0]?.id ?? '');
    const narinfo = join(first, `${cache.lib.slice(11, 43)}.narinfo`);
    writeFileSync(
      narinfo,
      readFileSync(narinfo, 'utf8').replace(/^StorePath: .*$/m, `StorePath: ${PLANTED}`),
    );
    const store = throwawayStore();
    const run = await restore(cache, store);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`skipped pack ${entry.packs[0]?.id} of hostile: ${cache.lib}`);
    expect(run.stderr).toMatch(/restored 2 paths from hostile \(exact hit; 1 of 2 packs skipped\)/);
    expect(JSON.parse(run.stdout)).toMatchObject({ hit: 'exact', paths: 2 });
    expect(storeContents(store).sort()).toEqual([later.app, later.lib].sort());
    const verify = spawnSync('nix-store', ['--store', store, '--verify', '--check-contents']);
    expect(verify.status, String(verify.stderr)).toBe(0);
  });
});

describe('cache keys of every accepted length', () => {
  it.each([251, 475])('saves and restores under a %i-character key', async (length) => {
    const key = `k${'-0123456789'.repeat(50)}`.slice(0, length);
    const cache = await fresh(key);
    expect(readdirSync(join(cache.dir, 'entries'))).toEqual([entryFileName(key)]);
    const store = throwawayStore();
    const exact = await restore(cache, store);
    expect(exact.code, exact.stderr).toBe(0);
    expect(JSON.parse(exact.stdout)).toMatchObject({ hit: 'exact', key, paths: 2 });
    // A restore key longer than the file name's plain part still finds it (by the key inside).
    const byPrefix = await hypernixBounded(
      [
        'cache',
        'restore',
        '--dir',
        cache.dir,
        '--key',
        'other',
        '--restore-key',
        key.slice(0, 240),
        '--store',
        throwawayStore(),
        '--json',
      ],
      BOUNDS,
    );
    expect(JSON.parse(byPrefix.stdout)).toMatchObject({ hit: 'partial', key, paths: 2 });
    const wrongPrefix = await hypernixBounded(
      [
        'cache',
        'restore',
        '--dir',
        cache.dir,
        '--key',
        'other',
        '--restore-key',
        `${key.slice(0, 239)}X`,
        '--store',
        throwawayStore(),
        '--json',
      ],
      BOUNDS,
    );
    expect(JSON.parse(wrongPrefix.stdout)).toMatchObject({ hit: 'miss' });
  });
});

describe('concurrent saves to one key', () => {
  it('keeps both saves in the entry, ten rounds, and leaves no unlisted pack', async () => {
    const dir = tempDir('hostile-concurrent-');
    const listed = new Set<string>();
    for (let round = 0; round < 10; round += 1) {
      const a = buildPair();
      const b = buildPair();
      const save = (path: string) =>
        hypernixBounded(
          ['cache', 'save', '--dir', dir, '--key', 'shared', '--max-pack-chain', '100', path],
          BOUNDS,
        );
      const runs = await Promise.all([save(a.app), save(b.app)]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const file = join(dir, 'entries', 'shared.json');
      const entry = parseEntry(readFileSync(file, 'utf8'), file);
      const paths = new Set(entry.packs.flatMap((pack) => pack.paths.map((info) => info.path)));
      for (const path of [a.app, a.lib, b.app, b.lib])
        expect(paths, `round ${round}`).toContain(path);
      for (const pack of entry.packs) listed.add(pack.id);
      const onDisk = readdirSync(join(dir, 'packs'));
      expect(onDisk.sort(), `round ${round}`).toEqual(entry.packs.map((pack) => pack.id).sort());
    }
    expect(listed.size).toBe(20);
    expect(readdirSync(join(dir, 'entries'))).toEqual(['shared.json']);
  });
});

describe('a full cache disk', () => {
  it('says ENOSPC plainly, naming the directory, and leaves no pack behind', async () => {
    const mount = tempDir('hostile-tmpfs-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]);
    try {
      const dir = join(mount, 'cache');
      mkdirSync(dir);
      const big = join(tempDir('hostile-big-'), 'big.nix');
      writeFileSync(
        big,
        `derivation { name = "hostile-big"; system = builtins.currentSystem; builder = "/bin/sh";
          args = [ "-c" "/usr/bin/head -c 1000000 /dev/urandom > $out # ${Date.now()}" ]; }`,
      );
      const out = execFileSync('nix-build', [big, '--no-out-link'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const run = await hypernixBounded(
        ['cache', 'save', '--dir', dir, '--key', 'full', out],
        BOUNDS,
      );
      const line = expectOneCleanError(run);
      expect(line).toContain(dir);
      expect(line).toContain('no space left on device (ENOSPC)');
      expect(line).not.toContain('--show-trace');
      expect(readdirSync(join(dir, 'packs'))).toEqual([]);
      expect(existsSync(join(dir, 'entries', 'full.json'))).toBe(false);
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});
