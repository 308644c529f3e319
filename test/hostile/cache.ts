import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hypernix } from '../helpers/cli.js';
import { freshNonce } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';

// Hostile cache entries and packs, made from a real save in a temporary cache directory: each
// case takes the saved cache and edits what a person with write access to a shared cache (or a
// restored GitHub cache entry) could edit. Nothing here is committed as a blob.

/** A real cache: two fresh paths (`lib`, and `app` that refers to it) saved under `key`. */
export interface SavedCache {
  dir: string;
  key: string;
  lib: string;
  app: string;
  /** A directory next to the cache, which no restore may write into. */
  outside: string;
}

const DERIVATIONS = `{ nonce }:
let lib = derivation { name = "hostile-lib"; system = builtins.currentSystem; builder = "/bin/sh";
                       args = [ "-c" "echo lib-\${nonce} > $out" ]; };
in {
  inherit lib;
  app = derivation { name = "hostile-app"; system = builtins.currentSystem; builder = "/bin/sh";
                     args = [ "-c" "echo app-\${nonce} uses \${lib} > $out" ]; };
}
`;

/** Builds `lib` and `app` afresh (a new nonce) and returns their store paths. */
export function buildPair(nonce = freshNonce()): { lib: string; app: string } {
  const dir = tempDir('hostile-nix-');
  const file = join(dir, 'pair.nix');
  writeFileSync(file, DERIVATIONS);
  const build = (attribute: string) =>
    execFileSync(
      'nix-build',
      [file, '-A', attribute, '--no-out-link', '--argstr', 'nonce', nonce],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    ).trim();
  try {
    return { lib: build('lib'), app: build('app') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function savedCache(key = 'hostile'): Promise<SavedCache> {
  const root = tempDir('hostile-cache-');
  const dir = join(root, 'cache');
  const outside = join(root, 'outside');
  const { lib, app } = buildPair();
  const saved = await hypernix(['cache', 'save', '--dir', dir, '--key', key, app]);
  if (saved.code !== 0) throw new Error(`cache save failed: ${saved.stderr}`);
  return { dir, key, lib, app, outside };
}

type Entry = {
  packs: { id: string; paths: { path: string; references: string[] }[] }[];
  [field: string]: unknown;
};

export const entryFile = (cache: SavedCache) => join(cache.dir, 'entries', `${cache.key}.json`);
export const readEntry = (cache: SavedCache) =>
  JSON.parse(readFileSync(entryFile(cache), 'utf8')) as Entry;
const writeEntry = (cache: SavedCache, entry: unknown) =>
  writeFileSync(entryFile(cache), typeof entry === 'string' ? entry : JSON.stringify(entry));
const firstPack = (cache: SavedCache) => readEntry(cache).packs[0] as Entry['packs'][number];

/** The narinfo and NAR of a path in the cache's first pack. */
export function packFiles(cache: SavedCache, path: string): { narinfo: string; nar: string } {
  const pack = join(cache.dir, 'packs', firstPack(cache).id);
  const narinfo = join(
    pack,
    `${path.slice('/nix/store/'.length, '/nix/store/'.length + 32)}.narinfo`,
  );
  const url = /^URL: (.+)$/m.exec(readFileSync(narinfo, 'utf8'))?.[1] ?? '';
  return { narinfo, nar: join(pack, url) };
}

/** A store path no one built: what a planted narinfo claims. */
export const PLANTED = '/nix/store/0a1b2c3d4f5g6h7i8j9k0l1m2n3p4q5r-planted';

/** Rewrites every path (and reference) of the entry with `map`. */
function mapPaths(cache: SavedCache, map: (path: string, index: number) => string): void {
  const entry = readEntry(cache);
  let index = 0;
  for (const pack of entry.packs)
    for (const info of pack.paths) {
      info.path = map(info.path, index++);
      info.references = info.references.map((reference) => map(reference, -1));
    }
  writeEntry(cache, entry);
}

/**
 * The hostile cases, each an edit of a saved cache and what the restore must say. `outcome`:
 * 'miss' (the entry is refused whole, with a warning) or 'skip' (a pack is skipped, named).
 */
export const HOSTILE_CACHE_CASES: {
  name: string;
  edit: (cache: SavedCache) => void;
  outcome: 'miss' | 'skip';
  warning: (cache: SavedCache) => RegExp;
}[] = [
  {
    name: 'entry paths that are nix copy options (--to file:///outside)',
    edit: (cache) =>
      mapPaths(cache, (path, index) =>
        index === 0 ? '--to' : index === 1 ? `file://${cache.outside}` : path,
      ),
    outcome: 'skip',
    warning: () => /skipped pack "\S+" of hostile: "--to" is not a store path of \/nix\/store/,
  },
  {
    name: 'an entry path --store /outside',
    edit: (cache) =>
      mapPaths(cache, (path, index) =>
        index === 0 ? '--store' : index === 1 ? cache.outside : path,
      ),
    outcome: 'skip',
    warning: () => /"--store" is not a store path/,
  },
  {
    name: 'a reference that is an option (--option)',
    edit: (cache) => mapPaths(cache, (path, index) => (index === -1 ? '--option' : path)),
    outcome: 'skip',
    warning: () => /"--option" is not a store path/,
  },
  {
    name: 'a store path that climbs out (/nix/store/../../outside)',
    edit: (cache) =>
      mapPaths(cache, (path, index) => (index === 0 ? '/nix/store/../../tmp/x' : path)),
    outcome: 'skip',
    warning: () => /"\/nix\/store\/\.\.\/\.\.\/tmp\/x" is not a store path/,
  },
  {
    name: 'a pack id ../../outside-pack (a pack planted outside the cache)',
    edit: (cache) => {
      const entry = readEntry(cache);
      const pack = entry.packs[0] as Entry['packs'][number];
      cpSync(join(cache.dir, 'packs', pack.id), join(cache.dir, '..', 'outside-pack'), {
        recursive: true,
      });
      pack.id = '../../outside-pack';
      writeEntry(cache, entry);
    },
    outcome: 'miss',
    warning: () =>
      /skipped pack "\.\.\/\.\.\/outside-pack" of hostile: its id .* is not a plain name/,
  },
  {
    name: 'a pack id with a slash (packs/../x)',
    edit: (cache) => {
      const entry = readEntry(cache);
      (entry.packs[0] as Entry['packs'][number]).id = 'a/../b';
      writeEntry(cache, entry);
    },
    outcome: 'miss',
    warning: () => /its id "a\/\.\.\/b" is not a plain name/,
  },
  {
    name: 'a narinfo whose StorePath names another path',
    edit: (cache) => {
      const { narinfo } = packFiles(cache, cache.lib);
      const text = readFileSync(narinfo, 'utf8');
      writeFileSync(narinfo, text.replace(/^StorePath: .*$/m, `StorePath: ${PLANTED}`));
    },
    outcome: 'skip',
    warning: (cache) =>
      new RegExp(
        `skipped pack \\S+ of hostile: ${escape(cache.lib)}: its narinfo names "${escape(PLANTED)}", not this path`,
      ),
  },
  {
    name: 'a narinfo whose URL points outside the pack',
    edit: (cache) => {
      const { narinfo } = packFiles(cache, cache.lib);
      const text = readFileSync(narinfo, 'utf8');
      writeFileSync(narinfo, text.replace(/^URL: .*$/m, 'URL: ../../../outside.nar'));
    },
    outcome: 'skip',
    warning: (cache) => new RegExp(`${escape(cache.lib)}: its narinfo points outside the pack`),
  },
  {
    name: 'a NAR with one byte flipped',
    edit: (cache) => {
      const { nar } = packFiles(cache, cache.lib);
      const bytes = readFileSync(nar);
      const at = Math.floor(bytes.length / 2);
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
      writeFileSync(nar, bytes);
    },
    outcome: 'skip',
    warning: (cache) =>
      new RegExp(`skipped pack \\S+ of hostile: cannot import ${escape(cache.lib)} from the pack`),
  },
  {
    name: 'an entry with wrong field types (paths is a string)',
    edit: (cache) => {
      const entry = readEntry(cache) as unknown as { packs: { paths: unknown }[] };
      (entry.packs[0] as { paths: unknown }).paths = 'oops';
      writeEntry(cache, entry);
    },
    outcome: 'miss',
    warning: (cache) =>
      new RegExp(
        `the cache entry ${escape(entryFile(cache))} is not a hypernix cache entry \\(packs\\.0\\.paths: `,
      ),
  },
  {
    name: 'a garbage entry (not JSON)',
    edit: (cache) => writeEntry(cache, 'garbage{{{'),
    outcome: 'miss',
    warning: (cache) =>
      new RegExp(
        `the cache entry ${escape(entryFile(cache))} is not a hypernix cache entry \\(not JSON\\)`,
      ),
  },
  {
    name: 'an entry holding another key',
    edit: (cache) => writeEntry(cache, { ...readEntry(cache), key: 'someone-else' }),
    outcome: 'miss',
    warning: () => /holds another key \(someone-else\)/,
  },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `path` is valid in the store `store` (a chroot store directory, or the host's). */
export function isValidIn(path: string, store?: string): boolean {
  return (
    spawnSync('nix-store', [...(store ? ['--store', store] : []), '--check-validity', '--', path])
      .status === 0
  );
}
