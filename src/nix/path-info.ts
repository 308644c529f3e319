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
