import { InputError } from '../util/errors.js';
import {
  blobKeyType,
  hostKeyAlgorithms,
  keyFingerprint,
  KnownHosts,
  parseFingerprint,
  parsePublicKey,
  type HostPins,
  type PinnedKey,
} from './known-hosts.js';

/**
 * Where an SSH host's trusted keys come from. There is no "accept any key" switch: a VM this
 * deploy has just created is pinned from a fingerprint or public key read inside the guest
 * (qemu guest agent or serial console), passed here in `pins`, never from the network alone.
 */
export interface HostKeySource {
  /** known_hosts text (or a parsed KnownHosts): entries are matched by address and port. */
  knownHosts?: string | KnownHosts;
  /**
   * Keys pinned for this host whatever its name: `SHA256:…`, `ssh-ed25519 SHA256:…`, or a public
   * key line `ssh-ed25519 AAAA… [comment]` (a guest's /etc/ssh/ssh_host_*_key.pub).
   */
  pins?: readonly (string | PinnedKey)[];
}

/** The verdict on the key a server presented, kept for the error message. */
export interface PresentedKey {
  type: string;
  fingerprint: string;
  refusal?: string;
}

/** Resolves a HostKeySource into the pins for one dialled address. */
export function resolvePins(
  source: HostKeySource,
  address: string,
  port: number,
): HostPins & { ignored: string[] } {
  const known =
    typeof source.knownHosts === 'string'
      ? KnownHosts.parse(source.knownHosts, 'known hosts')
      : source.knownHosts;
  const pins: HostPins = known ? known.pinsFor(address, port) : { keys: [], revoked: [] };
  for (const [index, pin] of (source.pins ?? []).entries()) {
    if (typeof pin !== 'string') {
      pins.keys.push(pin);
      continue;
    }
    const origin = `host key pin ${index + 1}`;
    pins.keys.push(
      /^\S+\s+AAAA/.test(pin.trim()) ? parsePublicKey(pin, origin) : parseFingerprint(pin, origin),
    );
  }
  return { ...pins, ignored: known?.ignored ?? [] };
}

/** The host key algorithms to offer: only the pinned types, unless a bare fingerprint is pinned. */
export function offeredAlgorithms(pins: HostPins): string[] | undefined {
  if (pins.keys.length === 0 || pins.keys.some((key) => key.type === undefined)) return undefined;
  return hostKeyAlgorithms(pins.keys.map((key) => key.type!));
}

/**
 * Checks a presented host key blob against the pins; records what was seen and why it was
 * refused in `seen` (ssh2 only reports "Host denied", the user needs the fingerprint).
 */
export function checkHostKey(
  pins: HostPins,
  where: string,
  blob: Buffer,
  seen: { key?: PresentedKey },
): boolean {
  const fingerprint = keyFingerprint(blob);
  const type = blobKeyType(blob) ?? 'unknown type';
  const shown = `${fingerprint} (${type})`;
  const revoked = pins.revoked.find((pin) => pin.fingerprint === fingerprint);
  let refusal: string | undefined;
  if (revoked) {
    refusal = `host key ${shown} is revoked (${revoked.source})`;
  } else if (pins.keys.length === 0) {
    refusal = `host key ${shown} is unknown: no key is pinned for ${where}; check it out of band and pin it`;
  } else if (
    !pins.keys.some((pin) => pin.fingerprint === fingerprint && (!pin.type || pin.type === type))
  ) {
    const expected = pins.keys.map((pin) => `${pin.fingerprint} (${pin.source})`).join(', ');
    refusal = `host key ${shown} does not match the pinned ${expected}: the key changed or this is another machine`;
  }
  seen.key = { type, fingerprint, refusal };
  return refusal === undefined;
}

/** Refuses a private key we cannot use before any connection, without echoing it. */
export function privateKeyError(host: string, origin: string, reason: string): InputError {
  return new InputError(`${host}: private key from ${origin} cannot be used: ${reason}`);
}
