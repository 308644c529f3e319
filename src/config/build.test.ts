import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors.js';
import { buildTarget, labelsFor, parseBuildConfig } from './build.js';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseBuildConfig', () => {
  it('names the input and the expected values for an unknown kind', () => {
    expect(errorOf(() => parseBuildConfig({ kind: 'qcow', file: 'a.nix' }))).toBe(
      `input 'kind': expected one of qcow2, container, derivation; got "qcow"`,
    );
  });

  it('says a missing kind is required', () => {
    expect(errorOf(() => parseBuildConfig({ kind: '', file: 'a.nix' }))).toBe(
      `input 'kind': required; expected one of qcow2, container, derivation`,
    );
    expect(errorOf(() => parseBuildConfig({ file: 'a.nix' }))).toMatch(/^input 'kind': required/);
  });

  it('names CLI options when the CLI parses', () => {
    expect(
      errorOf(() => parseBuildConfig({ kind: 'vm', file: 'a.nix' }, labelsFor('cli'))),
    ).toMatch(/^option '--kind': expected one of/);
  });

  it('refuses a file and a flake together, and neither', () => {
    expect(errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a.nix', flake: '.#x' }))).toMatch(
      /^input 'flake': give either a file .* not both$/,
    );
    expect(errorOf(() => parseBuildConfig({ kind: 'qcow2' }))).toMatch(/^input 'file': required/);
  });

  it('refuses file-only options with a flake', () => {
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', flake: '.#x', attribute: 'a' })),
    ).toMatch(/^input 'attribute': applies to a file build only/);
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', flake: '.#x', argstrs: 'a=b' })),
    ).toMatch(/^input 'argstrs': applies to a file build only/);
  });

  it('parses args lines as name=value, keeping = inside values', () => {
    const config = parseBuildConfig({
      kind: 'derivation',
      file: 'a.nix',
      args: 'size = 4\n\n# a comment\nopts={ a = 1; }',
      argstrs: ['formatConfig=/x/qcow.nix', 'empty='],
    });
    expect(config.args).toEqual([
      { name: 'size', value: ' 4' },
      { name: 'opts', value: '{ a = 1; }' },
    ]);
    expect(config.argstrs).toEqual([
      { name: 'formatConfig', value: '/x/qcow.nix' },
      { name: 'empty', value: '' },
    ]);
  });

  it('refuses args that are not name=value', () => {
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a.nix', args: 'justaname' })),
    ).toBe(`input 'args': expected name=value with a Nix identifier as name; got "justaname"`);
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a.nix', argstrs: '1bad=x' })),
    ).toMatch(/^input 'argstrs': expected name=value/);
  });

  it('reads booleans as YAML does and refuses others', () => {
    expect(parseBuildConfig({ kind: 'qcow2', file: 'a', installNix: 'True' }).installNix).toBe(
      true,
    );
    expect(parseBuildConfig({ kind: 'qcow2', file: 'a', installNix: '' }).installNix).toBe(false);
    expect(errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a', installNix: 'yes' }))).toBe(
      `input 'install-nix': expected true or false; got "yes"`,
    );
  });

  it('splits nix-args like a shell without expanding anything', () => {
    const config = parseBuildConfig({
      kind: 'qcow2',
      file: 'a',
      nixArgs: `--option cores 2 --argstr x 'a b' "$HOME"`,
    });
    expect(config.nixArgs).toEqual(['--option', 'cores', '2', '--argstr', 'x', 'a b', '$HOME']);
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a', nixArgs: `--x 'open` })),
    ).toMatch(/^input 'nix-args': unterminated ' quote/);
  });

  it('checks the installer URL and sha256', () => {
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a', nixInstallerUrl: 'ftp://x' })),
    ).toMatch(/^input 'nix-installer-url': expected an http/);
    expect(
      errorOf(() => parseBuildConfig({ kind: 'qcow2', file: 'a', nixInstallerSha256: 'abc' })),
    ).toMatch(/^input 'nix-installer-sha256': expected 64 lowercase hex/);
  });

  it('turns the config into a build target', () => {
    expect(buildTarget(parseBuildConfig({ kind: 'qcow2', flake: '.#img' }))).toEqual({
      type: 'flake',
      installable: '.#img',
    });
    expect(
      buildTarget(parseBuildConfig({ kind: 'qcow2', file: 'a.nix', attribute: 'qcow' })),
    ).toMatchObject({
      type: 'file',
      file: 'a.nix',
      attribute: 'qcow',
    });
  });
});
