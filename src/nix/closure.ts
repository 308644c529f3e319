import type { NixInstallation } from './locate.js';
import { queryPathInfos } from './path-info.js';

/**
 * The closure size of store paths in bytes: the NAR sizes of every path they reference, each
 * counted once.
 */
export async function closureSize(nix: NixInstallation, paths: string[]): Promise<number> {
  const infos = await queryPathInfos(nix, paths, true);
  return infos.reduce((sum, info) => sum + info.narSize, 0);
}
