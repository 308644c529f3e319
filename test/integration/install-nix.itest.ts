import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES_NIX } from '../helpers/fixtures.js';
import { runnerWithoutNix } from '../helpers/no-nix-env.js';
import { errorsOf, runAction } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

// The download, tool cache, extraction, installer run and PATH handling are the real code. What
// is served is a stand-in for a Nix release tarball (none can be downloaded here): its `install`
// script links Debian's Nix into ~/.nix-profile/bin, where the official single-user installer
// puts Nix, and records the arguments it was given.
const STAND_IN_INSTALL = `#!/bin/sh
set -eu
mkdir -p "$HOME/.nix-profile/bin"
for program in nix nix-build nix-store nix-instantiate; do
  ln -sf "/usr/bin/$program" "$HOME/.nix-profile/bin/$program"
done
echo "$@" > "$HOME/installer-args"
`;

let server: Server;
let baseUrl: string;
let tarball: Buffer;
let downloads = 0;

beforeAll(async () => {
  const dir = tempDir('nix-tarball-');
  mkdirSync(join(dir, 'nix-2.99.0-x86_64-linux'));
  writeFileSync(join(dir, 'nix-2.99.0-x86_64-linux', 'install'), STAND_IN_INSTALL);
  chmodSync(join(dir, 'nix-2.99.0-x86_64-linux', 'install'), 0o755);
  execFileSync('tar', ['-C', dir, '-czf', join(dir, 'nix.tar.gz'), 'nix-2.99.0-x86_64-linux']);
  tarball = readFileSync(join(dir, 'nix.tar.gz'));
  server = createServer((request, response) => {
    if (request.url === '/nix-2.99.0-x86_64-linux.tar.gz') {
      downloads += 1;
      response.writeHead(200, {
        'content-type': 'application/gzip',
        'content-length': tarball.length,
      });
      response.end(tarball);
    } else {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Nix on the runner', () => {
  it('fails with a line naming the installer actions when Nix is missing', async () => {
    const run = await runAction(
      { kind: 'qcow2', file: IMAGES_NIX, attribute: 'qcow' },
      { env: runnerWithoutNix() },
    );
    expect(run.code).toBe(1);
    expect(errorsOf(run)).toEqual([
      '::error::Nix is not installed on this runner: add cachix/install-nix-action or DeterminateSystems/nix-installer-action before this step, or set install-nix: true',
    ]);
  });

  it('installs Nix from the tarball once, caches it, puts it on PATH and builds', async () => {
    const env = runnerWithoutNix();
    const url = `${baseUrl}/nix-2.99.0-x86_64-linux.tar.gz`;
    const sha256 = createHash('sha256').update(tarball).digest('hex');
    const before = downloads;
    const first = await runAction(
      {
        kind: 'qcow2',
        file: IMAGES_NIX,
        attribute: 'qcow',
        'install-nix': 'true',
        'nix-installer-url': url,
        'nix-installer-sha256': sha256,
      },
      { env },
    );
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs.qcow2).toMatch(/nixos\.qcow2$/);
    expect(downloads - before).toBe(1);
    expect(readFileSync(join(env.HOME, 'installer-args'), 'utf8').trim()).toBe(
      '--no-daemon --no-channel-add',
    );
    expect(readFileSync(first.files.path, 'utf8')).toContain(join(env.HOME, '.nix-profile', 'bin'));

    // A second job on the same runner finds the installer in the tool cache: no download.
    const second = await runAction(
      {
        kind: 'qcow2',
        file: IMAGES_NIX,
        attribute: 'qcow',
        'install-nix': 'true',
        'nix-installer-url': url,
      },
      { env: { ...runnerWithoutNix(), RUNNER_TOOL_CACHE: join(first.files.temp, 'tool-cache') } },
    );
    expect(second.code, second.stdout).toBe(0);
    expect(downloads - before).toBe(1);
    expect(second.stdout).toContain('found in the tool cache');
  });

  it('installs nothing when the tarball does not have the expected sha256', async () => {
    const env = runnerWithoutNix();
    const run = await runAction(
      {
        kind: 'qcow2',
        file: IMAGES_NIX,
        'install-nix': 'true',
        'nix-installer-url': `${baseUrl}/nix-2.99.0-x86_64-linux.tar.gz`,
        'nix-installer-sha256': '0'.repeat(64),
      },
      { env },
    );
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0]).toMatch(
      /has sha256 [0-9a-f]{64}, not the expected 0{64}; nothing was installed$/,
    );
    expect(() => readFileSync(join(env.HOME, 'installer-args'))).toThrow();
  });

  it('says which URL could not be downloaded', async () => {
    const run = await runAction(
      {
        kind: 'qcow2',
        file: IMAGES_NIX,
        'install-nix': 'true',
        'nix-installer-url': `${baseUrl}/missing-nix-2.99.1.tar.xz`,
      },
      { env: runnerWithoutNix() },
    );
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0]).toMatch(
      /^::error::cannot download the Nix installer from http:\/\/127\.0\.0\.1:\d+\/missing-nix-2\.99\.1\.tar\.xz: .*404/,
    );
  });
});
