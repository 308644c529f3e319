import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { hypernix, lastLine } from '../helpers/cli.js';
import { makeDockerArchive } from '../helpers/make-archive.js';
import { runAction } from '../helpers/run-action.js';
import { IMAGES_NIX } from '../helpers/fixtures.js';

// A real registry with htpasswd (bcrypt) Basic auth.
const USER = 'ci';
const PASSWORD = 'pa55-w0rd-not-in-logs';
let registry: LabRegistry;

beforeAll(async () => {
  registry = await startRegistry({ auth: { username: USER, password: PASSWORD } });
});
afterAll(async () => {
  await registry?.stop();
});

describe('registry credentials', () => {
  it('pushes with the password from standard input, never printing it', async () => {
    const { path } = makeDockerArchive({ layers: ['auth'] });
    const run = await hypernix(
      [
        'push',
        path,
        `${registry.host}/auth/app:1`,
        '--plain-http',
        '--username',
        USER,
        '--password-stdin',
      ],
      {
        input: `${PASSWORD}\n`,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('names the registry and the scope when the credentials are wrong, not the password', async () => {
    const { path } = makeDockerArchive({ layers: ['auth'] });
    const wrong = 'wrong-secret-value';
    const run = await hypernix(
      ['push', path, `${registry.host}/auth/app:2`, '--plain-http', '--username', USER],
      {
        env: { HYPERNIX_REGISTRY_PASSWORD: wrong },
      },
    );
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(
      new RegExp(
        `^hypernix: registry ${registry.host.replace(/\./g, '\\.')} refused the given credentials for scope repository:auth/app:pull,push: 401`,
      ),
    );
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });

  it('says anonymous access was refused when no credentials are given', async () => {
    const { path } = makeDockerArchive({ layers: ['auth'] });
    const run = await hypernix(['push', path, `${registry.host}/auth/app:3`, '--plain-http'], {
      env: { DOCKER_CONFIG: '/nonexistent' },
    });
    expect(run.code).toBe(1);
    expect(lastLine(run)).toContain(
      'refused anonymous access (no credentials given) for scope repository:auth/app:pull,push',
    );
  });

  it('the action masks registry-password and pushes with it', async () => {
    const run = await runAction({
      kind: 'container',
      file: IMAGES_NIX,
      attribute: 'layered',
      push: 'true',
      image: `${registry.host}/auth/action`,
      tags: 'v1',
      'registry-username': USER,
      'registry-password': PASSWORD,
      'plain-http': 'true',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.commands).toContain(`::add-mask::${PASSWORD}`);
    // The runner swallows ::add-mask:: commands; nothing else may carry the password.
    expect(run.stdout.replaceAll(`::add-mask::${PASSWORD}`, '')).not.toContain(PASSWORD);
    expect(run.outputs['image-ref']).toMatch(
      new RegExp(`^${registry.host.replace(/\./g, '\\.')}/auth/action@sha256:[0-9a-f]{64}$`),
    );
  });
});
