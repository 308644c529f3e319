// SshHost against real OpenSSH servers, each in its own network namespace (test/lab/ssh-hosts.ts).
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HostCommandError,
  HostConnectError,
  HostFileError,
  HostKeyError,
} from '../../src/hosts/errors.js';
import { SshHost, type SshHostOptions } from '../../src/hosts/ssh-host.js';
import { MemoryReporter } from '../../src/util/reporter.js';
import { startSshLab, type SshLab } from '../lab/ssh-hosts.js';
import { tempDir } from '../helpers/temp.js';

let lab: SshLab;
let work: string;
const opened: SshHost[] = [];
const hostile = [
  'a;rm -rf /',
  '$(id)',
  '`id`',
  'new\nline',
  "it's",
  '"q"',
  '',
  '-rf',
  '--',
  'ünï ✓ 🚀',
  '$HOME',
  '*',
  'a=b',
];

beforeAll(() => {
  work = tempDir('hypernix-ssh-itest-');
  // A far side that lies about sha256: what a corrupted transfer looks like to the checker.
  mkdirSync(join(work, 'liar-bin'));
  writeFileSync(join(work, 'liar-bin', 'sha256sum'), `#!/bin/sh\necho "${'0'.repeat(64)}  $2"\n`);
  chmodSync(join(work, 'liar-bin', 'sha256sum'), 0o755);
  lab = startSshLab(
    [
      { name: 'hv1' },
      { name: 'hv2', behind: 'hv1' },
      { name: 'hv3' },
      { name: 'nosftp', sshdConfig: [] },
      {
        name: 'liar',
        sshdConfig: [
          `SetEnv PATH=${join(work, 'liar-bin')}:/usr/bin:/bin`,
          'Subsystem sftp /usr/lib/openssh/sftp-server',
        ],
      },
    ],
    { subnet: 40, tag: 'hs' },
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(opened.map((host) => host.close()));
  lab?.close();
  rmSync(work, { recursive: true, force: true });
});

function connect(name: string, overrides: Partial<SshHostOptions> = {}): SshHost {
  const lh = lab.hosts[name]!;
  const host = new SshHost({
    name,
    address: lh.address,
    username: 'root',
    privateKey: { path: lab.clientKeyPath },
    hostKeys: { knownHosts: lh.knownHosts },
    reporter: new MemoryReporter(),
    connectTimeoutMs: 5_000,
    ...overrides,
  });
  opened.push(host);
  return host;
}

async function rejection<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).not.toContain('\n');
  return error as T;
}

describe('SshHost exec', () => {
  it('round-trips hostile arguments exactly through the remote shell', async () => {
    const hv1 = connect('hv1');
    const { stdout } = await hv1.exec(['printf', '%s\\0', ...hostile]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(hostile);
  });

  it('names host, command and exit code; stderr becomes details; okCodes accepted', async () => {
    const hv1 = connect('hv1');
    const error = await rejection(
      hv1.exec(['sh', '-c', 'echo bad thing >&2; exit 7']),
      HostCommandError,
    );
    expect(error.message).toBe(
      "hv1: command `sh '-c' 'echo bad thing >&2; exit 7'` exited with code 7: bad thing",
    );
    expect(error.details).toEqual(['bad thing']);
    expect((await hv1.exec(['sh', '-c', 'exit 7'], { okCodes: [7] })).code).toBe(7);
  });

  it('reports a signal', async () => {
    const error = await rejection(
      connect('hv1').exec(['sh', '-c', 'kill -TERM $$']),
      HostCommandError,
    );
    expect(error.message).toMatch(/^hv1: command .* was killed by signal SIGTERM$/);
  });

  it('stops a command at its deadline and keeps the connection usable', async () => {
    const hv1 = connect('hv1');
    const started = Date.now();
    const error = await rejection(hv1.exec(['sleep', '30'], { timeoutMs: 500 }), HostCommandError);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.message).toBe('hv1: command `sleep 30` timed out after 0.5 s and was stopped');
    expect((await hv1.exec(['echo', 'still here'])).stdout).toBe('still here\n');
  });

  it('stops a command past its output cap', async () => {
    const error = await rejection(
      connect('hv1').exec(['cat', '/dev/zero'], { maxOutputBytes: 1000 }),
      HostCommandError,
    );
    expect(error.message).toBe(
      'hv1: command `cat /dev/zero` wrote more than 1000 bytes of output and was stopped',
    );
  });

  it('writes input to stdin and streams lines with the host prefix', async () => {
    const reporter = new MemoryReporter();
    const hv1 = connect('hv1', { reporter });
    const { stdout } = await hv1.exec(['sh', '-c', 'cat; echo; echo err-line >&2'], {
      input: 'from stdin',
      stream: true,
    });
    expect(stdout).toBe('from stdin\n');
    expect(reporter.lines.map((l) => l.message)).toEqual(
      expect.arrayContaining(['[hv1] from stdin', '[hv1] err-line']),
    );
  });

  it('never shows a secret passed as `secrets` in an error', async () => {
    const reporter = new MemoryReporter();
    const secret = `tok-${randomBytes(8).toString('hex')}`;
    const error = await rejection(
      connect('hv1', { reporter }).exec(
        ['sh', '-c', 'echo "token $1 refused" >&2; exit 1', 'x', secret],
        { secrets: [secret] },
      ),
      HostCommandError,
    );
    expect(`${error.message}\n${error.details.join('\n')}`).not.toContain(secret);
    expect(error.details).toEqual(['token *** refused']);
    expect(reporter.secrets).toContain(secret);
  });

  it('runs 30 commands at once over one connection', async () => {
    const hv1 = connect('hv1');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => hv1.exec(['echo', String(i)])),
    );
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 30 }, (_, i) => `${i}\n`));
    const connections = await hv1.exec(['sh', '-c', 'echo $SSH_CONNECTION']);
    expect(connections.stdout).toMatch(/^10\.77\.40\.1 /);
  });
});

describe('SshHost files', () => {
  const payload = randomBytes(3 * 1024 * 1024 + 17);
  const digest = createHash('sha256').update(payload).digest('hex');

  for (const [name, transfer] of [
    ['hv1', 'sftp'],
    ['nosftp', 'auto'],
  ] as const) {
    it(`uploads and downloads with sha256 checked on both sides (${name}, ${transfer})`, async () => {
      const host = connect(name, { transfer });
      const local = join(work, `${name}-payload`);
      writeFileSync(local, payload);
      const remoteDir = join(work, `${name}-remote`);
      mkdirSync(remoteDir);
      expect(await host.upload(local, `${remoteDir}/image.qcow2`, { mode: 0o644 })).toBe(digest);
      expect((await host.exec(['stat', '-c', '%a %s', `${remoteDir}/image.qcow2`])).stdout).toBe(
        `644 ${payload.length}\n`,
      );
      expect(
        await host.download(`${remoteDir}/image.qcow2`, join(work, `${name}-back`), {
          sha256: digest,
        }),
      ).toBe(digest);
      expect(readFileSync(join(work, `${name}-back`)).equals(payload)).toBe(true);
      await host.writeFile(`${remoteDir}/small`, 'secret text');
      expect((await host.readFile(`${remoteDir}/small`)).toString()).toBe('secret text');
      expect((await host.exec(['stat', '-c', '%a', `${remoteDir}/small`])).stdout).toBe('600\n');
      expect((await host.exec(['ls', '-A', remoteDir])).stdout).toBe('image.qcow2\nsmall\n');
    });
  }

  it('refuses a wrong expected sha256, a hostile size and a missing file, leaving nothing', async () => {
    const hv1 = connect('hv1');
    writeFileSync(join(work, 'known'), 'known bytes');
    const error = await rejection(
      hv1.download(join(work, 'known'), join(work, 'wrong-sha'), { sha256: 'f'.repeat(64) }),
      HostFileError,
    );
    expect(error.message).toMatch(
      /^hv1: .*\/known: sha256 [0-9a-f]{64} differs from the expected f{64}$/,
    );
    expect(existsSync(join(work, 'wrong-sha'))).toBe(false);
    await expect(hv1.readFile('/dev/zero', { maxBytes: 4096 })).rejects.toThrow(
      'hv1: /dev/zero is larger than the 4096 bytes allowed',
    );
    await expect(hv1.readFile('/nonexistent/x')).rejects.toThrow(
      /^hv1: cannot read \/nonexistent\/x: .*No such file/,
    );
  });

  it('detects a far side whose sha256 does not match what was sent, and installs nothing', async () => {
    const liar = connect('liar');
    const remoteDir = join(work, 'liar-remote');
    mkdirSync(remoteDir);
    const error = await rejection(liar.writeFile(`${remoteDir}/f`, 'data'), HostFileError);
    expect(error.message).toMatch(
      /^liar: .*\/f: sha256 on the host 0{64} differs from what was sent [0-9a-f]{64}; nothing was installed$/,
    );
    expect((await liar.exec(['ls', '-A', remoteDir])).stdout).toBe('');
  });
});

describe('SshHost host keys and connections', () => {
  it('refuses an unknown host key, showing its fingerprint', async () => {
    const hv1 = lab.hosts.hv1!;
    const error = await rejection(connect('hv1', { hostKeys: {} }).exec(['true']), HostKeyError);
    expect(error.message).toBe(
      `hv1: cannot connect to ${hv1.address}:22: host key ${hv1.fingerprint} (ssh-ed25519) is unknown: no key is pinned for ${hv1.address}:22; check it out of band and pin it`,
    );
    expect(error.presented).toBe(hv1.fingerprint);
  });

  it('accepts a key pinned by fingerprint alone (as read from a guest out of band)', async () => {
    const hv1 = lab.hosts.hv1!;
    const host = connect('hv1', { hostKeys: { pins: [`ssh-ed25519 ${hv1.fingerprint}`] } });
    expect((await host.exec(['echo', 'ok'])).stdout).toBe('ok\n');
  });

  it('refuses a changed host key after a restart, showing the new fingerprint', async () => {
    const hv3 = lab.hosts.hv3!;
    const oldPins = hv3.knownHosts;
    expect((await connect('hv3').exec(['true'])).code).toBe(0);
    hv3.stop();
    hv3.newHostKey();
    hv3.start();
    const error = await rejection(
      connect('hv3', { hostKeys: { knownHosts: oldPins } }).exec(['true']),
      HostKeyError,
    );
    expect(error.message).toContain(
      `host key ${hv3.fingerprint} (ssh-ed25519) does not match the pinned SHA256:`,
    );
    expect(error.message).toContain(
      '(known hosts line 1): the key changed or this is another machine',
    );
  });

  it('refuses a wrong private key in one line', async () => {
    const hv1 = lab.hosts.hv1!;
    const error = await rejection(
      connect('hv1', { privateKey: { path: lab.strangerKeyPath } }).exec(['true']),
      HostConnectError,
    );
    expect(error.message).toBe(
      `hv1: cannot connect to ${hv1.address}:22: the server refused the private key for user "root"`,
    );
  });

  it('refuses a private key that is not one, without echoing it', () => {
    expect(() => connect('hv1', { privateKey: { text: 'not-a-key-SECRETSTUFF' } })).toThrow(
      /^hv1: private key from the given text cannot be used: /,
    );
    expect(() => connect('hv1', { privateKey: { text: 'not-a-key-SECRETSTUFF' } })).not.toThrow(
      /SECRETSTUFF/,
    );
  });

  it('names host and port of an unreachable host (no answer, refused)', async () => {
    // 10.77.40.3 is on the lab's own veth link and belongs to nobody.
    const silent = connect('hv1', {
      address: '10.77.40.3',
      connectTimeoutMs: 1_500,
      connectAttempts: 1,
    });
    const started = Date.now();
    const error = await rejection(silent.exec(['true']), HostConnectError);
    expect(error.message).toMatch(
      /^hv1: cannot connect to 10\.77\.40\.3:22: (no answer within 1\.5 s|.*EHOSTUNREACH.*)$/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const refused = connect('hv1', { port: 2222, connectAttempts: 2, backoffMs: 50 });
    const refusal = await rejection(refused.exec(['true']), HostConnectError);
    expect(refusal.message).toBe(
      `hv1: cannot connect to ${lab.hosts.hv1!.address}:2222: connection refused (ECONNREFUSED)`,
    );
  });

  it('jumps to a host reachable only through another', async () => {
    const hv1 = connect('hv1');
    const hv2 = connect('hv2', { jump: hv1 });
    const { stdout } = await hv2.exec(['sh', '-c', 'echo $SSH_CONNECTION; hostname -I']);
    expect(stdout).toMatch(/^10\.77\.41\.1 \d+ 10\.77\.41\.2 22\n/);
    const down = await rejection(
      connect('hv2', { jump: hv1, port: 2222, connectAttempts: 1 }).exec(['true']),
      HostConnectError,
    );
    expect(down.message).toMatch(
      /^hv2: cannot connect to 10\.77\.41\.2:2222 through hv1: the tunnel was refused/,
    );
  });

  it('reconnects after sshd restarts between commands; a command cut mid-run is not run again', async () => {
    const reporter = new MemoryReporter();
    const hv1 = connect('hv1', { reporter, backoffMs: 100 });
    const marker = join(work, 'runs');
    await hv1.exec(['true']);
    const running = hv1.exec(['sh', '-c', 'echo run >> "$1"; sleep 30', 'x', marker]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    lab.hosts.hv1!.stop();
    const error = await rejection(running, HostCommandError);
    expect(error.message).toMatch(
      /lost its connection while running \(.*\); it may or may not have run$/,
    );
    lab.hosts.hv1!.start();
    expect((await hv1.exec(['echo', 'back'])).stdout).toBe('back\n');
    expect(readFileSync(marker, 'utf8')).toBe('run\n');
    expect(reporter.lines.map((l) => l.message)).toContain(
      '[hv1] connection lost; connecting again',
    );
  });

  it('masks the private key', () => {
    const reporter = new MemoryReporter();
    connect('hv1', { reporter, privateKey: { text: lab.clientKey } });
    expect(reporter.secrets).toContain(lab.clientKey);
  });
});
