import { stat } from 'node:fs/promises';
import { perlAvailable } from '../../nix/path-locks.js';
import { storeDir } from '../entry.js';
import { sudoAllowsRootChild } from './as-root.js';
import { siblingBundle } from './sibling-bundle.js';
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
  /**
   * `local`: the machine's store or a chroot store directory, written by whoever owns it;
   * `daemon`: the machine's store reached through its daemon (NIX_REMOTE=daemon), which only
   * root writes directly; `other`: a store URL.
   */
  store: 'local' | 'daemon' | 'other';
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
  if (facts.store === 'other') return copy('the store is not a local store directory');
  if (!facts.nodeZstd) return copy('this Node cannot decode zstd');
  if (!facts.perl) return copy('perl is missing (it takes the path locks)');
  const owner = facts.euid === 0 || facts.euid === facts.storeOwner;
  if (facts.store === 'local' && owner) {
    return { method: 'unpack', why: 'unpacked and verified here' };
  }
  const whose =
    facts.store === 'daemon'
      ? "the machine's store through its daemon (NIX_REMOTE=daemon)"
      : 'the store belongs to another user (a multi-user store)';
  if (facts.euid !== 0 && facts.sudo) {
    return { method: 'unpack-as-root', why: `${whose}: unpacked as root through sudo` };
  }
  return copy(`${whose} and sudo -n cannot run the root unpacking`);
}

/**
 * The facts for chooseRestoreMethod on this machine, for the local store or a chroot store
 * directory (`store`). A store URL is never written directly; the machine's store behind its
 * daemon only by a root child.
 */
export async function restoreFacts(
  requested: RequestedMethod,
  store: string | undefined,
): Promise<RestoreFacts> {
  const kind = storeKind(store, process.env.NIX_REMOTE ?? '');
  const owner = await stat(store ?? storeDir()).then(
    (info) => info.uid,
    () => process.geteuid?.() ?? 0, // a chroot store not made yet: it will be ours
  );
  const euid = process.geteuid?.() ?? 0;
  const unpacking = requested === 'unpack' && kind !== 'other';
  const notOurs = euid !== 0 && (kind === 'daemon' || euid !== owner);
  // Asked only where a root child is the way to unpack: sudo is a process to start.
  const rootChild = () => {
    const script = siblingBundle('unpack-as-root');
    return script !== undefined && sudoAllowsRootChild(script);
  };
  return {
    requested,
    nodeZstd: nodeHasZstd(),
    perl: unpacking ? perlAvailable() : false,
    euid,
    storeOwner: owner,
    store: kind,
    sudo: unpacking && notOurs && rootChild(),
  };
}

/** What the restore writes into: a chroot store `DIR`, or the store NIX_REMOTE names. */
function storeKind(store: string | undefined, remote: string): RestoreFacts['store'] {
  if (store !== undefined) return store.startsWith('/') ? 'local' : 'other';
  if (remote === '' || remote === 'local') return 'local';
  return remote === 'daemon' ? 'daemon' : 'other';
}
