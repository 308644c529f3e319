import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Reporter } from '../report/reporter.js';
import { hostChildEnvironment } from './child-env.js';
import { HostCommandError, HostFileError, type CommandFailure } from './errors.js';
import type { ExecOptions, ExecResult, Host } from './host.js';
import { DEFAULT_READ_MAX_BYTES, readLocalBounded, writeLocalAtomically } from './local-files.js';
import { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_TIMEOUT_MS, OutputCollector } from './output.js';

export interface LocalHostOptions {
  /** Label in logs and errors (default "local"). */
  name?: string;
  reporter: Reporter;
  /** The children's environment (default: this process's, without secrets). */
  env?: NodeJS.ProcessEnv;
}

/** This machine as a Host: programs run directly from their argv (no shell), files on disk. */
export class LocalHost implements Host {
  readonly name: string;
  private readonly reporter: Reporter;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: LocalHostOptions) {
    this.name = options.name ?? 'local';
    this.reporter = options.reporter;
    this.env = options.env ?? hostChildEnvironment();
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const secrets = options.secrets ?? [];
    for (const secret of secrets) if (secret) this.reporter.mask(secret);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const output = new OutputCollector(
      options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      options.stream ? { reporter: this.reporter, host: this.name, secrets } : undefined,
    );
    const fail = (failure: CommandFailure, stderr: string, cause?: unknown) =>
      new HostCommandError(this.name, argv, failure, { secrets, stderr, cause });
    if (argv.length === 0 || argv.some((arg) => arg.includes('\0'))) {
      return Promise.reject(
        fail({ kind: 'spawn', reason: 'empty command or NUL byte in an argument' }, ''),
      );
    }
    return new Promise((resolve, reject) => {
      // Its own process group, so that a timeout stops the command's children too.
      const child = spawn(argv[0]!, argv.slice(1), {
        env: this.env,
        stdio: 'pipe',
        detached: true,
      });
      let stopped: CommandFailure | undefined;
      const stop = (failure: CommandFailure) => {
        stopped ??= failure;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = setTimeout(() => stop({ kind: 'timeout', timeoutMs }), timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        if (!output.stdout(chunk))
          stop({ kind: 'output', maxBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES });
      });
      child.stderr.on('data', (chunk: Buffer) => output.stderr(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(fail({ kind: 'spawn', reason: error.code ?? error.message }, '', error));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const { stdout, stderr } = output.finish();
        if (stopped) return reject(fail(stopped, stderr));
        if (signal) return reject(fail({ kind: 'signal', signal }, stderr));
        const exitCode = code ?? 1;
        if (exitCode !== 0 && !(options.okCodes ?? []).includes(exitCode)) {
          return reject(fail({ kind: 'exit', code: exitCode }, stderr));
        }
        resolve({ code: exitCode, stdout: stdout.toString('utf8'), stderr });
      });
      child.stdin.on('error', () => undefined); // a command that exits early closes its stdin
      child.stdin.end(options.input ?? '');
    });
  }

  async writeFile(
    path: string,
    content: string | Uint8Array,
    options: { mode?: number } = {},
  ): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    await writeLocalAtomically(this.name, path, Readable.from([bytes]), options);
  }

  readFile(path: string, options: { maxBytes?: number } = {}): Promise<Buffer> {
    return readLocalBounded(this.name, path, options.maxBytes ?? DEFAULT_READ_MAX_BYTES);
  }

  upload(localPath: string, remotePath: string, options: { mode?: number } = {}): Promise<string> {
    return writeLocalAtomically(this.name, remotePath, createReadStream(localPath), options);
  }

  async download(
    remotePath: string,
    localPath: string,
    options: { sha256?: string } = {},
  ): Promise<string> {
    if (options.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(options.sha256)) {
      throw new HostFileError(
        this.name,
        `expected sha256 ${JSON.stringify(options.sha256)} is not 64 lowercase hex digits`,
      );
    }
    return writeLocalAtomically(this.name, localPath, createReadStream(remotePath), {
      sha256: options.sha256,
    });
  }

  async close(): Promise<void> {}
}
