import { createHash } from 'node:crypto';
import { InputError } from '../util/errors.js';

/**
 * A VM's MAC address, derived from its name: 52:54:00 (QEMU's locally administered prefix) and
 * three bytes of sha256(name). The same name gets the same MAC when the VM is made again, so a
 * DHCP server that pins addresses by MAC gives it the same address.
 */
export function macFor(name: string): string {
  const hash = createHash('sha256').update(name, 'utf8').digest();
  const tail = [...hash.subarray(0, 3)].map((byte) => byte.toString(16).padStart(2, '0'));
  return ['52', '54', '00', ...tail].join(':');
}

/** Refuses a config whose VM names derive the same MAC (24 bits: rare, but possible). */
export function checkMacs(names: readonly string[], file: string): Map<string, string> {
  const owners = new Map<string, string>();
  const macs = new Map<string, string>();
  for (const name of names) {
    const mac = macFor(name);
    const other = owners.get(mac);
    if (other !== undefined) {
      throw new InputError(
        `${file}: VMs ${JSON.stringify(other)} and ${JSON.stringify(name)} derive the same MAC ${mac}; rename one`,
      );
    }
    owners.set(mac, name);
    macs.set(name, mac);
  }
  return macs;
}
