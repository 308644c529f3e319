import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/hosts/local-host.js';
import { parseDomainXml } from '../../src/hypervisor/domain-xml.js';
import { acquireLock } from '../../src/hypervisor/lock.js';
import { ensureImage, gcImages } from '../../src/hypervisor/pool.js';
import { checkBaseImage, createOverlay, imageInfo } from '../../src/hypervisor/qemu-img.js';
import { virtInstallArgv } from '../../src/hypervisor/virt-install.js';
import { MemoryReporter } from '../../src/util/reporter.js';
import { hypernix, lastLine } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

// Real qemu-img, virt-install against libvirt's built-in test driver, real flock: no libvirtd.
const dir = tempDir('hypernix-disks-');
const reporter = new MemoryReporter();
const host = new LocalHost({ name: 'hypervisor', reporter });

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function makeBase(name: string, size = '256M'): string {
  const path = join(dir, name);
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path, size]);
  execFileSync('qemu-io', ['-c', 'write -P 0x5a 0 1M', path], { stdio: 'ignore' });
  return path;
}

describe('copy-on-write disks', () => {
  it('makes an overlay per VM; writes to it never reach the base', async () => {
    const base = makeBase('base.qcow2');
    const before = sha256(base);
    const baseInfo = await checkBaseImage(host, base, 'image');
    const overlay = join(dir, 'vm-a.qcow2');
    await createOverlay(host, { base, baseInfo, path: overlay, sizeMiB: 512, vm: 'vm-a' });
    const info = await imageInfo(host, overlay);
    expect(info).toEqual({ format: 'qcow2', virtualSize: 512 << 20, backingFile: base });
    execFileSync('qemu-io', ['-c', 'write -P 0x11 0 4M', overlay], { stdio: 'ignore' });
    expect(sha256(base)).toBe(before);
    expect(statSync(overlay).size).toBeLessThan(8 << 20);
  });

  it('refuses a disk smaller than the image in one line, making nothing', async () => {
    const base = makeBase('base2.qcow2', '1G');
    const baseInfo = await checkBaseImage(host, base, 'image');
    const path = join(dir, 'small.qcow2');
    await expect(
      createOverlay(host, { base, baseInfo, path, sizeMiB: 512, vm: 'small' }),
    ).rejects.toThrow(
      "vm small: disk 512 MiB is smaller than the image's virtual size (1024 MiB); give at least 1024MiB or leave disk unset",
    );
    expect(() => statSync(path)).toThrow();
  });

  it('refuses a base image that has a backing file or is not qcow2', async () => {
    const base = makeBase('base3.qcow2');
    const chained = join(dir, 'chained.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, chained]);
    await expect(checkBaseImage(host, chained, 'image.path')).rejects.toThrow(
      'image.path: a base image must not have a backing file of its own',
    );
    const raw = join(dir, 'raw.img');
    writeFileSync(raw, Buffer.alloc(1 << 20));
    await expect(checkBaseImage(host, raw, 'image.path')).rejects.toThrow(
      'image.path: expected a qcow2 disk image; qemu-img says raw',
    );
  });
});

describe('image pool', () => {
  it('adds a local image once, by its sha256, read-only; gc removes it when unused', async () => {
    const pool = join(dir, 'pool');
    const image = makeBase('local.qcow2');
    const hex = sha256(image);
    const context = { host, pool, local: true, reporter };
    const noPull = async () => {
      throw new Error('no pull for a path');
    };
    const first = await ensureImage(context, { kind: 'path', path: image }, noPull);
    expect(first.path).toBe(`${pool}/${hex}.qcow2`);
    expect(first.digest).toBe(`sha256:${hex}`);
    expect(statSync(first.path).mode & 0o777).toBe(0o444);
    expect(sha256(first.path)).toBe(hex);
    const mtime = statSync(first.path).mtimeMs;
    await ensureImage(context, { kind: 'path', path: image }, noPull);
    expect(statSync(first.path).mtimeMs).toBe(mtime);
    expect(await gcImages(host, pool, new Set([first.path]), reporter)).toEqual([]);
    expect(await gcImages(host, pool, new Set(), reporter)).toEqual([first.path]);
  });

  it('leaves nothing in the pool when the image is refused', async () => {
    const pool = join(dir, 'pool2');
    const raw = join(dir, 'not-qcow2.img');
    writeFileSync(raw, Buffer.alloc(1 << 20, 1));
    await expect(
      ensureImage(
        { host, pool, local: true, reporter },
        { kind: 'path', path: raw },
        async () => {},
      ),
    ).rejects.toThrow(/expected a qcow2 disk image.*nothing was left in the pool/);
    expect(execFileSync('ls', ['-A', pool], { encoding: 'utf8' })).toBe('');
  });
});

describe('image pool on a full disk', () => {
  it('says the disk is full, and leaves no partial image in the pool', async () => {
    const pool = join(dir, 'full-pool');
    execFileSync('mkdir', ['-p', pool]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1M', 'tmpfs', pool]);
    try {
      const image = makeBase('large.qcow2'); // 1 MiB of data written: more than the pool holds
      await expect(
        ensureImage(
          { host, pool, local: true, reporter },
          { kind: 'path', path: image },
          async () => {},
        ),
      ).rejects.toThrow(/No space left on device; nothing was left in the pool/);
      expect(execFileSync('ls', ['-A', pool], { encoding: 'utf8' })).toBe('');
    } finally {
      execFileSync('umount', [pool]);
    }
  });
});

describe('virt-install --print-xml against the test driver', () => {
  it('accepts the argv and prints the disk, MAC, serial log and agent channel', async () => {
    const disk = makeBase('xml.qcow2');
    const argv = virtInstallArgv({
      connect: 'test:///default',
      name: 'cp-1',
      memoryMiB: 512,
      vcpus: 1,
      osinfo: 'linux2022',
      disk,
      bridge: 'br0',
      mac: '52:54:00:12:34:56',
      serialLog: join(dir, 'cp-1.serial.log'),
      graphics: { listen: '127.0.0.1' },
      firmware: 'bios',
      secureBoot: false,
    });
    const { stdout } = await host.exec(argv);
    expect(stdout).toContain('org.qemu.guest_agent.0');
    expect(stdout).toMatch(/<graphics type="vnc"[^>]*listen="127.0.0.1"/);
    expect(parseDomainXml(stdout)).toMatchObject({
      name: 'cp-1',
      macs: ['52:54:00:12:34:56'],
      disks: [disk],
      serialLogs: [join(dir, 'cp-1.serial.log')],
    });
  });
});

describe('the deploy lock', () => {
  it('makes a second deploy wait, names the holder when it gives up, then lets it in', async () => {
    const pool = join(dir, 'lockpool');
    const first = await acquireLock(host, pool, {
      waitMs: 5000,
      reporter,
      who: 'runner-one pid 1',
    });
    const waiting = new MemoryReporter();
    const started = Date.now();
    await expect(
      acquireLock(host, pool, { waitMs: 2000, reporter: waiting, who: 'runner-two' }),
    ).rejects.toThrow(
      /^the deploy lock .*\.hypernix\.lock on hypervisor is held by "runner-one pid 1 since .*"; gave up after 2 s$/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(waiting.lines.map((l) => l.message).join('\n')).toMatch(
      /Waiting .* held by "runner-one/,
    );
    const second = acquireLock(host, pool, { waitMs: 10_000, reporter, who: 'runner-three' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await first.release();
    const lock = await second;
    expect(lock.holder).toBe('runner-three');
    await lock.release();
  });
});

describe('hypernix deploy: bad config, one line each, nothing made', () => {
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const image = `image: {path: ${join(dir, 'none.qcow2')}}\nhypervisor: {pool: ${join(dir, 'badpool')}}\n`;
  it.each([
    ['a;rm -rf /', /vms\[0\]\.name: expected a lower-case name/],
    ['$(id)', /vms\[0\]\.name: expected a lower-case name/],
    ['x'.repeat(200), /vms\[0\]\.name: expected a lower-case name/],
  ])('refuses the VM name %j', async (name, expected) => {
    const file = write(
      'bad.yaml',
      `${image}vms: [{name: ${JSON.stringify(name)}, role: worker}]\n`,
    );
    const run = await hypernix(['deploy', 'plan', '-f', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(lastLine(run)).toMatch(expected);
  });

  it('refuses "6 GB", unknown keys, duplicates and not-YAML', async () => {
    const cases: [string, RegExp][] = [
      [
        `${image}vms: [{name: a, role: worker, memory: "6 GB"}]\n`,
        /memory: expected a memory size like "6GiB"/,
      ],
      [`${image}vms: [{name: a, role: worker, cpu: 2}]\n`, /vms\[0\]: unknown key "cpu"/],
      [
        `${image}vms: [{name: a, role: worker}, {name: a, role: worker}]\n`,
        /vms\[1\]\.name: "a" is used twice/,
      ],
      ['vms: [\n', /is not valid YAML/],
    ];
    for (const [text, expected] of cases) {
      const run = await hypernix(['deploy', 'apply', '-f', write('bad.yaml', text)]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(lastLine(run)).toMatch(expected);
    }
    expect(() => statSync(join(dir, 'badpool'))).toThrow();
  });
});
