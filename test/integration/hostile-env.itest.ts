import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hypernix } from '../helpers/cli.js';
import { freshNonce } from '../helpers/fixtures.js';
import { runAction } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

// Secrets never reach a child: a derivation reads the evaluator's environment with
// builtins.getEnv (impure evaluation: nix-build of a file is impure) and dumps its builder's
// environment (no sandbox here) into the world-readable store. Run through the bundled CLI and
// the bundled action with the registry password in every place the kit reads it from.
// And builder output is never acted on as workflow commands.

const SECRET = `s3cret-${Math.random().toString(36).slice(2)}`;
function probeFile(): string {
  const dir = tempDir('hostile-env-');
  const file = join(dir, 'probe.nix');
  writeFileSync(
    file,
    `derivation {
      name = "env-probe"; system = builtins.currentSystem; builder = "/bin/sh";
      nonce = "${freshNonce()}";
      evalPassword = builtins.getEnv "HYPERNIX_REGISTRY_PASSWORD";
      evalInput = builtins.getEnv "INPUT_REGISTRY-PASSWORD";
      evalToken = builtins.getEnv "GITHUB_TOKEN";
      evalProbe = builtins.getEnv "NIX_HOSTILE_PROBE";
      args = [ "-c" ''
        /bin/mkdir $out
        echo "$evalPassword|$evalInput|$evalToken" > $out/eval
        echo "$evalProbe" > $out/probe
        /usr/bin/env > $out/builder-env
        echo "::set-output name=digest::sha256:evil"
        echo "::add-mask::$nonce"
        echo "::error file=README.md,line=1::from the builder"
      '' ];
    }`,
  );
  return file;
}

const SECRET_ENV = {
  HYPERNIX_REGISTRY_PASSWORD: SECRET,
  'INPUT_REGISTRY-PASSWORD': SECRET,
  GITHUB_TOKEN: SECRET,
  NIX_HOSTILE_PROBE: 'visible', // the control: a variable Nix may see reaches getEnv
};

function expectNoSecret(out: string): void {
  expect(readFileSync(join(out, 'probe'), 'utf8').trim()).toBe('visible');
  expect(readFileSync(join(out, 'eval'), 'utf8').trim()).toBe('||');
  expect(readFileSync(join(out, 'builder-env'), 'utf8')).not.toContain(SECRET);
}

describe('the environment of children', () => {
  it('hides the registry password and tokens from nix-build run by the CLI', async () => {
    const run = await hypernix(['build', '--kind', 'derivation', '--file', probeFile(), '--json'], {
      env: SECRET_ENV,
    });
    expect(run.code, run.stderr).toBe(0);
    expectNoSecret((JSON.parse(run.stdout) as Record<string, string>)['out-path'] as string);
  });

  it('hides every input and the password from nix-build run by the action', async () => {
    const run = await runAction(
      {
        kind: 'derivation',
        file: probeFile(),
        'registry-username': 'user',
        'registry-password': SECRET,
      },
      { env: { HYPERNIX_REGISTRY_PASSWORD: SECRET, NIX_HOSTILE_PROBE: 'visible' } },
    );
    expect(run.code, run.stdout).toBe(0);
    expectNoSecret(run.outputs['out-path'] as string);
  });
});

describe('builder output in the Actions log', () => {
  it('is wrapped in ::stop-commands:: with a fresh random token per run', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const run = await runAction({ kind: 'derivation', file: probeFile() });
      expect(run.code, run.stdout).toBe(0);
      const lines = run.stdout.split('\n');
      const start = lines.findIndex((line) => line.startsWith('::stop-commands::'));
      const token = lines[start]?.slice('::stop-commands::'.length) ?? '';
      expect(token).toMatch(/^[0-9a-f]{48}$/);
      const end = lines.indexOf(`::${token}::`);
      expect(end).toBeGreaterThan(start);
      for (const hostile of [
        '::set-output name=digest',
        '::add-mask::',
        '::error file=README.md',
      ]) {
        const at = lines.findIndex((line) => line.startsWith(hostile));
        expect(at, hostile).toBeGreaterThan(start);
        expect(at, hostile).toBeLessThan(end);
      }
      expect(run.outputs.digest ?? '').toBe('');
      tokens.push(token);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });
});
