import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { NixInstallation } from '../nix/locate.js';
import { HypernixError } from '../util/errors.js';

export class PackError extends HypernixError {
  override name = 'PackError';
}

/** Runs a program whose stdout feeds `into`; resolves with its exit code and last stderr line. */
function piped(
  program: string,
  args: string[],
  input: NodeJS.ReadableStream,
  into: NodeJS.WritableStream,
) {
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr
    .setEncoding('utf8')
    .on('data', (text: string) => (stderr = (stderr + text).slice(-2000)));
  input.pipe(child.stdin);
  child.stdout.pipe(into);
  return new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stderr: stderr.trim().split('\n').at(-1) ?? '' }),
    );
  });
}

/**
 * Writes exactly these store paths (not their closures: what the cache holds already stays out)
 * to `file` as `nix-store --export | zstd`. Nothing is left at `file` if either side fails.
 */
export async function writePack(
  nix: NixInstallation,
  paths: string[],
  file: string,
  level = 3,
): Promise<number> {
  const exporter = spawn(nix.program('nix-store'), ['--export', ...paths], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exportError = '';
  exporter.stderr
    .setEncoding('utf8')
    .on('data', (text: string) => (exportError = (exportError + text).slice(-2000)));
  const exported = new Promise<number>((resolve, reject) => {
    exporter.on('error', reject);
    exporter.on('close', (code) => resolve(code ?? 1));
  });
  const output = createWriteStream(file);
  const compressed = piped('zstd', ['-q', '-T0', `-${level}`, '-c'], exporter.stdout, output);
  const [exportCode, compress] = await Promise.all([exported, compressed]);
  await new Promise<void>((resolve) =>
    output.writableFinished ? resolve() : output.on('finish', () => resolve()),
  );
  if (exportCode !== 0 || compress.code !== 0) {
    await rm(file, { force: true });
    const why =
      exportCode !== 0
        ? `nix-store --export: ${exportError.trim().split('\n').at(-1)}`
        : `zstd: ${compress.stderr}`;
    throw new PackError(`cannot write the cache pack: ${why}`);
  }
  return (await stat(file)).size;
}

/**
 * Imports a pack through Nix itself (`zstd -d | nix-store --import`): the store's own database
 * and locks, so a daemon, a root-owned store and auto-optimise-store are all fine. Signatures
 * are not checked: packs come only from the cache this action wrote (see the README).
 */
export async function importPack(
  nix: NixInstallation,
  file: string,
  store?: string,
): Promise<string[]> {
  const decompressor = spawn('zstd', ['-q', '-d', '-c', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let zstdError = '';
  decompressor.stderr
    .setEncoding('utf8')
    .on('data', (text: string) => (zstdError = (zstdError + text).slice(-2000)));
  const importer = spawn(
    nix.program('nix-store'),
    [...(store ? ['--store', store] : []), '--import', '--option', 'fsync-metadata', 'false'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  decompressor.stdout.pipe(importer.stdin);
  importer.stdin.on('error', () => undefined); // a failed import closes its stdin early
  let stdout = '';
  let importError = '';
  importer.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  importer.stderr
    .setEncoding('utf8')
    .on('data', (text: string) => (importError = (importError + text).slice(-2000)));
  const [zstdCode, importCode] = await Promise.all(
    [decompressor, importer].map(
      (child) =>
        new Promise<number>((resolve, reject) =>
          child.on('error', reject).on('close', (code) => resolve(code ?? 1)),
        ),
    ),
  );
  if (zstdCode !== 0 || importCode !== 0) {
    const why =
      zstdCode !== 0
        ? `zstd: ${zstdError.trim().split('\n').at(-1)}`
        : `nix-store --import: ${importError.trim().split('\n').at(-1)}`;
    throw new PackError(`cannot import ${file}: ${why}`);
  }
  return stdout.split('\n').filter((line) => line.startsWith('/'));
}
