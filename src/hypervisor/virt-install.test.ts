import { describe, expect, it } from 'vitest';
import { UnsafeArgumentError, virtInstallArgv, type DomainSpec } from './virt-install.js';

const SPEC: DomainSpec = {
  connect: 'qemu:///system',
  name: 'cp-1',
  memoryMiB: 6144,
  vcpus: 4,
  osinfo: 'linux2022',
  disk: '/pool/cp-1.qcow2',
  bridge: 'br0',
  mac: '52:54:00:aa:bb:cc',
  serialLog: '/pool/cp-1.serial.log',
  graphics: 'none',
  firmware: 'bios',
  secureBoot: false,
  virtType: 'qemu',
};

const after = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

describe('virt-install argv', () => {
  it('describes an imported VM with virtio disk and NIC, agent channel and serial log', () => {
    const argv = virtInstallArgv(SPEC);
    expect(argv.slice(0, 6)).toEqual([
      'virt-install',
      '--connect',
      'qemu:///system',
      '--print-xml',
      '--import',
      '--noautoconsole',
    ]);
    expect(after(argv, '--name')).toBe('cp-1');
    expect(after(argv, '--memory')).toBe('6144');
    expect(after(argv, '--vcpus')).toBe('4');
    expect(after(argv, '--disk')).toBe('path=/pool/cp-1.qcow2,bus=virtio,format=qcow2');
    expect(after(argv, '--network')).toBe('bridge=br0,model=virtio,mac=52:54:00:aa:bb:cc');
    expect(after(argv, '--channel')).toBe(
      'unix,target.type=virtio,target.name=org.qemu.guest_agent.0',
    );
    expect(after(argv, '--serial')).toBe('file,path=/pool/cp-1.serial.log');
    expect(after(argv, '--graphics')).toBe('none');
    expect(after(argv, '--virt-type')).toBe('qemu');
    expect(argv).not.toContain('--boot');
  });

  it('never puts a VNC password on the command line', () => {
    const argv = virtInstallArgv({ ...SPEC, graphics: { listen: '127.0.0.1' } });
    expect(after(argv, '--graphics')).toBe('vnc,listen=127.0.0.1');
    expect(argv.join(' ')).not.toMatch(/passw/);
  });

  it('boots UEFI with Secure Boot off unless asked for', () => {
    expect(after(virtInstallArgv({ ...SPEC, firmware: 'uefi' }), '--boot')).toBe(
      'uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=no',
    );
    expect(
      after(virtInstallArgv({ ...SPEC, firmware: 'uefi', secureBoot: true }), '--boot'),
    ).toMatch(/enabled=yes$/);
    expect(virtInstallArgv({ ...SPEC, virtType: undefined })).not.toContain('--virt-type');
  });

  it.each([
    ['disk', { disk: '/pool/a,b.qcow2' }],
    ['bridge', { bridge: 'br0,model=e1000' }],
    ['name', { name: '--help' }],
    ['serial', { serialLog: '/pool/x\n' }],
    ['memory', { memoryMiB: 1.5 }],
  ])('refuses an unsafe %s even if the schema let it through', (_, change) => {
    expect(() => virtInstallArgv({ ...SPEC, ...change } as DomainSpec)).toThrow(
      UnsafeArgumentError,
    );
  });
});
