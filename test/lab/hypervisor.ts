// The lab's real hypervisor for tests (test/lab/hypervisor.sh): libvirtd and virtlogd in the
// network namespace `hnlab`, bridge br0 with dnsmasq DHCP, sshd for the SSH path, and the lab's
// guest image (test/lab/guest). One libvirtd per machine: files that use it run one at a time
// (vitest.integration.config.ts runs files serially). Uses only erasable TypeScript syntax, like
// the other lab helpers, so that Node can run it from bench/.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./hypervisor.sh', import.meta.url));
// A fresh machine installs qemu, libvirt and the kernel first (about a minute on a warm mirror).
const START_TIMEOUT_MS = 15 * 60_000;
const STOP_TIMEOUT_MS = 2 * 60_000;

export interface HypervisorFacts {
  /** The network namespace holding br0, dnsmasq, sshd, libvirtd and virtlogd. */
  netns: string;
  /** Where the lab keeps its keys, logs, leases and pool; removed by stop(). */
  stateDir: string;
  /** `qemu:///system`, for virsh and virt-install on this host (root). */
  libvirtUri: string;
  /** `br0`, inside the namespace; guests attach with `--network bridge=br0,model=virtio`. */
  bridge: string;
  /** The bridge's address (also the guests' router), `10.88.0.1`. */
  bridgeAddress: string;
  /** The guests' subnet, `10.88.0.0/24`, routed from this host through the veth pair. */
  subnet: string;
  /** dnsmasq's lease file: `EXPIRY MAC ADDRESS HOSTNAME CLIENT-ID` lines. */
  dhcpLeases: string;
  /** An empty directory for images and overlays (removed by stop()). */
  poolDir: string;
  /** The hypervisor's sshd, for the "deploy over SSH" path and as a jump host to the guests. */
  ssh: {
    host: string;
    port: number;
    user: string;
    /** The sshd's public host key (`ssh-ed25519 AAAA… comment`). */
    hostKeyFile: string;
    /** A known_hosts file pinning that key for `host`. */
    knownHostsFile: string;
    /** The private key root accepts (OpenSSH format, no passphrase). */
    clientKeyFile: string;
  };
  guest: {
    /** The lab guest's qcow2 (read-only, cached); give each VM an overlay of it. */
    image: string;
    /** The private key the image accepts for root. */
    clientKeyFile: string;
    /** virt-install's `--boot` value: UEFI without Secure Boot (systemd-boot is unsigned). */
    boot: string;
    /** virt-install's `--osinfo`. */
    osinfo: string;
  };
}

export interface LabHypervisor {
  facts: HypervisorFacts;
  /** Destroys and undefines every domain, stops the daemons and removes the namespace. */
  stop(): Promise<void>;
}

function run(command: string, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [SCRIPT, command],
      { timeout, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`hypervisor.sh ${command} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** Reads the KEY=VALUE lines that `hypervisor.sh start|status` prints. */
export function parseFacts(text: string): HypervisorFacts {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(?<key>[A-Z_]+)=(?<value>.*)$/.exec(line);
    if (match?.groups) values.set(match.groups.key ?? '', match.groups.value ?? '');
  }
  const get = (key: string): string => {
    const value = values.get(key);
    if (!value) throw new Error(`hypervisor.sh printed no ${key}`);
    return value;
  };
  return {
    netns: get('LAB_NETNS'),
    stateDir: get('LAB_STATE_DIR'),
    libvirtUri: get('LIBVIRT_URI'),
    bridge: get('BRIDGE'),
    bridgeAddress: get('BRIDGE_ADDRESS'),
    subnet: get('SUBNET'),
    dhcpLeases: get('DHCP_LEASES'),
    poolDir: get('POOL_DIR'),
    ssh: {
      host: get('HV_SSH_HOST'),
      port: Number(get('HV_SSH_PORT')),
      user: get('HV_SSH_USER'),
      hostKeyFile: get('HV_SSH_HOST_KEY'),
      knownHostsFile: get('HV_SSH_KNOWN_HOSTS'),
      clientKeyFile: get('HV_SSH_CLIENT_KEY'),
    },
    guest: {
      image: get('GUEST_IMAGE'),
      clientKeyFile: get('GUEST_CLIENT_KEY'),
      boot: get('GUEST_FIRMWARE'),
      osinfo: get('GUEST_OSINFO'),
    },
  };
}

/** Starts the hypervisor (or finds it running: start is idempotent) and returns its facts. */
export async function startHypervisor(): Promise<LabHypervisor> {
  const facts = parseFacts(await run('start', START_TIMEOUT_MS));
  return { facts, stop: stopHypervisor };
}

/** The facts of the running hypervisor; rejects when it is not running. */
export async function hypervisorStatus(): Promise<HypervisorFacts> {
  return parseFacts(await run('status', 30_000));
}

export async function stopHypervisor(): Promise<void> {
  await run('stop', STOP_TIMEOUT_MS);
}

/** What the lab guest prints on its serial console (test/lab/guest/README.md). */
export interface GuestConsole {
  /** `SHA256:…` of the ed25519 host key, from `hypernix-hostkey: SHA256:… ed25519`. */
  fingerprint?: string;
  /** `ssh-ed25519 AAAA…`, from `hypernix-hostkey-pub:`. */
  publicKey?: string;
  /** From the last `hypernix-ready: hostname=… mac=… address=A/N machine-id=…` line. */
  ready?: { hostname: string; mac: string; address?: string; machineId: string };
}

/** Parses a serial log; the last line of each kind wins (a reboot prints them again). */
export function parseGuestConsole(log: string): GuestConsole {
  const result: GuestConsole = {};
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\r$/, '');
    let match = /^hypernix-hostkey: (SHA256:[A-Za-z0-9+/]{43}) ed25519$/.exec(line);
    if (match) result.fingerprint = match[1];
    match = /^hypernix-hostkey-pub: (ssh-ed25519 [A-Za-z0-9+/=]+)$/.exec(line);
    if (match) result.publicKey = match[1];
    const ready =
      /^hypernix-ready: hostname=(?<hostname>\S+) mac=(?<mac>\S+) address=(?<address>\S+) machine-id=(?<machineId>[0-9a-f]{32})$/.exec(
        line,
      )?.groups;
    if (ready) {
      const { hostname = '', mac = '', address = 'none', machineId = '' } = ready;
      result.ready = {
        hostname,
        mac,
        address: address === 'none' ? undefined : address.replace(/\/\d+$/, ''),
        machineId,
      };
    }
  }
  return result;
}
