import { readFileSync } from 'node:fs';
import type { Duplex, Readable, Writable } from 'node:stream';
import ssh2, { type Client, type SFTPWrapper } from 'ssh2';
import type { Reporter } from '../util/reporter.js';
import { describeError } from '../util/errors.js';
import { limiter } from '../util/limiter.js';
import { HostConnectError, HostError } from './errors.js';
import { privateKeyError, resolvePins, type HostKeySource } from './host-key-check.js';
import type { ExecOptions, ExecResult, Host } from './host.js';
import type { HostPins } from './known-hosts.js';
import { DEFAULT_READ_MAX_BYTES } from './local-files.js';
import { shellCommand } from './quote.js';
import { ChannelNotOpened, ChannelRefused, runChannel } from './ssh-channel.js';
import { dial, isPermanent } from './ssh-connect.js';
import {
  downloadFile,
  readRemoteFile,
  uploadFile,
  writeRemoteFile,
  type RemoteOps,
} from './ssh-files.js';

/** How often a channel the server refused is asked for again before the command fails. */
const CHANNEL_RETRIES = 5;

export interface SshHostOptions {
  /** Label in logs and errors ("hypervisor", "cp-1"). */
  name: string;
  /** Host name or IP address to dial (from the jump host, when there is one). */
  address: string;
  port?: number;
  username: string;
  /** The private key as text (an input) or a file; masked, never logged. */
  privateKey: { text: string } | { path: string };
  passphrase?: string;
  /** Trusted host keys: there is no way to connect without one. */
  hostKeys: HostKeySource;
  reporter: Reporter;
  /** Reach this host through another one (`forwardOut` over its connection). */
  jump?: SshHost;
  /** Bound on TCP connect + handshake + authentication (default 20 s). */
  connectTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Connection attempts when (re)connecting, with backoff between them (default 3). */
  connectAttempts?: number;
  /** First backoff delay; doubled each attempt, with jitter (default 500 ms). */
  backoffMs?: number;
  /** Channels open at once on the connection (sshd's MaxSessions is 10; default 8). */
  maxChannels?: number;
  /** How files move: SFTP when the server offers it, else `cat` over exec (default "auto"). */
  transfer?: 'auto' | 'sftp' | 'exec';
}

/**
 * A host over SSH (ssh2): one connection, reused through channels, opened on first use and
 * opened again (with backoff) when it dropped between commands. A command that may have
 * started is never run a second time.
 */
export class SshHost implements Host {
  readonly name: string;
  private readonly port: number;
  private readonly key: Buffer;
  private readonly pins: HostPins;
  private readonly channels: <T>(task: () => Promise<T>) => Promise<T>;
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private connectedOnce = false;
  private closed = false;
  private readonly ops: RemoteOps;

  constructor(private readonly options: SshHostOptions) {
    this.name = options.name;
    this.port = options.port ?? 22;
    const origin = 'path' in options.privateKey ? options.privateKey.path : 'the given text';
    const text =
      'path' in options.privateKey ? readKeyFile(this.name, origin) : options.privateKey.text;
    maskKey(options.reporter, text, options.passphrase);
    this.key = Buffer.from(text);
    const parsed = ssh2.utils.parseKey(this.key, options.passphrase);
    if (parsed instanceof Error)
      throw privateKeyError(this.name, origin, parsed.message.split('\n')[0]!);
    const pins = resolvePins(options.hostKeys, options.address, this.port);
    for (const note of pins.ignored) options.reporter.debug(note);
    this.pins = pins;
    this.channels = limiter(options.maxChannels ?? 8);
    this.ops = {
      name: this.name,
      run: (argv, execOptions, io) => this.run(argv, execOptions, io),
      sftp: () => this.sftp(),
    };
  }

  /** Where the host is dialled, for messages. */
  get where(): string {
    const base = `${this.options.address}:${this.port}`;
    return this.options.jump ? `${base} through ${this.options.jump.name}` : base;
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const { code, stdout, stderr } = await this.run(argv, options);
    return { code, stdout: stdout.toString('utf8'), stderr };
  }

  async writeFile(
    path: string,
    content: string | Uint8Array,
    options: { mode?: number } = {},
  ): Promise<void> {
    await writeRemoteFile(this.ops, path, content, options.mode);
  }

  readFile(path: string, options: { maxBytes?: number } = {}): Promise<Buffer> {
    return readRemoteFile(this.ops, path, options.maxBytes ?? DEFAULT_READ_MAX_BYTES);
  }

  upload(localPath: string, remotePath: string, options: { mode?: number } = {}): Promise<string> {
    return uploadFile(this.ops, localPath, remotePath, options.mode);
  }

  download(
    remotePath: string,
    localPath: string,
    options: { sha256?: string } = {},
  ): Promise<string> {
    return downloadFile(this.ops, remotePath, localPath, options.sha256);
  }

  /** A TCP stream to `address:port` as seen from this host: how a jump works. */
  async forwardOut(address: string, port: number, forName: string): Promise<Duplex> {
    const client = await this.connection();
    return new Promise((resolve, reject) => {
      try {
        client.forwardOut('127.0.0.1', 0, address, port, (error, stream) => {
          if (error) {
            reject(
              new HostConnectError(
                forName,
                `${address}:${port} through ${this.name}`,
                `the tunnel was refused (${error.message})`,
              ),
            );
          } else {
            resolve(stream);
          }
        });
      } catch (error) {
        reject(
          new HostConnectError(
            forName,
            `${address}:${port} through ${this.name}`,
            describeError(error),
          ),
        );
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    client?.end();
  }

  /** One command on a channel; reconnects first when the connection is known to be gone. */
  private run(
    argv: readonly string[],
    options: ExecOptions,
    io: { stdin?: Readable; stdout?: Writable } = {},
  ): Promise<{ code: number; stdout: Buffer; stderr: string }> {
    for (const secret of options.secrets ?? []) if (secret) this.options.reporter.mask(secret);
    const command = shellCommand(argv);
    return this.channels(async () => {
      for (let attempt = 0; ; attempt += 1) {
        const client = await this.connection();
        try {
          return await runChannel({
            client,
            host: this.name,
            argv,
            command,
            options,
            reporter: this.options.reporter,
            ...io,
          });
        } catch (error) {
          // Retried only when nothing ran: a refused channel (a few times, after a pause), or
          // "not connected" once (the request never left this process).
          if (error instanceof ChannelRefused) {
            if (attempt >= CHANNEL_RETRIES) throw error.failure;
            await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
            continue;
          }
          if (!(error instanceof ChannelNotOpened) || attempt > 0) throw error;
          if (this.client === client) this.client = undefined;
        }
      }
    });
  }

  private async sftp(): Promise<SFTPWrapper | undefined> {
    if (this.options.transfer === 'exec') return undefined;
    const client = await this.connection();
    return new Promise((resolve, reject) => {
      client.sftp((error, sftp) => {
        if (!error) return resolve(sftp);
        if (this.options.transfer === 'sftp') {
          return reject(new HostError(this.name, `the server offers no SFTP: ${error.message}`));
        }
        this.options.reporter.debug(
          `[${this.name}] no SFTP (${error.message}); files go over exec`,
        );
        resolve(undefined);
      });
    });
  }

  private connection(): Promise<Client> {
    if (this.closed) return Promise.reject(new HostError(this.name, 'the connection was closed'));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connectWithBackoff().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connectWithBackoff(): Promise<Client> {
    const attempts = this.options.connectAttempts ?? 3;
    const base = this.options.backoffMs ?? 500;
    if (this.connectedOnce)
      this.options.reporter.info(`[${this.name}] connection lost; connecting again`);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const client = await this.dialOnce();
        client.on('error', (error) =>
          this.options.reporter.debug(`[${this.name}] ${error.message}`),
        );
        client.once('close', () => {
          if (this.client === client) this.client = undefined;
        });
        this.client = client;
        this.connectedOnce = true;
        return client;
      } catch (error) {
        if (attempt >= attempts || isPermanent(error) || this.closed) throw error;
        const delay = base * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
        this.options.reporter.debug(
          `[${this.name}] ${describeError(error)}; trying again in ${Math.round(delay)} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async dialOnce(): Promise<Client> {
    const { jump } = this.options;
    const sock = jump
      ? await jump.forwardOut(this.options.address, this.port, this.name)
      : undefined;
    return dial({
      host: this.name,
      address: this.options.address,
      port: this.port,
      username: this.options.username,
      privateKey: this.key,
      passphrase: this.options.passphrase,
      pins: this.pins,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 20_000,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs ?? 10_000,
      keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
      sock,
      where: this.where,
    });
  }
}

function readKeyFile(host: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw privateKeyError(host, path, describeError(error));
  }
}

/** Masks the key as a whole and line by line (a log may print one line of it). */
function maskKey(reporter: Reporter, text: string, passphrase?: string) {
  reporter.mask(text);
  for (const line of text.split('\n')) {
    if (line.trim().length >= 8 && !line.startsWith('-----')) reporter.mask(line.trim());
  }
  if (passphrase) reporter.mask(passphrase);
}
