import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { NixInstallation } from '../nix/locate.js';
import { batches, queryPathInfos, validPaths, type PathInfo } from '../nix/path-info.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';
import type { RestoreMethod } from './unpack/method.js';
import { unpackAsRoot } from './unpack/as-root.js';
import { unpackPack } from './unpack/restore-pack.js';

export class PackError extends HypernixError {
  override name = 'PackError';
}

const NIX_COMMAND = ['--extra-experimental-features', 'nix-command'];

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
export type PackPath = Pick<PathInfo, 'path' | 'narHash' | 'narSize' | 'references'>;

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
      await nixCopy(nix, ['--to', uri], batch, `cannot write the cache pack ${dir}`);
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
 * Imports the pack's paths: with `unpack`, by unpacking and verifying each NAR here and
 * registering it through nix-store (unpackPack; packs it does not handle still go through nix
 * copy); with `unpack-as-root`, the same in a root child through sudo (as-root.ts); else
 * through Nix itself (`nix copy --from file://`): the store's own
 * database and locks, so a daemon, a root-owned store and auto-optimise-store are all fine. NAR
 * hashes are checked; signatures are not, since packs come only from the cache this action
 * wrote (see the README). Each narinfo is checked first against the entry (checkNarinfos), and
 * paths go after `--`. Paths already valid are skipped by Nix.
 */
export async function importPack(
  nix: NixInstallation,
  dir: string,
  infos: PackPath[],
  store?: string,
  method: RestoreMethod = 'nix-copy',
): Promise<void> {
  if (method === 'unpack-as-root') return unpackAsRoot(nix, dir, infos, store);
  const narinfos = await checkNarinfos(dir, infos);
  if (method === 'unpack') {
    const outcome = await unpackPack(nix, dir, infos, narinfos, store);
    if (outcome) {
      const [first, ...more] = outcome.failed;
      if (first) {
        throw new PackError(
          `cannot import ${first.path} from the pack in ${dir}: ${first.reason}${more.length ? ` (and ${more.length} more paths)` : ''}`,
        );
      }
      return;
    }
  }
  const uri = packStoreUri(dir);
  const storeArgs = store ? ['--store', store] : [];
  for (const batch of batches(infos.map((info) => info.path))) {
    try {
      await nixCopy(
        nix,
        [...storeArgs, '--from', uri, '--no-check-sigs', '--option', 'fsync-metadata', 'false'],
        batch,
        `cannot import the pack in ${dir}`,
      );
    } catch (error) {
      // Name the path that failed: the first of the batch (references first) still missing.
      const present = await validPaths(nix, batch, store).catch(() => new Set(batch));
      const failed = batch.find((path) => !present.has(path));
      if (failed && error instanceof PackError) {
        throw new PackError(
          error.message.replace('cannot import the pack', `cannot import ${failed} from the pack`),
          { cause: error },
        );
      }
      throw error;
    }
  }
}

// A narinfo is small but for its References line: 2,000 references take about 100 kB, so this
// leaves room for 300,000. More is damage.
const MAX_NARINFO_BYTES = 16 * 1024 * 1024;

/**
 * Checks each path's narinfo against the entry before Nix reads it: its StorePath must be the
 * path (else Nix would register that path with another path's contents), its URL a plain file
 * under nar/ (else Nix would read outside the pack), and its References the entry's.
 */
export async function checkNarinfos(
  dir: string,
  infos: PackPath[],
): Promise<Map<string, Map<string, string>>> {
  const checked = new Map<string, Map<string, string>>();
  for (const info of infos) {
    const file = join(dir, `${hashPart(info.path)}.narinfo`);
    const text = readBounded(file);
    const fields = new Map<string, string>();
    for (const line of text.split('\n')) {
      const colon = line.indexOf(': ');
      if (colon > 0 && !fields.has(line.slice(0, colon))) {
        fields.set(line.slice(0, colon), line.slice(colon + 2));
      }
    }
    const problem = (what: string) => new PackError(`${info.path}: its narinfo ${what}`);
    if (fields.get('StorePath') !== info.path) {
      throw problem(`names ${JSON.stringify(fields.get('StorePath') ?? '')}, not this path`);
    }
    if (!/^nar\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(fields.get('URL') ?? '')) {
      throw problem(`points outside the pack (URL ${JSON.stringify(fields.get('URL') ?? '')})`);
    }
    const listed = (fields.get('References') ?? '').split(' ').filter(Boolean).sort().join(' ');
    const expected = info.references
      .map((reference) => basename(reference))
      .sort()
      .join(' ');
    if (listed !== expected) throw problem('lists other references than the cache entry');
    checked.set(info.path, fields);
  }
  return checked;
}

/**
 * A narinfo's text, read synchronously: a pack has thousands of small narinfos, and four trips
 * through the thread pool for each (open, stat, read, close) cost half a second for 2,000.
 */
function readBounded(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new PackError(`${file} is missing`);
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_NARINFO_BYTES) {
      throw new PackError(`${file} is ${size} bytes: larger than any narinfo (damaged)`);
    }
    // Read what it holds now (it may have shrunk), never more than was checked.
    const buffer = Buffer.alloc(size);
    const bytesRead = readSync(fd, buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Runs `nix copy` with the store paths after `--`, so none can be taken for an option. */
async function nixCopy(
  nix: NixInstallation,
  options: string[],
  paths: string[],
  failure: string,
): Promise<void> {
  const result = await run(
    nix.program('nix'),
    [...NIX_COMMAND, 'copy', '--no-recursive', ...options, '--', ...paths],
    { stderrTailLines: 20 },
  );
  if (result.code !== 0) {
    throw new PackError(`${failure}: ${nixFailure(result.stderrTail, result.code)}`);
  }
}

/** Nix's own reason, without its progress and --show-trace hints; a full disk said plainly. */
export function nixFailure(stderr: string[], code: number): string {
  if (stderr.some((line) => /No space left on device/i.test(line))) {
    return 'no space left on device (ENOSPC)';
  }
  const errors = stderr.filter((line) => /^error: /.test(line));
  const last =
    errors.at(-1) ??
    stderr.filter((line) => !/^copying (path|\d+ paths)|^\(use '--show-trace'/.test(line)).at(-1);
  return last ? `nix copy: ${last.replace(/^error: /, '').trim()}` : `nix copy: exit ${code}`;
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
