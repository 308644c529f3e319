import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hypernixBounded, type BoundedRun } from '../helpers/bounded.js';
import { freshNonce } from '../helpers/fixtures.js';
import { isValidIn, packFiles, readEntry, savedCache, type SavedCache } from '../hostile/cache.js';
import { FAULT_VARIABLE } from '../../src/store-cache/unpack/fault.js';
import { THREADS_VARIABLE } from '../../src/store-cache/unpack/worker-pool.js';
import { tempDir } from '../helpers/temp.js';

// The fast restore (NARs unpacked, hashed and registered by hypernix itself) into throwaway
// chroot stores (`--store DIR`) with real Nix: Nix's own `--verify --check-contents` judges every
// store afterwards. Damaged NARs, a missing reference and a restore killed half way must each
// leave the store consistent, and the next restore must complete.

const BOUNDS = { timeoutMs: 90_000, maxRssMiB: 500 };
const throwawayStore = () => join(tempDir('unpack-store-'), 'root');
const fresh = (): Promise<SavedCache> => savedCache('unpack');

function restore(dir: string, key: string, store: string, env = {}): Promise<BoundedRun> {
  return hypernixBounded(
    [
      'cache',
      'restore',
      '--dir',
      dir,
      '--key',
      key,
      '--store',
      store,
      '--json',
      '-v',
      '--restore-method',
      'unpack',
    ],
    { ...BOUNDS, env: { ...process.env, ...env } },
  );
}

/** Nix's verdict on the whole store: every valid path there and its contents. */
function expectConsistent(store: string): void {
  const verify = spawnSync('nix-store', ['--store', store, '--verify', '--check-contents'], {
    encoding: 'utf8',
  });
  expect(verify.status, verify.stderr).toBe(0);
  expect(verify.stderr).not.toMatch(/error|warning|modified|missing/i);
}

const leftovers = (store: string) =>
  readdirSync(join(store, 'nix', 'store')).filter((name) => name.startsWith('.hypernix-unpack-'));

/** Rewrites a path's NAR in the pack: decompressed, changed by `edit`, compressed again. */
function editNar(cache: SavedCache, path: string, edit: (nar: Buffer) => Buffer): void {
  const { nar } = packFiles(cache, path);
  const plain = execFileSync('zstd', ['-q', '-dc', nar]);
  writeFileSync(nar, execFileSync('zstd', ['-q', '-c'], { input: edit(plain) }));
}

describe('store cache: restore by unpacking', () => {
  it('restores a tree of every node kind with Nix metadata, verified clean', async () => {
    const root = tempDir('unpack-tree-');
    const file = join(root, 'tree.nix');
    writeFileSync(
      file,
      `{ nonce }: derivation { name = "unpack-tree"; system = builtins.currentSystem; builder = "/bin/sh";
        args = [ "-c" "/bin/mkdir -p $out/sub/deep $out/empty; echo \${nonce} > $out/a; printf x > $out/sub/deep/f; echo '#!/bin/sh' > $out/run; /bin/chmod +x $out/run; /bin/ln -s a $out/link; : > $out/zero; /usr/bin/head -c 9000000 /dev/urandom > $out/big" ]; }`,
    );
    const out = execFileSync(
      'nix-build',
      [file, '--no-out-link', '--argstr', 'nonce', freshNonce()],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ).trim();
    const dir = join(root, 'cache');
    const saved = await hypernixBounded(['cache', 'save', '--dir', dir, '--key', 't', out], BOUNDS);
    expect(saved.code, saved.stderr).toBe(0);
    const store = throwawayStore();
    const run = await restore(dir, 't', store);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('restoring with unpack');
    expect(JSON.parse(run.stdout)).toMatchObject({ hit: 'exact', paths: 1 });
    expect(isValidIn(out, store)).toBe(true);
    expectConsistent(store);
    const real = join(store, out);
    expect(
      execFileSync('nix-store', ['--dump', real], { maxBuffer: 1 << 26 }).equals(
        execFileSync('nix-store', ['--dump', out], { maxBuffer: 1 << 26 }),
      ),
    ).toBe(true);
    const modes = ['', 'sub', 'run', 'a', 'big'].map(
      (name) => lstatSync(join(real, name)).mode & 0o7777,
    );
    expect(modes).toEqual([0o555, 0o555, 0o555, 0o444, 0o444]);
    expect(lstatSync(join(real, 'link')).mtimeMs).toBe(1000);
    expect(leftovers(store)).toEqual([]);
  });

  const damaged: [string, (cache: SavedCache) => void, RegExp][] = [
    [
      'a flipped byte in the file contents (the NAR still parses)',
      (cache) =>
        editNar(cache, cache.lib, (nar) => {
          const at = nar.indexOf('lib-');
          nar.writeUInt8(nar.readUInt8(at) ^ 0x20, at);
          return nar;
        }),
      /its NAR hashes to sha256:\w{52}, the entry records sha256:\w{52}/,
    ],
    [
      'a flipped byte in the compressed NAR',
      (cache) => {
        const { nar } = packFiles(cache, cache.lib);
        const bytes = readFileSync(nar);
        bytes.writeUInt8(bytes.readUInt8(bytes.length - 6) ^ 0x01, bytes.length - 6);
        writeFileSync(nar, bytes);
      },
      /cannot import \S+-hostile-lib from the pack in \S+: (cannot unpack its NAR|its NAR)/,
    ],
    [
      'a planted NAR file far larger than its NarSize (never read whole)',
      (cache) => writeFileSync(packFiles(cache, cache.lib).nar, Buffer.alloc(3 << 20)),
      /its NAR file is 3145728 bytes, more than a NAR of its NarSize can take/,
    ],
    [
      'a truncated NAR',
      (cache) => editNar(cache, cache.lib, (nar) => nar.subarray(0, nar.length - 24)),
      /its NAR is \d+ bytes, the entry records \d+/,
    ],
  ];

  it.each(damaged)(
    '%s: nothing of it registered, the store consistent, then restored',
    async (_, damage, reason) => {
      const cache = await fresh();
      const intact = join(cache.dir, '..', 'intact');
      execFileSync('cp', ['-a', cache.dir, intact]);
      damage(cache);
      const store = throwawayStore();
      const run = await restore(cache.dir, cache.key, store);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).toMatch(
        new RegExp(
          `skipped pack \\S+ of unpack: cannot import ${cache.lib.replace(/[.]/g, '\\.')}`,
        ),
      );
      // lib is bad; app refers to it, so it is left out too (and said so).
      expect(run.stderr).toMatch(/and 1 more paths/);
      expect(isValidIn(cache.lib, store)).toBe(false);
      expect(isValidIn(cache.app, store)).toBe(false);
      expect(existsSync(join(store, cache.lib))).toBe(false);
      expect(existsSync(join(store, cache.app))).toBe(false);
      expect(leftovers(store)).toEqual([]);
      expectConsistent(store);
      const again = await restore(intact, cache.key, store);
      expect(JSON.parse(again.stdout), again.stderr).toMatchObject({ hit: 'exact', paths: 2 });
      expect(isValidIn(cache.app, store)).toBe(true);
      expectConsistent(store);
    },
  );

  it('leaves out a path whose reference is neither valid nor in the pack', async () => {
    const cache = await fresh();
    const entryFile = join(cache.dir, 'entries', `${cache.key}.json`);
    const entry = readEntry(cache);
    const pack = entry.packs[0] as (typeof entry.packs)[number];
    pack.paths = pack.paths.filter((info) => info.path !== cache.lib);
    writeFileSync(entryFile, JSON.stringify(entry));
    const store = throwawayStore();
    const run = await restore(cache.dir, cache.key, store);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `cannot import ${cache.app} from the pack in ${join(cache.dir, 'packs', pack.id)}: its reference ${cache.lib} is neither valid nor restored`,
    );
    expect(isValidIn(cache.app, store)).toBe(false);
    expect(existsSync(join(store, cache.app))).toBe(false);
    expect(leftovers(store)).toEqual([]);
    expectConsistent(store);
  });

  it.each(['crash-after-unpack', 'crash-before-register'])(
    'a restore killed at %s leaves a consistent store; the next one cleans up and completes',
    async (fault) => {
      const cache = await fresh();
      const store = throwawayStore();
      const crashed = await restore(cache.dir, cache.key, store, { [FAULT_VARIABLE]: fault });
      expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
      expect(isValidIn(cache.lib, store)).toBe(false);
      expect(isValidIn(cache.app, store)).toBe(false);
      // What the crash left: the directory of temporary trees (one per path), or the paths
      // renamed into place but not valid.
      if (fault === 'crash-after-unpack') {
        const [batch, ...more] = leftovers(store);
        expect(more).toEqual([]);
        expect(readdirSync(join(store, 'nix', 'store', batch as string)).sort()).toEqual(
          [cache.app, cache.lib].map((path) => path.split('/').at(-1)).sort(),
        );
      } else expect(existsSync(join(store, cache.lib))).toBe(true);
      expectConsistent(store);
      const next = await restore(cache.dir, cache.key, store);
      expect(next.code, next.stderr).toBe(0);
      expect(JSON.parse(next.stdout)).toMatchObject({ hit: 'exact', paths: 2 });
      expect(isValidIn(cache.app, store)).toBe(true);
      expect(leftovers(store)).toEqual([]);
      expect(
        readdirSync(join(store, 'nix', 'store')).filter((name) => name.endsWith('.lock')),
      ).toEqual([]);
      expectConsistent(store);
    },
  );
  it('an unpacking thread that dies: one line, nothing of it left or valid, then restored', async () => {
    const cache = await fresh();
    const store = throwawayStore();
    // Each thread dies after writing its first NAR's tree, before it answers.
    const run = await restore(cache.dir, cache.key, store, { [FAULT_VARIABLE]: 'crash-worker' });
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /skipped pack \S+ of unpack: cannot import \S+ from the pack in \S+: the thread unpacking its NAR stopped: it exited with code 3 \(and 1 more paths\)$/,
    );
    for (const path of [cache.lib, cache.app]) {
      expect(isValidIn(path, store)).toBe(false);
      expect(existsSync(join(store, path))).toBe(false);
    }
    expect(leftovers(store)).toEqual([]);
    expectConsistent(store);
    const again = await restore(cache.dir, cache.key, store);
    expect(JSON.parse(again.stdout), again.stderr).toMatchObject({ hit: 'exact', paths: 2 });
    expectConsistent(store);
  });

  it('unpacks on this thread when told to use none, verified clean', async () => {
    const cache = await fresh();
    const store = throwawayStore();
    const run = await restore(cache.dir, cache.key, store, { [THREADS_VARIABLE]: '0' });
    expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ hit: 'exact', paths: 2 });
    expect(isValidIn(cache.app, store)).toBe(true);
    expect(leftovers(store)).toEqual([]);
    expectConsistent(store);
  });

  it('a path valid already is left as it is, its NAR unread or unheeded even when damaged', async () => {
    const cache = await fresh();
    const store = throwawayStore();
    execFileSync('bash', [
      '-o',
      'pipefail',
      '-c',
      'nix-store --export "$1" | nix-store --store "$2" --import > /dev/null',
      'import',
      cache.lib,
      store,
    ]);
    const { nar } = packFiles(cache, cache.lib);
    const bytes = readFileSync(nar);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 6) ^ 0x01, bytes.length - 6);
    writeFileSync(nar, bytes);
    const run = await restore(cache.dir, cache.key, store);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/warning/);
    expect(JSON.parse(run.stdout)).toMatchObject({ hit: 'exact', paths: 2 });
    expect(isValidIn(cache.app, store)).toBe(true);
    expect(leftovers(store)).toEqual([]);
    expectConsistent(store);
  });

  it("waits for Nix's path lock that another process holds, then restores", async () => {
    const cache = await fresh();
    const store = throwawayStore();
    // The chroot store as Nix makes it, then a lock on lib's path as a Nix build would hold it.
    spawnSync('nix-store', [
      '--store',
      store,
      '--check-validity',
      '--print-invalid',
      '--',
      cache.lib,
    ]);
    const holder = spawn('flock', ['--exclusive', `${join(store, cache.lib)}.lock`, 'sleep', '3']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    const run = await restore(cache.dir, cache.key, store);
    const waited = Date.now() - started;
    expect(holder.exitCode, 'the holder was still holding the lock').toBe(0);
    expect(waited).toBeGreaterThan(2000);
    expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ hit: 'exact', paths: 2 });
    expect(
      readdirSync(join(store, 'nix', 'store')).filter((name) => name.endsWith('.lock')),
    ).toEqual([]);
    expectConsistent(store);
  });

  it("restores into the machine's own store by default, each path verified by Nix", async () => {
    const cache = await fresh();
    // Gone from the store (nothing roots them: built without links), then back from the cache.
    const deleted = spawnSync('nix-store', ['--delete', cache.app, cache.lib], {
      encoding: 'utf8',
    });
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(isValidIn(cache.app)).toBe(false);
    const run = await hypernixBounded(
      ['cache', 'restore', '--dir', cache.dir, '--key', cache.key, '--json', '-v'],
      BOUNDS,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('restoring with unpack');
    for (const path of [cache.lib, cache.app]) {
      expect(isValidIn(path)).toBe(true);
      const verify = spawnSync('nix-store', ['--verify-path', path], { encoding: 'utf8' });
      expect(verify.status, `${path}: ${verify.stderr}`).toBe(0);
    }
    expect(
      readdirSync('/nix/store').filter((name) => name.startsWith('.hypernix-unpack-')),
    ).toEqual([]);
  });

  it('takes a relative cache directory and chroot store, with either method', async () => {
    const cache = await fresh();
    const work = join(cache.dir, '..');
    for (const method of ['nix-copy', 'unpack']) {
      const store = join(work, `store-${method}`);
      const run = await hypernixBounded(
        ['cache', 'restore', '--dir', 'cache', '--key', cache.key, '--store', `store-${method}`],
        { ...BOUNDS, cwd: work, env: { ...process.env } },
      );
      expect(run.code, `${method}: ${run.stderr}`).toBe(0);
      expect(isValidIn(cache.app, store)).toBe(true);
      expectConsistent(store);
    }
  });
});
