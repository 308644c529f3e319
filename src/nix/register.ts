import type { NixInstallation } from './locate.js';
import { printSha256 } from './nar-hash.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';

/** What makes a store path valid: the path info Nix keeps in its database. */
export interface Registration {
  path: string;
  narHash: Buffer;
  narSize: number;
  /** The .drv that built it, when known ('' when not). */
  deriver: string;
  references: string[];
}

export class RegisterError extends HypernixError {
  override name = 'RegisterError';
}

/**
 * The text `nix-store --register-validity --hash-given` and `--load-db` read (libstore's
 * decodeValidPathInfo, the same in Nix 2.3 to 2.2x): per path its line, hash, NAR size, deriver
 * (may be empty), the count of references, then one line each.
 */
export function registrationText(paths: Registration[]): string {
  return paths
    .map((info) =>
      [
        info.path,
        printSha256(info.narHash),
        String(info.narSize),
        info.deriver,
        String(info.references.length),
        ...info.references,
      ].join('\n'),
    )
    .join('\n')
    .concat(paths.length ? '\n' : '');
}

/**
 * Makes paths already in place valid, in one transaction, through Nix itself (never its
 * database file): the references of each must be valid or among the paths, else Nix refuses
 * all of them. In the store itself `--register-validity --hash-given`, which also canonicalises
 * the paths' metadata; in a chroot store (`store`, a directory) `--load-db`, the same without
 * canonicalising, because Nix 2.8 canonicalises the path's name under /nix/store on the host
 * there (not the chroot's copy) and fails when the host has no such path. The caller writes
 * canonical metadata itself either way.
 */
export async function registerValidPaths(
  nix: NixInstallation,
  paths: Registration[],
  store?: string,
): Promise<void> {
  if (paths.length === 0) return;
  const args = store ? ['--store', store, '--load-db'] : ['--register-validity', '--hash-given'];
  const result = await run(
    nix.program('nix-store'),
    [...args, '--option', 'fsync-metadata', 'false'],
    { input: registrationText(paths), stderrTailLines: 20 },
  );
  if (result.code !== 0) {
    const reason = result.stderrTail.filter((line) => /^error: /.test(line)).at(-1);
    throw new RegisterError(
      `nix-store cannot register ${paths.length} restored paths: ${reason?.replace(/^error: /, '') ?? `exit ${result.code}`}`,
    );
  }
}
