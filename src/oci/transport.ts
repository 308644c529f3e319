import * as http from 'node:http';
import type * as Https from 'node:https';
import type { Readable } from 'node:stream';

/**
 * A request body: bytes we hold, or a stream we produce once (and can produce again to retry).
 * Each chunk of a stream is handed to the socket before the next is asked for, so a producer may
 * fill one buffer over and over (see readFileRange).
 */
export type RequestBody =
  Buffer | { stream: () => Readable | AsyncIterable<Buffer>; length?: number };

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Fails the request when no byte moves either way for this long. */
  idleTimeoutMs?: number;
  /** Abandons the request (node:http's own): its connection is closed, whatever it was sending. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  body: Readable;
  text(): Promise<string>;
  buffer(limit?: number): Promise<Buffer>;
  json<T>(): Promise<T>;
  /** Reads and drops the body so the connection can be reused. */
  discard(): Promise<void>;
}

export class StallError extends Error {
  override name = 'StallError';
}

// Keep-alive pools: the many small requests of a push (HEAD, PUT manifest) reuse connections.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 16 };
const httpAgent = new http.Agent(AGENT_OPTIONS);

// node:https, and TLS with it, is loaded for the first HTTPS request only: a push to a registry
// on loopback or a LAN over plain HTTP does not pay for loading it.
let httpsTransport: Promise<{ https: typeof Https; agent: Https.Agent }> | undefined;
function loadHttps() {
  httpsTransport ??= import('node:https').then((https) => ({
    https,
    agent: new https.Agent(AGENT_OPTIONS),
  }));
  return httpsTransport;
}

async function readAll(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new Error(`response body larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * One HTTP exchange on node:http(s) with keep-alive, a streamed body both ways and an idle
 * timeout. No redirects, no retries: the registry client decides those.
 */
export async function send(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const { request: start, agent } =
    url.protocol === 'https:'
      ? await loadHttps().then(({ https, agent }) => ({ request: https.request, agent }))
      : { request: http.request, agent: httpAgent };
  const headers: Record<string, string> = { 'user-agent': 'hypernix', ...request.headers };
  const body = request.body;
  if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
  else if (body?.length !== undefined) headers['content-length'] = String(body.length);
  else if (body === undefined && !['GET', 'HEAD', 'DELETE'].includes(request.method))
    headers['content-length'] = '0';

  return new Promise((resolve, reject) => {
    const outgoing = start(url, { method: request.method, headers, agent, signal: request.signal });
    const idle = request.idleTimeoutMs ?? 60_000;
    outgoing.setTimeout(idle, () =>
      outgoing.destroy(
        new StallError(`no progress for ${idle / 1000} s on ${request.method} ${url.pathname}`),
      ),
    );
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      const response: HttpResponse = {
        status: incoming.statusCode ?? 0,
        statusText: incoming.statusMessage ?? '',
        url: request.url,
        headers: {
          get(name: string) {
            const value = incoming.headers[name.toLowerCase()];
            if (value === undefined) return null;
            return Array.isArray(value) ? value.join(', ') : value;
          },
        },
        body: incoming,
        text: async () => (await readAll(incoming, 16 << 20)).toString('utf8'),
        buffer: (limit = 64 << 20) => readAll(incoming, limit),
        json: async <T>() => JSON.parse((await readAll(incoming, 16 << 20)).toString('utf8')) as T,
        discard: async () => {
          incoming.resume();
          await new Promise<void>((done) => {
            if (incoming.complete || incoming.destroyed) done();
            else
              incoming
                .once('end', done)
                .once('close', done)
                .once('error', () => done());
          });
        },
      };
      resolve(response);
    });
    if (body === undefined) outgoing.end();
    else if (Buffer.isBuffer(body)) outgoing.end(body);
    else {
      writeBody(body.stream(), outgoing).catch((error: unknown) => {
        outgoing.destroy(error as Error);
        reject(error);
      });
    }
  });
}

/** Writes each chunk and waits until the socket has taken it, then ends the request. */
async function writeBody(
  source: Readable | AsyncIterable<Buffer>,
  outgoing: http.ClientRequest,
): Promise<void> {
  let onClose = () => undefined as void;
  const closed = new Promise<never>((_, reject) => {
    onClose = () => reject(new Error('the connection closed while the body was being sent'));
    outgoing.once('close', onClose);
  });
  closed.catch(() => undefined); // only raced against the writes
  try {
    for await (const chunk of source) {
      const taken = new Promise<void>((resolve, reject) =>
        outgoing.write(chunk as Buffer, (error) => (error ? reject(error) : resolve())),
      );
      await Promise.race([taken, closed]);
    }
    outgoing.end();
  } finally {
    outgoing.off('close', onClose);
  }
}
