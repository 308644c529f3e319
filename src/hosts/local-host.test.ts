import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryReporter } from '../util/reporter.js';
import { childEnvironment } from '../util/child-env.js';
import { HostCommandError, HostFileError } from './errors.js';
import { LocalHost } from './local-host.js';
import { sha256File } from './local-files.js';

const hostile = ['a;rm -rf /', '$(id)', '`id`', 'new\nline', "it's", '', '-rf', 'ünï ✓ 🚀'];
let dir: string;
const reporter = new MemoryReporter();
const host = new LocalHost({ name: 'here', reporter });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hypernix-localhost-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<HostCommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostCommandError);
  return error as HostCommandError;
}

describe('LocalHost.exec', () => {
  it('passes hostile arguments through exactly (no shell)', async () => {
    const result = await host.exec(['printf', '%s\\0', ...hostile]);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
    expect(result.code).toBe(0);
  });

  it('fails on a non-zero exit with one line naming host, command and code; stderr as details', async () => {
    const error = await failure(
      host.exec(['sh', '-c', 'echo first >&2; echo last words >&2; exit 3']),
    );
    expect(error.message).toBe(
      "here: command `sh '-c' 'echo first >&2; echo last words >&2; exit 3'` exited with code 3: last words",
    );
    expect(error.message).not.toContain('\n');
    expect(error.details).toEqual(['first', 'last words']);
    expect(error.failure).toEqual({ kind: 'exit', code: 3 });
  });

  it('accepts codes listed in okCodes', async () => {
    expect((await host.exec(['sh', '-c', 'exit 2'], { okCodes: [2] })).code).toBe(2);
  });

  it('reports a signal', async () => {
    const error = await failure(host.exec(['sh', '-c', 'kill -TERM $$']));
    expect(error.message).toMatch(/^here: command .* was killed by signal SIGTERM$/);
  });

  it('stops a command at its deadline, children included', async () => {
    const started = Date.now();
    const error = await failure(host.exec(['sh', '-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toMatch(/timed out after 0\.3 s and was stopped$/);
  });

  it('stops a command past its output cap', async () => {
    const error = await failure(host.exec(['cat', '/dev/zero'], { maxOutputBytes: 1000 }));
    expect(error.message).toMatch(/wrote more than 1000 bytes of output and was stopped$/);
  });

  it('writes input to stdin', async () => {
    expect((await host.exec(['cat'], { input: 'secret\nbytes' })).stdout).toBe('secret\nbytes');
  });

  it('streams lines with the host prefix, secrets redacted and masked', async () => {
    const streamed = new MemoryReporter();
    const quiet = new LocalHost({ name: 'hv', reporter: streamed });
    await quiet.exec(['sh', '-c', 'echo one; echo token=s3cr3t >&2; printf tail'], {
      stream: true,
      secrets: ['s3cr3t'],
    });
    const infos = streamed.lines.map((l) => l.message);
    expect(infos).toEqual(expect.arrayContaining(['[hv] one', '[hv] token=***', '[hv] tail']));
    expect(streamed.secrets).toContain('s3cr3t');
  });

  it('never shows a secret in an error, in the command or in stderr', async () => {
    const error = await failure(
      host.exec(['sh', '-c', 'echo "the token is $0" >&2; exit 1', 'tok-123'], {
        secrets: ['tok-123'],
      }),
    );
    expect(error.message).not.toContain('tok-123');
    expect(error.details.join('\n')).not.toContain('tok-123');
    expect(error.details).toEqual(['the token is ***']);
  });

  it('names a program that cannot start', async () => {
    const error = await failure(host.exec(['/nonexistent/prog', 'x']));
    expect(error.message).toBe('here: command `/nonexistent/prog x` could not start: ENOENT');
  });

  it('gives children no secrets from the environment', async () => {
    process.env.INPUT_SSH_KEY = 'private';
    process.env.HYPERNIX_REGISTRY_PASSWORD = 'pw';
    try {
      const fresh = new LocalHost({ reporter });
      const env = (await fresh.exec(['env'])).stdout;
      expect(env).not.toContain('INPUT_SSH_KEY');
      expect(env).not.toContain('HYPERNIX_REGISTRY_PASSWORD');
      expect(env).toContain('PATH=');
    } finally {
      delete process.env.INPUT_SSH_KEY;
      delete process.env.HYPERNIX_REGISTRY_PASSWORD;
    }
    expect(
      childEnvironment({}, { HYPERNIX_TOKEN_X: 'a', LIBVIRT_DEFAULT_URI: 'b', input_x: 'c' }),
    ).toEqual({ LIBVIRT_DEFAULT_URI: 'b' });
  });
});

describe('LocalHost files', () => {
  it('writes through a temporary file with a private mode by default, and reads back', async () => {
    const path = join(dir, 'a.txt');
    await host.writeFile(path, 'hello');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await host.writeFile(path, 'again', { mode: 0o644 });
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    expect((await host.readFile(path)).toString()).toBe('again');
    expect((await readdir(dir)).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('refuses a file over maxBytes, and a file that never ends', async () => {
    const path = join(dir, 'big');
    await writeFile(path, Buffer.alloc(2000));
    await expect(host.readFile(path, { maxBytes: 1999 })).rejects.toThrow(
      `here: ${path} is larger than the 1999 bytes allowed`,
    );
    expect((await host.readFile(path, { maxBytes: 2000 })).length).toBe(2000);
    await expect(host.readFile('/dev/zero', { maxBytes: 10 })).rejects.toBeInstanceOf(
      HostFileError,
    );
  });

  it('uploads and downloads with sha256, refusing a wrong expected digest without leaving a file', async () => {
    const source = join(dir, 'src.bin');
    await writeFile(source, Buffer.from('payload'.repeat(10_000)));
    const digest = await sha256File(source);
    expect(await host.upload(source, join(dir, 'up.bin'))).toBe(digest);
    expect(
      await host.download(join(dir, 'up.bin'), join(dir, 'down.bin'), { sha256: digest }),
    ).toBe(digest);
    await expect(
      host.download(source, join(dir, 'bad.bin'), { sha256: '0'.repeat(64) }),
    ).rejects.toThrow(/differs from the expected 0{64}$/);
    const names = await readdir(dir);
    expect(names).not.toContain('bad.bin');
    expect(names.filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('names a directory that does not exist', async () => {
    await expect(host.writeFile(join(dir, 'no', 'x'), 'a')).rejects.toThrow(
      new RegExp(`^here: cannot write ${dir}/no/x: .*ENOENT`),
    );
  });
});
