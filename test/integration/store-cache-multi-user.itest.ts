import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RUNNER_USERS,
  startMultiUserStore,
  type MultiUserStore,
} from '../helpers/multi-user-store.js';
import { tempDir } from '../helpers/temp.js';
import { isValidIn, packFiles, savedCache, type SavedCache } from '../hostile/cache.js';
import { FAULT_VARIABLE } from '../../src/store-cache/unpack/fault.js';

// A multi-user store, as the Nix installers set up on GitHub's runners: the store and Nix's
// database are root's, a nix-daemon (real, started here on a socket of this test's own) serves
// the runner's user, who is not root. Two real users made by test/lab/setup.sh run the bundled
// command: `hypernix-sudo` has passwordless sudo, as GitHub's `runner` has, and restores by
// unpacking in a root child; `hypernix-nosudo` has none and restores through the daemon with
// nix copy. The store is this machine's own (/nix/store): paths restored as root must be root's.

const RESTORE_MS = 90_000;

let lab: MultiUserStore;

beforeAll(async () => {
  const dir = tempDir('multi-user-');
  lab = await startMultiUserStore(dir);
});

afterAll(() => {
  lab?.stop();
});

/** A saved cache whose paths are then deleted from the store, readable by every user. */
async function cacheOfDeletedPaths(): Promise<SavedCache> {
  const cache = await savedCache('multi-user');
  spawnSync('chmod', ['-R', 'a+rX', dirname(cache.dir)]);
  chmodSync(dirname(cache.dir), 0o755);
  const deleted = spawnSync('nix-store', ['--delete', cache.app, cache.lib], { encoding: 'utf8' });
  expect(deleted.status, deleted.stderr).toBe(0);
  expect(isValidIn(cache.app)).toBe(false);
  return cache;
}

/** `hypernix cache restore` as `user`, with the environment a runner's user has: no root, the daemon. */
function restoreAs(user: string, cache: SavedCache, extra: string[] = [], env: string[] = []) {
  const args = ['cache', 'restore', '--dir', cache.dir, '--key', cache.key, '-v', ...extra];
  const [command, commandArgs] = lab.asUser(user, args, env);
  const run = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: RESTORE_MS });
  return { code: run.status, stderr: run.stderr, stdout: run.stdout };
}

function expectRestoredAsRoot(paths: string[]): void {
  for (const path of paths) {
    expect(isValidIn(path), path).toBe(true);
    expect(lstatSync(path).uid, path).toBe(0);
    const verify = spawnSync('nix-store', ['--verify-path', path], { encoding: 'utf8' });
    expect(verify.status, `${path}: ${verify.stderr}`).toBe(0);
  }
  const left = readdirSync('/nix/store').filter((name) => name.startsWith('.hypernix-unpack-'));
  expect(left).toEqual([]);
}

describe('store cache on a multi-user store (root-owned, with a nix-daemon)', () => {
  it('unpacks in a root child where the user has passwordless sudo', async () => {
    // Nix finds the daemon by itself, or is told to use it (older profile scripts export this).
    for (const env of [[], ['NIX_REMOTE=daemon']]) {
      const saved = await cacheOfDeletedPaths();
      const run = restoreAs(RUNNER_USERS.sudo, saved, [], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('restoring with unpack-as-root');
      expect(run.stderr).toContain('restored 2 paths');
      expectRestoredAsRoot([saved.lib, saved.app]);
    }
  });

  it('restores through the daemon with nix copy where the user has no sudo, or asks for it', async () => {
    for (const [user, extra] of [
      [RUNNER_USERS.plain, []],
      [RUNNER_USERS.sudo, ['--restore-method', 'nix-copy']],
    ] as const) {
      const saved = await cacheOfDeletedPaths();
      const run = restoreAs(user, saved, [...extra]);
      expect(run.code, `${user}: ${run.stderr}`).toBe(0);
      expect(run.stderr).toContain('restoring with nix-copy');
      expectRestoredAsRoot([saved.lib, saved.app]);
    }
  });

  it('a root child killed before it registers leaves the store consistent; the next restore completes', async () => {
    const saved = await cacheOfDeletedPaths();
    // The fault hook reaches the child in its request (sudo drops the environment).
    const crashed = restoreAs(
      RUNNER_USERS.sudo,
      saved,
      [],
      [`${FAULT_VARIABLE}=crash-before-register`],
    );
    expect(crashed.code, crashed.stderr).toBe(0); // a cache never fails the build
    const warning = crashed.stderr.split('\n').filter((line) => line.includes('skipped pack'));
    expect(warning, crashed.stderr).toHaveLength(1);
    expect(warning[0]).toContain('the root unpacking (through sudo) exited');
    // Renamed into place, not valid: Nix treats them as garbage, and the next restore replaces them.
    expect(existsSync(saved.lib)).toBe(true);
    expect(isValidIn(saved.lib)).toBe(false);
    const next = restoreAs(RUNNER_USERS.sudo, saved);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('restored 2 paths');
    expectRestoredAsRoot([saved.lib, saved.app]);
    const locks = readdirSync('/nix/store').filter((name) => name.endsWith('.lock'));
    expect(locks.filter((name) => saved.app.endsWith(name.slice(0, -'.lock'.length)))).toEqual([]);
  });

  it("names the root child's failure in one line and leaves nothing behind", async () => {
    const saved = await cacheOfDeletedPaths();
    // One byte of app's file changed: the NAR no longer hashes to the narHash the entry records.
    const { nar } = packFiles(saved, saved.app);
    const plain = execFileSync('zstd', ['-q', '-dc', nar]);
    const at = plain.indexOf('app-');
    plain[at] = 'b'.charCodeAt(0);
    writeFileSync(nar, execFileSync('zstd', ['-q', '-c'], { input: plain }));
    const run = restoreAs(RUNNER_USERS.sudo, saved);
    expect(run.code, run.stderr).toBe(0); // a cache never fails the build: the pack is skipped
    const warning = run.stderr.split('\n').filter((line) => line.includes('skipped pack'));
    expect(warning, run.stderr).toHaveLength(1);
    expect(warning[0]).toContain(saved.app);
    expect(warning[0]).toMatch(/its NAR hashes to sha256:\w+, the entry records/);
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(isValidIn(saved.app)).toBe(false);
    expect(existsSync(saved.app)).toBe(false);
    expectRestoredAsRoot([]);
  });
});
