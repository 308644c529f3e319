import { HypernixError } from '../util/errors.js';

/** Everything virt-install needs to describe one VM; every value was checked by the config schema. */
export interface DomainSpec {
  connect: string;
  name: string;
  memoryMiB: number;
  vcpus: number;
  osinfo: string;
  disk: string;
  bridge: string;
  mac: string;
  serialLog: string;
  graphics: 'none' | { listen: '127.0.0.1' | '0.0.0.0' };
  firmware: 'bios' | 'uefi';
  secureBoot: boolean;
  /** Omitted: virt-install's own choice (the test driver has only its own type). */
  virtType?: 'kvm' | 'qemu';
}

/** A value went into virt-install's comma-separated syntax unchecked: a bug, not a user error. */
export class UnsafeArgumentError extends HypernixError {
  override name = 'UnsafeArgumentError';
}

/** virt-install splits sub-options on commas and '=': a value must contain neither comma nor NUL. */
function safe(value: string, what: string): string {
  if (/[,\0\n]/.test(value) || value.startsWith('-'))
    throw new UnsafeArgumentError(`refusing ${what} ${JSON.stringify(value)} for virt-install`);
  return value;
}

/**
 * The virt-install argument vector that prints the domain XML of a VM booting from its existing
 * disk (`--import`). The XML is then completed (metadata, a VNC password) and defined with
 * `virsh define`, so no secret ever reaches a command line.
 */
export function virtInstallArgv(spec: DomainSpec): string[] {
  const argv = [
    'virt-install',
    '--connect',
    safe(spec.connect, 'libvirt URI'),
    '--print-xml',
    '--import',
    '--noautoconsole',
    '--name',
    safe(spec.name, 'VM name'),
    '--memory',
    String(integer(spec.memoryMiB, 'memory')),
    '--vcpus',
    String(integer(spec.vcpus, 'vcpus')),
    '--osinfo',
    safe(spec.osinfo, 'osinfo'),
    '--disk',
    `path=${safe(spec.disk, 'disk path')},bus=virtio,format=qcow2`,
    '--network',
    `bridge=${safe(spec.bridge, 'bridge')},model=virtio,mac=${safe(spec.mac, 'MAC')}`,
    '--channel',
    'unix,target.type=virtio,target.name=org.qemu.guest_agent.0',
    // ttyS0 goes to a file the deploy reads the guest's host key line from; the pty console is
    // a virtio one, so `virsh console` still works without taking the serial port.
    '--serial',
    `file,path=${safe(spec.serialLog, 'serial log path')}`,
    '--console',
    'pty,target.type=virtio',
    '--graphics',
    spec.graphics === 'none' ? 'none' : `vnc,listen=${safe(spec.graphics.listen, 'VNC listen')}`,
  ];
  if (spec.firmware === 'uefi') {
    // Debian's default UEFI firmware enforces Secure Boot, which refuses unsigned boot loaders.
    argv.push(
      '--boot',
      spec.secureBoot
        ? 'uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=yes'
        : 'uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=no',
    );
  }
  if (spec.virtType) argv.push('--virt-type', spec.virtType);
  return argv;
}

function integer(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new UnsafeArgumentError(`refusing ${what} ${value} for virt-install`);
  return value;
}
