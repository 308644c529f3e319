// The lab helpers themselves, against a real docker-registry and skopeo: later registry tests
// trust these to start, count and break things exactly as they say.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArchive } from '../../bench/push/make-archive.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';
import { type LabRegistry, startRegistry } from '../lab/registry.js';
import { tempDir } from '../helpers/temp.js';

const digestOf = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Asynchronous: the proxy skopeo talks to runs on this very event loop. */
function skopeo(...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('skopeo', args, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts an upload session through `base` and returns its (absolute) Location. */
async function startUpload(base: string, repository: string): Promise<string> {
  const response = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  expect(response.status).toBe(202);
  return new URL(response.headers.get('location') as string, base).href;
}

function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.href;
}

/** Reads a response body until the server ends or cuts it, returning what arrived. */
function download(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer; complete: boolean }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('close', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks),
          complete: response.complete,
        }),
      );
    }).on('error', reject);
  });
}

describe('startRegistry (test/lab/registry.ts)', () => {
  it('serves /v2/ without auth and removes its storage on stop', async () => {
    const registry = await startRegistry();
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(registry.url).toBe(`http://${registry.host}`);
    const response = await fetch(`${registry.url}/v2/`);
    expect(response.status).toBe(200);
    await registry.stop();
    expect(existsSync(dirname(registry.dataDir))).toBe(false);
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });

  it('asks for Basic credentials when given auth, and keeps only a bcrypt hash', async () => {
    const auth = { username: 'lab-user', password: 'lab-Secret-9' };
    const registry = await startRegistry({ auth });
    try {
      const anonymous = await fetch(`${registry.url}/v2/`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="lab"');
      const basic = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      const authorized = await fetch(`${registry.url}/v2/`, {
        headers: { authorization: `Basic ${basic}` },
      });
      expect(authorized.status).toBe(200);
      const htpasswd = readFileSync(join(dirname(registry.dataDir), 'htpasswd'), 'utf8');
      expect(htpasswd).toMatch(/^lab-user:\$2y\$/);
      expect(htpasswd).not.toContain(auth.password);
    } finally {
      await registry.stop();
    }
  });

  it('refuses a port something already listens on', async () => {
    const registry = await startRegistry();
    try {
      const port = Number(registry.host.split(':')[1]);
      await expect(startRegistry({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await registry.stop();
    }
  });
});

describe('startFaultProxy (test/helpers/fault-proxy.ts)', () => {
  let registry: LabRegistry;
  let proxy: FaultProxy;
  let work: string;

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startFaultProxy(registry.url);
    work = tempDir('hypernix-lab-');
  });

  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('carries a whole skopeo push, uploads included, and counts every body byte', async () => {
    const file = join(work, 'image.tar');
    makeArchive({ file, seed: 'lab-itest', layers: 2, totalBytes: 256 * 1024 });
    proxy.reset();
    const pushed = await skopeo(
      'copy',
      '--dest-tls-verify=false',
      `docker-archive:${file}`,
      `docker://${proxy.host}/lab/test:1`,
    );
    expect(pushed.code, pushed.stderr).toBe(0);

    // Read back from the registry itself, not through the proxy.
    const raw = await skopeo(
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/lab/test:1`,
    );
    expect(raw.code, raw.stderr).toBe(0);
    const manifest = JSON.parse(raw.stdout) as {
      config: { size: number };
      layers: { size: number; mediaType: string }[];
    };
    expect(manifest.layers).toHaveLength(2);
    expect(manifest.layers[0]?.mediaType).toMatch(/gzip/);
    const expectedBodies =
      manifest.layers.reduce((sum, layer) => sum + layer.size, 0) +
      manifest.config.size +
      Buffer.byteLength(raw.stdout);
    expect(proxy.stats.requestBytes).toBe(expectedBodies);
    expect(proxy.stats.responseBytes).toBeGreaterThan(0);
    expect(proxy.stats.requests).toBe(proxy.log.length);
    // The registry answers with absolute upload URLs: only the Location rewrite keeps the
    // PATCH/PUT that follow on the proxy.
    expect(proxy.stats.byMethod.POST).toBeGreaterThanOrEqual(3);
    expect(
      (proxy.stats.byMethod.PATCH ?? 0) + (proxy.stats.byMethod.PUT ?? 0),
    ).toBeGreaterThanOrEqual(4);
    expect(proxy.log).toContainEqual({
      method: 'PUT',
      path: '/v2/lab/test/manifests/1',
      status: 201,
    });
  });

  it('answers a status rule with Retry-After as many times as asked, then forwards', async () => {
    proxy.reset();
    proxy.setRules([
      { kind: 'status', status: 503, retryAfter: '2', method: 'GET', path: /^\/v2\/$/ },
      { kind: 'status', status: 429, times: 2, method: 'HEAD', path: /\/blobs\// },
    ]);
    const first = await fetch(`${proxy.url}/v2/`);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${proxy.url}/v2/`)).status).toBe(200);

    const blob = `${proxy.url}/v2/lab/test/blobs/${digestOf(Buffer.from('none'))}`;
    const heads = [];
    for (let i = 0; i < 3; i += 1) heads.push((await fetch(blob, { method: 'HEAD' })).status);
    expect(heads).toEqual([429, 429, 404]);
    expect(proxy.log.map((entry) => entry.status)).toEqual([503, 200, 429, 429, 404]);
  });

  it('holds a response back for a delay rule', async () => {
    proxy.setRules([{ kind: 'delay', ms: 300, path: /^\/v2\/$/ }]);
    const started = performance.now();
    expect((await fetch(`${proxy.url}/v2/`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it.each(['PATCH', 'PUT'])(
    'resets the client mid-body on drop-after and leaves the registry a broken %s upload',
    async (method) => {
      // A different blob per case, so the first case's retry does not make the second's exist.
      const body = Buffer.alloc(1024 * 1024, method);
      const digest = digestOf(body);
      const location = await startUpload(proxy.url, 'lab/drop');
      expect(location.startsWith(`${proxy.url}/`)).toBe(true);
      proxy.reset();
      proxy.setRules([
        { kind: 'drop-after', bytes: 64 * 1024, method, path: /\/blobs\/uploads\// },
      ]);

      const target = method === 'PUT' ? withDigest(location, digest) : location;
      await expect(fetch(target, { method, body })).rejects.toThrow();
      expect(proxy.log).toEqual([
        { method, path: new URL(target).pathname + new URL(target).search, status: 0 },
      ]);
      expect(proxy.stats.requestBytes).toBeGreaterThanOrEqual(64 * 1024);

      const head = await fetch(`${registry.url}/v2/lab/drop/blobs/${digest}`, { method: 'HEAD' });
      expect(head.status).toBe(404);
      // distribution 2.8 drops an upload session whose body broke off: a client must start over.
      // It does so once its handler has seen the connection go, which may be a moment after the
      // client has: ask again for up to 2 s.
      const sessionStatus = () =>
        fetch(location.replace(proxy.url, registry.url)).then((response) => response.status);
      let status = await sessionStatus();
      for (let tries = 0; status !== 404 && tries < 20; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = await sessionStatus();
      }
      expect(status).toBe(404);
      // Nothing is left armed: the same upload goes through now.
      const retry = await startUpload(proxy.url, 'lab/drop');
      expect((await fetch(withDigest(retry, digest), { method: 'PUT', body })).status).toBe(201);
    },
  );

  it('cuts a download after drop-response-after bytes, and a Range request resumes it', async () => {
    const blob = Buffer.alloc(300 * 1024);
    for (let i = 0; i < blob.length; i += 1) blob[i] = (i * 31) % 251;
    const digest = digestOf(blob);
    const location = await startUpload(proxy.url, 'lab/pull');
    expect((await fetch(withDigest(location, digest), { method: 'PUT', body: blob })).status).toBe(
      201,
    );

    const url = `${proxy.url}/v2/lab/pull/blobs/${digest}`;
    proxy.setRules([
      { kind: 'drop-response-after', bytes: 100_000, method: 'GET', path: /\/blobs\// },
    ]);
    const cut = await download(url);
    expect(cut.status).toBe(200);
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBe(100_000);

    const rest = await download(url, { range: `bytes=${cut.body.length}-` });
    expect(rest.status).toBe(206);
    expect(rest.complete).toBe(true);
    expect(Buffer.concat([cut.body, rest.body]).equals(blob)).toBe(true);
  });
});
