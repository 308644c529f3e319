import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectOneCleanError, hypernixBounded } from '../helpers/bounded.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { makeHostileLayout, sha256Hex, type HostileLayer } from '../hostile/oci-layout.js';

// The hostile-input corpus, OCI layout side: descriptors whose digests would name files outside
// the layout, blobs linked outside it, and blobs that are not what their digest says. Pushed
// through a counting proxy to the lab registry: nothing of the outside file may leave, no
// upload may stay open, and no tag is set.

const MAX_RSS_MIB = 300;
let registry: LabRegistry;
let proxy: FaultProxy;

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
});
afterAll(async () => {
  await proxy?.close();
  await registry?.stop();
});
beforeEach(() => proxy.reset());

async function pushLayout(layers: HostileLayer[], secretBytes?: Buffer) {
  const { layout, secret } = makeHostileLayout(layers, secretBytes);
  const repository = `hostile/layout-${Math.random().toString(36).slice(2, 8)}`;
  const run = await hypernixBounded(
    ['push', layout, `${proxy.host}/${repository}:1`, '--plain-http'],
    {
      timeoutMs: 60_000,
      maxRssMiB: MAX_RSS_MIB,
    },
  );
  const line = expectOneCleanError(run);
  expect(run.elapsedMs, line).toBeLessThan(30_000);
  expect(run.peakRssMiB, line).toBeLessThan(MAX_RSS_MIB);
  // No tag: the registry has no manifest under it.
  const tagged = await fetch(`${registry.url}/v2/${repository}/manifests/1`, { method: 'HEAD' });
  expect(tagged.status).toBe(404);
  return { line, layout, secret, repository };
}

/** Whether the registry holds a blob in the repository. */
const held = async (repository: string, digest: string) =>
  (await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD' })).status ===
  200;

/**
 * Nothing but the image's valid config (78 bytes, sent beside the layers) left for the
 * registry: no PATCH of a layer's bytes, and no more than a few hundred bytes in all.
 */
function expectOnlyConfigSent(): void {
  expect(proxy.log.filter((entry) => entry.method === 'PATCH')).toEqual([]);
  expect(proxy.stats.requestBytes).toBeLessThan(512);
}

describe('OCI layout descriptors that point outside the layout', () => {
  it.each([
    ['a relative path', 'sha256:../../../secret.bin'],
    ['an absolute path', 'sha256:/etc/passwd'],
    ['no algorithm', '../secret.bin'],
    ['a short sha512', 'sha512:abc123'],
    ['upper-case hex', `sha256:${'AB'.repeat(32)}`],
    ['a NUL byte', `sha256:${'a'.repeat(63)}\u0000`],
    ['a number', 42],
  ])('refuses a layer digest with %s before any upload', async (_name, digest) => {
    const { line } = await pushLayout([{ digest, size: 30 }]);
    expect(line).toMatch(/expected sha256: and 64 lower-case hex digits/);
    expect(line).toContain(JSON.stringify(digest).slice(1, 12));
    // Refused while reading the manifest: no blob at all is sent.
    expect(proxy.log.filter((entry) => ['PATCH', 'PUT'].includes(entry.method))).toEqual([]);
  });

  it('refuses a blob that is a symlink to a file outside the layout', async () => {
    const outside = Buffer.from('the secret outside the layout\n');
    const { line, repository } = await pushLayout(
      [{ bytes: outside, linkTo: '../../../secret.bin' }],
      outside,
    );
    expect(line).toMatch(/the layout has no blobs\/sha256\/[0-9a-f]{64}/);
    expectOnlyConfigSent();
    expect(await held(repository, `sha256:${sha256Hex(outside)}`)).toBe(false);
  });

  it('refuses a negative or fractional size, and a size the file does not have', async () => {
    expect((await pushLayout([{ size: -1 }])).line).toMatch(/expected a whole number of bytes/);
    expect((await pushLayout([{ size: 0.5 }])).line).toMatch(/expected a whole number of bytes/);
    const { line } = await pushLayout([{ bytes: Buffer.from('five!'), size: 3 }]);
    expect(line).toMatch(/has 5 bytes, but its descriptor says 3/);
    expectOnlyConfigSent();
  });
});

describe('OCI layout blobs that are not what their digest says', () => {
  it('sends no byte of a 33 MiB blob whose content differs from its digest', async () => {
    const claimed = randomBytes(33 << 20);
    const actual = randomBytes(33 << 20);
    const digest = `sha256:${sha256Hex(claimed)}`;
    const { line, repository } = await pushLayout([{ digest, size: actual.length, bytes: actual }]);
    expect(line).toMatch(/does not have the digest its name says/);
    expectOnlyConfigSent();
    expect(await held(repository, digest)).toBe(false);
  });

  it('sends a 33 MiB blob that is its digest, in chunks (the control)', async () => {
    const bytes = randomBytes(33 << 20);
    const { layout } = makeHostileLayout([{ bytes }]);
    const run = await hypernixBounded(
      ['push', layout, `${proxy.host}/hostile/layout-good:1`, '--plain-http'],
      { timeoutMs: 60_000, maxRssMiB: MAX_RSS_MIB },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(await held('hostile/layout-good', `sha256:${sha256Hex(bytes)}`)).toBe(true);
    expect(proxy.log.some((entry) => entry.method === 'PATCH')).toBe(true);
  });

  it('sends a small blob that differs from its digest nowhere either', async () => {
    const digest = `sha256:${sha256Hex(Buffer.from('claimed'))}`;
    const { line } = await pushLayout([{ digest, size: 6, bytes: Buffer.from('actual') }]);
    expect(line).toMatch(/does not have the digest its name says/);
    expectOnlyConfigSent();
  });
});
