import { stat } from 'node:fs/promises';
import { perlAvailable } from '../../nix/path-locks.js';
import { storeDir } from '../entry.js';
import { rootChildScript, sudoAllowsRootChild } from './as-root.js';
import { nodeHasZstd } from './unpack-nar.js';

/** How a pack goes into the store. */
export type RestoreMethod = 'unpack' | 'unpack-as-root' | 'nix-copy';

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
  /** Passwordless sudo runs the root child here (asked only for a store of another user). */
  sudo: boolean;
}

/**
 * Unpacking writes the store directory and Nix's database directly, so it is only for whoever
 * owns the store: root, or the user of a single-user install. On a multi-user store (root's,
 * with a daemon) a runner's user with passwordless sudo unpacks in a root child, as the
 * whole-store caches extract as root; without it, `nix copy` restores through the daemon.
 */
export function chooseRestoreMethod(facts: RestoreFacts): { method: RestoreMethod; why: string } {
  const copy = (why: string) => ({ method: 'nix-copy' as const, why });
  if (facts.requested === 'nix-copy') return copy('restore-method is nix-copy');
  if (!facts.localStore) return copy('the store is not a local store directory');
  if (!facts.nodeZstd) return copy('this Node cannot decode zstd');
  if (!facts.perl) return copy('perl is missing (it takes the path locks)');
  if (facts.euid !== 0 && facts.euid !== facts.storeOwner) {
    if (facts.sudo) {
      return { method: 'unpack-as-root', why: 'a multi-user store: unpacked as root through sudo' };
    }
    return copy('the store belongs to another user and sudo -n cannot run the root unpacking');
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
  const euid = process.geteuid?.() ?? 0;
  const unpacking = requested === 'unpack' && localStore;
  const script = rootChildScript();
  return {
    requested,
    nodeZstd: nodeHasZstd(),
    perl: unpacking ? perlAvailable() : false,
    euid,
    storeOwner: owner,
    localStore,
    sudo: unpacking && euid !== 0 && euid !== owner && !!script && sudoAllowsRootChild(script),
  };
}
