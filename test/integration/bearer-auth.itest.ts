import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/registry/registry-client.js';
import { MemoryReporter } from '../../src/util/reporter.js';

// A stand-in for a registry with token auth (as GHCR and Docker Hub do it), at the protocol
// boundary: the distribution registry of the lab has Basic auth only. It asks for a Bearer token
// from its realm, which checks the Basic credentials and grants tokens per scope.
const USER = 'actor';
const TOKEN = 'ghs_job_token_value';
let server: Server;
let base: string;
const tokenRequests: string[] = [];
const issued = new Map<string, string>(); // token -> scope

beforeAll(async () => {
  let counter = 0;
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    if (url.pathname === '/token') {
      const expected = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;
      const scope = url.searchParams.getAll('scope').join(' ');
      tokenRequests.push(scope);
      if (request.headers.authorization !== expected) return response.writeHead(401).end();
      const token = `t${(counter += 1)}`;
      issued.set(token, scope);
      return response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token, expires_in: 300 }));
    }
    const repository = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(url.pathname)?.[1];
    const need = repository ? `repository:${repository}:pull` : '';
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const scope = bearer ? issued.get(bearer) : undefined;
    if (scope === undefined || (need && !scope.includes(need))) {
      const challenge = `Bearer realm="${base}/token",service="stand-in"${need ? `,scope="${need}"` : ''}`;
      return response
        .writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    if (url.pathname === '/v2/') {
      return response
        .writeHead(200, {
          'docker-distribution-api-version': 'registry/2.0',
          'content-type': 'application/json',
        })
        .end('{}');
    }
    return response
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Bearer token auth (stand-in registry)', () => {
  it('gets a token per scope with the Basic credentials, reuses it, and copes with requests racing at the start', async () => {
    const client = new RegistryClient({
      registry: new URL(base).host,
      plainHttp: true,
      credentials: { username: USER, password: TOKEN },
      reporter: new MemoryReporter(),
    });
    tokenRequests.length = 0;
    const scope = 'repository:owner/app:pull';
    // Several requests leave before any challenge is known, as a push's first round does.
    const results = await Promise.all([
      client.ping(scope),
      client.getManifest('owner/app', 'main'),
      client.getManifest('owner/app', 'sha'),
      client.blobSize('owner/app', `sha256:${'0'.repeat(64)}`),
    ]);
    expect(results.slice(1)).toEqual([undefined, undefined, undefined]);
    // One token request for the scope, shared by every request that waited for it.
    expect(tokenRequests).toEqual([scope]);
    const before = tokenRequests.length;
    await client.getManifest('owner/app', 'again');
    expect(tokenRequests.length).toBe(before);
    // Another repository is another scope: a new token.
    await client.getManifest('owner/other', 'main');
    expect(tokenRequests.at(-1)).toBe('repository:owner/other:pull');
  });

  it('says which registry and scope refused wrong credentials, without the password', async () => {
    const client = new RegistryClient({
      registry: new URL(base).host,
      plainHttp: true,
      credentials: { username: USER, password: 'not-the-token' },
    });
    const error = await client.getManifest('owner/app', 'main').catch((caught: Error) => caught);
    expect(String(error)).toMatch(
      /registry 127\.0\.0\.1:\d+ refused user "actor" for scope repository:owner\/app:pull \(token endpoint answered 401\)/,
    );
    expect(String(error)).not.toContain('not-the-token');
  });
});
