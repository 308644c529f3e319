import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_REGISTRY_NAME, startRegistry, type LabRegistry } from '../lab/registry.js';
import { hypernix, lastLine } from '../helpers/cli.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { makeDockerArchive, randomLayer } from '../helpers/make-archive.js';
import { tempDir } from '../helpers/temp.js';

// The real registry over HTTPS, with a self-signed certificate made for this run: the client's
// TLS path (node:tls under our HTTP/1.1) against Go's TLS server. Node trusts the certificate
// through NODE_EXTRA_CA_CERTS, as a runner behind a company CA would.

let registry: LabRegistry;
let work: string;

beforeAll(async () => {
  registry = await startRegistry({ tls: true });
  work = tempDir('hypernix-https-');
});
afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

const trusted = () => ({ env: { NODE_EXTRA_CA_CERTS: registry.caFile } });

function tagsOf(repository: string): string[] {
  const listed = execFileSync(
    'skopeo',
    ['list-tags', '--tls-verify=false', `docker://${registry.host}/${repository}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return (JSON.parse(listed) as { Tags: string[] }).Tags;
}

describe('a registry over HTTPS', () => {
  it('takes a push, then an unchanged re-push that sends no layer byte', async () => {
    const { path } = makeDockerArchive({ layers: [randomLayer(300_000), 'text'.repeat(50_000)] });
    const ref = `${registry.host}/tls/app:v1`;
    const first = await hypernix(['push', path, ref, '--json'], trusted());
    expect(first.code, first.stderr).toBe(0);
    const pushed = JSON.parse(first.stdout) as Record<string, string>;
    expect(Number(pushed['pushed-bytes'])).toBeGreaterThan(300_000);
    const inspected = JSON.parse(
      execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], {
        encoding: 'utf8',
      }),
    ) as { layers: unknown[] };
    expect(inspected.layers).toHaveLength(2);

    const again = await hypernix(['push', path, ref, '--json'], trusted());
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ digest: pushed.digest, 'pushed-bytes': '0' });
  });

  it('round-trips a disk image as an artifact, verified', async () => {
    const disk = join(work, 'disk.qcow2');
    const back = join(work, 'back.qcow2');
    writeFileSync(disk, Buffer.concat([Buffer.from('QFI\xfb', 'latin1'), randomLayer(2 << 20)]));
    const ref = `${registry.host}/tls/vm:disk`;
    const pushed = await hypernix(['artifact', 'push', disk, ref], trusted());
    expect(pushed.code, pushed.stderr).toBe(0);
    const pulled = await hypernix(['artifact', 'pull', ref, back], trusted());
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(readFileSync(back).equals(readFileSync(disk))).toBe(true);
  });

  it('refuses a certificate nothing trusts, in one line, and tags nothing', async () => {
    const { path } = makeDockerArchive({ layers: ['untrusted'] });
    const run = await hypernix(['push', path, `${registry.host}/tls/untrusted:v1`]);
    expect(run.code).not.toBe(0);
    expect(lastLine(run)).toMatch(
      new RegExp(`^hypernix: cannot reach registry https://${registry.host}: .*certificate`),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(() => tagsOf('tls/untrusted')).toThrow();
  });

  it('goes through the proxy HTTPS_PROXY names, in a CONNECT tunnel, but not for NO_PROXY or loopback', async () => {
    // The registry by a name only the proxy resolves (as a proxy's DNS would), on its certificate.
    const port = registry.host.split(':')[1]!;
    const named = `${LAB_REGISTRY_NAME}:${port}`;
    const proxy = await startConnectProxy({ hosts: { [LAB_REGISTRY_NAME]: '127.0.0.1' } });
    try {
      const { path } = makeDockerArchive({ layers: [randomLayer(100_000)] });
      const env = { ...trusted().env, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' };
      const through = await hypernix(['push', path, `${named}/tls/proxied:v1`], { env });
      expect(through.code, through.stderr).toBe(0);
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen.every((head) => head.startsWith(`CONNECT ${named} HTTP/1.1\r\n`))).toBe(
        true,
      );
      expect(tagsOf('tls/proxied')).toEqual(['v1']);

      const before = proxy.seen.length;
      // Loopback goes direct, whatever the proxy variables say.
      const loopback = await hypernix(['push', path, `${registry.host}/tls/proxied:v2`], { env });
      expect(loopback.code, loopback.stderr).toBe(0);
      // So does a host NO_PROXY lists: here its name resolves nowhere but at the proxy.
      const listed = await hypernix(['push', path, `${named}/tls/proxied:v3`], {
        env: { ...env, NO_PROXY: '.hypernix.test' },
      });
      expect(listed.code).not.toBe(0);
      expect(lastLine(listed)).toMatch(/no such host|could not be looked up/);
      expect(proxy.seen.length).toBe(before);
    } finally {
      await proxy.stop();
    }
  });

  it('says in one line that the proxy refused, without its credentials', async () => {
    const proxy = await startConnectProxy({
      refuse: 'HTTP/1.1 407 Proxy Authentication Required\r\n\r\n',
    });
    try {
      const { path } = makeDockerArchive({ layers: ['refused'] });
      const named = `${LAB_REGISTRY_NAME}:${registry.host.split(':')[1]!}`;
      const run = await hypernix(['push', path, `${named}/tls/refused:v1`], {
        env: { ...trusted().env, HTTPS_PROXY: `http://me:s3cret@127.0.0.1:${proxy.port}` },
      });
      expect(run.code).not.toBe(0);
      expect(lastLine(run)).toBe(
        `hypernix: cannot reach registry https://${named}: proxy http://127.0.0.1:${proxy.port} refused to connect to ${named}: 407 Proxy Authentication Required`,
      );
      expect(run.stderr).not.toContain('s3cret');
      expect(proxy.seen[0]).toContain(
        `Proxy-Authorization: Basic ${Buffer.from('me:s3cret').toString('base64')}`,
      );
    } finally {
      await proxy.stop();
    }
  });

  it('sends a plain-HTTP push through HTTP_PROXY as forwarded requests, not CONNECT', async () => {
    const plain = await startRegistry();
    const proxy = await startConnectProxy({ hosts: { [LAB_REGISTRY_NAME]: '127.0.0.1' } });
    try {
      const named = `${LAB_REGISTRY_NAME}:${plain.host.split(':')[1]!}`;
      const { path } = makeDockerArchive({ layers: [randomLayer(100_000), 'forwarded'] });
      const run = await hypernix(['push', path, `${named}/plain/proxied:v1`, '--plain-http'], {
        env: { HTTP_PROXY: proxy.url },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(proxy.seen.length).toBeGreaterThan(3);
      for (const head of proxy.seen)
        expect(head).toMatch(new RegExp(`^[A-Z]+ http://${named}/v2/\\S* HTTP/1\\.1\\r\\n`));
      const listed = execFileSync(
        'skopeo',
        ['list-tags', '--tls-verify=false', `docker://${plain.host}/plain/proxied`],
        { encoding: 'utf8' },
      );
      expect((JSON.parse(listed) as { Tags: string[] }).Tags).toEqual(['v1']);
    } finally {
      await proxy.stop();
      await plain.stop();
    }
  });
});
