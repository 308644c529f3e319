import { Socket } from 'node:net';
import type { Host } from '../hosts/host.js';
import { HypernixError } from '../util/errors.js';
import type { AddressSource, Virsh } from './libvirt.js';

export class AddressError extends HypernixError {
  override name = 'AddressError';
}

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The IPv4 addresses `virsh domifaddr` lists for one MAC. Lines look like
 * ` vnet0  52:54:00:aa:bb:cc  ipv4  10.0.0.5/24`; anything else (headers, IPv6, loopback, other
 * NICs, garbage a guest agent could send) is skipped, and at most 64 lines are read.
 */
export function parseInterfaceAddresses(text: string, mac: string): string[] {
  const found: string[] = [];
  let lastMac = '';
  for (const line of text.split('\n').slice(0, 64)) {
    const words = line.trim().split(/\s+/).slice(0, 5);
    // An interface's second address repeats no name or MAC: "-  -  ipv4  10.0.0.6/24".
    const macWord = words.find((word) => /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(word));
    if (macWord) lastMac = macWord.toLowerCase();
    else if (words[0] !== '-') continue;
    const protocol = words.indexOf('ipv4');
    const address = protocol >= 0 ? words[protocol + 1]?.split('/')[0] : undefined;
    if (
      lastMac === mac.toLowerCase() &&
      address &&
      IPV4_RE.test(address) &&
      !address.startsWith('127.')
    )
      found.push(address);
  }
  return [...new Set(found)];
}

const SOURCES: AddressSource[] = ['agent', 'lease', 'arp'];

/** One look for a VM's address: the guest agent, then DHCP leases, then ARP, then the config. */
export async function findAddress(
  virsh: Virsh,
  vm: { name: string; mac: string; address?: string },
): Promise<{ address: string; source: string } | undefined> {
  for (const source of SOURCES) {
    const text = await virsh.interfaceAddresses(vm.name, source).catch(() => '');
    const [address] = parseInterfaceAddresses(text, vm.mac);
    if (address) return { address, source };
  }
  return vm.address ? { address: vm.address, source: 'static' } : undefined;
}

/** Whether a TCP port answers; from this machine, or (through a hypervisor) from there. */
export type PortProbe = (address: string, port: number) => Promise<boolean>;

export const localProbe: PortProbe = (address, port) =>
  new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, address);
  });

/** Probes from the hypervisor: the VMs' bridge may be reachable from there only. */
export function probeFrom(host: Host): PortProbe {
  return async (address, port) => {
    if (!IPV4_RE.test(address)) return false;
    const { code } = await host.exec(
      ['timeout', '4', 'bash', '-c', 'exec 3<>"/dev/tcp/$0/$1"', address, String(port)],
      { okCodes: [1, 124], timeoutMs: 10_000 },
    );
    return code === 0;
  };
}

export interface WaitOptions {
  timeoutMs: number;
  port: number;
  probe: PortProbe;
  /** Called once SSH answers; may connect for real and throw to keep waiting. */
  confirm?: (address: string) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Waits until a VM has an address whose SSH port answers. Keeps looking through a reboot (an
 * address seen, then SSH gone, then back: the guide's hostname service reboots once) until the
 * deadline; the timeout names the VM and everything that was tried.
 */
export async function waitForSsh(
  virsh: Virsh,
  vm: { name: string; mac: string; address?: string },
  options: WaitOptions,
): Promise<{ address: string; source: string }> {
  const deadline = Date.now() + options.timeoutMs;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  let last = 'no address from the guest agent, DHCP leases or ARP';
  if (vm.address) last += `; static address ${vm.address} did not answer`;
  while (Date.now() < deadline) {
    const found = await findAddress(virsh, vm);
    if (found) {
      if (await options.probe(found.address, options.port)) {
        try {
          await options.confirm?.(found.address);
          return found;
        } catch (error) {
          last = `${found.address} (${found.source}) answered on port ${options.port} but SSH failed: ${(error as Error).message}`;
        }
      } else {
        last = `address ${found.address} (from ${found.source}) did not answer on port ${options.port}`;
      }
    }
    await sleep(2000);
  }
  throw new AddressError(
    `VM ${vm.name} (MAC ${vm.mac}) did not answer SSH within ${Math.round(options.timeoutMs / 1000)} s: ${last}`,
  );
}

/** The line the guest prints on its serial console: `hypernix-hostkey: SHA256:… <type>`. */
const HOSTKEY_RE = /hypernix-hostkey: (SHA256:[A-Za-z0-9+/]{43}) ([a-z0-9@.-]{3,40})/g;
const SERIAL_TAIL_BYTES = 256 * 1024;

export interface HostKeyLine {
  fingerprint: string;
  type: string;
}

/** Host-key fingerprints a guest printed on its serial console, read from the log's last 256 KiB. */
export async function readSerialHostKeys(host: Host, serialLog: string): Promise<HostKeyLine[]> {
  const { stdout } = await host.exec(['tail', '-c', String(SERIAL_TAIL_BYTES), '--', serialLog], {
    maxOutputBytes: SERIAL_TAIL_BYTES + 1024,
    okCodes: [1],
  });
  return parseHostKeyLines(stdout);
}

export function parseHostKeyLines(text: string): HostKeyLine[] {
  const keys = new Map<string, HostKeyLine>();
  for (const match of text.matchAll(HOSTKEY_RE)) {
    const [, fingerprint, type] = match as unknown as [string, string, string];
    keys.set(type, { fingerprint, type }); // the latest boot's key of each type wins
  }
  return [...keys.values()];
}
