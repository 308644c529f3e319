import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hypernix, lastLine } from '../helpers/cli.js';
import { IMAGES_NIX, freshNonce } from '../helpers/fixtures.js';

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
    const dir = mkdtempSync(join(tmpdir(), 'store-cache-'));
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
    const dir = mkdtempSync(join(tmpdir(), 'store-cache-'));
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
    const entry = JSON.parse(readFileSync(join(dir, 'entries', 'main.json'), 'utf8')) as {
      packs: unknown[];
    };
    expect(entry.packs).toHaveLength(2);
  });

  it('compacts the chain into one pack past max-pack-chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-cache-'));
    const nonce = freshNonce();
    const first = build('derivationOnly', nonce).out;
    const second = build('qcow', nonce).out;
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', first, '--max-pack-chain', '1']);
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
    const entry = JSON.parse(readFileSync(join(dir, 'entries', 'k.json'), 'utf8')) as {
      packs: { paths: unknown[] }[];
    };
    expect(entry.packs).toHaveLength(1);
    expect(entry.packs[0]?.paths.length).toBe(
      new Set([...closure(first), ...closure(second)]).size,
    );
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
    const dir = mkdtempSync(join(tmpdir(), 'store-cache-'));
    const nonce = freshNonce();
    const base = build('derivationOnly', nonce).out;
    const later = build('notArchive', nonce).out;
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', base]);
    await hypernix(['cache', 'save', '--dir', dir, '--key', 'k', base, later]);
    const entry = JSON.parse(readFileSync(join(dir, 'entries', 'k.json'), 'utf8')) as {
      packs: { id: string }[];
    };
    damage(narOf(join(dir, 'packs', entry.packs[0]?.id ?? ''), base));
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
    const run = await hypernix([
      'cache',
      'save',
      '--dir',
      mkdtempSync(join(tmpdir(), 'sc-')),
      ...args,
      '/nix/store/x',
    ]);
    expect(run.code).toBe(2);
    expect(lastLine(run)).toBe(message);
  });

  it('says a restore key that matches nothing is a miss, and names a directory it cannot write', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'store-cache-'));
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
    const file = join(mkdtempSync(join(tmpdir(), 'store-cache-')), 'a-file');
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
