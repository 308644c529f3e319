import { createServer, request as forwardRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

// A forward proxy on loopback: a stand-in for squid or a corporate proxy, speaking the same
// protocol (RFC 9110 section 9.3.6 for CONNECT tunnels, RFC 9112 section 3.2.2 for forwarded
// absolute-form requests). It records the head of every request it gets, CONNECT or forwarded;
// with `refuse`, it answers that raw response instead. `hosts` maps names to addresses, as a
// proxy's own DNS would.

export interface ConnectProxy {
  url: string;
  port: number;
  /** The head of each request the proxy got (request line and headers as sent), in order. */
  seen: string[];
  stop(): Promise<void>;
}

function headOf(request: IncomingMessage): string {
  const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
  for (let index = 0; index < request.rawHeaders.length; index += 2)
    lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
  return lines.join('\r\n');
}

export async function startConnectProxy(
  options: { refuse?: string; hosts?: Record<string, string> } = {},
): Promise<ConnectProxy> {
  const { refuse, hosts = {} } = options;
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    seen.push(headOf(request));
    if (refuse) {
      response.socket?.end(refuse);
      return;
    }
    const target = new URL(request.url ?? '/');
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = forwardRequest(
      {
        host: hosts[target.hostname] ?? target.hostname,
        port: Number(target.port || 80),
        method: request.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: IncomingMessage, client: Socket) => {
    seen.push(headOf(request));
    client.on('error', () => undefined);
    const target = /^(.+):(\d+)$/.exec(request.url ?? '');
    if (refuse || !target) {
      client.end(refuse ?? 'HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const name = target[1]!.replace(/^\[(.*)\]$/, '$1');
    const upstream = connect(Number(target[2]), hosts[name] ?? name, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => client.destroy()).on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
