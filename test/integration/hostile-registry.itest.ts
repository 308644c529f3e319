import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION, MEDIA_TYPE } from '../../src/oci/media-types.js';
import { expectOneCleanError, hypernixBounded, type BoundedRun } from '../helpers/bounded.js';
import { hypernix } from '../helpers/cli.js';
import { makeDockerArchive } from '../helpers/make-archive.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import {
  announceOnly,
  document,
  endlessBody,
  neverAnswer,
  redirectToSelf,
  startHostileRegistry,
  trickle,
  uploadSession,
  type HostileRegistry,
  type Route,
} from '../hostile/registry.js';
import { tempDir } from '../helpers/temp.js';

// The hostile-input corpus, registry side: registries that send more than a blob's declared
// size, trickle, never answer, or loop on redirects, each against the bundled CLI under time and
// memory bounds. Each ends in one `hypernix:` line naming what was wrong, within its bounds,
// with nothing left beside the target (no temporary file) and nothing written through a link.

const MAX_RSS_MIB = 300;
const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

let hostile: HostileRegistry | undefined;
afterEach(async () => {
  await hostile?.close();
  hostile = undefined;
});

/** A registry serving one qcow2 artifact whose one blob answers with `blob`. */
async function artifactRegistry(blob: Route['respond'], size = 1024): Promise<{ digest: string }> {
  const digest = sha256(randomBytes(size));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPE.ociManifest,
      artifactType: MEDIA_TYPE.qcow2Artifact,
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: sha256(Buffer.from('{}')),
        size: 2,
      },
      layers: [{ mediaType: MEDIA_TYPE.qcow2Layer, digest, size }],
    }),
  );
  hostile = await startHostileRegistry([
    { path: /\/manifests\//, respond: document(manifest, MEDIA_TYPE.ociManifest) },
    { method: 'GET', path: /\/blobs\/sha256:/, respond: blob },
  ]);
  return { digest };
}

/** Pulls from the hostile registry into a fresh directory; returns the run and what is left. */
async function pull(env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('hostile-pull-');
  const run = await hypernixBounded(
    ['artifact', 'pull', `${hostile!.host}/vm/disk:1`, join(dir, 'disk.qcow2'), '--plain-http'],
    { timeoutMs: 30_000, maxRssMiB: MAX_RSS_MIB, env },
  );
  return { run, left: readdirSync(dir) };
}

function expectBounded(run: BoundedRun, seconds: number): string {
  const line = expectOneCleanError(run);
  expect(run.elapsedMs, line).toBeLessThan(seconds * 1000);
  expect(run.peakRssMiB, line).toBeLessThan(MAX_RSS_MIB);
  return line;
}

describe('artifact pull from a hostile registry', () => {
  it('stops at the declared size when the blob goes on (64 MiB for 1,024 bytes), and leaves no file', async () => {
    const { digest } = await artifactRegistry(endlessBody(64 << 20));
    const { run, left } = await pull();
    const line = expectBounded(run, 10);
    expect(line).toContain(hostile!.host);
    expect(line).toContain(digest);
    expect(line).toMatch(/more than the 1024 bytes/);
    expect(left).toEqual([]);
    // Not six tries of it: the first byte too many ends the pull.
    expect(hostile!.log.filter((entry) => /\/blobs\//.test(entry.path))).toHaveLength(1);
  });

  it('fails at once on a Content-Length above the declared size (10 GB announced, none sent)', async () => {
    const { digest } = await artifactRegistry(announceOnly(10_000_000_000));
    const { run, left } = await pull();
    const line = expectBounded(run, 10);
    expect(line).toContain(digest);
    expect(left).toEqual([]);
  });

  it('fails a trickled blob at its deadline, naming the registry and the blob', async () => {
    const { digest } = await artifactRegistry(trickle(200));
    const { run, left } = await pull({ HYPERNIX_TRANSFER_FLOOR_SECONDS: '2' });
    const line = expectBounded(run, 12);
    expect(line).toMatch(/did not finish within 2 s/);
    expect(line).toContain(hostile!.host);
    expect(line).toContain(digest);
    expect(run.elapsedMs).toBeGreaterThan(2000);
    expect(left).toEqual([]);
  });

  it('refuses a manifest whose blob digest could name a path, before any blob request', async () => {
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        artifactType: MEDIA_TYPE.qcow2Artifact,
        layers: [
          { mediaType: MEDIA_TYPE.qcow2Layer, digest: 'sha256:../../../etc/passwd', size: 4 },
        ],
      }),
    );
    hostile = await startHostileRegistry([
      { path: /\/manifests\//, respond: document(manifest, MEDIA_TYPE.ociManifest) },
    ]);
    const { run, left } = await pull();
    expect(expectBounded(run, 10)).toContain('sha256:../../../etc/passwd');
    expect(hostile.log.some((entry) => entry.path.includes('/blobs/'))).toBe(false);
    expect(left).toEqual([]);
  });
});

describe('artifact pull of a compressed blob that unpacks beyond its pushed size', () => {
  it('stops unpacking at the recorded size (8 MiB of zeros recorded as 1,024 bytes)', async () => {
    const packed = gzipSync(Buffer.alloc(8 << 20));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPE.ociManifest,
        artifactType: MEDIA_TYPE.qcow2Artifact,
        layers: [
          {
            mediaType: `${MEDIA_TYPE.qcow2Layer}+gzip`,
            digest: sha256(packed),
            size: packed.length,
            annotations: { [ANNOTATION.uncompressedSize]: '1024' },
          },
        ],
      }),
    );
    hostile = await startHostileRegistry([
      { path: /\/manifests\//, respond: document(manifest, MEDIA_TYPE.ociManifest) },
      { method: 'GET', path: /\/blobs\/sha256:/, respond: document(packed, 'application/gzip') },
    ]);
    const { run, left } = await pull();
    expect(expectBounded(run, 10)).toMatch(/unpacks to more than the 1024 bytes/);
    expect(left).toEqual([]);
  });
});

describe('push to a hostile registry', () => {
  it('ends a 307 loop on upload POSTs with one line, never an unhandled rejection (image push)', async () => {
    hostile = await startHostileRegistry([
      { method: 'POST', path: /\/blobs\/uploads\//, respond: redirectToSelf },
    ]);
    const archive = makeDockerArchive({ layers: [randomBytes(4096), 'second layer'] });
    const run = await hypernixBounded(
      ['push', archive.path, `${hostile.host}/loop/image:1`, '--plain-http'],
      { timeoutMs: 60_000, maxRssMiB: MAX_RSS_MIB },
    );
    const line = expectBounded(run, 45);
    expect(line).toMatch(/307/);
    expect(line).toContain(hostile.host);
    expect(hostile.log.some((entry) => entry.method === 'PUT')).toBe(false);
  });

  it('ends a 307 loop on upload POSTs with one line (artifact push)', async () => {
    hostile = await startHostileRegistry([
      { method: 'POST', path: /\/blobs\/uploads\//, respond: redirectToSelf },
    ]);
    const file = join(tempDir('hostile-push-'), 'disk.qcow2');
    writeFileSync(file, qcow2Bytes(8192));
    const run = await hypernixBounded(
      ['artifact', 'push', file, `${hostile.host}/loop/disk:1`, '--plain-http'],
      { timeoutMs: 60_000, maxRssMiB: MAX_RSS_MIB },
    );
    expect(expectBounded(run, 45)).toMatch(/307/);
    expect(hostile.log.some((entry) => entry.method === 'PUT')).toBe(false);
  });

  it('fails an upload the registry never answers at its deadline, and sets no tag', async () => {
    hostile = await startHostileRegistry([
      { method: 'POST', path: /\/blobs\/uploads\//, respond: uploadSession },
      { method: 'PUT', path: /\/v2\/upload\//, respond: neverAnswer },
    ]);
    const file = join(tempDir('hostile-push-'), 'disk.qcow2');
    writeFileSync(file, qcow2Bytes(8192));
    const run = await hypernixBounded(
      ['artifact', 'push', file, `${hostile.host}/slow/disk:1`, '--plain-http'],
      { timeoutMs: 30_000, maxRssMiB: MAX_RSS_MIB, env: { HYPERNIX_TRANSFER_FLOOR_SECONDS: '2' } },
    );
    const line = expectBounded(run, 12);
    expect(line).toMatch(/did not finish within 2 s/);
    expect(line).toContain(hostile.host);
    expect(
      hostile.log.some((entry) => /\/manifests\//.test(entry.path) && entry.method === 'PUT'),
    ).toBe(false);
  });
});

describe('artifact pull into a directory with planted links (real registry)', () => {
  let registry: LabRegistry;
  let reference: string;
  let content: Buffer;
  beforeAll(async () => {
    registry = await startRegistry();
    const file = join(tempDir('hostile-src-'), 'disk.qcow2');
    content = qcow2Bytes(256 << 10);
    writeFileSync(file, content);
    reference = `${registry.host}/vm/planted:1`;
    const pushed = await hypernix(['artifact', 'push', file, reference, '--plain-http']);
    expect(pushed.code, pushed.stderr).toBe(0);
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('never writes through a planted FILE.part symlink, nor through a link at the target', async () => {
    const dir = tempDir('hostile-planted-');
    const outside = join(tempDir('hostile-outside-'), 'victim');
    writeFileSync(outside, 'untouched');
    const target = join(dir, 'disk.qcow2');
    symlinkSync(outside, `${target}.part`);
    const run = await hypernix(['artifact', 'pull', reference, target, '--plain-http']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
    expect(lstatSync(`${target}.part`).isSymbolicLink()).toBe(true);
    expect(lstatSync(target).isFile()).toBe(true);
    expect(readFileSync(target).equals(content)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['disk.qcow2', 'disk.qcow2.part']);

    // A link planted at the target itself is replaced, not written through.
    const second = join(dir, 'second.qcow2');
    symlinkSync(outside, second);
    const again = await hypernix(['artifact', 'pull', reference, second, '--plain-http']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
    expect(lstatSync(second).isFile()).toBe(true);
  });
});

/** Bytes that pass for a qcow2 disk image (its magic, then random data): what artifact push takes. */
function qcow2Bytes(size: number): Buffer {
  return Buffer.concat([Buffer.from('QFI\xfb', 'latin1'), randomBytes(size - 4)]);
}
