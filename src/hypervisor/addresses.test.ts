import { describe, expect, it } from 'vitest';
import { parseHostKeyLines, parseInterfaceAddresses } from './addresses.js';

const MAC = '52:54:00:aa:bb:cc';

describe('virsh domifaddr output', () => {
  it('takes the IPv4 addresses of the VM MAC only', () => {
    const text = [
      ' Name       MAC address          Protocol     Address',
      '-------------------------------------------------------------------------------',
      ' lo         00:00:00:00:00:00    ipv4         127.0.0.1/8',
      ' eth0       52:54:00:AA:BB:CC    ipv4         10.88.0.154/24',
      ' -          -                    ipv4         10.88.0.155/24',
      ' -          -                    ipv6         fe80::1/64',
      ' eth1       52:54:00:00:00:01    ipv4         10.99.0.2/24',
    ].join('\n');
    expect(parseInterfaceAddresses(text, MAC)).toEqual(['10.88.0.154', '10.88.0.155']);
  });

  it('skips what a hostile guest agent could send', () => {
    const text = [
      ` eth0 ${MAC} ipv4 10.0.0.1;reboot/24`,
      ` eth0 ${MAC} ipv4 999.1.1.1/24`,
      ` eth0 ${MAC} ipv4 --help`,
      ` eth0 ${MAC} ipv4 127.0.0.2/8`,
      'x'.repeat(100_000),
    ].join('\n');
    expect(parseInterfaceAddresses(text, MAC)).toEqual([]);
    const late = `${'\n'.repeat(100)} eth0 ${MAC} ipv4 10.0.0.9/24`;
    expect(parseInterfaceAddresses(late, MAC)).toEqual([]);
  });
});

describe('host-key lines on the serial console', () => {
  it('reads the lab guest format and keeps the last boot key of each type', () => {
    const fp1 = `SHA256:${'A'.repeat(43)}`;
    const fp2 = `SHA256:${'B'.repeat(43)}`;
    const log = [
      'booting',
      `hypernix-hostkey: ${fp1} ed25519\r`,
      'hypernix-hostkey-pub: ssh-ed25519 AAAAC3Nza',
      'rebooting',
      `hypernix-hostkey: ${fp2} ed25519`,
      'hypernix-hostkey: SHA256:short ed25519',
    ].join('\n');
    expect(parseHostKeyLines(log)).toEqual([{ fingerprint: fp2, type: 'ed25519' }]);
    expect(parseHostKeyLines('nothing here')).toEqual([]);
  });
});
