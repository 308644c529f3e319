import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_NARS, sampleNar } from '../../../test/hostile/nars.js';
import { NarParser } from './nar-parser.js';
import { TreeWriter } from './tree-writer.js';
import { tempDir } from '../../../test/helpers/temp.js';

const scratch = () => tempDir('nar-parser-');

/** Unpacks `nar` to `dir/out`, fed in chunks of `chunk` bytes. */
function unpack(nar: Buffer, dir: string, chunk = 4096, size = nar.length): void {
  const writer = new TreeWriter(join(dir, 'out'));
  const parser = new NarParser(writer, { size });
  try {
    for (let at = 0; at < nar.length; at += chunk) parser.push(nar.subarray(at, at + chunk));
    parser.end();
  } finally {
    writer.abandon();
  }
}

describe('NAR parser', () => {
  it('round-trips a NAR with every node kind, in 1-byte and large chunks, with Nix metadata', () => {
    for (const chunk of [1, 7, 1 << 20]) {
      const dir = scratch();
      unpack(sampleNar(), dir, chunk);
      const out = join(dir, 'out');
      expect(execFileSync('nix-store', ['--dump', out]).equals(sampleNar())).toBe(true);
      expect(readFileSync(join(out, 'file'), 'utf8')).toBe('hello\n');
      expect(readlinkSync(join(out, 'link'))).toBe('file');
      const mode = (path: string) => lstatSync(join(out, path)).mode & 0o7777;
      expect([mode(''), mode('bin'), mode('bin/run'), mode('file'), mode('zero')]).toEqual([
        0o555, 0o555, 0o555, 0o444, 0o444,
      ]);
      for (const path of ['', 'bin', 'bin/run', 'file', 'link', 'empty'])
        expect(lstatSync(join(out, path)).mtimeMs, path).toBe(1000);
    }
  });

  it('unpacks what nix-store --dump wrote of a real tree, byte for byte', () => {
    const dir = scratch();
    const tree = join(dir, 'tree');
    execFileSync('sh', [
      '-c',
      `mkdir -p ${tree}/a/b && printf 'x%.0s' $(seq 1 70000) > ${tree}/a/b/big && ln -s ../a ${tree}/up && printf '\\001\\002' > ${tree}/bin && chmod +x ${tree}/bin && mkdir ${tree}/Z ${tree}/é`,
    ]);
    const nar = execFileSync('nix-store', ['--dump', tree]);
    unpack(nar, dir, 1000);
    expect(execFileSync('nix-store', ['--dump', join(dir, 'out')]).equals(nar)).toBe(true);
  });

  for (const hostile of HOSTILE_NARS) {
    it(`refuses ${hostile.name}, writing nothing outside its root`, () => {
      const dir = scratch();
      writeFileSync(join(dir, 'marker'), '');
      expect(() => unpack(hostile.nar, dir, 5, hostile.size ?? hostile.nar.length)).toThrow(
        hostile.error,
      );
      expect(readdirSync(dir).sort()).toEqual(
        readdirSync(dir).includes('out') ? ['marker', 'out'] : ['marker'],
      );
    });
  }
});
