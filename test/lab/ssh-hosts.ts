/**
 * Real sshd servers in network namespaces for tests and benchmarks (see shared LAB.md): each host
 * gets its own namespace, address, generated host key and sshd; a host can sit behind another
 * (reachable only from that host's namespace) to test jumps. Needs root, iproute2 and
 * openssh-server (test/lab/setup.sh installs it). Everything made here is removed by close().
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LabHostSpec {
  name: string;
  /** Reachable only from this other host's namespace (a jump target). */
  behind?: string;
  /** Extra sshd_config lines (e.g. `SetEnv PATH=…`, `Subsystem` removed). */
  sshdConfig?: string[];
  /**
   * Sessions see an empty `/root/.bashrc` (a bind mount in sshd's own mount namespace): bash
   * sources it when sshd starts it, even for `bash -c`, and a developer's one (pyenv init, nvm)
   * can cost more per command than SSH itself. The machine's file is not touched.
   */
  emptyBashrc?: boolean;
}

export interface LabSshHost {
  name: string;
  namespace: string;
  address: string;
  port: number;
  /** The host key's public line and its `SHA256:…` fingerprint (as ssh-keygen prints it). */
  hostKeyPub: string;
  fingerprint: string;
  /** known_hosts text pinning this host's key at its address. */
  knownHosts: string;
  start(): void;
  /** Kills the listener and every connection it serves. */
  stop(): void;
  /** Replaces the host key with a fresh one (restart to take effect). */
  newHostKey(): void;
}

export interface SshLab {
  dir: string;
  clientKeyPath: string;
  clientKey: string;
  /** A key the servers do not accept. */
  strangerKeyPath: string;
  hosts: Record<string, LabSshHost>;
  close(): void;
}

const sh = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' });

/**
 * Starts one sshd per spec. `subnet` picks 10.77.<subnet+i>.0/24 per host (stay within
 * 10.77.0.0/16; other suites use 10.88 and 10.99); `tag` keeps names unique (≤ 4 characters).
 */
export function startSshLab(
  specs: LabHostSpec[],
  options: { subnet: number; tag: string },
): SshLab {
  const dir = mkdtempSync(join(tmpdir(), `hypernix-ssh-lab-${options.tag}-`));
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const clientKeyPath = join(dir, 'client_key');
  const strangerKeyPath = join(dir, 'stranger_key');
  sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hypernix-lab', '-f', clientKeyPath]);
  sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'stranger', '-f', strangerKeyPath]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKeyPath}.pub`));
  const hosts: Record<string, LabSshHost> = {};
  const namespaces: string[] = [];
  const rootLinks: string[] = [];
  const lab: SshLab = {
    dir,
    clientKeyPath,
    clientKey: readFileSync(clientKeyPath, 'utf8'),
    strangerKeyPath,
    hosts,
    close() {
      for (const host of Object.values(hosts)) host.stop();
      for (const link of rootLinks) spawnSync('ip', ['link', 'del', link], { stdio: 'ignore' });
      for (const ns of namespaces) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    specs.forEach((spec, index) => {
      const net = `10.77.${options.subnet + index}`;
      const namespace = `hx${options.tag}-${spec.name}`;
      const nsLink = `hx${options.tag}${index}`;
      sh('ip', ['netns', 'add', namespace]);
      namespaces.push(namespace);
      sh('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
      if (spec.behind) {
        const front = hosts[spec.behind];
        if (!front) throw new Error(`lab host ${spec.name}: ${spec.behind} must come first`);
        sh('ip', [
          '-n',
          front.namespace,
          'link',
          'add',
          nsLink,
          'type',
          'veth',
          'peer',
          'name',
          'eth0',
          'netns',
          namespace,
        ]);
        sh('ip', ['-n', front.namespace, 'addr', 'add', `${net}.1/24`, 'dev', nsLink]);
        sh('ip', ['-n', front.namespace, 'link', 'set', nsLink, 'up']);
      } else {
        sh('ip', [
          'link',
          'add',
          nsLink,
          'type',
          'veth',
          'peer',
          'name',
          'eth0',
          'netns',
          namespace,
        ]);
        rootLinks.push(nsLink);
        sh('ip', ['addr', 'add', `${net}.1/24`, 'dev', nsLink]);
        sh('ip', ['link', 'set', nsLink, 'up']);
      }
      sh('ip', ['-n', namespace, 'addr', 'add', `${net}.2/24`, 'dev', 'eth0']);
      sh('ip', ['-n', namespace, 'link', 'set', 'eth0', 'up']);
      hosts[spec.name] = makeHost(dir, spec, namespace, `${net}.2`);
      hosts[spec.name]!.start();
    });
  } catch (error) {
    lab.close();
    throw error;
  }
  return lab;
}

function makeHost(
  labDir: string,
  spec: LabHostSpec,
  namespace: string,
  address: string,
): LabSshHost {
  const dir = join(labDir, spec.name);
  mkdirSync(dir);
  const keyPath = join(dir, 'host_ed25519');
  const pidFile = join(dir, 'sshd.pid');
  const configPath = join(dir, 'sshd_config');
  writeFileSync(
    configPath,
    [
      'Port 22',
      `ListenAddress ${address}`,
      `HostKey ${keyPath}`,
      `PidFile ${pidFile}`,
      `AuthorizedKeysFile ${join(labDir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'MaxStartups 100:30:200',
      ...(spec.sshdConfig ?? ['Subsystem sftp /usr/lib/openssh/sftp-server']),
      '',
    ].join('\n'),
  );
  const host: LabSshHost = {
    name: spec.name,
    namespace,
    address,
    port: 22,
    hostKeyPub: '',
    fingerprint: '',
    knownHosts: '',
    start() {
      rmSync(pidFile, { force: true });
      const sshd = ['/usr/sbin/sshd', '-f', configPath, '-E', join(dir, 'sshd.log')];
      if (spec.emptyBashrc) {
        // `ip netns exec` runs in a private mount namespace: the bind mount stays in it.
        const empty = join(dir, 'empty-bashrc');
        writeFileSync(empty, '');
        const script = 'mount --bind -- "$1" /root/.bashrc && shift && exec "$@"';
        sh('ip', ['netns', 'exec', namespace, 'sh', '-c', script, 'sh', empty, ...sshd]);
      } else {
        sh('ip', ['netns', 'exec', namespace, ...sshd]);
      }
      const deadline = Date.now() + 5_000;
      while (!existsSync(pidFile)) {
        if (Date.now() > deadline)
          throw new Error(
            `lab sshd ${spec.name} did not start: ${readFileSync(join(dir, 'sshd.log'), 'utf8')}`,
          );
        spawnSync('sleep', ['0.02']);
      }
    },
    stop() {
      const pids = spawnSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean);
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(pidFile, { force: true });
    },
    newHostKey() {
      rmSync(keyPath, { force: true });
      rmSync(`${keyPath}.pub`, { force: true });
      sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', spec.name, '-f', keyPath]);
      refreshKey(host, keyPath);
    },
  };
  sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', spec.name, '-f', keyPath]);
  refreshKey(host, keyPath);
  return host;
}

function refreshKey(host: LabSshHost, keyPath: string) {
  host.hostKeyPub = readFileSync(`${keyPath}.pub`, 'utf8').trim();
  host.fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyPath}.pub`], {
    encoding: 'utf8',
  }).split(' ')[1]!;
  const [type, blob] = host.hostKeyPub.split(' ');
  host.knownHosts = `${host.address} ${type} ${blob}\n`;
}
