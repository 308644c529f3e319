import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  IMAGES_NIX,
  expectInputRestoredImageRebuilt,
  forgetImageAndInput,
  freshNonce,
} from '../helpers/fixtures.js';
import { runAction } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

// The build action with cache: dir, main and post run as a runner runs them, against real Nix.

function closureOf(path: string): string[] {
  return spawnSync('nix-store', ['-qR', path], { encoding: 'utf8' }).stdout.trim().split('\n');
}

async function mainAndPost(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const main = await runAction(inputs, { env });
  const post = await runAction(inputs, { env, state: main.state, temp: main.files.temp });
  return { main, post };
}

describe('build-image with the store cache', () => {
  it('misses and saves the build inputs in post; the next run restores them and rebuilds only the image', async () => {
    const dir = tempDir('action-cache-');
    const inputs = {
      kind: 'qcow2',
      file: IMAGES_NIX,
      attribute: 'qcowFromInput',
      argstrs: `nonce=${freshNonce()}`,
      cache: 'dir',
      'cache-dir': dir,
      'cache-key': 'k-1',
    };
    const first = await mainAndPost(inputs);
    expect(first.main.code, first.main.stdout).toBe(0);
    expect(first.main.outputs['cache-hit']).toBe('miss');
    expect(first.post.code, first.post.stdout).toBe(0);
    // The build-only input is saved; the disk image itself is not (cache-images is false).
    expect(Number(first.post.outputs['cache-saved-paths'])).toBe(1);
    expect(first.post.summary).toContain('hypernix store cache: save');

    // A fresh runner: the image and its input are gone from the store.
    forgetImageAndInput(first.main.outputs['out-path'] as string);

    const second = await mainAndPost(inputs);
    expectInputRestoredImageRebuilt(second.main);
    expect(second.main.summary).toMatch(/Hit \(`k-1`\): restored 1 path,/);
    expect(Number(second.post.outputs['cache-saved-paths'])).toBe(0);
  });

  it('keeps the image too with cache-images, so the next run builds nothing', async () => {
    const dir = tempDir('action-cache-');
    const inputs = {
      kind: 'qcow2',
      file: IMAGES_NIX,
      attribute: 'qcow',
      argstrs: `nonce=${freshNonce()}`,
      cache: 'dir',
      'cache-dir': dir,
      'cache-images': 'true',
    };
    const first = await mainAndPost(inputs);
    expect(Number(first.post.outputs['cache-saved-paths'])).toBe(2);
    const paths = closureOf(first.main.outputs['out-path'] as string);
    expect(spawnSync('nix-store', ['--delete', ...paths]).status).toBe(0);
    const second = await mainAndPost(inputs);
    expect(second.main.outputs['cache-hit']).toBe('exact');
    expect(second.main.stdout).not.toMatch(/building '/);
  });

  it('collects garbage down to max-store-size before saving, keeping what the build roots', async () => {
    const dir = tempDir('action-cache-');
    const nonce = freshNonce();
    const unrooted = spawnSync(
      'nix-build',
      [IMAGES_NIX, '-A', 'notArchive', '--no-out-link', '--argstr', 'nonce', nonce],
      { encoding: 'utf8' },
    ).stdout.trim();
    const { main, post } = await mainAndPost({
      kind: 'qcow2',
      file: IMAGES_NIX,
      attribute: 'qcow',
      argstrs: `nonce=${nonce}`,
      cache: 'dir',
      'cache-dir': dir,
      'max-store-size': '1',
      'cache-images': 'true',
    });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/store cache: the store holds .*, over 1 B; collecting/);
    expect(spawnSync('nix-store', ['--check-validity', unrooted]).status).not.toBe(0);
    expect(Number(post.outputs['cache-saved-paths'])).toBe(2);
    // The build's closure was kept (rooted) and saved whole.
    expect(
      spawnSync('nix-store', ['--check-validity', main.outputs['out-path'] as string]).status,
    ).toBe(0);
  });

  it('only restores with cache-save false, and on a pull request from a fork', async () => {
    const dir = tempDir('action-cache-');
    const base = {
      kind: 'derivation',
      file: IMAGES_NIX,
      attribute: 'derivationOnly',
      argstrs: `nonce=${freshNonce()}`,
      cache: 'dir',
      'cache-dir': dir,
    };
    const noSave = await mainAndPost({ ...base, 'cache-save': 'false' });
    expect(noSave.post.code).toBe(0);
    expect(noSave.post.outputs['cache-saved-paths']).toBeUndefined();
    const event = join(tempDir('hypernix-event-'), 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          head: { repo: { full_name: 'fork/repo' } },
          base: { repo: { full_name: 'owner/repo' } },
        },
      }),
    );
    const fork = await mainAndPost(base, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
    });
    expect(fork.main.stdout).toContain('a pull request from a fork; restore only');
    expect(fork.post.outputs['cache-saved-paths']).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('warns and builds when the cache directory cannot be used, and names bad cache inputs', async () => {
    const file = join(tempDir('action-cache-'), 'a-file');
    writeFileSync(file, '');
    const inputs = {
      kind: 'derivation',
      file: IMAGES_NIX,
      attribute: 'derivationOnly',
      cache: 'dir',
      'cache-dir': join(file, 'cache'),
    };
    const { main, post } = await mainAndPost(inputs);
    expect(main.code, main.stdout).toBe(0);
    expect(post.code).toBe(0);
    expect(
      post.commands.some((line) =>
        /^::warning::store cache: input 'cache-dir': cannot write the cache directory .* \(ENOTDIR\); nothing saved$/.test(
          line,
        ),
      ),
    ).toBe(true);

    const bad = await runAction({ ...inputs, 'max-store-size': 'lots' });
    expect(bad.code).toBe(1);
    expect(bad.commands).toContain(
      `::error::input 'max-store-size': expected a size such as 10G, 512M or a number of bytes; got "lots"`,
    );
    const badKey = await runAction({ ...inputs, 'cache-key': 'has space' });
    expect(badKey.commands.find((line) => line.startsWith('::error'))).toMatch(
      /^::error::input 'cache-key': letters, digits and \. _ \+ = @ : - only; got " " in "has space"/,
    );
  });
});
