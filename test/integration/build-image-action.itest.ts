import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, IMAGES_NIX, fixtureFlake, freshNonce } from '../helpers/fixtures.js';
import { ROOT, errorsOf, runAction } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

// The bundled dist/build-image/index.js, run as the runner runs it, against the real Nix.

describe('build-image action: output layouts', () => {
  it('builds a qcow2 the nixos-generators way and reports every output and a summary', async () => {
    const run = await runAction({ kind: 'qcow2', file: IMAGES_NIX, attribute: 'qcow' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['out-path']).toMatch(/^\/nix\/store\/[0-9a-z]{32}-nixos-disk-image$/);
    expect(run.outputs.qcow2).toBe(`${run.outputs['out-path']}/nixos.qcow2`);
    expect(run.outputs.archive).toBe('');
    expect(Number(run.outputs['closure-size'])).toBeGreaterThan(190_000);
    expect(Number(run.outputs['build-seconds'])).toBeGreaterThanOrEqual(0);
    expect(run.summary).toContain('hypernix build-image');
    expect(run.summary).toContain(run.outputs.qcow2);
    expect(run.summary).toMatch(/Closure size.*KiB/s);
  });

  it("finds the named qcow2 of nixpkgs' image modules (system.build.images.qemu)", async () => {
    const run = await runAction({ kind: 'qcow2', file: IMAGES_NIX, attribute: 'imagesQemu' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.qcow2).toMatch(/nixos-image-qemu-25\.05-x86_64-linux\.qcow2$/);
  });

  it.each([
    ['layered', 'tar.gz'],
    ['layeredTar', 'tar'],
    ['layeredZst', 'tar.zst'],
    ['stream', 'stream'],
  ])('recognises the container output %s as %s', async (attribute, format) => {
    const run = await runAction({ kind: 'container', file: IMAGES_NIX, attribute });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['archive-format']).toBe(format);
    expect(run.outputs.archive).toBe(run.outputs['out-path']);
    if (format !== 'stream') expect(run.summary).toContain('3 layers, fixture/nginx:1.4');
  });

  it('builds a flake installable', async () => {
    const flake = fixtureFlake();
    const run = await runAction({ kind: 'container', flake: `${flake}#container` });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['archive-format']).toBe('tar.gz');
  });

  it('passes args and argstrs to nix-build', async () => {
    const nonce = freshNonce();
    const run = await runAction({
      kind: 'container',
      file: IMAGES_NIX,
      attribute: 'layeredTar',
      args: 'layers = 5',
      argstrs: `nonce=${nonce}`,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toContain('5 layers');
    expect(run.stdout).toContain(`--argstr nonce ${nonce}`);
  });

  it('keeps a GC root for later steps and drops it in post', async () => {
    const run = await runAction({
      kind: 'derivation',
      file: IMAGES_NIX,
      attribute: 'derivationOnly',
    });
    expect(run.code, run.stdout).toBe(0);
    const gcRoot = run.state.gcRoot as string;
    expect(lstatSync(join(gcRoot, 'result')).isSymbolicLink()).toBe(true);
    expect(run.state.isPost).toBe('true');
    const post = await runAction({}, { state: { isPost: 'true', gcRoot }, temp: run.files.temp });
    expect(post.code, post.stdout).toBe(0);
    expect(existsSync(gcRoot)).toBe(false);
  });

  it('streams builder output into a log group while the build runs', async () => {
    const dir = tempDir('hypernix-slow-');
    const file = join(dir, 'slow.nix');
    writeFileSync(
      file,
      `derivation { name = "slow"; system = builtins.currentSystem; builder = "/bin/sh";
         nonce = "${freshNonce()}";
         args = [ "-c" "echo early-line; /bin/sleep 3; echo done > $out" ]; }`,
    );
    const run = await runAction({ kind: 'derivation', file });
    expect(run.code, run.stdout).toBe(0);
    const early = run.lineTimes.find((entry) => entry.line === 'early-line');
    const end = run.lineTimes.at(-1) as { ms: number };
    expect(early).toBeDefined();
    // Buffered output would arrive with the rest at the end; streamed output arrives ~3 s earlier.
    expect(end.ms - (early as { ms: number }).ms).toBeGreaterThan(2000);
    const groupStart = run.stdout.indexOf('::group::nix build');
    expect(groupStart).toBeGreaterThanOrEqual(0);
    expect(run.stdout.indexOf('early-line')).toBeGreaterThan(groupStart);
    expect(run.stdout.indexOf('::endgroup::', groupStart)).toBeGreaterThan(
      run.stdout.indexOf('early-line'),
    );
  });
});

describe('build-image action: failures', () => {
  it('annotates an evaluation error at its file, line and column', async () => {
    const run = await runAction({ kind: 'qcow2', file: IMAGES_NIX, attribute: 'evalError' });
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error title=Nix evaluation error,file=test\/fixtures\/nix\/images\.nix,line=\d+,col=\d+::Nix evaluation failed at .*images\.nix:\d+:\d+: cannot add a string to an integer$/,
    );
    expect(run.stdout).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  });

  it('annotates a syntax error in the Nix file', async () => {
    const run = await runAction({ kind: 'qcow2', file: join(FIXTURES, 'nix', 'syntax-error.nix') });
    expect(run.code).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.stringMatching(
        /file=test\/fixtures\/nix\/syntax-error\.nix,line=3,col=\d+::Nix evaluation failed .*syntax error/,
      ),
    ]);
  });

  it('names the failing derivation and shows the last lines of its log', async () => {
    const nonce = freshNonce();
    const run = await runAction({
      kind: 'qcow2',
      file: IMAGES_NIX,
      attribute: 'failing',
      argstrs: `nonce=${nonce}`,
    });
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::Nix build failed: builder for '\/nix\/store\/[0-9a-z]{32}-failing-build\.drv' failed with exit code 3$/,
      ),
    ]);
    const tail = run.stdout.slice(run.stdout.lastIndexOf('Last '));
    expect(tail).toMatch(
      /^Last 2 lines of the log of \/nix\/store\/\S+-failing-build\.drv:\ncompiling the image/,
    );
    expect(tail).toContain('warning: about to fail');
  });

  it.each([
    [
      { kind: 'qcow', file: IMAGES_NIX },
      `input 'kind': expected one of qcow2, container, derivation; got "qcow"`,
    ],
    [
      { kind: 'qcow2', file: 'nope/missing.nix' },
      `input 'file': ${ROOT}/nope/missing.nix does not exist`,
    ],
    [
      { kind: 'qcow2', file: IMAGES_NIX, attribute: 'nope' },
      `input 'attribute': attribute 'nope' in selection path 'nope' not found in ${IMAGES_NIX}`,
    ],
    [
      { kind: 'qcow2', file: IMAGES_NIX, flake: '.#x' },
      `input 'flake': give either a file (with an attribute) or a flake installable, not both`,
    ],
    [
      { kind: 'qcow2', file: IMAGES_NIX, argstrs: 'nonce' },
      `input 'argstrs': expected name=value with a Nix identifier as name; got "nonce"`,
    ],
    [
      { kind: 'qcow2', file: IMAGES_NIX, attribute: 'noQcow' },
      /^kind is qcow2, but the build output \/nix\/store\/\S+-not-a-disk-image holds no qcow2 disk image/,
    ],
    [
      { kind: 'qcow2', file: IMAGES_NIX, attribute: 'fakeQcow' },
      /^kind is qcow2, but \/nix\/store\/\S+\/nixos\.qcow2 is not a qcow2 disk image$/,
    ],
    [
      { kind: 'container', file: IMAGES_NIX, attribute: 'notArchive' },
      /^kind is container, but \/nix\/store\/\S+-not-an-archive is not a docker archive; expected/,
    ],
    [
      { kind: 'container', file: IMAGES_NIX, attribute: 'qcow' },
      /is a directory; expected a docker archive/,
    ],
  ])('fails with one clear line for %j', async (inputs, expected) => {
    const run = await runAction(inputs);
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    const message = (errors[0] as string).replace(/^::error::/, '');
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
    expect(run.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(run.outputs['out-path']).toBeUndefined();
  });

  it('checks the push inputs before building anything', async () => {
    const run = await runAction({
      kind: 'container',
      file: IMAGES_NIX,
      attribute: 'layered',
      push: 'true',
      image: 'ghcr.io/Owner/App',
    });
    expect(run.code).toBe(1);
    expect(errorsOf(run)).toEqual([
      `::error::input 'image': the repository name must be lowercase; got "ghcr.io/Owner/App"`,
    ]);
    expect(run.stdout).not.toContain('nix-build');
    expect(run.outputs['out-path']).toBeUndefined();
  });

  it('refuses a tar without manifest.json as not a docker archive', async () => {
    const run = await runAction({ kind: 'container', file: IMAGES_NIX, attribute: 'plainTar' });
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0]).toMatch(/not a docker archive/);
  });
});

describe('build-image presets', () => {
  it('qcow2/action.yml runs the same bundle with kind qcow2 by default', async () => {
    const action = readFileSync(join(ROOT, 'qcow2', 'action.yml'), 'utf8');
    expect(action).toContain('main: ../dist/build-image/index.js');
    const run = await runAction({ file: IMAGES_NIX, attribute: 'qcow', preset: 'qcow2' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.qcow2).toMatch(/nixos\.qcow2$/);
  });

  it('the container preset checks the output is a container image', async () => {
    const run = await runAction({ file: IMAGES_NIX, attribute: 'qcow', preset: 'container' });
    expect(run.code).toBe(1);
    expect(errorsOf(run)[0]).toMatch(/kind is container/);
  });
});
