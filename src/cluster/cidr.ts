import type { Cidr } from './spec.js';

/**
 * IPv4 CIDR blocks: parsed strictly (a host address with a prefix, `10.0.0.1/8`, is refused, as
 * kubeadm would misread it) and compared for overlap, which the cluster's subnets must avoid.
 */

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns a reason string when it is not a network's CIDR. */
export function parseCidr(text: string): Cidr | string {
  const match = CIDR_RE.exec(text);
  if (!match) return `expected an IPv4 CIDR like 10.244.0.0/16; got ${JSON.stringify(text)}`;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32)
    return `expected an IPv4 CIDR like 10.244.0.0/16; got ${JSON.stringify(text)}`;
  const base = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((base & ~mask) >>> 0 !== 0) {
    const network = `${formatAddress((base & mask) >>> 0)}/${prefix}`;
    return `${text} has host bits set; the network is ${network}`;
  }
  return { text, base, prefix };
}

/** An address with its prefix length (`10.88.0.5/24`, as `ip -o addr` prints) as its network. */
export function networkOf(address: string, prefix: number): Cidr | undefined {
  const parsed = parseCidr(`${address}/32`);
  if (typeof parsed === 'string' || prefix < 0 || prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const base = (parsed.base & mask) >>> 0;
  return { text: `${formatAddress(base)}/${prefix}`, base, prefix };
}

function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

export function contains(cidr: Cidr, address: string): boolean {
  const single = parseCidr(`${address}/32`);
  return typeof single !== 'string' && overlaps(cidr, single);
}

export function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}
