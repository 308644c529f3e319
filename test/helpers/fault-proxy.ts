// A loopback HTTP proxy in front of a lab registry: it counts the bytes each side sends and
// injects faults (error statuses, connection resets mid-upload or mid-download, slow answers).
// Node runs this file directly from bench/, so it uses only erasable TypeScript syntax.
import {
  Agent,
  type IncomingMessage,
  type ServerResponse,
  createServer,
  request as httpRequest,
} from 'node:http';
import type { Socket } from 'node:net';

export type FaultAction =
  /** Answer this status without forwarding. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Forward, then reset the client connection once this many request body bytes went upstream. */
  | { kind: 'drop-after'; bytes: number }
  /** Forward, then close the client connection after this many response body bytes. */
  | { kind: 'drop-response-after'; bytes: number }
  /** Forward, and hold the response back this long. */
  | { kind: 'delay'; ms: number }
  /** Answer 307 with Location: this origin plus the request's path, as blob storage does. */
  | { kind: 'redirect'; origin: string };

export type FaultRule = FaultAction & {
  /** Any method when absent. */
  method?: string;
  /** Tested against the path with its query; without the g flag, which makes test() stateful. */
  path: RegExp;
  /** How many matching requests the rule applies to; 1 when absent. */
  times?: number;
  /**
   * Only requests whose Content-Length is at least this: aims a rule at one large body among
   * small ones (a config's PUT, a closing PUT) that would otherwise use up its turns in a race.
   */
  minBodyBytes?: number;
};

export interface FaultProxyStats {
  requests: number;
  /** Body bytes the clients sent. */
  requestBytes: number;
  /** Body bytes sent back to the clients. */
  responseBytes: number;
  byMethod: Record<string, number>;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `127.0.0.1:PORT`, as image references spell it. */
  host: string;
  stats: FaultProxyStats;
  /** One entry per exchange; status 0 when the client got no answer (cut off, or went away). */
  log: { method: string; path: string; status: number }[];
  /** Replaces the rules and their remaining counts. */
  setRules(rules: FaultRule[]): void;
  /** Zeroes the stats and empties the log; the rules stay. */
  reset(): void;
  close(): Promise<void>;
}

// Meaningful for one connection only, so never forwarded (RFC 9110 7.6.1). `expect` too: this
// proxy has already answered the client's 100-continue.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

export async function startFaultProxy(
  target: string,
  rules: FaultRule[] = [],
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const targetOrigin = upstream.origin;
  const agent = new Agent({ keepAlive: true });
  let active = armed(rules);
  const sockets = new Set<Socket>();

  const proxy: FaultProxy = {
    url: '',
    host: '',
    stats: emptyStats(),
    log: [],
    setRules: (next) => {
      active = armed(next);
    },
    reset: () => {
      proxy.stats = emptyStats();
      proxy.log = [];
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };

  const takeRule = (method: string, path: string, bodyBytes: number): FaultAction | undefined => {
    const found = active.find(
      (entry) =>
        entry.left > 0 &&
        bodyBytes >= (entry.rule.minBodyBytes ?? 0) &&
        (entry.rule.method === undefined || entry.rule.method.toUpperCase() === method) &&
        entry.rule.path.test(path),
    );
    if (!found) return undefined;
    found.left -= 1;
    return found.rule;
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const { stats, log } = proxy;
    stats.requests += 1;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    req.on('data', (chunk: Buffer) => (stats.requestBytes += chunk.length));
    const record = (status: number) => log.push({ method, path, status });
    const rule = takeRule(method, path, Number(req.headers['content-length'] ?? 0));

    if (rule?.kind === 'status') {
      // The body is read and dropped, so the client can finish sending it and read the answer.
      req.resume();
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (rule.retryAfter !== undefined) headers['retry-after'] = rule.retryAfter;
      const body = JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'fault-proxy' }] });
      res.writeHead(rule.status, headers);
      res.end(body);
      stats.responseBytes += Buffer.byteLength(body);
      record(rule.status);
      return;
    }

    if (rule?.kind === 'redirect') {
      req.resume();
      res.writeHead(307, { location: `${rule.origin}${path}`, 'content-length': '0' });
      res.end();
      record(307);
      return;
    }

    const headers = forwardable(req.rawHeaders);
    headers.push('Host', upstream.host);
    const out = httpRequest({
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method,
      path,
      headers,
    });
    let answered = false;
    // Set once a rule breaks the exchange on purpose: the errors that follow are expected.
    let broken = false;
    // The client went away (or was cut off below): the registry must see a broken exchange too.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
      if (!answered) record(0);
    });
    out.on('error', () => {
      if (broken) return;
      if (res.headersSent || res.destroyed) {
        res.destroy();
      } else {
        answered = true;
        res.writeHead(502).end();
        record(502);
      }
    });

    if (rule?.kind === 'drop-after') {
      let forwarded = 0;
      // A reset, not a close: what a client sees when a connection dies mid-upload.
      const cut = () => {
        broken = true;
        req.unpipe(out);
        req.pause();
        out.destroy();
        req.socket.resetAndDestroy();
      };
      if (rule.bytes <= 0) {
        out.flushHeaders();
        setImmediate(cut);
      } else {
        req.on('data', (chunk: Buffer) => {
          const room = rule.bytes - forwarded;
          if (room <= 0) return;
          if (chunk.length < room) {
            forwarded += chunk.length;
            if (!out.write(chunk)) {
              req.pause();
              out.once('drain', () => req.resume());
            }
            return;
          }
          forwarded = rule.bytes;
          // Reset only once the last allowed bytes have left for the registry.
          out.write(chunk.subarray(0, room), cut);
        });
        req.on('end', () => {
          if (forwarded < rule.bytes) out.end();
        });
      }
    } else {
      req.pipe(out);
    }
    req.on('error', () => out.destroy());

    out.on('response', (upstreamRes) => {
      const send = () => {
        if (res.destroyed) {
          upstreamRes.destroy();
          return;
        }
        answered = true;
        const status = upstreamRes.statusCode ?? 502;
        res.writeHead(status, rewriteLocation(forwardable(upstreamRes.rawHeaders)));
        record(status);
        let left = rule?.kind === 'drop-response-after' ? rule.bytes : Infinity;
        if (left <= 0) {
          broken = true;
          upstreamRes.destroy();
          res.flushHeaders();
          setImmediate(() => res.destroy());
          return;
        }
        upstreamRes.on('data', (chunk: Buffer) => {
          if (left <= 0) return;
          if (chunk.length >= left) {
            broken = true;
            stats.responseBytes += left;
            upstreamRes.destroy();
            // A close rather than a reset, so the client surely receives the bytes before it.
            res.write(chunk.subarray(0, left), () => res.destroy());
            left = 0;
            return;
          }
          left -= chunk.length;
          stats.responseBytes += chunk.length;
          if (!res.write(chunk)) {
            upstreamRes.pause();
            res.once('drain', () => upstreamRes.resume());
          }
        });
        upstreamRes.on('end', () => res.end());
        upstreamRes.on('error', () => res.destroy());
      };
      if (rule?.kind === 'delay') setTimeout(send, rule.ms);
      else send();
    });
  };

  const rewriteLocation = (raw: string[]): string[] => {
    for (let i = 0; i < raw.length; i += 2) {
      const value = raw[i + 1] as string;
      if (raw[i]?.toLowerCase() === 'location' && value.startsWith(targetOrigin)) {
        raw[i + 1] = proxy.url + value.slice(targetOrigin.length);
      }
    }
    return raw;
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('fault-proxy has no address');
  proxy.host = `127.0.0.1:${address.port}`;
  proxy.url = `http://${proxy.host}`;
  return proxy;
}

function armed(rules: FaultRule[]) {
  return rules.map((rule) => ({ rule, left: rule.times ?? 1 }));
}

function emptyStats(): FaultProxyStats {
  return { requests: 0, requestBytes: 0, responseBytes: 0, byMethod: {} };
}

/** rawHeaders without the hop-by-hop ones and Host, in the flat form node:http takes. */
function forwardable(raw: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (!HOP_BY_HOP.has(name) && name !== 'host') kept.push(raw[i] as string, raw[i + 1] as string);
  }
  return kept;
}
