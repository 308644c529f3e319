import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-action.js';

export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const IMAGES_NIX = join(FIXTURES, 'nix', 'images.nix');

/** A nonce that makes a fixture derivation new, so Nix really builds it in this test. */
export const freshNonce = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** The fixture flake copied outside any git repository (Nix copies only tracked files of a git flake). */
export function fixtureFlake(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hypernix-flake-'));
  cpSync(join(FIXTURES, 'flake', 'flake.nix'), join(dir, 'flake.nix'));
  cpSync(join(FIXTURES, 'nix', 'images.nix'), join(dir, 'images.nix'));
  cpSync(join(FIXTURES, 'nix', 'make-docker-archive.sh'), join(dir, 'make-docker-archive.sh'));
  return dir;
}
