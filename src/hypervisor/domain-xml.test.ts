import { describe, expect, it } from 'vitest';
import { HYPERNIX_XMLNS, parseDomainXml, withRecord, withVncPassword } from './domain-xml.js';

const PRINTED = `<domain type="kvm">
  <name>cp-1</name>
  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"/>
  </metadata>
  <devices>
    <disk type="file" device="disk">
      <source file="/pool/cp-1.qcow2"/>
    </disk>
    <disk type="file" device="cdrom"><source file="/iso/x.iso"/></disk>
    <interface type="bridge"><mac address="52:54:00:aa:bb:cc"/></interface>
    <serial type="file"><source path="/pool/cp-1.serial.log"/></serial>
    <graphics type="vnc" port="-1" listen="127.0.0.1"/>
  </devices>
</domain>`;

const RECORD = {
  deployment: 'lab',
  image: `sha256:${'b'.repeat(64)}`,
  config: 'sha256:c',
  role: 'worker',
};

describe('domain XML', () => {
  it('round-trips the hypernix record and reads disks, MACs and serial logs', () => {
    const facts = parseDomainXml(withRecord(PRINTED, RECORD));
    expect(facts).toEqual({
      name: 'cp-1',
      record: RECORD,
      macs: ['52:54:00:aa:bb:cc'],
      disks: ['/pool/cp-1.qcow2'],
      serialLogs: ['/pool/cp-1.serial.log'],
    });
  });

  it('reads the record as libvirt writes it back (single quotes, own formatting)', () => {
    const dumped = PRINTED.replace(
      '<metadata>',
      `<metadata>\n    <hypernix:vm xmlns:hypernix='${HYPERNIX_XMLNS}' deployment='lab' image='sha256:${'b'.repeat(64)}' config='sha256:c' role='worker'/>`,
    ).replace(/"/g, "'");
    expect(parseDomainXml(dumped).record).toEqual(RECORD);
  });

  it('finds no record in a domain someone else made, or one in another namespace', () => {
    expect(parseDomainXml(PRINTED).record).toBeUndefined();
    const foreign = PRINTED.replace(
      '<metadata>',
      '<metadata><x:vm xmlns:x="https://example.com/" deployment="lab" image="i" config="c" role="r"/>',
    );
    expect(parseDomainXml(foreign).record).toBeUndefined();
  });

  it('adds a metadata element when virt-install printed none', () => {
    const bare = PRINTED.replace(/<metadata>[\s\S]*<\/metadata>/, '');
    expect(parseDomainXml(withRecord(bare, RECORD)).record).toEqual(RECORD);
  });

  it('sets a VNC password only on the one VNC element, and refuses odd passwords', () => {
    expect(withVncPassword(PRINTED, 'Ab3_x-9z')).toContain(
      '<graphics type="vnc" passwd="Ab3_x-9z" port="-1"',
    );
    expect(() => withVncPassword(PRINTED, 'a"b')).toThrow(/VNC password/);
    expect(() => withVncPassword(PRINTED, '123456789')).toThrow(/VNC password/);
    expect(() => withVncPassword(PRINTED.replace('vnc', 'spice'), 'abc')).toThrow(/one VNC/);
  });

  it('refuses XML over 1 MiB and XML without a name', () => {
    expect(() => parseDomainXml(`<domain>${' '.repeat(1 << 20)}</domain>`)).toThrow(/1 MiB/);
    expect(() => parseDomainXml('<domain/>')).toThrow(/without a name/);
  });
});
