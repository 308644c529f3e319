// Kept-alive connections per origin: the many small requests of a push (HEAD, PUT manifest)
// reuse connections rather than open one each.

import * as net from 'node:net';
import type * as Tls from 'node:tls';
import { endpointOf } from './http1.js';
import { proxyFor, tunnel } from './proxy.js';

/** At most this many connections to one origin at a time; more requests wait for one. */
const MAX_PER_ORIGIN = 16;
/** An idle connection is closed after this long unused: servers drop theirs too. */
const IDLE_CLOSE_MS = 15_000;

export interface Connection {
  readonly socket: net.Socket;
  readonly origin: string;
  /** Whether it carried an earlier request (and so may have been closed by the server since). */
  readonly reused: boolean;
  /**
   * Set when the socket goes to a proxy that forwards plain-HTTP requests: they then name the
   * whole URL (absolute form) and carry the proxy's credentials, if any.
   */
  readonly forward?: { authorization?: string };
}

interface Origin {
  idle: net.Socket[];
  /** Connections open to this origin, idle or not. */
  open: number;
  waiting: Array<() => void>;
}

// TLS is loaded for the first HTTPS connection only: a push to a registry on loopback or a LAN
// over plain HTTP does not pay for loading it.
let tls: Promise<typeof Tls> | undefined;

const noop = () => undefined;

export class ConnectionPool {
  private readonly origins = new Map<string, Origin>();
  // Which sockets go to a forwarding proxy, so that a reused one keeps saying so.
  private readonly forwards = new WeakMap<net.Socket, { authorization?: string }>();

  /**
   * A connection to `url`'s origin: an idle one, a new one, or the next one to come free.
   * `timeoutMs` bounds a proxy's answer to CONNECT.
   */
  async acquire(url: URL, signal?: AbortSignal, timeoutMs = 60_000): Promise<Connection> {
    const key = url.origin;
    let origin = this.origins.get(key);
    if (!origin) this.origins.set(key, (origin = { idle: [], open: 0, waiting: [] }));
    for (;;) {
      if (signal?.aborted) {
        origin.waiting.shift()?.(); // a turn this waiter was given goes to the next one
        signal.throwIfAborted();
      }
      const socket = origin.idle.pop();
      if (socket) {
        if (socket.destroyed || socket.readyState !== 'open') {
          socket.destroy(); // closing as we looked: its 'close' frees its place
          continue;
        }
        socket.removeAllListeners('timeout').removeAllListeners('data');
        socket.off('error', noop).off('end', socket.destroy);
        socket.setTimeout(0);
        socket.ref();
        const forward = this.forwards.get(socket);
        return { socket, origin: key, reused: true, ...(forward ? { forward } : {}) };
      }
      if (origin.open < MAX_PER_ORIGIN) {
        origin.open += 1;
        try {
          const { socket: fresh, forward } = await connect(url, signal, timeoutMs);
          fresh.once('close', () => this.closed(key));
          if (forward) this.forwards.set(fresh, forward);
          return { socket: fresh, origin: key, reused: false, ...(forward ? { forward } : {}) };
        } catch (error) {
          this.closed(key);
          throw error;
        }
      }
      await waitTurn(origin, signal);
    }
  }

  /**
   * Hands a connection back: kept for the next request when `reusable`, closed otherwise. A
   * kept connection holds no reference on the event loop, so it never keeps a process alive.
   */
  release(connection: Connection, reusable: boolean, serverIdleMs?: number): void {
    const { socket } = connection;
    const origin = this.origins.get(connection.origin)!;
    if (!reusable || socket.destroyed || serverIdleMs === 0) {
      socket.on('error', noop).destroy();
      return;
    }
    // While idle: the server closing it, or sending what no request asked for, ends it.
    socket.on('error', noop).on('end', socket.destroy);
    socket.on('data', () => socket.destroy());
    // Closed before the server's own limit would close it under a request.
    socket.setTimeout(Math.min(IDLE_CLOSE_MS, serverIdleMs ?? IDLE_CLOSE_MS), () =>
      socket.destroy(),
    );
    socket.resume(); // a body read under backpressure may have left it paused
    socket.unref();
    origin.idle.push(socket);
    origin.waiting.shift()?.();
  }

  private closed(key: string): void {
    const origin = this.origins.get(key)!;
    origin.open -= 1;
    origin.idle = origin.idle.filter((socket) => !socket.destroyed);
    origin.waiting.shift()?.();
  }
}

function waitTurn(origin: Origin, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      origin.waiting = origin.waiting.filter((waiter) => waiter !== turn);
      reject(signal!.reason);
    };
    const turn = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    origin.waiting.push(turn);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Opens a TCP (or TLS) connection, through the proxy the environment names (see proxyFor): a
 * CONNECT tunnel for HTTPS, and for plain HTTP a connection to the proxy, which forwards each
 * request (as Go's clients do; many proxies allow CONNECT to port 443 only). A direct one is
 * returned at once, still connecting: what is written meanwhile goes out when it is up, and a
 * failure to connect comes as its 'error'.
 */
async function connect(
  url: URL,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<{ socket: net.Socket; forward?: { authorization?: string } }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`unsupported protocol ${url.protocol}`);
  const { host, port } = endpointOf(url);
  const proxy = proxyFor(url);
  if (url.protocol === 'http:') {
    if (!proxy) return { socket: net.connect({ host, port, noDelay: true }) };
    const socket = net.connect({ host: proxy.host, port: proxy.port, noDelay: true });
    return {
      socket,
      forward: proxy.authorization ? { authorization: proxy.authorization } : {},
    };
  }
  const tunnelled = proxy ? await tunnel(proxy, host, port, { signal, timeoutMs }) : undefined;
  try {
    const { connect: connectTls } = await (tls ??= import('node:tls'));
    const socket = connectTls({
      ...(tunnelled ? { socket: tunnelled, host } : { host, port }),
      // SNI names a host, never an address.
      ...(net.isIP(host) ? {} : { servername: host }),
      ALPNProtocols: ['http/1.1'],
    }).setNoDelay(true);
    return { socket };
  } catch (error) {
    tunnelled?.destroy();
    throw error;
  }
}
