import type { NixInstallation } from '../nix/locate.js';
import type { Reporter } from '../util/reporter.js';
import { formatBytes } from '../util/format.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';

/** The store's size: the NAR sizes of every valid path. */
export async function storeSize(nix: NixInstallation): Promise<number> {
  const result = await run(nix.program('nix'), [
    '--extra-experimental-features',
    'nix-command',
    'path-info',
    '--all',
    '--json',
  ]);
  if (result.code !== 0)
    throw new HypernixError(`nix path-info --all failed: ${result.stderrTail.at(-1) ?? ''}`);
  const parsed = JSON.parse(result.stdout) as
    { narSize?: number }[] | Record<string, { narSize?: number } | null>;
  const infos = Array.isArray(parsed) ? parsed : Object.values(parsed);
  return infos.reduce((sum, info) => sum + (info?.narSize ?? 0), 0);
}

/**
 * Collects unreachable paths until the store is no larger than `maxBytes`. Nix's own collector
 * does it (`nix-store --gc --max-freed`), so nothing a GC root reaches is ever deleted.
 */
export async function collectGarbageTo(
  nix: NixInstallation,
  maxBytes: number,
  reporter: Reporter,
): Promise<number> {
  const size = await storeSize(nix);
  if (size <= maxBytes) return 0;
  const excess = size - maxBytes;
  reporter.info(
    `store cache: the store holds ${formatBytes(size)}, over ${formatBytes(maxBytes)}; collecting up to ${formatBytes(excess)}`,
  );
  const result = await run(nix.program('nix-store'), ['--gc', '--max-freed', String(excess)]);
  if (result.code !== 0)
    throw new HypernixError(`nix-store --gc failed: ${result.stderrTail.at(-1) ?? ''}`);
  return size - (await storeSize(nix));
}
