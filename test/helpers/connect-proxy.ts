import { connect, createServer, type Socket } from 'node:net';

// A CONNECT proxy on loopback: a stand-in for squid or a corporate proxy, speaking the same
// protocol (RFC 9110 section 9.3.6). It records the head of every CONNECT it gets; with
// `refuse`, it answers that instead of opening the tunnel. `hosts` maps names to addresses, as a
// proxy's own DNS would.

export interface ConnectProxy {
  url: string;
  port: number;
  /** The head of each CONNECT request, in order. */
  seen: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(
  options: { refuse?: string; hosts?: Record<string, string> } = {},
): Promise<ConnectProxy> {
  const { refuse, hosts = {} } = options;
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client)).on('error', () => undefined);
    client.once('data', (data) => {
      const head = data.toString('latin1').split('\r\n\r\n')[0]!;
      seen.push(head);
      const target = /^CONNECT (\S+):(\d+) HTTP\/1\.1$/m.exec(head);
      if (refuse || !target) {
        client.end(refuse ?? 'HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      const name = target[1]!.replace(/^\[(.*)\]$/, '$1');
      const host = hosts[name] ?? name;
      const upstream = connect(Number(target[2]), host, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => client.destroy()).on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
