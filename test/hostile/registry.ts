// A "hostile registry": a small node:http server on loopback that misbehaves in the ways a fault
// proxy in front of a real registry cannot (redirect loops on uploads, blobs longer than their
// descriptor, trickled bodies, uploads never answered, token realms). A stand-in at the protocol
// boundary for registries we do not control; it records every request it gets.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  authorization?: string;
  bodyBytes: number;
}

export type Responder = (request: IncomingMessage, response: ServerResponse) => void;

export interface Route {
  method?: string;
  path: RegExp;
  respond: Responder;
}

export interface HostileRegistry {
  /** `127.0.0.1:PORT`, as image references spell it. */
  host: string;
  url: string;
  log: Recorded[];
  close(): Promise<void>;
}

/**
 * Starts the server: the first route matching a request answers it; `GET /v2/` answers as a
 * registry does unless a route says otherwise; anything else is a 404 in the registry's JSON.
 */
export async function startHostileRegistry(routes: Route[]): Promise<HostileRegistry> {
  const log: Recorded[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const entry: Recorded = {
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
      bodyBytes: 0,
    };
    log.push(entry);
    request.on('data', (chunk: Buffer) => (entry.bodyBytes += chunk.length));
    const route = routes.find(
      (candidate) =>
        (!candidate.method || candidate.method === request.method) &&
        candidate.path.test(entry.path),
    );
    if (route) return route.respond(request, response);
    if (entry.path === '/v2/') return json(200, {})(request, response);
    return json(404, { errors: [{ code: 'NOT_FOUND' }] })(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url: `http://${host}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const API = { 'docker-distribution-api-version': 'registry/2.0' };

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Responder =>
  (request, response) => {
    request.resume();
    response
      .writeHead(status, { ...API, 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  };

/** Answers the bytes of a document with its media type and digest, as a registry serves a manifest. */
export const document =
  (bytes: Buffer, mediaType: string): Responder =>
  (request, response) => {
    request.resume();
    response
      .writeHead(200, {
        ...API,
        'content-type': mediaType,
        'docker-content-digest': `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      })
      .end(request.method === 'HEAD' ? undefined : bytes);
  };

/** 307 to the same URL, for ever: a redirect loop. */
export const redirectToSelf: Responder = (request, response) => {
  request.resume();
  response.writeHead(307, { ...API, location: request.url ?? '/' }).end();
};

/** A body of `total` bytes (chunked: no Content-Length), sent as fast as the client takes it. */
export const endlessBody =
  (total: number): Responder =>
  (request, response) => {
    request.resume();
    response.writeHead(200, { ...API, 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(1 << 20, 0x41);
    let sent = 0;
    const more = () => {
      while (sent < total && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', more);
      }
      response.end();
    };
    more();
  };

/** Announces `length` bytes and sends none: the connection stays open until the client goes. */
export const announceOnly =
  (length: number): Responder =>
  (request, response) => {
    request.resume();
    response.writeHead(200, {
      ...API,
      'content-type': 'application/octet-stream',
      'content-length': String(length),
    });
    response.flushHeaders();
  };

/** One byte every `everyMs`, for ever: never idle long enough for an idle timeout. */
export const trickle =
  (everyMs: number): Responder =>
  (request, response) => {
    request.resume();
    response.writeHead(200, { ...API, 'content-type': 'application/octet-stream' });
    const timer = setInterval(() => response.write('x'), everyMs);
    response.on('close', () => clearInterval(timer));
  };

/** Reads the request body and never answers. */
export const neverAnswer: Responder = (request) => {
  request.resume();
};

/** 202 with a Location under the same origin, as a registry opening an upload session. */
export const uploadSession: Responder = (request, response) => {
  request.resume();
  response
    .writeHead(202, { ...API, location: `/v2/upload/session-${Date.now()}`, range: '0-0' })
    .end();
};
