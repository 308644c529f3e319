import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../../../test/helpers/connect-proxy.js';
import { bypassed, proxyFor, tunnel } from './proxy.js';

describe('proxyFor', () => {
  const https = new URL('https://ghcr.io/v2/');
  const http = new URL('http://registry.lan:5000/v2/');

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, upper case first, as Go does', () => {
    const env = {
      HTTPS_PROXY: 'http://upper:3128',
      https_proxy: 'http://lower:3128',
      http_proxy: 'plain:8080',
    };
    expect(proxyFor(https, env)).toMatchObject({ host: 'upper', port: 3128 });
    expect(proxyFor(http, env)).toMatchObject({ host: 'plain', port: 8080 });
    // An empty value counts as unset.
    expect(proxyFor(https, { ...env, HTTPS_PROXY: '' })).toMatchObject({ host: 'lower' });
    expect(proxyFor(https, {})).toBeUndefined();
  });

  it('turns credentials in the URL into Proxy-Authorization, and never shows them', () => {
    const proxy = proxyFor(https, { HTTPS_PROXY: 'http://me:p%40ss@proxy.corp:3128' })!;
    expect(proxy.authorization).toBe(`Basic ${Buffer.from('me:p@ss').toString('base64')}`);
    expect(proxy.shown).toBe('http://proxy.corp:3128');
  });

  it('refuses a proxy URL it cannot use, naming the variable', () => {
    expect(() => proxyFor(https, { HTTPS_PROXY: 'https://proxy:443' })).toThrow(
      /HTTPS_PROXY must be an http:\/\/ proxy URL/,
    );
    expect(() => proxyFor(https, { HTTPS_PROXY: 'http://[bad' })).toThrow(
      /HTTPS_PROXY is not a URL/,
    );
  });

  it('never proxies loopback, as Go does: a proxy elsewhere could not reach it', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' };
    for (const url of [
      'http://127.0.0.1:5000/',
      'http://127.5.0.1/',
      'https://localhost:5000/',
      'https://registry.localhost/',
      'http://[::1]:5000/',
    ])
      expect(proxyFor(new URL(url), env), url).toBeUndefined();
    expect(proxyFor(new URL('http://10.0.0.1:5000/'), env)).toMatchObject({ host: 'p' });
  });

  it('goes direct for what NO_PROXY lists', () => {
    expect(proxyFor(https, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'ghcr.io' })).toBeUndefined();
  });
});

describe('bypassed (NO_PROXY)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['https://ghcr.io/', '*', true],
    ['https://ghcr.io/', '', false],
    ['https://ghcr.io/', 'ghcr.io', true],
    ['https://pkg.ghcr.io/', 'ghcr.io', true],
    ['https://notghcr.io/', 'ghcr.io', false],
    ['https://pkg.ghcr.io/', '.ghcr.io', true],
    ['https://pkg.ghcr.io/', '*.ghcr.io', true],
    ['https://GHCR.io/', ' example.com , Ghcr.IO ', true],
    ['http://registry.lan:5000/', 'registry.lan:5000', true],
    ['http://registry.lan:5001/', 'registry.lan:5000', false],
    ['https://registry.lan/', 'registry.lan:443', true],
    ['http://10.1.2.3:5000/', '10.0.0.0/8', true],
    ['http://11.1.2.3:5000/', '10.0.0.0/8', false],
    ['http://10.1.2.3:5000/', '10.1.2.3', true],
    ['http://[fd00::5]:5000/', 'fd00::/8', true],
    ['http://[::1]:5000/', '::1', true],
    ['http://[::1]:5000/', '[::1]:5000', true],
    ['http://[::1]:5000/', '[::1]:6000', false],
    ['http://registry.lan/', '10.0.0.0/8', false],
  ];
  it.each(cases)('%s with NO_PROXY=%j: %s', (url, noProxy, expected) => {
    expect(bypassed(new URL(url), noProxy)).toBe(expected);
  });
});

const servers: HttpServer[] = [];
const proxies: ConnectProxy[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.stop();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: HttpServer): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function connectProxy(refuse?: string) {
  const started = await startConnectProxy({ refuse, hosts: { 'proxied.test': '127.0.0.1' } });
  proxies.push(started);
  return {
    proxy: { host: '127.0.0.1', port: started.port, shown: started.url },
    seen: started.seen,
  };
}

describe('tunnel', () => {
  it('opens a CONNECT tunnel that carries the request to the target', async () => {
    const target = await listen(createHttpServer((_, response) => response.end('through')));
    const { proxy, seen } = await connectProxy();
    const socket = await tunnel({ ...proxy, authorization: 'Basic bWU6cHc=' }, '127.0.0.1', target);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toMatch(/through$/);
    expect(seen[0]).toMatch(new RegExp(`^CONNECT 127\\.0\\.0\\.1:${target} HTTP/1\\.1\\r\\n`));
    expect(seen[0]).toContain('Proxy-Authorization: Basic bWU6cHc=');
  });

  it('says what the proxy answered when it refuses, without the credentials', async () => {
    const { proxy } = await connectProxy('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
    const refused = tunnel({ ...proxy, authorization: 'Basic c2VjcmV0' }, 'ghcr.io', 443);
    await expect(refused).rejects.toThrow(
      `proxy ${proxy.shown} refused to connect to ghcr.io:443: 407 Proxy Authentication Required`,
    );
    await expect(refused).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('c2VjcmV0') }),
    );
  });

  it('fails with the reason when the proxy cannot be reached', async () => {
    // A port just freed: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      tunnel({ host: '127.0.0.1', port, shown: `http://127.0.0.1:${port}` }, 'ghcr.io', 443),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      message: expect.stringMatching(/^proxy http:\/\/127\.0\.0\.1:\d+: /),
    });
  });

  it('gives up on a proxy that never answers CONNECT, after the timeout or on abort', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const proxy = { host: '127.0.0.1', port, shown: `http://127.0.0.1:${port}` };
    try {
      await expect(tunnel(proxy, 'ghcr.io', 443, { timeoutMs: 100 })).rejects.toMatchObject({
        name: 'StallError',
        message: `proxy ${proxy.shown} did not answer CONNECT ghcr.io:443 within 0.1 s`,
      });
      const abandon = new AbortController();
      const waiting = tunnel(proxy, 'ghcr.io', 443, { signal: abandon.signal });
      setTimeout(() => abandon.abort(new Error('abandoned')), 50);
      await expect(waiting).rejects.toThrow('abandoned');
    } finally {
      silent.close();
    }
  });
});

describe('plain HTTP through HTTP_PROXY', () => {
  it('sends each request to the proxy in absolute form, with its credentials', async () => {
    let targetSaw: Record<string, unknown> = {};
    const target = await listen(
      createHttpServer((request, response) => {
        targetSaw = { url: request.url, headers: request.headers };
        response.end('from the target');
      }),
    );
    const { proxy, seen } = await connectProxy();
    const previous = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = `http://me:pw@127.0.0.1:${proxy.port}`;
    try {
      const { send } = await import('./transport.js');
      // A name only the proxy knows; resolving it here would fail.
      const proxied = new ConnectProxyName(target);
      const response = await send({ method: 'GET', url: proxied.url('/v2/x/tags/list?n=1') });
      expect(await response.text()).toBe('from the target');
      expect(seen[0]).toMatch(
        new RegExp(`^GET http://${proxied.host}/v2/x/tags/list\\?n=1 HTTP/1\\.1\\r\\n`),
      );
      expect(seen[0]).toMatch(
        new RegExp(
          `\\r\\nproxy-authorization: Basic ${Buffer.from('me:pw').toString('base64')}`,
          'i',
        ),
      );
      expect(targetSaw.url).toBe('/v2/x/tags/list?n=1');
      expect(targetSaw.headers).not.toHaveProperty('proxy-authorization');
    } finally {
      if (previous === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = previous;
    }
  });
});

/** `proxied.test:PORT`: a name the proxy stand-in maps to 127.0.0.1. */
class ConnectProxyName {
  readonly host: string;
  constructor(port: number) {
    this.host = `proxied.test:${port}`;
  }
  url(path: string): string {
    return `http://${this.host}${path}`;
  }
}
