import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hypernix, lastLine } from '../helpers/cli.js';
import {
  IMAGES_NIX,
  expectInputRestoredImageRebuilt,
  forgetImageAndInput,
  freshNonce,
} from '../helpers/fixtures.js';
import { runAction } from '../helpers/run-action.js';
import { startGhaCacheService, type GhaCacheService } from '../lab/gha-cache.js';
import { tempDir } from '../helpers/temp.js';

// The store cache in the GitHub Actions cache. GitHub's cache service cannot run here: a
// stand-in of its Twirp API (test/lab/gha-cache.ts) answers the calls, and Azurite, the Azure
// Storage emulator, takes the blob transfers. The @actions/cache library, its HTTP and blob
// clients, tar and zstd, and Nix are all real, and hypernix runs from its bundles.

let service: GhaCacheService;
// RUNNER_TEMP keeps its path from run to run, as on GitHub's runners: it is part of the version.
let runnerTemp: string;

beforeAll(async () => {
  service = await startGhaCacheService();
  runnerTemp = tempDir('gha-runner-temp-');
});
afterAll(async () => {
  await service.stop();
  rmSync(runnerTemp, { recursive: true, force: true });
});

/** A fresh runner: same RUNNER_TEMP path, nothing left in it. */
function freshRunnerEnv(): NodeJS.ProcessEnv {
  rmSync(runnerTemp, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', runnerTemp]);
  return { ...service.env, RUNNER_TEMP: runnerTemp };
}

function build(attribute: string, nonce: string): string {
  const result = spawnSync(
    'nix-build',
    [IMAGES_NIX, '-A', attribute, '--no-out-link', '--argstr', 'nonce', nonce],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

const closure = (path: string) =>
  execFileSync('nix-store', ['-qR', path], { encoding: 'utf8' }).trim().split('\n');

function collect(paths: string[]): void {
  execFileSync('nix-store', ['--delete', ...paths], { stdio: 'ignore' });
}

describe('store cache in the GitHub Actions cache (stand-in service, real @actions/cache)', () => {
  it('saves one cache entry per save, restores the chain, and writes nothing when nothing is new', async () => {
    const nonce = freshNonce();
    const key = `gha-${nonce}`;
    const base = build('derivationOnly', nonce);
    const later = build('notArchive', nonce);
    const before = service.entries().length;

    const first = await hypernix(['cache', 'save', '--gha', '--key', key, base, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ paths: closure(base).length });
    const again = await hypernix(['cache', 'save', '--gha', '--key', key, base, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(JSON.parse(again.stdout)).toMatchObject({ paths: 0, bytes: 0 });
    const delta = await hypernix(['cache', 'save', '--gha', '--key', key, base, later, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(JSON.parse(delta.stdout)).toMatchObject({ paths: closure(later).length });
    const added = service.entries().slice(before);
    expect(added.map((entry) => entry.key.split('/')[0])).toEqual([key, key]);

    collect([...closure(later), ...closure(base)]);
    const restored = await hypernix(['cache', 'restore', '--gha', '--key', key, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(restored.code, restored.stderr).toBe(0);
    // stdout holds our JSON only: the library's own lines were taken off it.
    expect(JSON.parse(restored.stdout)).toMatchObject({
      hit: 'exact',
      paths: closure(base).length + closure(later).length,
    });
    for (const path of [base, later])
      expect(spawnSync('nix-store', ['--verify-path', path]).status).toBe(0);
    // Downloaded packs are as large as what they restored: none is left on the runner's disk.
    for (const dir of ['hypernix-store-cache', 'hypernix-store-cache-local'])
      expect(readdirSync(join(runnerTemp, dir, 'packs'))).toEqual([]);
  });

  it('finds an entry by a restore-key prefix as a partial hit, and a miss names the keys', async () => {
    const nonce = freshNonce();
    const out = build('derivationOnly', nonce);
    await hypernix(['cache', 'save', '--gha', '--key', `prefix-${nonce}-one`, out], {
      env: freshRunnerEnv(),
    });
    collect(closure(out));
    const partial = await hypernix(
      [
        'cache',
        'restore',
        '--gha',
        '--key',
        `prefix-${nonce}-two`,
        '--restore-key',
        `prefix-${nonce}-`,
        '--json',
      ],
      { env: freshRunnerEnv() },
    );
    expect(JSON.parse(partial.stdout)).toMatchObject({ hit: 'partial' });
    expect(spawnSync('nix-store', ['--verify-path', out]).status).toBe(0);
    const miss = await hypernix(['cache', 'restore', '--gha', '--key', `none-${nonce}`, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(JSON.parse(miss.stdout)).toMatchObject({ hit: 'miss', paths: 0 });
    expect(miss.stderr).toContain(`no entry for none-${nonce}`);
  });

  it('waits out a rate limit (429, Retry-After) and goes on; past its patience it warns and misses', async () => {
    const nonce = freshNonce();
    const key = `limited-${nonce}`;
    const out = build('derivationOnly', nonce);
    service.rateLimit(1, 1);
    const saved = await hypernix(['cache', 'save', '--gha', '--key', key, out, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toContain('store cache: the GitHub cache is rate limited; waiting 1 s');
    expect(JSON.parse(saved.stdout)).toMatchObject({ paths: closure(out).length });

    service.rateLimit(3, 1); // every try of the lookup
    const started = Date.now();
    const restored = await hypernix(['cache', 'restore', '--gha', '--key', key, '--json'], {
      env: freshRunnerEnv(),
    });
    expect(restored.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // two waits of 1 s
    expect(JSON.parse(restored.stdout)).toMatchObject({ hit: 'miss' });
    expect(restored.stderr).toMatch(
      /warning: store cache: cannot look up limited-\S+: GitHub cache look up: rate limited for 1 s, gave up after 3 tries/,
    );
  });

  it('says in one line that the GitHub cache is not offered outside a runner', async () => {
    const run = await hypernix(['cache', 'restore', '--gha', '--key', 'k'], {
      env: { ACTIONS_RESULTS_URL: '', ACTIONS_CACHE_URL: '', ACTIONS_CACHE_SERVICE_V2: 'true' },
    });
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/^hypernix: the GitHub Actions cache is not available here/);
  });

  it('runs in the build action: main misses, post saves, the next run restores and rebuilds only the image', async () => {
    const inputs = {
      kind: 'qcow2',
      file: IMAGES_NIX,
      attribute: 'qcowFromInput',
      argstrs: `nonce=${freshNonce()}`,
      cache: 'gha',
      'cache-key': `action-${freshNonce()}`,
    };
    const mainAndPost = async () => {
      const env = freshRunnerEnv();
      const main = await runAction(inputs, { env, temp: runnerTemp });
      const post = await runAction(inputs, { env, state: main.state, temp: runnerTemp });
      return { main, post };
    };
    const first = await mainAndPost();
    expect(first.main.code, first.main.stdout).toBe(0);
    expect(first.main.outputs['cache-hit']).toBe('miss');
    expect(first.post.code, first.post.stdout).toBe(0);
    expect(Number(first.post.outputs['cache-saved-paths']), first.post.stdout).toBe(1);
    expect(first.post.commands.filter((line) => /^::(warning|error)/.test(line))).toEqual([]);

    forgetImageAndInput(first.main.outputs['out-path'] as string);

    const second = await mainAndPost();
    expectInputRestoredImageRebuilt(second.main);
    expect(second.post.outputs['cache-saved-paths']).toBe('0');
  });

  it('turns a failed upload into one warning in post; the job still succeeds', async () => {
    const inputs = {
      kind: 'derivation',
      file: IMAGES_NIX,
      attribute: 'derivationOnly',
      argstrs: `nonce=${freshNonce()}`,
      cache: 'gha',
      'cache-key': `upload-fails-${freshNonce()}`,
    };
    const env = freshRunnerEnv();
    const main = await runAction(inputs, { env, temp: runnerTemp });
    expect(main.code, main.stdout).toBe(0);
    service.failBlob({ status: 502, op: 'upload' });
    const post = await runAction(inputs, { env, state: main.state, temp: runnerTemp });
    expect(post.code, post.stdout).toBe(0);
    const problems = post.commands.filter((line) => /^::(warning|error)/.test(line));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^::warning::store cache: GitHub cache save: .*; nothing saved$/);
    expect(service.entries().map((entry) => entry.key)).not.toContainEqual(
      expect.stringContaining(inputs['cache-key']),
    );
  });
});
