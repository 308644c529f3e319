import { stat } from 'node:fs/promises';
import { perlAvailable } from '../../nix/path-locks.js';
import { storeDir } from '../entry.js';
import { nodeHasZstd } from './unpack-nar.js';

/** How a pack goes into the store. */
export type RestoreMethod = 'unpack' | 'nix-copy';

/** What a restore may ask for: `unpack` takes that path where it can, `nix-copy` never does. */
export type RequestedMethod = 'unpack' | 'nix-copy';

export interface RestoreFacts {
  requested: RequestedMethod;
  /** Node decodes zstd itself (Node 22.15+). */
  nodeZstd: boolean;
  /** `perl` runs (it takes Nix's path locks for us). */
  perl: boolean;
  /** This process's effective uid. */
  euid: number;
  /** The owner of the (real) store directory. */
  storeOwner: number;
  /** The store is the local one or a chroot store directory (not a daemon or remote URL). */
  localStore: boolean;
}

/**
 * Unpacking writes the store directory and Nix's database directly, so it is only for whoever
 * owns the store: root, or the user of a single-user install. On a multi-user store the runner's
 * user is not root; then today's `nix copy` (through the daemon) restores. Running the unpack as
 * a root child through passwordless sudo is not done yet: those runners take nix copy.
 */
export function chooseRestoreMethod(facts: RestoreFacts): { method: RestoreMethod; why: string } {
  const copy = (why: string) => ({ method: 'nix-copy' as const, why });
  if (facts.requested === 'nix-copy') return copy('restore-method is nix-copy');
  if (!facts.localStore) return copy('the store is not a local store directory');
  if (!facts.nodeZstd) return copy('this Node cannot decode zstd');
  if (!facts.perl) return copy('perl is missing (it takes the path locks)');
  if (facts.euid !== 0 && facts.euid !== facts.storeOwner) {
    return copy('the store belongs to another user (a multi-user store)');
  }
  return { method: 'unpack', why: 'unpacked and verified here' };
}

/**
 * The facts for chooseRestoreMethod on this machine, for the local store or a chroot store
 * directory (`store`). A daemon (NIX_REMOTE) or a store URL is not written directly.
 */
export async function restoreFacts(
  requested: RequestedMethod,
  store: string | undefined,
): Promise<RestoreFacts> {
  const remote = process.env.NIX_REMOTE ?? '';
  const localStore =
    store === undefined ? remote === '' || remote === 'local' : store.startsWith('/');
  const owner = await stat(store ?? storeDir()).then(
    (info) => info.uid,
    () => process.geteuid?.() ?? 0, // a chroot store not made yet: it will be ours
  );
  return {
    requested,
    nodeZstd: nodeHasZstd(),
    perl: requested === 'unpack' && localStore ? perlAvailable() : false,
    euid: process.geteuid?.() ?? 0,
    storeOwner: owner,
    localStore,
  };
}
