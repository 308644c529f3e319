import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

/**
 * A PATH and HOME with the ordinary tools of a runner but no Nix: Debian's nix-bin lives in
 * /usr/bin beside everything else, so the tests link the tools they need into a directory of
 * their own instead of hiding /usr/bin.
 */
export function runnerWithoutNix(): { PATH: string; HOME: string } {
  const dir = tempDir('hypernix-no-nix-');
  const bin = join(dir, 'bin');
  const home = join(dir, 'home');
  mkdirSync(bin);
  mkdirSync(home);
  for (const tool of [
    'sh',
    'tar',
    'gzip',
    'xz',
    'zstd',
    'mkdir',
    'ln',
    'rm',
    'cat',
    'chmod',
    'cp',
    'mv',
    'id',
    'uname',
    'dirname',
  ]) {
    symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  }
  return { PATH: bin, HOME: home };
}
