import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGES_NIX, fixtureFlake } from '../helpers/fixtures.js';
import { ROOT } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');

function hypernix(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the hypernix command (bundled dist/cli)', () => {
  it('prints the outputs as one JSON object with --json', () => {
    const result = hypernix(
      'build',
      '--kind',
      'qcow2',
      '--file',
      IMAGES_NIX,
      '--attr',
      'qcow',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const outputs = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(outputs).sort()).toEqual([
      'archive',
      'archive-format',
      'build-seconds',
      'closure-size',
      'out-path',
      'qcow2',
    ]);
    expect(outputs.qcow2).toMatch(/^\/nix\/store\/\S+\/nixos\.qcow2$/);
    expect(result.stderr).toContain('nix-build');
  });

  it('prints a readable summary without --json', () => {
    const result = hypernix(
      'build',
      '--kind',
      'container',
      '--file',
      IMAGES_NIX,
      '--attr',
      'layered',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Kind +container$/m);
    expect(result.stdout).toMatch(
      /^Archive +\/nix\/store\/\S+ \(tar\.gz, .*3 layers, fixture\/nginx:1\.4\)$/m,
    );
  });

  it('builds a flake and passes arguments after -- to Nix', () => {
    const result = hypernix(
      'build',
      '--kind',
      'qcow2',
      '--flake',
      `${fixtureFlake()}#qcow2`,
      '--json',
      '--',
      '--option',
      'cores',
      '1',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('--option cores 1');
  });

  it.each([
    [
      ['build', '--kind', 'vm', '--file', IMAGES_NIX],
      2,
      `hypernix: option '--kind': expected one of qcow2, container, derivation; got "vm"`,
    ],
    [
      ['build', '--kind', 'qcow2', '--file', IMAGES_NIX, '--flake', '.#x'],
      2,
      `hypernix: option '--flake': give either a file (with an attribute) or a flake installable, not both`,
    ],
    [
      ['build', '--kind', 'qcow2', '--file', IMAGES_NIX, '--argstr', 'x'],
      2,
      `hypernix: option '--argstr': expected name=value with a Nix identifier as name; got "x"`,
    ],
    [
      ['build', '--kind', 'qcow2', '--file', IMAGES_NIX, '--attr', 'nope'],
      2,
      `hypernix: option '--attr': attribute 'nope' in selection path 'nope' not found in ${IMAGES_NIX}`,
    ],
    [
      ['build', '--kynd', 'qcow2'],
      2,
      `hypernix: unknown option --kynd; see 'hypernix build --help'`,
    ],
    [
      ['build', '--kind', 'qcow2', '--file'],
      2,
      `hypernix: option --file needs a value; see 'hypernix build --help'`,
    ],
    [
      ['push', 'x.tar', 'r/a:b', '--json=yes'],
      2,
      `hypernix: option --json takes no value; see 'hypernix push --help'`,
    ],
    [['bogus'], 2, `hypernix: unknown command "bogus"; see 'hypernix --help'`],
    [['help', 'bogus'], 2, `hypernix: unknown command "bogus"; see 'hypernix --help'`],
    [['artifact'], 2, `hypernix: give a subcommand, push or pull; see 'hypernix artifact --help'`],
    [
      ['push', 'x.tar', 'NOT A REF'],
      2,
      `hypernix: argument REF: not a valid image reference: it contains whitespace (expected registry/repository[:tag]); got "NOT A REF"`,
    ],
    [
      ['push', 'x.tar', '127.0.0.1:1/a:b', '--password-stdin'],
      2,
      `hypernix: --password-stdin needs --username USER`,
    ],
    [
      ['push', 'x.tar', '127.0.0.1:1/a:b', '--password-stdin', '--username', 'u'],
      2,
      `hypernix: --password-stdin: standard input was empty`,
    ],
    [
      ['deploy', 'aply'],
      2,
      `hypernix: unknown deploy command "aply"; see 'hypernix deploy --help'`,
    ],
    [
      ['build', '--kind', 'qcow2', '--file', IMAGES_NIX, '--attr', 'evalError'],
      1,
      /^hypernix: Nix evaluation failed at \S+images\.nix:\d+:\d+: cannot add a string to an integer$/,
    ],
  ])('%j exits %i with one line', (args, code, message) => {
    const result = hypernix(...args);
    expect(result.code).toBe(code);
    const last = result.stderr.trim().split('\n').at(-1) as string;
    if (typeof message === 'string') expect(last).toBe(message);
    else expect(last).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(result.stdout).toBe('');
  });

  it('names an unreachable registry in one line, at once, without retry warnings', () => {
    const disk = join(tempDir('hypernix-unreachable-'), 'disk.qcow2');
    spawnSync('qemu-img', ['create', '-f', 'qcow2', disk, '1M']);
    for (const [args, request] of [
      [
        ['artifact', 'pull', '127.0.0.1:1/a:b', `${disk}.out`, '--plain-http'],
        'GET /v2/a/manifests/b',
      ],
      [['artifact', 'push', disk, '127.0.0.1:1/a:b', '--plain-http'], 'GET /v2/'],
    ] as const) {
      const started = performance.now();
      const result = hypernix(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `hypernix: registry 127.0.0.1:1: ${request}: connection refused (is the registry running, and is this its address?)\n`,
      );
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it('checks the archive before any request: a file that is not an image costs no network call', () => {
    const text = join(tempDir('hypernix-not-archive-'), 'x.tar');
    writeFileSync(text, 'not an archive\n');
    // --verbose would show every request; an unreachable registry would show its refusal.
    const result = hypernix('push', text, '127.0.0.1:1/a:b', '--plain-http', '--verbose');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `hypernix: argument ARCHIVE: ${text} is not an image (expected a .tar, .tar.gz or .tar.zst docker archive, a streamLayeredImage script, or an OCI image layout)\n`,
    );
  });

  it('pushes only a qcow2 as the disk-image artifact, checked before any request', () => {
    const text = join(tempDir('hypernix-not-qcow2-'), 'disk.qcow2');
    writeFileSync(text, 'hello\n');
    const result = hypernix('artifact', 'push', text, '127.0.0.1:1/a:b', '--plain-http');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `hypernix: argument FILE: ${text} is not a qcow2 disk image (it does not start with QEMU's QFI\\xfb magic); convert it with qemu-img convert -O qcow2\n`,
    );
  });

  it('says how to use it', () => {
    expect(hypernix('--help').stdout).toContain('hypernix build --kind KIND');
    const help = hypernix('build', '--help');
    expect(help.code).toBe(0);
    for (const option of ['--kind', '--file', '--attr', '--arg ', '--argstr', '--flake', '--json'])
      expect(help.stdout).toContain(option);
  });

  it('ends without process.exit, which can hang on Node 24, keeping its code and output', () => {
    // A preload that reports any call of process.exit: endProcess replaces the process image
    // instead (see src/cli/exit.ts), so nothing reports, while the exit code and every byte of
    // output still arrive.
    const hook = join(tempDir('hypernix-exit-'), 'hook.cjs');
    writeFileSync(
      hook,
      "const exit = process.exit; process.exit = (code) => { require('fs').writeSync(2, 'process.exit called\\n'); exit(code); };\n",
    );
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--require', hook, CLI, ...args], { encoding: 'utf8' });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(hypernix('--help').stdout);
    expect(help.stdout.length).toBeGreaterThan(500);
    expect(help.stderr).toBe('');
    const usage = run('no-such-command');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe(
      'hypernix: unknown command "no-such-command"; see \'hypernix --help\'\n',
    );
    const failed = run('push', '/nonexistent.tar', '127.0.0.1:1/a/b:c');
    expect(failed.status).toBe(2);
    expect(failed.stderr).not.toContain('process.exit called');
  });
});
