import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { send, StallError, type HttpResponse } from './transport.js';

// The transport against real servers on loopback: node:http's server (a second, independent
// HTTP/1.1 implementation) and raw TCP servers that misbehave on purpose.

const servers: Array<HttpServer | NetServer> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    (server as HttpServer).closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen<T extends HttpServer | NetServer>(server: T): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** A node:http server that counts the connections it accepts. */
async function httpServer(
  handler: Parameters<typeof createHttpServer>[1],
): Promise<{ url: string; connections: () => number }> {
  const server = createHttpServer({ keepAliveTimeout: 5_000 }, handler);
  let connections = 0;
  server.on('connection', () => (connections += 1));
  return { url: await listen(server), connections: () => connections };
}

/** A raw TCP server: `onRequest` gets each request's head and the socket to answer on. */
async function rawServer(onRequest: (head: string, socket: Socket, index: number) => void) {
  let index = 0;
  const server = createNetServer((socket) => {
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      pending += data.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const head = pending.slice(0, end);
        pending = pending.slice(end + 4);
        onRequest(head, socket, index++);
      }
    });
  });
  return listen(server);
}

const text = async (response: HttpResponse) => response.text();

describe('send', () => {
  it('reuses a kept-alive connection for the next request', async () => {
    const server = await httpServer((request, response) => response.end(`hi ${request.url}`));
    for (const path of ['/a', '/b', '/c']) {
      const response = await send({ method: 'GET', url: `${server.url}${path}` });
      expect(response.status).toBe(200);
      expect(await text(response)).toBe(`hi ${path}`);
    }
    expect(server.connections()).toBe(1);
  });

  it('reads a chunked response and the headers as the server wrote them', async () => {
    const server = await httpServer((_, response) => {
      response.setHeader('Docker-Content-Digest', 'sha256:00');
      response.write('part one, ');
      setTimeout(() => response.end('part two'), 20);
    });
    const response = await send({ method: 'GET', url: `${server.url}/` });
    expect(response.headers.get('docker-content-digest')).toBe('sha256:00');
    expect(response.headers.get('Transfer-Encoding')).toBe('chunked');
    expect(response.headers.get('x-absent')).toBeNull();
    expect(await text(response)).toBe('part one, part two');
  });

  it('sends a streamed body whose producer refills one buffer, byte for byte', async () => {
    // 16 MiB through one 256 KiB buffer: the socket cannot take it all at once, so a chunk
    // handed over too late, or a buffer refilled too early, changes what the server gets.
    let received = '';
    const server = await httpServer((request, response) => {
      const hash = createHash('sha256');
      request.on('data', (chunk: Buffer) => hash.update(chunk));
      request.on('end', () => {
        received = hash.digest('hex');
        response.statusCode = 202;
        response.end();
      });
    });
    const buffer = Buffer.alloc(256 << 10);
    const expected = createHash('sha256');
    async function* produce() {
      for (let index = 0; index < 64; index += 1) {
        buffer.fill(index);
        expected.update(buffer);
        yield buffer;
      }
    }
    const response = await send({
      method: 'PATCH',
      url: `${server.url}/upload`,
      body: { stream: produce, length: 64 * buffer.length },
    });
    expect(response.status).toBe(202);
    await response.discard();
    expect(received).toBe(expected.digest('hex'));
  });

  it('fails a body that is not the length it announced, and does not reuse the connection', async () => {
    const server = await httpServer((request, response) => {
      request.resume();
      request.on('end', () => response.end());
    });
    async function* short() {
      yield Buffer.from('abc');
    }
    await expect(
      send({ method: 'PUT', url: `${server.url}/x`, body: { stream: short, length: 10 } }),
    ).rejects.toThrow(/did not match the 10 bytes announced/);
    const next = await send({ method: 'GET', url: `${server.url}/y` });
    expect(next.status).toBe(200);
    expect(server.connections()).toBe(2);
  });

  it('gives an early refusal as the answer, and sends the next request on a new connection', async () => {
    const server = await httpServer((request, response) => {
      if (request.method === 'PUT') {
        // Refused before the body is read, as a registry refuses a manifest too large.
        response.writeHead(413, { connection: 'close' }).end('too large');
        return;
      }
      response.end('ok');
    });
    const big = Buffer.alloc(8 << 20, 1);
    const response = await send({
      method: 'PUT',
      url: `${server.url}/m`,
      body: {
        stream: async function* () {
          for (let i = 0; i < 8; i++) yield big.subarray(i << 20, (i + 1) << 20);
        },
        length: big.length,
      },
    });
    expect(response.status).toBe(413);
    expect(await text(response)).toBe('too large');
    const next = await send({ method: 'GET', url: `${server.url}/` });
    expect(await text(next)).toBe('ok');
  });

  it('fails with a StallError when nothing moves for the idle timeout', async () => {
    const url = await rawServer(() => undefined); // takes the request, never answers
    await expect(
      send({ method: 'GET', url: `${url}/slow`, idleTimeoutMs: 150 }),
    ).rejects.toBeInstanceOf(StallError);
  });

  it('stalls a body that stops coming, too', async () => {
    const url = await rawServer((_, socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst bytes'),
    );
    const response = await send({ method: 'GET', url: `${url}/`, idleTimeoutMs: 150 });
    await expect(text(response)).rejects.toBeInstanceOf(StallError);
  });

  it('abandons a request on its signal', async () => {
    const url = await rawServer(() => undefined);
    const abandon = new AbortController();
    const sent = send({ method: 'GET', url: `${url}/`, signal: abandon.signal });
    setTimeout(() => abandon.abort(), 30);
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails a body cut short by a closed connection as a reset, which the client retries', async () => {
    const url = await rawServer((_, socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly forty bytes of a hundred...........',
      );
      socket.end();
    });
    const response = await send({ method: 'GET', url: `${url}/` });
    await expect(text(response)).rejects.toMatchObject({
      code: 'ECONNRESET',
      message: expect.stringMatching(/60 bytes of the response body still to come/),
    });
  });

  it('fails a malformed answer without trusting the connection again', async () => {
    const url = await rawServer((_, socket) => socket.write('<html>not http</html>\r\n\r\n'));
    await expect(send({ method: 'GET', url: `${url}/` })).rejects.toThrow(
      /not an HTTP\/1.x status line/,
    );
  });

  it('sends a bodiless GET again when a kept-alive connection turns out closed', async () => {
    // The server answers once per connection, keeping it alive, then drops it at the next
    // request: what a server's idle timeout does when it strikes as a request leaves.
    const answered = new WeakSet<Socket>();
    const url = await rawServer((_, socket, index) => {
      if (answered.has(socket)) {
        socket.destroy();
        return;
      }
      answered.add(socket);
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n${index}`);
    });
    expect(await text(await send({ method: 'GET', url: `${url}/` }))).toBe('0');
    // Same pooled connection first, dropped; then a new one.
    expect(await text(await send({ method: 'GET', url: `${url}/` }))).toBe('2');
    // A request with a body is not sent twice by the transport: the caller decides.
    await text(await send({ method: 'GET', url: `${url}/` })).catch(() => undefined);
    await expect(
      send({ method: 'PUT', url: `${url}/`, body: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
  });

  it('holds at most 16 connections to one origin, queueing the rest', async () => {
    let open = 0;
    let most = 0;
    const server = await httpServer((_, response) => {
      open += 1;
      most = Math.max(most, open);
      setTimeout(() => {
        open -= 1;
        response.end('done');
      }, 30);
    });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        send({ method: 'GET', url: `${server.url}/${index}` }),
      ),
    );
    const bodies = await Promise.all(responses.map(text));
    expect(bodies.every((body) => body === 'done')).toBe(true);
    expect(most).toBe(16);
    expect(server.connections()).toBe(16);
  });

  it('sends the host, a user agent, and lengths, and refuses a header that smuggles another', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    const server = await httpServer((request, response) => {
      seen = request.headers;
      request.resume();
      request.on('end', () => response.end());
    });
    await (await send({ method: 'POST', url: `${server.url}/v2/x/blobs/uploads/` })).discard();
    expect(seen).toMatchObject({
      host: server.url.slice('http://'.length),
      'user-agent': 'hypernix',
      'content-length': '0',
    });
    await expect(
      send({ method: 'GET', url: `${server.url}/`, headers: { authorization: 'x\r\nevil: 1' } }),
    ).rejects.toThrow(/invalid value for header authorization/);
  });

  it('keeps a connection whose early refusal left a held body unsent out of the pool', async () => {
    // A raw server that answers a PUT's head at once, reads nothing of its 8 MiB body, and
    // keeps the connection: reused, its next "request" would start with the rest of that body.
    const sockets = new Set<Socket>();
    const url = await rawServer((head, socket) => {
      sockets.add(socket);
      socket.write(
        /^PUT \/big /.test(head)
          ? 'HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n'
          : /^GET \/next /.test(head)
            ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
            : 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n',
      );
      socket.pause(); // never reads the body
    });
    try {
      const refused = await send({
        method: 'PUT',
        url: `${url}/big`,
        body: Buffer.alloc(8 << 20, 7),
      });
      expect(refused.status).toBe(413);
      await refused.discard();
      const next = await send({ method: 'GET', url: `${url}/next` });
      expect(await text(next)).toBe('ok');
      expect(sockets.size).toBe(2);
    } finally {
      for (const socket of sockets) socket.destroy(); // paused: they would not see a close
    }
  });

  it('does not reuse a connection that sent bytes after its response', async () => {
    const sockets = new Set<Socket>();
    const url = await rawServer((_, socket) => {
      sockets.add(socket);
      // One write: the response, then two bytes no request asked for.
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokXX');
    });
    expect(await text(await send({ method: 'GET', url: `${url}/` }))).toBe('ok');
    expect(await text(await send({ method: 'GET', url: `${url}/` }))).toBe('ok');
    expect(sockets.size).toBe(2);
  });

  it('fails a body nobody reads without crashing the process when its connection stalls', async () => {
    const url = await rawServer((_, socket) =>
      socket.write('HTTP/1.1 401 Unauthorized\r\nContent-Length: 1000\r\n\r\npart'),
    );
    const response = await send({ method: 'GET', url: `${url}/`, idleTimeoutMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 250)); // the stall happens unobserved
    await expect(text(response)).rejects.toBeInstanceOf(StallError);
  });

  it('survives a TLS server that hangs up during the handshake', async () => {
    // Node's TLS socket reports that hang-up once more after it is destroyed: an unhandled
    // 'error' then would end the process (vitest fails the run on one).
    const accepted = new Set<Socket>();
    const hangUp = createNetServer((socket) => {
      accepted.add(socket);
      socket.end();
    });
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const { port } = hangUp.address() as { port: number };
    try {
      await expect(send({ method: 'GET', url: `https://127.0.0.1:${port}/v2/` })).rejects.toThrow(
        /closed before the response came|disconnected/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50)); // a late error would surface here
    } finally {
      for (const socket of accepted) socket.destroy();
      hangUp.close();
    }
  });

  it('leaves the headers that frame the message to the transport, whatever their case', async () => {
    const server = await httpServer((_, response) => response.end());
    for (const name of ['Host', 'content-length', 'Transfer-Encoding', 'CONNECTION'])
      await expect(
        send({ method: 'GET', url: `${server.url}/`, headers: { [name]: 'x' } }),
      ).rejects.toThrow(`header ${name} is set by the transport`);
  });
});
