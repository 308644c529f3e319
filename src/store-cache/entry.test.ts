import { describe, expect, it } from 'vitest';
import { entryFileName } from './dir-backend.js';
import { isStorePath, mergeEntry, packProblem, parseEntry, type CacheEntry } from './entry.js';
import { nixFailure } from './pack.js';

const P = '/nix/store/1csnsahbsb6pqqlg61w4m1s58iaxq898-h15probe';
const pack = (id: string, path = P, references: string[] = []) => ({
  id,
  bytes: 1,
  paths: [{ path, narHash: 'sha256-x', narSize: 1, references }],
});
const entry = (ids: string[], created = 't1'): CacheEntry => ({
  version: 2,
  key: 'k',
  created,
  packs: ids.map((id) => pack(id)),
});

describe('parseEntry', () => {
  it('reads an entry this version wrote', () => {
    expect(parseEntry(JSON.stringify(entry(['a'])), 'e').packs[0]?.id).toBe('a');
  });
  it('names the entry and the wrong field, not a TypeError later', () => {
    const bad = { ...entry(['a']), packs: [{ id: 'a', bytes: 1, paths: 'oops' }] };
    expect(() => parseEntry(JSON.stringify(bad), 'the cache entry /c/k.json')).toThrow(
      /^the cache entry \/c\/k\.json is not a hypernix cache entry \(packs\.0\.paths: /,
    );
    expect(() => parseEntry('garbage{', 'E')).toThrow('E is not a hypernix cache entry (not JSON)');
    expect(() => parseEntry('null', 'E')).toThrow('E is not a hypernix cache entry');
  });
});

describe('store paths and pack ids from an entry', () => {
  it('accepts only <store>/<32 nixbase32>-<name>', () => {
    expect(isStorePath(P)).toBe(true);
    for (const bad of [
      '--to',
      'file:///elsewhere',
      '/nix/store/../../etc/passwd',
      '/nix/store/1csnsahbsb6pqqlg61w4m1s58iaxq89e-x', // 'e' is not nixbase32
      '/nix/store/1csnsahbsb6pqqlg61w4m1s58iaxq898-a/b',
      '/nix/store/1csnsahbsb6pqqlg61w4m1s58iaxq898-',
      `/other/store/1csnsahbsb6pqqlg61w4m1s58iaxq898-x`,
    ])
      expect(isStorePath(bad), bad).toBe(false);
    expect(isStorePath('/other/store/1csnsahbsb6pqqlg61w4m1s58iaxq898-x', '/other/store')).toBe(
      true,
    );
  });
  it('names what is wrong with a pack', () => {
    expect(packProblem(pack('ok-1'))).toBeUndefined();
    expect(packProblem(pack('../../outside-pack'))).toMatch(/not a plain name/);
    expect(packProblem(pack('..'))).toMatch(/not a plain name/);
    expect(packProblem(pack('.hidden'))).toMatch(/not a plain name/);
    expect(packProblem(pack('a', '--to'))).toBe('"--to" is not a store path of /nix/store');
    expect(packProblem(pack('a', P, ['--store']))).toMatch(/"--store" is not a store path/);
  });
});

describe('mergeEntry', () => {
  it('writes the proposal when the entry is as the save read it', () => {
    const base = entry(['a']);
    const proposed = { ...entry(['a', 'b'], 't2') };
    expect(mergeEntry(base, base, proposed)).toBe(proposed);
    expect(mergeEntry(undefined, undefined, proposed)).toBe(proposed);
  });
  it("keeps another save's packs, ours after them", () => {
    const base = entry(['a']);
    const other = entry(['a', 'c'], 't2');
    const ours = entry(['a', 'b'], 't3');
    expect(mergeEntry(other, base, ours).packs.map((p) => p.id)).toEqual(['a', 'c', 'b']);
  });
  it('keeps the chain our pack extends when another save compacted it away', () => {
    const other = entry(['z'], 't2');
    const ours = entry(['a', 'b'], 't3');
    expect(mergeEntry(other, entry(['a']), ours).packs.map((p) => p.id)).toEqual(['a', 'z', 'b']);
  });
});

describe('entryFileName', () => {
  it('keeps short keys and hashes long ones into a file name that fits', () => {
    expect(entryFileName('k-1')).toBe('k-1.json');
    for (const length of [201, 251, 475]) {
      const name = entryFileName('k'.repeat(length - 1) + String(length % 10));
      expect(name.length).toBeLessThan(200);
      expect(name).toMatch(/^k{120}~[0-9a-f]{64}\.json$/);
    }
    expect(entryFileName('k'.repeat(300))).not.toBe(entryFileName(`${'k'.repeat(299)}j`));
  });
});

describe('nixFailure', () => {
  it('says a full disk plainly and drops the --show-trace hint', () => {
    expect(
      nixFailure(
        [
          'error: writing to file: No space left on device',
          "(use '--show-trace' to show detailed location information)",
        ],
        1,
      ),
    ).toBe('no space left on device (ENOSPC)');
    expect(
      nixFailure(
        [
          "copying path '/nix/store/x' from 'file:///p'...",
          'error: non-zero padding',
          "(use '--show-trace' to show detailed location information)",
        ],
        1,
      ),
    ).toBe('nix copy: non-zero padding');
  });
});
