// Forward proxies from the environment, as Go's clients (skopeo, crane) read them: HTTPS_PROXY
// for https URLs, HTTP_PROXY for http ones (either in lower case too), NO_PROXY for the hosts
// that go direct, and loopback always direct. HTTPS goes through CONNECT tunnels (tunnel, here);
// plain HTTP is forwarded by the proxy (see connection-pool.ts).

import type { Socket } from 'node:net';
import * as net from 'node:net';
import { StallError, endpointOf } from './http1.js';

export interface Proxy {
  host: string;
  port: number;
  /** `Basic …` from credentials in the proxy URL; never printed. */
  authorization?: string;
  /** The proxy URL without credentials, for messages. */
  shown: string;
}

/** The proxy for `url`, or undefined to connect directly. Throws on a proxy URL it cannot use. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): Proxy | undefined {
  const https = url.protocol === 'https:';
  const name = https ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  // Upper case first, an empty value counting as unset, as Go's clients read them.
  const value = (env[name] || env[name.toLowerCase()] || '').trim();
  if (!value || isLoopback(url)) return undefined;
  if (bypassed(url, env.NO_PROXY || env.no_proxy || '')) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new TypeError(`${name} is not a URL (expected http://HOST:PORT)`);
  }
  if (proxy.protocol !== 'http:')
    throw new TypeError(`${name} must be an http:// proxy URL, not ${proxy.protocol}//`);
  const shown = `http://${proxy.host}`;
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(proxy.username);
    password = decodeURIComponent(proxy.password);
  } catch {
    throw new TypeError(`${name} has a malformed %-escape in its credentials`);
  }
  return {
    ...endpointOf(proxy),
    shown,
    ...(user || password
      ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
      : {}),
  };
}

/** localhost and loopback addresses, which a proxy elsewhere could not reach. */
function isLoopback(url: URL): boolean {
  const { host } = endpointOf(url);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return net.isIPv6(host) && (host === '::1' || /^::ffff:127\./.test(host));
}

/**
 * NO_PROXY: `*` for every host, else entries separated by commas: a name matches itself and its
 * subdomains (a leading `.` or `*.` means the same), an address itself, a CIDR block (10.0.0.0/8)
 * the addresses in it; any of them with an optional `:port`.
 */
export function bypassed(url: URL, noProxy: string): boolean {
  const { host, port: portNumber } = endpointOf(url);
  const port = String(portNumber);
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    if (!entry) continue;
    const [name, entryPort] = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.includes('/')) {
      if (inBlock(host, name)) return true;
      continue;
    }
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const parts = entry.split(':');
  // One colon: name and port. More: an IPv6 address (with a port only in brackets).
  return parts.length === 2 ? [parts[0]!, parts[1]] : [entry, undefined];
}

function inBlock(host: string, cidr: string): boolean {
  const [address = '', bits = ''] = cidr.split('/');
  const family = net.isIP(address);
  if (family === 0 || net.isIP(host) !== family || !/^\d+$/.test(bits)) return false;
  const block = new net.BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  block.addSubnet(address, Number(bits), type);
  return block.check(host, type);
}

/**
 * Opens a CONNECT tunnel to host:port through `proxy`: the socket, once the proxy said 200.
 * Fails when the proxy stays silent for `timeoutMs`, or on `signal`.
 */
export function tunnel(
  proxy: Proxy,
  host: string,
  port: number,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<Socket> {
  const { signal, timeoutMs = 60_000 } = options;
  const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const socket = net.connect({ host: proxy.host, port: proxy.port, noDelay: true });
    let answer = Buffer.alloc(0);
    const onAbort = () => fail(signal!.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (error: Error) => {
      signal?.removeEventListener('abort', onAbort);
      socket.on('error', () => undefined).destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(
        new StallError(
          `proxy ${proxy.shown} did not answer CONNECT ${target} within ${timeoutMs / 1000} s`,
        ),
      ),
    );
    socket.once('error', (error) =>
      fail(
        Object.assign(new Error(`proxy ${proxy.shown}: ${error.message}`), {
          cause: error,
          code: (error as { code?: string }).code,
        }),
      ),
    );
    socket.once('end', () =>
      fail(
        Object.assign(new Error(`proxy ${proxy.shown} closed the connection to ${target}`), {
          code: 'ECONNRESET',
        }),
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (answer.length > 16 << 10) fail(new Error(`proxy ${proxy.shown} sent a bad answer`));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})([^\r\n]*)/.exec(answer.toString('latin1', 0, end));
      if (status?.[1] !== '200') {
        fail(
          new Error(
            `proxy ${proxy.shown} refused to connect to ${target}: ${status ? `${status[1]}${status[2]}` : 'not an HTTP answer'}`,
          ),
        );
        return;
      }
      if (end + 4 < answer.length) {
        fail(new Error(`proxy ${proxy.shown} sent bytes before the tunnel was open`));
        return;
      }
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data').removeAllListeners('error').removeAllListeners('end');
      socket.removeAllListeners('timeout').setTimeout(0);
      // Until its user listens: an error in between must not crash the process.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.write(
      `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n` +
        (proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '') +
        '\r\n',
    );
  });
}
