import type { NixInstallation } from './locate.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';

interface PathInfo {
  path?: string;
  narSize?: number;
}

/**
 * The closure size of store paths in bytes: the NAR sizes of every path they reference, each
 * counted once, from `nix path-info --recursive --json` (an array before Nix 2.19, an object
 * keyed by path after).
 */
export async function closureSize(nix: NixInstallation, paths: string[]): Promise<number> {
  const result = await run(nix.program('nix'), [
    '--extra-experimental-features',
    'nix-command',
    'path-info',
    '--json',
    '--recursive',
    ...paths,
  ]);
  if (result.code !== 0) {
    throw new HypernixError(
      `nix path-info failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`,
    );
  }
  const parsed = JSON.parse(result.stdout) as PathInfo[] | Record<string, PathInfo>;
  const entries: [string, PathInfo][] = Array.isArray(parsed)
    ? parsed.map((info, index) => [info.path ?? String(index), info])
    : Object.entries(parsed);
  const sizes = new Map(entries.map(([path, info]) => [path, info.narSize ?? 0]));
  let total = 0;
  for (const size of sizes.values()) total += size;
  return total;
}
