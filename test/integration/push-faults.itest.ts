import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { hypernix, lastLine } from '../helpers/cli.js';
import { streamBlob } from '../../src/oci/registry/blob-upload.js';
import { RegistryClient } from '../../src/oci/registry/registry-client.js';
import { StallError } from '../../src/oci/http/transport.js';
import { makeDockerArchive, randomLayer } from '../helpers/make-archive.js';
import { tempDir } from '../helpers/temp.js';

// Faults injected by a loopback proxy (test/helpers/fault-proxy.ts) between `hypernix` and the
// real registry: resets in the middle of a blob, 503 and 429 with Retry-After, slow answers,
// a refused manifest. Every push must end with correct digests, and no tag may ever point at an
// image whose blobs are not all in the registry.

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
beforeEach(() => {
  proxy.setRules([]);
  proxy.reset();
});

/** A blob of random bytes that streamBlob can read again for each try. */
function randomBlob(length: number) {
  const bytes = randomBytes(length);
  return {
    stream: async function* () {
      yield bytes;
    },
    length,
  };
}

/** Reads the image straight from the registry (not through the proxy) and checks every blob. */
function assertCompleteImage(repository: string, tag: string): void {
  const raw = execFileSync(
    'skopeo',
    ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/${repository}:${tag}`],
    {
      encoding: 'utf8',
    },
  );
  const manifest = JSON.parse(raw) as { config: { digest: string }; layers: { digest: string }[] };
  for (const blob of [manifest.config, ...manifest.layers]) {
    const head = spawnSync('curl', [
      '-sfI',
      `${registry.url}/v2/${repository}/blobs/${blob.digest}`,
    ]);
    expect(head.status, `${blob.digest} is missing`).toBe(0);
  }
  const out = join(tempDir('faults-'), 'copy.tar');
  // skopeo verifies every blob's digest while copying.
  execFileSync('skopeo', [
    'copy',
    '--src-tls-verify=false',
    `docker://${registry.host}/${repository}:${tag}`,
    `docker-archive:${out}`,
  ]);
}

const tagExists = (repository: string, tag: string) =>
  spawnSync('skopeo', [
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${registry.host}/${repository}:${tag}`,
  ]).status === 0;

/** `hypernix push --plain-http --json`, which must succeed: its JSON report. */
async function pushReport(archive: string, ref: string, ...extra: string[]) {
  const run = await hypernix(['push', archive, ref, '--plain-http', '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, string>;
}

/** Deletes a manifest: its blobs stay in the registry, with no manifest naming them. */
async function deleteManifest(repository: string, digest: string): Promise<void> {
  const deleted = await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, {
    method: 'DELETE',
  });
  expect(deleted.status).toBe(202);
}

describe('push through faults', () => {
  it('recovers a chunked upload after the connection drops in the middle of a blob', async () => {
    const { path } = makeDockerArchive({ layers: [randomLayer(40 << 20)] });
    proxy.setRules([
      // The first PATCH carries 256 KiB (chunks then double): cut it in its middle.
      { kind: 'drop-after', method: 'PATCH', path: /\/blobs\/uploads\//, bytes: 128 << 10 },
    ]);
    const run = await hypernix([
      'push',
      path,
      `${proxy.host}/faults/chunked:1`,
      '--plain-http',
      '--compression',
      'none',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/chunk at byte 0 failed/);
    // Docker's distribution drops a session whose bytes were written in part (GET on it answers
    // 404 BLOB_UPLOAD_INVALID), so the layer of a tar file is sent again from its start; a
    // registry that keeps the session gets only the missing bytes (the Range of its answer).
    expect(run.stderr).toMatch(/lost the upload session .*; sending layer 1 again from its start/);
    assertCompleteImage('faults/chunked', '1');
  });

  it('sends a layer again when its upload is cut off in the middle', async () => {
    // Into a Docker manifest (gzip layers only), a random layer goes up as gzip stored blocks in
    // one PATCH while it is hashed; a hex-text layer deflates (to about half) and goes up held,
    // in one PUT. Each is cut once in its body; the PUT rule is aimed at the text layer's body
    // (about 64 KiB deflated), so the config's PUT and the random layer's closing PUT, whichever
    // order they come in, do not use up its turn.
    // Under 256 KiB once deflated: held, and sent in one PUT.
    const hexText = randomBytes(1 << 16).toString('hex');
    const { path } = makeDockerArchive({ layers: [randomLayer(2 << 20), hexText] });
    proxy.setRules([
      { kind: 'drop-after', method: 'PATCH', path: /\/blobs\/uploads\//, bytes: 1 << 20, times: 1 },
      {
        kind: 'drop-after',
        method: 'PUT',
        path: /\/blobs\/uploads\//,
        bytes: 32 << 10,
        minBodyBytes: 40 << 10,
      },
    ]);
    const run = await hypernix([
      'push',
      path,
      `${proxy.host}/faults/mono:1`,
      '--plain-http',
      '--manifest-format',
      'docker',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/upload to faults\/mono failed .*; sending it again/);
    expect(run.stderr).toMatch(/upload of sha256:.* failed .*; retrying/);
    assertCompleteImage('faults/mono', '1');
  });

  it('sends a layer that does not compress as it is, in one PUT that names its diff_id', async () => {
    // Into an OCI manifest, a random layer is its own blob: one PUT naming the diff_id carries
    // it (no PATCH), and a PUT cut in its body is sent again in a new session.
    const { path, diffIds } = makeDockerArchive({
      layers: [randomLayer(2 << 20), 'text '.repeat(50_000)],
    });
    // The rule is aimed at the layer's own PUT (its query names the diff_id): the config's PUT
    // and the text layer's would use up its turn otherwise.
    const named = encodeURIComponent(diffIds[0] as string);
    proxy.setRules([
      { kind: 'drop-after', method: 'PUT', path: new RegExp(named), bytes: 1 << 20, times: 1 },
    ]);
    const run = await hypernix(['push', path, `${proxy.host}/faults/plain:1`, '--plain-http']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/upload of sha256:.* failed .*; retrying/);
    const layerPuts = proxy.log.filter((e) => e.method === 'PUT' && e.path.includes(named));
    expect(layerPuts).toHaveLength(2);
    // Each try in a session of its own: the one cut off may be half-written.
    const sessionOf = (path: string) => /\/blobs\/uploads\/([^?]+)/.exec(path)?.[1];
    expect(new Set(layerPuts.map((e) => sessionOf(e.path))).size).toBe(2);
    expect(proxy.log.filter((e) => e.method === 'PATCH')).toEqual([]);
    const manifest = JSON.parse(
      execFileSync(
        'skopeo',
        ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/faults/plain:1`],
        {
          encoding: 'utf8',
        },
      ),
    ) as { layers: { mediaType: string; digest: string }[] };
    expect(manifest.layers.map((l) => l.mediaType)).toEqual([
      'application/vnd.oci.image.layer.v1.tar',
      'application/vnd.oci.image.layer.v1.tar+gzip',
    ]);
    expect(manifest.layers[0]?.digest).toBe(diffIds[0]);
    assertCompleteImage('faults/plain', '1');
  });

  it('opens a session early when the target tags are new, and deletes it when no layer needs it', async () => {
    const { path } = makeDockerArchive({ layers: [randomLayer(200_000), 'text '.repeat(20_000)] });
    const uploads = (method: string) =>
      proxy.log.filter((entry) => entry.method === method && /\/blobs\/uploads\//.test(entry.path));
    const first = await hypernix(['push', path, `${proxy.host}/faults/spare:1`, '--plain-http']);
    expect(first.code, first.stderr).toBe(0);
    // New repository: the early session is the first layer's, so none is deleted.
    expect(uploads('DELETE')).toEqual([]);
    proxy.reset();
    // The same image under a new tag: a session is opened while the tag list is read, then no
    // layer needs it, and it is deleted; nothing else is uploaded.
    const retag = await hypernix(['push', path, `${proxy.host}/faults/spare:2`, '--plain-http']);
    expect(retag.code, retag.stderr).toBe(0);
    expect(uploads('POST')).toHaveLength(1);
    expect(uploads('DELETE').map((entry) => entry.status)).toEqual([204]);
    expect([...uploads('PATCH'), ...uploads('PUT')]).toEqual([]);
    assertCompleteImage('faults/spare', '2');
  });

  it('annotates OCI layers with their diff_ids, so a later push pairs them without the config', async () => {
    const shared = randomLayer(100_000);
    const first = makeDockerArchive({ layers: [shared, 'first '.repeat(20_000)] });
    const second = makeDockerArchive({ layers: [shared, 'second '.repeat(20_000)] });
    const blobGets = () =>
      proxy.log.filter((entry) => entry.method === 'GET' && /\/blobs\//.test(entry.path));
    const push = async (path: string, ref: string, ...flags: string[]) => {
      const run = await hypernix(['push', path, ref, '--plain-http', '--json', ...flags]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as Record<string, string>;
    };

    await push(first.path, `${registry.host}/faults/annotated:1`);
    const response = await fetch(`${registry.url}/v2/faults/annotated/manifests/1`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    const manifest = (await response.json()) as {
      mediaType: string;
      layers: { annotations?: Record<string, string> }[];
    };
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(
      manifest.layers.map((layer) => layer.annotations?.['vnd.hypernix.uncompressed.digest']),
    ).toEqual(first.diffIds);

    // A new tag: the first image's layers are learnt from its manifest, and no blob is read.
    proxy.reset();
    const annotated = await push(second.path, `${proxy.host}/faults/annotated:2`);
    expect(blobGets()).toEqual([]);
    expect(Number(annotated['reused-bytes'])).toBeGreaterThan(100_000);
    assertCompleteImage('faults/annotated', '2');

    // Docker's schema 2 has no annotations: the same push has to read the first image's config.
    await push(first.path, `${registry.host}/faults/schema2:1`, '--manifest-format', 'docker');
    proxy.reset();
    const schema2 = await push(
      second.path,
      `${proxy.host}/faults/schema2:2`,
      '--manifest-format',
      'docker',
    );
    expect(blobGets()).toHaveLength(1);
    expect(Number(schema2['reused-bytes'])).toBeGreaterThan(100_000);
  });

  it('ends a streamed upload whose PATCH fails while its digest is still to come', async () => {
    const client = new RegistryClient({ registry: proxy.host, plainHttp: true });
    const blob = randomBlob(1 << 20);
    proxy.setRules([{ kind: 'status', status: 400, method: 'PATCH', path: /\/blobs\/uploads\// }]);
    // The digest waits on the body being read (a layer is hashed as its body goes out): a PATCH
    // refused before that must end the upload, not leave it waiting for ever.
    const never = new Promise<string | undefined>(() => undefined);
    await expect(streamBlob(client, 'faults/refused', blob, never)).rejects.toThrow(/400/);
  });

  it("lets a layer's hash speak before a PATCH the registry refused", async () => {
    // A Docker manifest: the random layer goes up as gzip stored blocks, in a PATCH.
    const docker = ['--manifest-format', 'docker'];
    const layer = randomLayer(3 << 20);
    const { path } = makeDockerArchive({ layers: [layer] });
    const { digest } = await pushReport(path, `${registry.host}/faults/held:1`, ...docker);
    // The manifest goes, the blobs stay: no tag names the layer, so it is streamed up again.
    await deleteManifest('faults/held', digest as string);
    const refusePatch = () =>
      proxy.setRules([
        { kind: 'status', status: 400, method: 'PATCH', path: /\/blobs\/uploads\// },
      ]);

    // The registry holds the blob: the push goes through though its PATCH was refused.
    refusePatch();
    const held = await pushReport(path, `${proxy.host}/faults/held:2`, ...docker);
    expect(held).toMatchObject({ 'pushed-bytes': '0', digest });

    // A layer that is not what its config says is said to be so, not hidden behind the 400.
    const corrupt = makeDockerArchive({ layers: [randomLayer(3 << 20)], corruptLayer: 0 });
    refusePatch();
    const run = await hypernix([
      'push',
      corrupt.path,
      `${proxy.host}/faults/held:3`,
      '--plain-http',
      ...docker,
    ]);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/has digest .* but the config lists .*; nothing was tagged$/);
  });

  it('finds a layer sent as it is by its diff_id, and refuses one whose bytes are not it', async () => {
    const layer = randomLayer(3 << 20);
    const { path, diffIds } = makeDockerArchive({ layers: [layer] });
    const { digest } = await pushReport(path, `${registry.host}/faults/plainheld:1`);
    await deleteManifest('faults/plainheld', digest as string);
    // No manifest names the blob any more, but its digest is the diff_id: a HEAD finds it, and
    // the session opened for it is deleted.
    const again = await pushReport(path, `${proxy.host}/faults/plainheld:2`);
    expect(again).toMatchObject({ 'pushed-bytes': '0', digest });
    expect(proxy.log).toContainEqual(
      expect.objectContaining({
        method: 'HEAD',
        path: `/v2/faults/plainheld/blobs/${diffIds[0]}`,
        status: 200,
      }),
    );
    expect(proxy.log.filter((e) => e.method === 'DELETE').map((e) => e.status)).toEqual([204]);
    // Only the config (which no manifest names now either) is sent again: no layer bytes.
    const layerDigest = diffIds[0] as string;
    const aboutLayer = (path: string) =>
      path.includes(layerDigest) || path.includes(encodeURIComponent(layerDigest));
    expect(proxy.log.filter((e) => e.method === 'PATCH' || aboutLayer(e.path))).toEqual([
      expect.objectContaining({ method: 'HEAD' }),
    ]);

    // Larger than one PUT (32 MiB) it would go in PATCH chunks: it is asked for all the same.
    const big = makeDockerArchive({ layers: [randomLayer(40 << 20)] });
    const bigDigest = (await pushReport(big.path, `${registry.host}/faults/plainbig:1`)).digest;
    await deleteManifest('faults/plainbig', bigDigest as string);
    const bigAgain = await pushReport(big.path, `${registry.host}/faults/plainbig:2`);
    expect(bigAgain).toMatchObject({ 'pushed-bytes': '0', digest: bigDigest });

    // A layer whose bytes are not its name: the registry refuses the PUT that names the diff_id,
    // and the hash here says why, in one line; no tag.
    const corrupt = makeDockerArchive({ layers: [randomLayer(3 << 20)], corruptLayer: 0 });
    const run = await hypernix([
      'push',
      corrupt.path,
      `${proxy.host}/faults/plainheld:3`,
      '--plain-http',
    ]);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/has digest .* but the config lists .*; nothing was tagged$/);
    expect(tagExists('faults/plainheld', '3')).toBe(false);
  });

  it('calls a streamed upload off, untried again, when the digest cannot be worked out', async () => {
    const client = new RegistryClient({ registry: proxy.host, plainHttp: true });
    const blob = randomBlob(1 << 20);
    // A stall is worth retrying as a request, but the hash of the layer will not come again.
    const stalled = new StallError('no progress reading the layer');
    await expect(streamBlob(client, 'faults/verdict', blob, Promise.reject(stalled))).rejects.toBe(
      stalled,
    );
    const methods = proxy.log.map((entry) => entry.method);
    expect(methods.filter((method) => method === 'POST')).toHaveLength(1);
    expect(methods.filter((method) => method === 'DELETE')).toHaveLength(1);
    expect(methods).not.toContain('PUT');
  });

  it('waits out 503 and 429 with Retry-After, and slow answers', async () => {
    const { path } = makeDockerArchive({ layers: ['a', 'b', 'c'] });
    proxy.setRules([
      { kind: 'status', status: 503, path: /\/blobs\/uploads\/$/, times: 2 },
      {
        kind: 'status',
        status: 429,
        retryAfter: '1',
        method: 'PUT',
        path: /\/manifests\//,
        times: 1,
      },
      { kind: 'delay', ms: 300, method: 'HEAD', path: /\/blobs\//, times: 3 },
    ]);
    const started = Date.now();
    const run = await hypernix(['push', path, `${proxy.host}/faults/busy:1`, '--plain-http']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/answered 503/);
    expect(run.stderr).toMatch(/answered 429.*retrying in 1\.0 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    assertCompleteImage('faults/busy', '1');
  });

  it('gives up on a request that makes no progress for the idle timeout, after its retries', async () => {
    proxy.setRules([{ kind: 'delay', ms: 1500, path: /\/manifests\//, times: 10 }]);
    const client = new RegistryClient({
      registry: proxy.host,
      plainHttp: true,
      idleTimeoutMs: 200,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 1000 },
    });
    const started = Date.now();
    await expect(client.getManifest('faults/slow', '1')).rejects.toThrow(
      /no progress for 0\.2 s on GET \/v2\/faults\/slow\/manifests\/1/,
    );
    expect(Date.now() - started).toBeLessThan(1500);
    // Two attempts, each cut off after 0.2 s of silence.
    expect(proxy.stats.byMethod.GET).toBe(2);
  });

  it('leaves no tag when the registry refuses the manifest (413)', async () => {
    const { path } = makeDockerArchive({ layers: ['a'] });
    proxy.setRules([
      { kind: 'status', status: 413, method: 'PUT', path: /\/manifests\//, times: 5 },
    ]);
    const run = await hypernix(['push', path, `${proxy.host}/faults/refused:1`, '--plain-http']);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(
      /^hypernix: registry 127\.0\.0\.1:\d+: PUT \/v2\/faults\/refused\/manifests\/1 answered 413/,
    );
    expect(tagExists('faults/refused', '1')).toBe(false);
  });

  it('gives up after the last attempt with one line, leaving no tag', async () => {
    const { path } = makeDockerArchive({ layers: ['a'] });
    proxy.setRules([{ kind: 'status', status: 503, path: /\/blobs\/uploads\//, times: 100 }]);
    const run = await hypernix(['push', path, `${proxy.host}/faults/down:1`, '--plain-http']);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/answered 503/);
    expect(tagExists('faults/down', '1')).toBe(false);
  }, 60_000);
});

describe('artifact pull through faults', () => {
  it('follows a redirect to blob storage on another origin', async () => {
    const dir = tempDir('hypernix-qcow2-');
    const qcow2 = join(dir, 'nixos.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', qcow2, '64M']);
    expect(
      (
        await hypernix([
          'artifact',
          'push',
          qcow2,
          `${registry.host}/faults/redirected:1`,
          '--plain-http',
        ])
      ).code,
    ).toBe(0);
    // The blob GET is sent on to the registry itself, by another address: another origin.
    proxy.setRules([
      {
        kind: 'redirect',
        method: 'GET',
        path: /\/blobs\/sha256:/,
        origin: registry.url.replace('127.0.0.1', 'localhost'),
      },
    ]);
    const target = join(dir, 'pulled.qcow2');
    const run = await hypernix([
      'artifact',
      'pull',
      `${proxy.host}/faults/redirected:1`,
      target,
      '--plain-http',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.log.some((entry) => entry.status === 307)).toBe(true);
    expect(readFileSync(target).equals(readFileSync(qcow2))).toBe(true);
  });

  it('resumes a broken download with Range and verifies the digest', async () => {
    const dir = tempDir('hypernix-qcow2-');
    const raw = join(dir, 'disk.raw');
    writeFileSync(raw, randomBytes(6 << 20));
    const qcow2 = join(dir, 'nixos.qcow2');
    execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
    expect(
      (await hypernix(['artifact', 'push', qcow2, `${registry.host}/faults/vm:1`, '--plain-http']))
        .code,
    ).toBe(0);
    proxy.setRules([
      {
        kind: 'drop-response-after',
        method: 'GET',
        path: /\/blobs\/sha256:/,
        bytes: 2 << 20,
        times: 2,
      },
    ]);
    const target = join(dir, 'pulled.qcow2');
    const run = await hypernix([
      'artifact',
      'pull',
      `${proxy.host}/faults/vm:1`,
      target,
      '--plain-http',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/resuming/);
    expect(readFileSync(target).equals(readFileSync(qcow2))).toBe(true);
    expect(existsSync(`${target}.part`)).toBe(false);
    // Resumed, not restarted: about the file once, not three times.
    expect(proxy.stats.responseBytes).toBeLessThan(readFileSync(qcow2).length * 1.5);
  });
});
