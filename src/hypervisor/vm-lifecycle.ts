import { randomBytes } from 'node:crypto';
import type { DeployConfig } from './spec.js';
import type { Host } from '../hosts/host.js';
import type { Reporter } from '../util/reporter.js';
import { describeError, HypernixError } from '../util/errors.js';
import { withRecord, withVncPassword } from './domain-xml.js';
import type { DeployJournal } from './journal.js';
import type { Virsh } from './libvirt.js';
import type { DesiredVm } from './plan.js';
import type { PoolImage } from './pool.js';
import { createOverlay } from './qemu-img.js';
import { virtInstallArgv } from './virt-install.js';

export class VmCreateError extends HypernixError {
  override name = 'VmCreateError';
}

/** Where a VM's files live in the pool. */
export const vmFiles = (pool: string, name: string) => ({
  disk: `${pool}/${name}.qcow2`,
  serialLog: `${pool}/${name}.serial.log`,
  xml: `${pool}/.${name}.domain.xml`,
});

export interface LifecycleContext {
  config: DeployConfig;
  host: Host;
  virsh: Virsh;
  reporter: Reporter;
  virtType?: 'kvm' | 'qemu';
  journal?: DeployJournal;
}

/**
 * Makes one VM: its overlay disk, its domain (virt-install prints the XML, the kit adds its
 * record and any VNC password, `virsh define` reads it from a 0600 file that is then deleted),
 * autostart, start. A failure part-way undefines the domain and removes the disk, and says so.
 */
export async function createVm(
  context: LifecycleContext,
  vm: DesiredVm,
  image: PoolImage,
): Promise<void> {
  const { config, host, virsh, reporter } = context;
  const pool = config.hypervisor.pool;
  const files = vmFiles(pool, vm.spec.name);
  let defined = false;
  context.journal?.creating(vm.spec.name);
  try {
    await host.exec(['rm', '-f', '--', files.disk, files.serialLog]); // leftovers of a crash
    await createOverlay(host, {
      base: image.path,
      baseInfo: image.info,
      path: files.disk,
      sizeMiB: vm.spec.diskMiB,
      vm: vm.spec.name,
    });
    const xml = await domainXml(context, vm, files);
    try {
      await host.writeFile(files.xml, xml.text, { mode: 0o600 });
      await virsh.define(files.xml);
      defined = true;
    } finally {
      await host.exec(['rm', '-f', '--', files.xml]).catch(() => undefined);
    }
    await virsh.autostart(vm.spec.name);
    await virsh.start(vm.spec.name);
    context.journal?.settled(vm.spec.name);
    reporter.info(`Created VM ${vm.spec.name} (MAC ${vm.mac}, disk ${files.disk})`);
  } catch (error) {
    const undone = await undo(context, vm.spec.name, defined, files);
    if (undone.clean) context.journal?.settled(vm.spec.name);
    throw new VmCreateError(
      `creating VM ${vm.spec.name} failed: ${describeError(error)}; ${undone.said}`,
      { cause: error },
    );
  }
}

async function domainXml(
  context: LifecycleContext,
  vm: DesiredVm,
  files: ReturnType<typeof vmFiles>,
): Promise<{ text: string }> {
  const { config, host, reporter } = context;
  const argv = virtInstallArgv({
    connect: config.hypervisor['libvirt-uri'],
    name: vm.spec.name,
    memoryMiB: vm.spec.memoryMiB,
    vcpus: vm.spec.vcpus,
    osinfo: config.image.osinfo,
    disk: files.disk,
    bridge: config.hypervisor.bridge,
    mac: vm.mac,
    serialLog: files.serialLog,
    graphics: vm.spec.graphics === 'none' ? 'none' : { listen: vm.spec.vncListen },
    firmware: config.image.firmware,
    secureBoot: config.image.secureBoot,
    virtType: context.virtType,
  });
  const { stdout } = await host.exec(argv, { timeoutMs: 120_000, maxOutputBytes: 1 << 20 });
  let text = withRecord(stdout, {
    deployment: config.deployment,
    image: vm.image,
    config: vm.config,
    role: vm.spec.role,
  });
  if (vm.spec.graphics === 'vnc') {
    const password = randomBytes(6).toString('base64url'); // 8 characters: VNC's limit
    reporter.mask(password);
    text = withVncPassword(text, password);
    if (vm.spec.vncListen === '0.0.0.0')
      reporter.warning(
        `VM ${vm.spec.name}: VNC listens on 0.0.0.0: its console is open to every network the hypervisor is on (password in 'virsh dumpxml --security-info')`,
      );
  }
  return { text };
}

async function undo(
  context: LifecycleContext,
  name: string,
  defined: boolean,
  files: ReturnType<typeof vmFiles>,
): Promise<{ clean: boolean; said: string }> {
  try {
    await discardVm(context, name, defined, files);
    const said = defined ? 'undefined its domain and removed its disk' : 'removed its disk';
    return { clean: true, said };
  } catch (error) {
    const said = `cleaning up failed too (${describeError(error)}): remove domain ${name} and ${files.disk} by hand`;
    return { clean: false, said };
  }
}

/**
 * Removes what a VM's creation made before it was complete: its domain when `defined`, and its
 * disk, serial log and domain XML in the pool. (After an error here, or a cut-off deploy: recover.)
 */
export async function discardVm(
  parts: Pick<LifecycleContext, 'virsh' | 'host'>,
  name: string,
  defined: boolean,
  files: ReturnType<typeof vmFiles>,
): Promise<void> {
  if (defined) {
    await parts.virsh.destroy(name);
    await parts.virsh.undefine(name);
  }
  await parts.host.exec(['rm', '-f', '--', files.disk, files.serialLog, files.xml]);
}

/** Removes a VM of this deployment: stops it, undefines it, deletes its disk and serial log. */
export async function removeVm(
  context: LifecycleContext,
  name: string,
  disks: readonly string[],
): Promise<void> {
  const files = vmFiles(context.config.hypervisor.pool, name);
  await context.virsh.destroy(name);
  await context.virsh.undefine(name);
  // Only files in the pool that the kit names: a disk elsewhere was not made by it.
  const owned = disks.filter((disk) => disk === files.disk);
  await context.host.exec(['rm', '-f', '--', ...owned, files.disk, files.serialLog]);
  context.reporter.info(`Removed VM ${name}`);
}
