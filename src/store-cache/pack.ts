import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { NixInstallation } from '../nix/locate.js';
import { queryPathInfos, type PathInfo } from '../nix/path-info.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';

export class PackError extends HypernixError {
  override name = 'PackError';
}

const NIX_COMMAND = ['--extra-experimental-features', 'nix-command'];
// Kept well under Linux's 2 MiB for arguments plus environment; larger sets go in batches.
const MAX_ARGUMENT_BYTES = 512 * 1024;

/**
 * A pack is a directory laid out as a Nix binary cache (`nix-cache-info`, one `.narinfo` per
 * store path, `nar/*.nar.zst`) holding exactly the pack's paths. Nix writes and reads it itself
 * with `nix copy`, which copies in parallel and is about twice as fast to restore as
 * `nix-store --import` of one export stream.
 */
export function packStoreUri(dir: string, query = ''): string {
  if (/[?#\s]/.test(dir)) {
    throw new PackError(`a pack directory cannot hold ? # or spaces in its name: ${dir}`);
  }
  return `file://${dir}${query}`;
}

/** What writing a pack needs to know of a path: `nix path-info`'s answer. */
type PackPath = Pick<PathInfo, 'path' | 'narHash' | 'narSize' | 'references'>;

/**
 * Writes exactly these store paths (not their closures: what the cache holds already stays out)
 * into `dir` with zstd-compressed NARs, in the order given (references first). Returns the bytes
 * the pack takes; on failure nothing is left in `dir`.
 */
export async function writePack(
  nix: NixInstallation,
  infos: PackPath[],
  dir: string,
): Promise<number> {
  const uri = packStoreUri(dir, '?compression=zstd');
  try {
    const stubs = await writeReferenceStubs(nix, infos, dir);
    for (const batch of batches(infos.map((info) => info.path))) {
      await nixCopy(nix, ['--to', uri, ...batch], `cannot write the cache pack`);
    }
    await Promise.all(stubs.map((stub) => rm(stub)));
    return await directoryBytes(dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Nix adds a path to a binary cache only when the cache knows its references. References outside
 * the pack (in earlier packs, or served upstream) get a narinfo without a NAR while the pack is
 * written; they are removed after, so the pack never offers what it does not hold.
 */
async function writeReferenceStubs(
  nix: NixInstallation,
  infos: PackPath[],
  dir: string,
): Promise<string[]> {
  const inPack = new Set(infos.map((info) => info.path));
  const outside = [...new Set(infos.flatMap((info) => info.references))].filter(
    (path) => !inPack.has(path),
  );
  const stubs: string[] = [];
  for (const info of await queryPathInfos(nix, outside, false)) {
    const file = join(dir, `${hashPart(info.path)}.narinfo`);
    await writeFile(
      file,
      [
        `StorePath: ${info.path}`,
        `URL: nar/not-in-this-pack.nar`,
        `Compression: none`,
        `NarHash: ${info.narHash}`,
        `NarSize: ${info.narSize}`,
        `References: ${info.references.map((reference) => basename(reference)).join(' ')}`,
        '',
      ].join('\n'),
    );
    stubs.push(file);
  }
  return stubs;
}

/** The 32-character hash that names a store path's narinfo. */
function hashPart(storePath: string): string {
  return basename(storePath).slice(0, 32);
}

/**
 * Imports the pack's paths through Nix itself (`nix copy --from file://`): the store's own
 * database and locks, so a daemon, a root-owned store and auto-optimise-store are all fine. NAR
 * hashes are checked; signatures are not, since packs come only from the cache this action
 * wrote (see the README). Paths already valid are skipped by Nix.
 */
export async function importPack(
  nix: NixInstallation,
  dir: string,
  paths: string[],
  store?: string,
): Promise<void> {
  const uri = packStoreUri(dir);
  for (const batch of batches(paths)) {
    await nixCopy(
      nix,
      [
        ...(store ? ['--store', store] : []),
        '--from',
        uri,
        '--no-check-sigs',
        '--option',
        'fsync-metadata',
        'false',
        ...batch,
      ],
      `cannot import the pack in ${dir}`,
    );
  }
}

async function nixCopy(nix: NixInstallation, args: string[], failure: string): Promise<void> {
  const result = await run(
    nix.program('nix'),
    [...NIX_COMMAND, 'copy', '--no-recursive', ...args],
    { stderrTailLines: 20 },
  );
  if (result.code !== 0) {
    const why = result.stderrTail.filter((line) => !line.startsWith('copying path')).at(-1);
    throw new PackError(`${failure}: nix copy: ${why ?? `exit ${result.code}`}`);
  }
}

/**
 * Splits paths into argument lists that fit a command line, keeping their order (references
 * first, so each batch finds what it refers to in an earlier one).
 */
export function batches(paths: string[], limit = MAX_ARGUMENT_BYTES): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const path of paths) {
    if (current.length > 0 && size + path.length + 1 > limit) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(path);
    size += path.length + 1;
  }
  if (current.length > 0) result.push(current);
  return result;
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
