import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, type ActionRun } from './run-action.js';
import { tempDir } from './temp.js';

export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const IMAGES_NIX = join(FIXTURES, 'nix', 'images.nix');

/** A nonce that makes a fixture derivation new, so Nix really builds it in this test. */
export const freshNonce = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** The fixture flake copied outside any git repository (Nix copies only tracked files of a git flake). */
export function fixtureFlake(): string {
  const dir = tempDir('hypernix-flake-');
  cpSync(join(FIXTURES, 'flake', 'flake.nix'), join(dir, 'flake.nix'));
  cpSync(join(FIXTURES, 'nix', 'images.nix'), join(dir, 'images.nix'));
  cpSync(join(FIXTURES, 'nix', 'make-docker-archive.sh'), join(dir, 'make-docker-archive.sh'));
  return dir;
}

/**
 * A fresh runner for `qcowFromInput`: deletes the disk image and the build-only input it was made
 * from, so the next build must restore the input or build it again.
 */
export function forgetImageAndInput(image: string): void {
  const deriver = spawnSync('nix-store', ['-qd', image], { encoding: 'utf8' }).stdout.trim();
  const input = spawnSync('nix-store', ['-qR', '--include-outputs', deriver], { encoding: 'utf8' })
    .stdout.split('\n')
    .find((path) => path.endsWith('-build-only-input'));
  if (!input) throw new Error(`no build-only input in the derivation closure of ${image}`);
  const deleted = spawnSync('nix-store', ['--delete', image, input], { encoding: 'utf8' });
  if (deleted.status !== 0) throw new Error(`cannot delete ${image}: ${deleted.stderr}`);
}

/**
 * The main step after forgetImageAndInput, with the cache in use: it restored the build-only
 * input from the cache (an exact hit, one path) and rebuilt only the disk image from it.
 */
export function expectInputRestoredImageRebuilt(main: ActionRun): void {
  expect(main.code, main.stdout).toBe(0);
  expect(main.outputs).toMatchObject({ 'cache-hit': 'exact', 'cache-restored-paths': '1' });
  expect(main.stdout).toMatch(/building '\/nix\/store\/\S+-nixos-disk-image-from-input\.drv'/);
  expect(main.stdout).not.toMatch(/building '\/nix\/store\/\S+-build-only-input\.drv'/);
}
