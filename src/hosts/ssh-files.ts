import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { SFTPWrapper } from 'ssh2';
import { describeError } from '../util/errors.js';
import { HostCommandError, HostFileError } from './errors.js';
import type { ExecOptions } from './host.js';
import { DEFAULT_FILE_MODE, hashingStream, writeLocalAtomically } from './local-files.js';

/** What the file operations need from an SSH host: raw commands and, maybe, an SFTP session. */
export interface RemoteOps {
  readonly name: string;
  run(
    argv: readonly string[],
    options: ExecOptions,
    io?: { stdin?: Readable; stdout?: Writable },
  ): Promise<{ code: number; stdout: Buffer; stderr: string }>;
  /** An SFTP session, or undefined when the server has none (then `cat` over exec is used). */
  sftp(): Promise<SFTPWrapper | undefined>;
}

// Transfers of large images may take long; commands around them are quick.
const TRANSFER_TIMEOUT_MS = 60 * 60 * 1000;
// Renames the verified temporary file into place with its mode, in one remote command. The
// script is constant; paths and mode arrive as positional parameters, never inside it.
const INSTALL_SCRIPT = 'chmod "$1" -- "$2" && mv -f -- "$2" "$3"';
// Writes stdin to a new file only (noclobber), private until installed.
const CAT_IN_SCRIPT = 'umask 077 && set -C && cat > "$1"';

function remoteTemp(path: string): string {
  return posix.join(
    posix.dirname(path),
    `.${posix.basename(path)}.hypernix-${randomBytes(6).toString('hex')}.tmp`,
  );
}

/** The sha256 of a remote file, computed on the far side by `sha256sum`. */
export async function remoteSha256(ops: RemoteOps, path: string): Promise<string> {
  const { stdout } = await ops.run(['sha256sum', '--', path], { maxOutputBytes: 64 * 1024 });
  const match = /^\\?([0-9a-f]{64}) /.exec(stdout.toString('utf8'));
  if (!match) throw new HostFileError(ops.name, `sha256sum of ${path} printed no digest`);
  return match[1]!;
}

/**
 * Sends `source` to `path`: a temporary sibling first (SFTP when there is one, else `cat` over
 * exec), its sha256 computed on the far side and compared with what was sent, then renamed into
 * place. On any failure the temporary file is removed and nothing is left at `path`.
 */
export async function sendFile(
  ops: RemoteOps,
  source: Readable,
  path: string,
  mode = DEFAULT_FILE_MODE,
): Promise<string> {
  const temp = remoteTemp(path);
  const sent = hashingStream();
  try {
    const sftp = await ops.sftp();
    if (sftp) {
      try {
        await pipeline(
          source,
          sent.stream,
          sftp.createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
        );
      } finally {
        sftp.end();
      }
    } else {
      const stdin = new PassThrough();
      const piping = pipeline(source, sent.stream, stdin);
      await ops.run(
        ['sh', '-c', CAT_IN_SCRIPT, 'hypernix-upload', temp],
        { timeoutMs: TRANSFER_TIMEOUT_MS },
        { stdin },
      );
      await piping;
    }
    const far = await remoteSha256(ops, temp);
    const digest = sent.digest();
    if (far !== digest) {
      throw new HostFileError(
        ops.name,
        `${path}: sha256 on the host ${far} differs from what was sent ${digest}; nothing was installed`,
      );
    }
    await ops.run(
      ['sh', '-c', INSTALL_SCRIPT, 'hypernix-install', (mode & 0o7777).toString(8), temp, path],
      {},
    );
    return far;
  } catch (error) {
    await ops.run(['rm', '-f', '--', temp], { timeoutMs: 30_000 }).catch(() => undefined);
    if (error instanceof HostFileError || error instanceof HostCommandError) throw error;
    throw new HostFileError(ops.name, `cannot write ${path}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

export function uploadFile(
  ops: RemoteOps,
  localPath: string,
  path: string,
  mode?: number,
): Promise<string> {
  return sendFile(ops, createReadStream(localPath), path, mode);
}

export function writeRemoteFile(
  ops: RemoteOps,
  path: string,
  content: string | Uint8Array,
  mode?: number,
) {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return sendFile(ops, Readable.from([bytes]), path, mode);
}

/**
 * Fetches `path` into `localPath`: the far side's sha256 first (checked against `expected` before
 * any byte moves), then the bytes, whose sha256 must match it; written locally through a
 * temporary file, renamed only once verified.
 */
export async function downloadFile(
  ops: RemoteOps,
  path: string,
  localPath: string,
  expected?: string,
): Promise<string> {
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
    throw new HostFileError(
      ops.name,
      `expected sha256 ${JSON.stringify(expected.slice(0, 80))} is not 64 lowercase hex digits`,
    );
  }
  const far = await remoteSha256(ops, path);
  if (expected !== undefined && far !== expected) {
    throw new HostFileError(
      ops.name,
      `${path}: sha256 ${far} differs from the expected ${expected}`,
    );
  }
  const sftp = await ops.sftp();
  if (sftp) {
    try {
      return await writeLocalAtomically(ops.name, localPath, sftp.createReadStream(path), {
        sha256: far,
      });
    } finally {
      sftp.end();
    }
  }
  const stdout = new PassThrough();
  const writing = writeLocalAtomically(ops.name, localPath, stdout, { sha256: far });
  try {
    await ops.run(['cat', '--', path], { timeoutMs: TRANSFER_TIMEOUT_MS }, { stdout });
  } catch (error) {
    stdout.destroy(error as Error);
    await writing.catch(() => undefined);
    throw error;
  }
  return writing;
}

/** Reads a remote file, refusing one over `maxBytes` (the host's bytes are untrusted). */
export async function readRemoteFile(
  ops: RemoteOps,
  path: string,
  maxBytes: number,
): Promise<Buffer> {
  try {
    return (await ops.run(['cat', '--', path], { maxOutputBytes: maxBytes, timeoutMs: 120_000 }))
      .stdout;
  } catch (error) {
    if (error instanceof HostCommandError && error.failure.kind === 'output') {
      throw new HostFileError(ops.name, `${path} is larger than the ${maxBytes} bytes allowed`);
    }
    if (error instanceof HostCommandError && error.failure.kind === 'exit') {
      throw new HostFileError(
        ops.name,
        `cannot read ${path}: ${error.details.at(-1) ?? 'cat failed'}`,
        { cause: error },
      );
    }
    throw error;
  }
}
