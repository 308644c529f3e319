import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

// The install scripts' argument and disk checks, run for real with bash. No disk is ever touched:
// DISK is a regular temp file (or /dev/null), and every command that could write a disk or reach
// another machine is a stand-in on PATH that records its call, so a refusal must come before them.
const HYPERVISOR = join(ROOT, 'examples', 'hypervisor');
const SETUP = join(HYPERVISOR, 'setup-filesystem.sh');
const PARTITION = join(HYPERVISOR, 'partition-disk.sh');
const INSTALL = join(HYPERVISOR, 'install-nixos.sh');

const work = tempDir('hypernix-example-scripts-');
const standIns = join(work, 'bin');
const calls = join(work, 'calls');
const DESTRUCTIVE = ['wipefs', 'parted', 'mkfs.ext4', 'mkfs.fat', 'mount', 'umount', 'udevadm'];
const REMOTE = ['nixos-generate-config', 'nixos-install'];

mkdirSync(standIns);
for (const name of [...DESTRUCTIVE, ...REMOTE]) {
  const path = join(standIns, name);
  writeFileSync(path, `#!/bin/sh\necho "${name} $*" >> '${calls}'\nexit 97\n`);
  chmodSync(path, 0o755);
}
// Stand-in for ssh (no machine to reach here): records its arguments and the script on stdin.
writeFileSync(
  join(standIns, 'ssh'),
  `#!/bin/sh\nprintf '%s\\n' "$@" > '${work}/ssh-args'\ncat > '${work}/ssh-stdin'\necho "ssh" >> '${calls}'\n`,
);
chmodSync(join(standIns, 'ssh'), 0o755);

const disk = join(work, 'disk.img');
writeFileSync(disk, Buffer.alloc(1024 * 1024));
const pubkey = join(work, 'id_ed25519.pub');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHypernixExampleKeyOnly you@laptop';
writeFileSync(pubkey, `${KEY}\n`);
const privateKey = join(work, 'id_ed25519');
writeFileSync(
  privateKey,
  '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv with only the given variables (plus PATH with the stand-ins first and a temp HOME). */
function run(argv: string[], env: Record<string, string> = {}, input?: string): Run {
  const result = spawnSync(argv[0] as string, argv.slice(1), {
    env: { PATH: `${standIns}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: work, ...env },
    input,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function called(): string[] {
  return existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [];
}

/** Exit 1, one line on stderr matching `message`, nothing on stdout, and no command run. */
function expectRefused(result: Run, prefix: string, message: RegExp): void {
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(new RegExp(`^${prefix}: `));
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe('');
  expect(result.status).toBe(1);
  expect(called()).toEqual([]);
}

beforeEach(() => rmSync(calls, { force: true }));

describe('setup-filesystem.sh (workstation side)', () => {
  const refused: [string, Record<string, string>, RegExp][] = [
    ['no NIXADDR', { DISK: '/dev/sdz', CONFIRM: 'yes' }, /NIXADDR is required/],
    ['no DISK', { NIXADDR: '192.0.2.1', CONFIRM: 'yes' }, /DISK is required/],
    [
      'a DISK outside /dev',
      { NIXADDR: '192.0.2.1', DISK: disk, CONFIRM: 'yes' },
      /DISK must be a device path under \/dev, got: /,
    ],
    [
      'no CONFIRM',
      { NIXADDR: '192.0.2.1', DISK: '/dev/sdz' },
      /this ERASES \/dev\/sdz on 192\.0\.2\.1; run again with CONFIRM=yes/,
    ],
    [
      'CONFIRM other than yes',
      { NIXADDR: '192.0.2.1', DISK: '/dev/sdz', CONFIRM: 'y' },
      /run again with CONFIRM=yes/,
    ],
  ];
  it.each(refused)('refuses %s before ssh', (_name, env, message) => {
    expectRefused(run(['bash', SETUP], env), 'setup-filesystem\\.sh', message);
  });

  it('sends partition-disk.sh to the installer with DISK and CONFIRM', () => {
    const result = run(['bash', SETUP], { NIXADDR: '192.0.2.1', DISK: '/dev/sdz', CONFIRM: 'yes' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(called()).toEqual(['ssh']);
    expect(readFileSync(join(work, 'ssh-args'), 'utf8').trim().split('\n')).toEqual([
      '--',
      'root@192.0.2.1',
      'DISK=/dev/sdz CONFIRM=yes bash -s',
    ]);
    expect(readFileSync(join(work, 'ssh-stdin'), 'utf8')).toBe(readFileSync(PARTITION, 'utf8'));
  });
});

describe('partition-disk.sh (installer side), refusing before it writes', () => {
  const refused: [string, Record<string, string>, RegExp][] = [
    ['no DISK', { CONFIRM: 'yes' }, /DISK is required/],
    ['no CONFIRM', { DISK: disk }, /this ERASES .*disk\.img; run again with CONFIRM=yes/],
    [
      'a DISK that does not exist',
      { DISK: join(work, 'absent'), CONFIRM: 'yes' },
      /DISK .*absent does not exist/,
    ],
    ['a regular file', { DISK: disk, CONFIRM: 'yes' }, /DISK .*disk\.img is not a block device/],
    [
      'a character device',
      { DISK: '/dev/null', CONFIRM: 'yes' },
      /DISK \/dev\/null is not a block device/,
    ],
  ];
  it.each(refused)('refuses %s', (_name, env, message) => {
    expectRefused(run(['bash', PARTITION], env), 'partition-disk\\.sh', message);
  });

  it('refuses the same way when read from stdin, as ssh runs it', () => {
    const result = run(
      ['bash', '-s'],
      { DISK: disk, CONFIRM: 'yes' },
      readFileSync(PARTITION, 'utf8'),
    );
    expectRefused(result, 'partition-disk\\.sh', /DISK .*disk\.img is not a block device/);
  });

  it('refuses a mounted DISK (a real mount in a private mount namespace)', () => {
    // tmpfs takes any source name: mounted with the temp file's path as its source, findmnt
    // reports that "device" as mounted, as it would /dev/sda1. The namespace dies with the shell.
    const mountpoint = join(work, 'mnt');
    mkdirSync(mountpoint, { recursive: true });
    const result = run(
      [
        'unshare',
        '--mount',
        '--map-root-user',
        'sh',
        '-c',
        '/bin/mount -t tmpfs -- "$DISK" "$1" && exec bash "$2"',
        'sh',
        mountpoint,
        PARTITION,
      ],
      { DISK: disk, CONFIRM: 'yes' },
    );
    expectRefused(
      result,
      'partition-disk\\.sh',
      new RegExp(
        `DISK .*disk\\.img is in use: .*disk\\.img is mounted at ${mountpoint}; unmount it first`,
      ),
    );
  });
});

describe('install-nixos.sh', () => {
  const refused: [string, string[], Record<string, string>, RegExp][] = [
    ['no NIXADDR', [], { SSH_PUBKEY_FILE: pubkey }, /NIXADDR is required/],
    ['an unknown argument', ['--yes'], { NIXADDR: '192.0.2.1' }, /unknown argument --yes/],
    [
      'an unreadable key file',
      [],
      { NIXADDR: '192.0.2.1', SSH_PUBKEY_FILE: join(work, 'absent.pub') },
      /cannot read the SSH public key .*absent\.pub; set SSH_PUBKEY_FILE/,
    ],
    [
      'a key file that is a directory',
      [],
      { NIXADDR: '192.0.2.1', SSH_PUBKEY_FILE: work },
      /cannot read the SSH public key/,
    ],
    [
      'a private key',
      [],
      { NIXADDR: '192.0.2.1', SSH_PUBKEY_FILE: privateKey },
      /does not look like an SSH public key/,
    ],
  ];
  it.each(refused)('refuses %s before ssh', (_name, args, env, message) => {
    expectRefused(run(['bash', INSTALL, ...args], env), 'install-nixos\\.sh', message);
  });

  it('refuses a key that would be interpreted inside a Nix string', () => {
    const hostile = join(work, 'hostile.pub');
    writeFileSync(hostile, 'ssh-ed25519 AAAA ${builtins.abort "x"}\n');
    const result = run(['bash', INSTALL], { NIXADDR: '192.0.2.1', SSH_PUBKEY_FILE: hostile });
    expectRefused(result, 'install-nixos\\.sh', /cannot go into a Nix string/);
  });

  it('prints an install-access.nix that parses and leaves sshd overridable (lib.mkDefault)', () => {
    const result = run(['bash', INSTALL, '--print-access-nix'], { SSH_PUBKEY_FILE: pubkey });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(called()).toEqual([]);
    const file = join(work, 'install-access.nix');
    writeFileSync(file, result.stdout);
    const parsed = spawnSync('nix-instantiate', ['--parse', file], { encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
    expect(result.stdout).toMatch(/^\{ lib, \.\.\. \}:$/m);
    expect(result.stdout).toContain('PermitRootLogin = lib.mkDefault "prohibit-password";');
    expect(result.stdout).toContain('PasswordAuthentication = lib.mkDefault false;');
    expect(result.stdout).toContain(`keys = [ "${KEY}" ];`);
  });

  it('sends that same file to the installer', () => {
    const printed = run(['bash', INSTALL, '--print-access-nix'], {
      SSH_PUBKEY_FILE: pubkey,
    }).stdout;
    const result = run(['bash', INSTALL], { NIXADDR: '192.0.2.1', SSH_PUBKEY_FILE: pubkey });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(called()).toEqual(['ssh']);
    const args = readFileSync(join(work, 'ssh-args'), 'utf8').trim().split('\n');
    expect(args.slice(0, 2)).toEqual(['--', 'root@192.0.2.1']);
    const sent = /^ACCESS_B64=([A-Za-z0-9+/=]+) bash -s$/.exec(args[2] ?? '');
    expect(sent).not.toBeNull();
    expect(Buffer.from(sent?.[1] ?? '', 'base64').toString('utf8')).toBe(printed);
    expect(readFileSync(join(work, 'ssh-stdin'), 'utf8')).toContain(
      'nixos-install --no-root-passwd',
    );
  });
});
