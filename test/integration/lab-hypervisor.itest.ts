// The lab's hypervisor and guest image (test/lab/hypervisor.sh, test/lab/guest) against the real
// thing: libvirtd in a network namespace boots the guest under TCG through UEFI, dnsmasq leases it
// an address, the guest agent reports it, and SSH reaches it with the host key the guest printed
// on its serial console. Deploy tests build on exactly these facts.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HypervisorFacts,
  type LabHypervisor,
  hypervisorStatus,
  parseGuestConsole,
  startHypervisor,
  stopHypervisor,
} from '../lab/hypervisor.js';
import { tempDir } from '../helpers/temp.js';

const VM = 'hnlab-itest-1';
const MAC = '52:54:00:88:10:01';
const BOOT_TO_SSH_LIMIT_MS = 90_000;

function run(file: string, args: string[], timeout = 60_000) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function until<T>(what: string, deadline: number, probe: () => Promise<T | undefined>) {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** OpenSSH client options pinning host keys to one file (ssh takes an option's first value). */
const sshOptions = (knownHosts: string, key: string) => [
  '-o',
  'BatchMode=yes',
  '-o',
  'StrictHostKeyChecking=yes',
  '-o',
  `UserKnownHostsFile=${knownHosts}`,
  '-o',
  'HostKeyAlgorithms=ssh-ed25519',
  '-o',
  'ConnectTimeout=5',
  '-o',
  'IdentitiesOnly=yes',
  '-i',
  key,
];

/** virt-install as the deploy will run it: an overlay of the lab image, TCG, UEFI, agent channel. */
async function virtInstall(
  facts: HypervisorFacts,
  name: string,
  mac: string,
  serialLog: string,
  oemStrings: string[],
) {
  const disk = join(facts.poolDir, `${name}.qcow2`);
  const overlay = await run('qemu-img', [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-F',
    'qcow2',
    '-b',
    facts.guest.image,
    disk,
  ]);
  expect(overlay.stderr).toBe('');
  const sysinfo = oemStrings.length > 0 ? ['--sysinfo', oemStrings.join(',')] : [];
  return run('virt-install', [
    '--connect',
    facts.libvirtUri,
    '--name',
    name,
    '--virt-type',
    'qemu',
    '--import',
    '--osinfo',
    facts.guest.osinfo,
    '--memory',
    '512',
    '--vcpus',
    '2',
    '--disk',
    `path=${disk},bus=virtio,format=qcow2`,
    '--network',
    `bridge=${facts.bridge},model=virtio,mac=${mac}`,
    '--channel',
    'unix,target.type=virtio,target.name=org.qemu.guest_agent.0',
    '--serial',
    `file,path=${serialLog}`,
    '--graphics',
    'none',
    '--boot',
    facts.guest.boot,
    ...sysinfo,
    '--noautoconsole',
  ]);
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('the lab hypervisor (test/lab/hypervisor.sh) and guest image (test/lab/guest)', () => {
  let lab: LabHypervisor;
  let work: string;
  let serialLog: string;
  let address: string;
  let knownHosts: string;
  let first: { fingerprint?: string; machineId: string };

  beforeAll(async () => {
    lab = await startHypervisor();
    work = tempDir('hypernix-lab-hv-');
    serialLog = join(work, 'serial.log');
  }, 900_000);

  afterAll(async () => {
    await stopHypervisor();
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('starts idempotently and reports the same facts from status', async () => {
    const pid = read(join(lab.facts.stateDir, 'libvirtd.pid'));
    const again = await startHypervisor();
    expect(again.facts).toEqual(lab.facts);
    expect(read(join(lab.facts.stateDir, 'libvirtd.pid'))).toBe(pid);
    expect(await hypervisorStatus()).toEqual(lab.facts);
    expect(lab.facts.guest.image).toMatch(/guest-[0-9a-f]{16}\.qcow2$/);
    const info = await run('qemu-img', ['info', '--output=json', lab.facts.guest.image]);
    expect(JSON.parse(info.stdout)).toMatchObject({ format: 'qcow2' });
  }, 900_000);

  it('reuses the cached guest image and exposes it as a Nix fixture ($out/nixos.qcow2)', async () => {
    const started = Date.now();
    const again = await run('bash', ['test/lab/guest/build.sh']);
    expect(again.stdout.trim()).toBe(lab.facts.guest.image);
    expect(Date.now() - started).toBeLessThan(10_000);
    const built = await run('nix-build', ['--no-out-link', 'test/lab/guest/guest.nix'], 300_000);
    expect(built.code).toBe(0);
    const fixture = join(built.stdout.trim(), 'nixos.qcow2');
    expect(readFileSync(fixture).equals(readFileSync(lab.facts.guest.image))).toBe(true);
  }, 300_000);

  it('boots the guest with virt-install: DHCP lease, agent address, host key on the serial console, SSH', async () => {
    const { facts } = lab;
    // A key the image does not bake in, given to this VM only as an SMBIOS credential.
    const injected = join(work, 'injected_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', injected]);
    const injectedPub = read(`${injected}.pub`).split(' ').slice(0, 2).join(' ');
    const started = Date.now();
    const install = await virtInstall(facts, VM, MAC, serialLog, [
      `oemStrings.entry0=io.systemd.credential:system.hostname=${VM}`,
      `oemStrings.entry1=io.systemd.credential:ssh.authorized_keys.root=${injectedPub}`,
    ]);
    expect(install.stderr).not.toMatch(/ERROR/);
    expect(install.code).toBe(0);

    const deadline = started + BOOT_TO_SSH_LIMIT_MS;
    const guest = await until('the ready line on the serial console', deadline, async () => {
      const parsed = parseGuestConsole(read(serialLog));
      return parsed.ready?.address ? { ...parsed, ready: parsed.ready } : undefined;
    });
    expect(guest.ready).toMatchObject({ hostname: VM, mac: MAC });
    address = guest.ready.address as string;
    first = { fingerprint: guest.fingerprint, machineId: guest.ready.machineId };
    expect(address.startsWith('10.88.0.')).toBe(true);
    expect(guest.fingerprint).toMatch(/^SHA256:/);

    // The lease in dnsmasq's file, and the same address through the guest agent.
    expect(read(facts.dhcpLeases)).toContain(`${MAC} ${address} ${VM}`);
    const agent = await until('virsh domifaddr --source agent', deadline, async () => {
      const result = await run('virsh', [
        '-c',
        facts.libvirtUri,
        'domifaddr',
        VM,
        '--source',
        'agent',
      ]);
      return result.code === 0 && result.stdout.includes(address) ? result.stdout : undefined;
    });
    expect(agent).toMatch(
      new RegExp(`eth0\\s+${MAC}\\s+ipv4\\s+${address.replaceAll('.', '\\.')}/24`),
    );

    // The key printed on the console is the one SSH meets: pinned, nothing else accepted.
    const keygen = await run('bash', [
      '-c',
      'ssh-keygen -l -E sha256 -f /dev/stdin <<<"$0" | cut -d" " -f2',
      guest.publicKey ?? '',
    ]);
    expect(keygen.stdout.trim()).toBe(guest.fingerprint);
    knownHosts = join(work, 'known_hosts');
    writeFileSync(knownHosts, `${address} ${guest.publicKey}\n${read(facts.ssh.knownHostsFile)}`);
    const ssh = sshOptions(knownHosts, facts.guest.clientKeyFile);
    const hostname = await until('SSH to the guest', deadline, async () => {
      const result = await run('ssh', [...ssh, `root@${address}`, 'hostname']);
      return result.code === 0 ? result.stdout.trim() : undefined;
    });
    const bootToSsh = Date.now() - started;
    console.log(`lab guest: virt-install to SSH answering in ${(bootToSsh / 1000).toFixed(1)} s`);
    expect(hostname).toBe(VM);
    expect(bootToSsh).toBeLessThan(BOOT_TO_SSH_LIMIT_MS);

    const machineId = await run('ssh', [...ssh, `root@${address}`, 'cat', '/etc/machine-id']);
    expect(machineId.stdout.trim()).toBe(guest.ready.machineId);

    const withInjected = await run('ssh', [
      ...sshOptions(knownHosts, injected),
      `root@${address}`,
      'id',
      '-u',
    ]);
    expect(withInjected.stdout.trim()).toBe('0');

    // Another key for the same address is refused.
    const wrong = join(work, 'wrong_known_hosts');
    writeFileSync(
      wrong,
      `${address} ${read(facts.ssh.hostKeyFile).split(' ').slice(0, 2).join(' ')}\n`,
    );
    const refused = await run('ssh', [
      ...sshOptions(wrong, facts.guest.clientKeyFile),
      `root@${address}`,
      'true',
    ]);
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(
      /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/,
    );
  }, 180_000);

  it('gives a second VM from the same image its own host key and machine-id, and a name from its MAC', async () => {
    const { facts } = lab;
    const name = 'hnlab-itest-2';
    const mac = '52:54:00:88:10:02';
    const log = join(work, 'serial-2.log');
    const install = await virtInstall(facts, name, mac, log, []);
    expect(install.code).toBe(0);
    const guest = await until(
      'the second ready line',
      Date.now() + BOOT_TO_SSH_LIMIT_MS,
      async () => {
        const parsed = parseGuestConsole(read(log));
        return parsed.ready?.address ? { ...parsed, ready: parsed.ready } : undefined;
      },
    );
    expect(guest.ready.hostname).toBe('vm-525400881002');
    expect(guest.ready.machineId).not.toBe(first.machineId);
    expect(guest.fingerprint).toMatch(/^SHA256:/);
    expect(guest.fingerprint).not.toBe(first.fingerprint);
    const known = join(work, 'known_hosts-2');
    writeFileSync(known, `${guest.ready.address} ${guest.publicKey}\n`);
    const ssh = sshOptions(known, facts.guest.clientKeyFile);
    const hostname = await until('SSH to the second guest', Date.now() + 30_000, async () => {
      const result = await run('ssh', [...ssh, `root@${guest.ready.address}`, 'hostname']);
      return result.code === 0 ? result.stdout.trim() : undefined;
    });
    expect(hostname).toBe('vm-525400881002');
  }, 180_000);

  it("reaches libvirt over the hypervisor's sshd and the guest through it as a jump host", async () => {
    const { facts } = lab;
    const toHv = sshOptions(knownHosts, facts.ssh.clientKeyFile);
    const hv = `${facts.ssh.user}@${facts.ssh.host}`;
    const state = await run('ssh', [
      ...toHv,
      '-p',
      String(facts.ssh.port),
      hv,
      'virsh',
      '-c',
      facts.libvirtUri,
      'domstate',
      VM,
    ]);
    expect(state.stdout.trim()).toBe('running');
    const jump = `ProxyCommand=ssh ${toHv.join(' ')} -p ${facts.ssh.port} -W %h:%p ${hv}`;
    const through = await run('ssh', [
      ...sshOptions(knownHosts, facts.guest.clientKeyFile),
      '-o',
      jump,
      `root@${address}`,
      'hostname',
    ]);
    expect(through.stdout.trim()).toBe(VM);
  }, 60_000);

  it('stop destroys and undefines the domains and removes the namespace', async () => {
    await stopHypervisor();
    const netns = await run('ip', ['netns', 'list']);
    expect(netns.stdout).not.toMatch(new RegExp(`^${lab.facts.netns}\\b`, 'm'));
    expect(existsSync(lab.facts.stateDir)).toBe(false);
    expect(existsSync(`/etc/libvirt/qemu/${VM}.xml`)).toBe(false);
    const route = await run('ip', ['route', 'show', lab.facts.subnet]);
    expect(route.stdout.trim()).toBe('');
    await expect(hypervisorStatus()).rejects.toThrow(/not running/);
    // A second stop finds nothing to do and succeeds.
    await stopHypervisor();
  }, 120_000);
});
