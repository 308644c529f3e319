import { describe, expect, it } from 'vitest';
import { contains, networkOf, overlaps, parseCidr } from './cidr.js';
import type { Cidr } from './spec.js';

const cidr = (text: string) => parseCidr(text) as Cidr;

describe('CIDRs', () => {
  it('parses networks and refuses malformed text or host bits', () => {
    expect(cidr('10.244.0.0/16')).toEqual({ text: '10.244.0.0/16', base: 0x0af40000, prefix: 16 });
    expect(parseCidr('10.244.0.0')).toMatch(/expected an IPv4 CIDR/);
    expect(parseCidr('10.300.0.0/16')).toMatch(/expected an IPv4 CIDR/);
    expect(parseCidr('10.0.0.0/33')).toMatch(/expected an IPv4 CIDR/);
    expect(parseCidr('10.0.0.1/8')).toBe('10.0.0.1/8 has host bits set; the network is 10.0.0.0/8');
  });

  it("finds overlaps: the guide's 192.168.0.0/16 covers a 192.168.1.x LAN", () => {
    expect(overlaps(cidr('192.168.0.0/16'), cidr('192.168.1.0/24'))).toBe(true);
    expect(overlaps(cidr('10.244.0.0/16'), cidr('10.96.0.0/12'))).toBe(false);
    expect(overlaps(cidr('10.96.0.0/12'), cidr('10.100.0.0/16'))).toBe(true);
    expect(overlaps(cidr('0.0.0.0/0'), cidr('10.0.0.0/8'))).toBe(true);
    expect(contains(cidr('10.88.0.0/24'), '10.88.0.200')).toBe(true);
    expect(contains(cidr('10.88.0.0/24'), '10.88.1.1')).toBe(false);
    expect(networkOf('10.88.0.5', 24)?.text).toBe('10.88.0.0/24');
  });
});
