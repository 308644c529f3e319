import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hypernix, lastLine } from '../helpers/cli.js';
import { FIXTURES, IMAGES_NIX, freshNonce } from '../helpers/fixtures.js';
import { parseEntry, type PackRecord } from '../../src/store-cache/entry.js';
import { tempDir } from '../helpers/temp.js';

// The store cache with the directory backend, against the real Nix store: paths are saved,
// collected away, restored through nix copy --from file:// and checked by Nix itself.

function build(attribute: string, nonce: string): { out: string; log: string } {
  const result = spawnSync(
    'nix-build',
    [IMAGES_NIX, '-A', attribute, '--no-out-link', '--argstr', 'nonce', nonce],
    {
      encoding: 'utf8',
    },
  );
  expect(result.status, result.stderr).toBe(0);
  return { out: result.stdout.trim(), log: result.stderr };
}

function closure(path: string): string[] {
  return execFileSync('nix-store', ['-qR', path], { encoding: 'utf8' }).trim().split('\n');
}

function collect(paths: string[]): void {
  execFileSync('nix-store', ['--delete', ...paths], { stdio: 'ignore' });
  for (const path of paths)
    expect(spawnSync('nix-store', ['--check-validity', path]).status).not.toBe(0);
}

/** The packs the entry of `key` lists, read the way the cache reads it. */
function entryPacks(dir: string, key: string): PackRecord[] {
  const file = join(dir, 'entries', `${key}.json`);
  return parseEntry(readFileSync(file, 'utf8'), file).packs;
}

const packsIn = (dir: string) =>
  readdirSync(join(dir, 'packs')).filter((name) => !name.startsWith('.'));

/** The NAR file and narinfo of one store path in a pack (a Nix binary cache). */
function narOf(packDir: string, storePath: string): { nar: string; narinfo: string } {
  const hash = storePath.slice('/nix/store/'.length, '/nix/store/'.length + 32);
  const narinfo = join(packDir, `${hash}.narinfo`);
  const url = /^URL: (.+)$/m.exec(readFileSync(narinfo, 'utf8'))?.[1] ?? '';
  return { nar: join(packDir, url), narinfo };
}

describe('store cache in a directory', () => {
  it('saves the closure, restores it after a collection, and the build then builds nothing', async () => {
    const dir = tempDir('store-cache-');
    const nonce = freshNonce();
    const { out } = build('qcow', nonce);
    const paths = closure(out);
    const saved = await hypernix([
      'cache',
      'save',
      '--dir',
      dir,
      '--key',
      `nix-${nonce}`,
      out,
      '--json',
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ paths: paths.length, compacted: false });

    collect(paths);
    const restored = await hypernix([
      'cache',
      'restore',
      '--dir',
      dir,
      '--key',
      `nix-${nonce}`,
      '--json',
    ]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ hit: 'exact', paths: paths.length });
    for (const path of paths) {
      const verify = spawnSync('nix-store', ['--verify-path', path]);
      expect(verify.status, `${path} fails nix-store --verify-path`).toBe(0);
    }
    expect(build('qcow', nonce).log).not.toMatch(/building '/);
  });

  it('writes nothing when nothing is new, and only the new path as a delta', async () => {
    const dir = tempDir('store-cache-');
    const nonce = freshNonce();
    const { out } = build('layeredTar', nonce);
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'main', out]);
    const again = await hypernix(['cache', 'save', '--dir', dir, '--key', 'main', out, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ paths: 0, bytes: 0 });
    expect(packsIn(dir)).toHaveLength(1);

    // A second output that shares nothing with the first but the cache key's chain.
    const other = build('derivationOnly', nonce).out;
    const delta = await hypernix([
      'cache',
      'save',
      '--dir',
      dir,
      '--key',
      'main',
      out,
      other,
      '--json',
    ]);
    expect(JSON.parse(delta.stdout)).toMatchObject({ paths: closure(other).length });
    expect(packsIn(dir)).toHaveLength(2);
    const packs = entryPacks(dir, 'main');
    expect(packs).toHaveLength(2);
  });

  it('starts a new key with one compacted pack of everything, not a delta on the old key', async () => {
    const dir = tempDir('store-cache-');
    const nonce = freshNonce();
    const first = build('derivationOnly', nonce).out;
    const second = build('notArchive', nonce).out;
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'nix-old', first]);
    const moved = await hypernix([
      'cache',
      'save',
      '--dir',
      dir,
      '--key',
      'nix-new',
      '--restore-key',
      'nix-',
      first,
      second,
      '--json',
    ]);
    expect(JSON.parse(moved.stdout)).toMatchObject({
      compacted: true,
      paths: new Set([...closure(first), ...closure(second)]).size,
    });
    const packs = entryPacks(dir, 'nix-new');
    expect(packs).toHaveLength(1);
  });

  it('restores a delta whose paths refer to paths of an earlier pack', async () => {
    const dir = tempDir('store-cache-');
    const nonce = freshNonce();
    const buildAttr = (attribute: string) =>
      execFileSync(
        'nix-build',
        [join(FIXTURES, 'nix', 'upstream.nix'), '-A', attribute, '--no-out-link'].concat([
          '--argstr',
          'nonce',
          nonce,
        ]),
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      ).trim();
    const dependency = buildAttr('upstream');
    const dependent = buildAttr('local');
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', dependency]);
    const delta = await hypernix([
      'cache',
      'save',
      '--dir',
      dir,
      '--key',
      'k',
      dependent,
      '--json',
    ]);
    expect(JSON.parse(delta.stdout)).toMatchObject({ paths: 1 });
    collect([dependent, dependency]);
    const restored = await hypernix(['cache', 'restore', '--dir', dir, '--key', 'k', '--json']);
    expect(JSON.parse(restored.stdout), restored.stderr).toMatchObject({ hit: 'exact', paths: 2 });
    for (const path of [dependency, dependent])
      expect(spawnSync('nix-store', ['--verify-path', path]).status).toBe(0);
  });

  it('caches only what was built here, and fetches what a pack refers to from the substituters first', async () => {
    const work = tempDir('store-cache-upstream-');
    const nonce = freshNonce();
    const upstreamNix = join(FIXTURES, 'nix', 'upstream.nix');
    const buildAttr = (attribute: string) =>
      execFileSync(
        'nix-build',
        [upstreamNix, '-A', attribute, '--no-out-link', '--argstr', 'nonce', nonce],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      ).trim();
    // An upstream binary cache (a signed file:// cache) serving `upstream`, substituted from it
    // as a runner substitutes from cache.nixos.org: signed, not built here.
    const secret = join(work, 'secret');
    const publicKey = join(work, 'public');
    execFileSync('nix-store', [
      '--generate-binary-cache-key',
      'upstream-test-1',
      secret,
      publicKey,
    ]);
    const upstream = buildAttr('upstream');
    const upstreamCache = join(work, 'upstream-cache');
    execFileSync('nix', ['copy', '--to', `file://${upstreamCache}?secret-key=${secret}`, upstream]);
    const substituters = {
      NIX_CONFIG: `substituters = file://${upstreamCache}\ntrusted-public-keys = ${readFileSync(publicKey, 'utf8').trim()}`,
    };
    collect([upstream]);
    execFileSync('nix-store', ['--realise', upstream], {
      env: { ...process.env, ...substituters },
      stdio: 'ignore',
    });
    const local = buildAttr('local');

    const dir = join(work, 'cache');
    const saved = await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', local, '--json']);
    expect(JSON.parse(saved.stdout)).toMatchObject({ paths: 1 });

    collect([local, upstream]);
    const without = await hypernix(['cache', 'restore', '--dir', dir, '--key', 'k', '--json']);
    expect(without.code).toBe(0);
    expect(without.stderr).toMatch(
      /warning: store cache: the packs need 1 path no substituter has/,
    );
    expect(spawnSync('nix-store', ['--check-validity', local]).status).not.toBe(0);

    const restored = await hypernix(['cache', 'restore', '--dir', dir, '--key', 'k', '--json'], {
      env: substituters,
    });
    expect(restored.stderr).toContain(
      'store cache: fetching 1 path the packs need from the substituters',
    );
    expect(JSON.parse(restored.stdout)).toMatchObject({ hit: 'exact', paths: 1 });
    for (const path of [upstream, local])
      expect(spawnSync('nix-store', ['--verify-path', path]).status).toBe(0);
  });

  it('compacts the chain into one pack past max-pack-chain, and removes the packs it replaced', async () => {
    const dir = tempDir('store-cache-');
    const nonce = freshNonce();
    const first = build('derivationOnly', nonce).out;
    const second = build('qcow', nonce).out;
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', first, '--max-pack-chain', '1']);
    const [replaced] = packsIn(dir);
    // Unlisted packs go only after an hour: one of them is another runner's save in flight.
    const hoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(dir, 'packs', replaced as string), hoursAgo, hoursAgo);
    mkdirSync(join(dir, 'packs', 'in-flight'));
    const compacted = await hypernix([
      'cache',
      'save',
      '--dir',
      dir,
      '--key',
      'k',
      first,
      second,
      '--max-pack-chain',
      '1',
      '--json',
    ]);
    expect(JSON.parse(compacted.stdout)).toMatchObject({ compacted: true });
    const packs = entryPacks(dir, 'k');
    expect(packs).toHaveLength(1);
    expect(packs[0]?.paths.length).toBe(new Set([...closure(first), ...closure(second)]).size);
    expect(packsIn(dir).sort()).toEqual([packs[0]?.id, 'in-flight'].sort());
  });

  it.each([
    [
      'truncated',
      (files: { nar: string }) => truncateSync(files.nar, Math.floor(statSync(files.nar).size / 2)),
    ],
    [
      'with a wrong hash',
      (files: { narinfo: string }) =>
        writeFileSync(
          files.narinfo,
          readFileSync(files.narinfo, 'utf8').replace(
            /^NarHash: sha256:.{52}$/m,
            `NarHash: sha256:${'0'.repeat(52)}`,
          ),
        ),
    ],
  ])('skips a pack %s with a warning and restores the rest', async (_, damage) => {
    const dir = tempDir('store-cache-');
    const nonce = freshNonce();
    const base = build('derivationOnly', nonce).out;
    const later = build('notArchive', nonce).out;
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', base]);
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', base, later]);
    const packs = entryPacks(dir, 'k');
    damage(narOf(join(dir, 'packs', packs[0]?.id ?? ''), base));
    collect([...closure(base), ...closure(later)]);
    const restored = await hypernix(['cache', 'restore', '--dir', dir, '--key', 'k', '--json']);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(/warning: store cache: skipped pack \S+ of k: cannot import/);
    expect(spawnSync('nix-store', ['--check-validity', base]).status).not.toBe(0);
    expect(spawnSync('nix-store', ['--verify-path', later]).status).toBe(0);
  });

  it.each([
    [
      ['--key', 'a,b'],
      `hypernix: option '--key': letters, digits and . _ + = @ : - only; got "," in "a,b"`,
    ],
    [['--key', 'k'.repeat(476)], `hypernix: option '--key': at most 475 characters; got 476`],
  ])('refuses a bad key with one line: %j', async (args, message) => {
    const run = await hypernix(['cache', 'save', '--dir', tempDir('sc-'), ...args, '/nix/store/x']);
    expect(run.code).toBe(2);
    expect(lastLine(run)).toBe(message);
  });

  it('says a restore key that matches nothing is a miss, and names a directory it cannot write', async () => {
    const empty = tempDir('store-cache-');
    const miss = await hypernix([
      'cache',
      'restore',
      '--dir',
      empty,
      '--key',
      'none',
      '--restore-key',
      'nothing-',
      '--json',
    ]);
    expect(JSON.parse(miss.stdout)).toMatchObject({ hit: 'miss', paths: 0 });
    // Under a plain file, no one can make the directory, not even root.
    const file = join(tempDir('store-cache-'), 'a-file');
    writeFileSync(file, '');
    const nonce = freshNonce();
    const denied = await hypernix([
      'cache',
      'save',
      '--dir',
      join(file, 'cache'),
      '--key',
      'k',
      build('derivationOnly', nonce).out,
    ]);
    expect(denied.code).toBe(1);
    expect(lastLine(denied)).toBe(
      `hypernix: option '--dir': cannot write the cache directory ${file}/cache (ENOTDIR)`,
    );
  });
});
