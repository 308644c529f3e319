import type { NixInstallation } from './locate.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';

/** What Nix knows of a store path, as `nix path-info --json` prints it. */
export interface PathInfo {
  path: string;
  narHash: string;
  narSize: number;
  references: string[];
  /** Built on this machine (not substituted). */
  ultimate: boolean;
  signatures: string[];
}

interface RawPathInfo {
  path?: string;
  narHash?: string;
  narSize?: number;
  references?: string[];
  ultimate?: boolean;
  signatures?: string[];
}

/**
 * Path infos of store paths, with their closures when `recursive`. `nix path-info --json` prints
 * an array before Nix 2.19 and an object keyed by path after; both are read here.
 */
export async function queryPathInfos(
  nix: NixInstallation,
  paths: string[],
  recursive: boolean,
): Promise<PathInfo[]> {
  if (paths.length === 0) return [];
  const args = [
    '--extra-experimental-features',
    'nix-command',
    'path-info',
    '--json',
    ...(recursive ? ['--recursive'] : []),
    '--',
    ...paths,
  ];
  const result = await run(nix.program('nix'), args);
  if (result.code !== 0) {
    throw new HypernixError(
      `nix path-info failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`,
    );
  }
  const parsed = JSON.parse(result.stdout) as RawPathInfo[] | Record<string, RawPathInfo | null>;
  const entries: [string, RawPathInfo | null][] = Array.isArray(parsed)
    ? parsed.map((info) => [info.path ?? '', info])
    : Object.entries(parsed);
  return entries
    .filter((entry): entry is [string, RawPathInfo] => entry[1] !== null && entry[0] !== '')
    .map(([path, info]) => ({
      path,
      narHash: info.narHash ?? '',
      narSize: info.narSize ?? 0,
      references: info.references ?? [],
      ultimate: info.ultimate ?? false,
      signatures: info.signatures ?? [],
    }));
}

/**
 * The build-time inputs of store paths that exist in this store: the outputs of every derivation
 * in the closure of the paths' derivers (what a rebuild would need), sources included, .drv files
 * not. Paths whose deriver is unknown contribute nothing.
 */
export async function buildInputs(nix: NixInstallation, paths: string[]): Promise<string[]> {
  const derivers = await run(nix.program('nix-store'), ['--query', '--deriver', '--', ...paths]);
  if (derivers.code !== 0)
    throw new HypernixError(
      `nix-store --query --deriver failed: ${derivers.stderrTail.at(-1) ?? ''}`,
    );
  const drvs = derivers.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.endsWith('.drv'));
  const valid: string[] = [];
  for (const drv of drvs) {
    // A deriver may have been collected since; then only the runtime closure is cached.
    if ((await run(nix.program('nix-store'), ['--check-validity', '--', drv])).code === 0)
      valid.push(drv);
  }
  if (valid.length === 0) return [];
  const closure = await run(nix.program('nix-store'), [
    '--query',
    '--requisites',
    '--include-outputs',
    '--',
    ...valid,
  ]);
  if (closure.code !== 0)
    throw new HypernixError(
      `nix-store --query --requisites failed: ${closure.stderrTail.at(-1) ?? ''}`,
    );
  return closure.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('/') && !line.endsWith('.drv'));
}

/** Which of these paths are valid in the store (or in another store, a chroot store). */
export async function validPaths(
  nix: NixInstallation,
  paths: string[],
  store?: string,
): Promise<Set<string>> {
  const invalid = new Set<string>();
  for (const batch of batches(paths)) {
    const result = await run(nix.program('nix-store'), [
      ...(store ? ['--store', store] : []),
      '--check-validity',
      '--print-invalid',
      '--',
      ...batch,
    ]);
    for (const line of result.stdout.split('\n')) if (line.trim()) invalid.add(line.trim());
  }
  return new Set(paths.filter((path) => !invalid.has(path)));
}

// Kept well under Linux's 2 MiB for arguments plus environment; larger sets go in batches.
const MAX_ARGUMENT_BYTES = 512 * 1024;

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
