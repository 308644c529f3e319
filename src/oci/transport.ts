import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A request body: bytes we hold, or a stream we produce once (and can produce again to retry). */
export type RequestBody =
  Buffer | { stream: () => Readable | AsyncIterable<Buffer>; length?: number };

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Fails the request when no byte moves either way for this long. */
  idleTimeoutMs?: number;
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
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

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
export function send(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const isHttps = url.protocol === 'https:';
  const transport = isHttps ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'hypernix', ...request.headers };
  const body = request.body;
  if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
  else if (body?.length !== undefined) headers['content-length'] = String(body.length);
  else if (body === undefined && !['GET', 'HEAD', 'DELETE'].includes(request.method))
    headers['content-length'] = '0';

  return new Promise((resolve, reject) => {
    const outgoing = transport.request(url, {
      method: request.method,
      headers,
      agent: isHttps ? agents.https : agents.http,
    });
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
      pipeline(body.stream(), outgoing).catch((error: unknown) => {
        outgoing.destroy(error as Error);
        reject(error);
      });
    }
  });
}
