// ssh2 is CommonJS: Node's ESM loader sees only its default export.
import ssh2, { type Client } from 'ssh2';
import type { Duplex } from 'node:stream';
import { HostConnectError, HostKeyError } from './errors.js';
import { checkHostKey, offeredAlgorithms, type PresentedKey } from './host-key-check.js';
import type { HostPins } from './known-hosts.js';

export interface DialOptions {
  host: string;
  address: string;
  port: number;
  username: string;
  privateKey: Buffer;
  passphrase?: string;
  pins: HostPins;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** A stream already connected to the server (a tunnel through a jump host). */
  sock?: Duplex;
  /** How the server is reached, for messages: "10.77.2.2:22" or "10.77.2.2:22 through hv1". */
  where: string;
}

/** A connect error that trying again cannot fix (host key, authentication). */
export function isPermanent(error: unknown): boolean {
  return error instanceof HostKeyError || (error instanceof HostConnectError && error.permanent);
}

/**
 * Opens one SSH connection: host key checked against the pins (only their types offered),
 * public-key authentication, keepalive on, the whole handshake bounded by the connect timeout.
 * Every failure becomes one HostConnectError line naming host and address.
 */
export function dial(options: DialOptions): Promise<Client> {
  const client = new ssh2.Client();
  const seen: { key?: PresentedKey } = {};
  const algorithms = offeredAlgorithms(options.pins);
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) {
        client.removeAllListeners('ready');
        client.on('error', () => undefined); // late errors of a connection given up on
        client.destroy();
        options.sock?.destroy();
        reject(error);
      } else {
        resolve(client);
      }
    };
    const timer = setTimeout(
      () =>
        finish(
          connectError(options, `no answer within ${options.connectTimeoutMs / 1000} s`, false),
        ),
      options.connectTimeoutMs,
    );
    client.once('ready', () => finish());
    client.once('error', (error: Error & { level?: string; code?: string }) =>
      finish(translate(options, error, seen.key, algorithms)),
    );
    client.connect({
      host: options.address,
      port: options.port,
      sock: options.sock,
      username: options.username,
      privateKey: options.privateKey,
      passphrase: options.passphrase,
      readyTimeout: options.connectTimeoutMs + 1_000, // ours fires first, with a better message
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: options.keepaliveCountMax,
      hostVerifier: (blob: Buffer) =>
        checkHostKey(options.pins, `${options.address}:${options.port}`, blob, seen),
      ...(algorithms ? { algorithms: { serverHostKey: algorithms as never } } : {}),
    });
  });
}

function connectError(options: DialOptions, reason: string, permanent: boolean): HostConnectError {
  const error = new HostConnectError(options.host, options.where, reason);
  error.permanent = permanent;
  return error;
}

function translate(
  options: DialOptions,
  error: Error & { level?: string; code?: string },
  key: PresentedKey | undefined,
  algorithms: string[] | undefined,
): HostConnectError {
  if (key?.refusal)
    return new HostKeyError(options.host, options.where, key.refusal, key.fingerprint);
  if (/no matching host key format/.test(error.message)) {
    return new HostKeyError(
      options.host,
      options.where,
      `the server offers none of the pinned host key types (${(algorithms ?? []).join(', ')})`,
    );
  }
  if (error.level === 'client-authentication') {
    return connectError(
      options,
      `the server refused the private key for user ${JSON.stringify(options.username)}`,
      true,
    );
  }
  const code = error.code ? ` (${error.code})` : '';
  const reason =
    error.code === 'ECONNREFUSED' ? 'connection refused' : `${error.message.split('\n')[0]}`;
  return connectError(
    options,
    `${reason}${code && !reason.includes(error.code!) ? code : ''}`,
    false,
  );
}
