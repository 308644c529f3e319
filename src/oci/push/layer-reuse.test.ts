import { describe, expect, it } from 'vitest';
import { LayerRegistryDouble, sha256, short } from '../../../test/helpers/layer-registry-double.js';
import { chunksOf, compressible, contextFor } from '../../../test/helpers/layer-fixtures.js';
import { MEDIA_TYPE } from '../media-types.js';
import type { KnownLayer } from './known-layers.js';
import { hashThenReuse, presentAsItIs, reuseKnown } from './layer-reuse.js';
import { LayerDigestError } from './layer-types.js';

const blob = Buffer.from('the compressed blob');
const DIFF = 'sha256:' + 'd'.repeat(64);
const known = (inTarget: boolean): Map<string, KnownLayer> =>
  new Map([
    [
      DIFF,
      {
        digest: sha256(blob),
        size: blob.length,
        mediaType: MEDIA_TYPE.dockerLayerGzip,
        repository: 'base',
        inTarget,
      },
    ],
  ]);
const elapsed = () => 0.5;

describe('reuseKnown', () => {
  it('reuses a blob a manifest of the target names without asking the registry', async () => {
    const registry = new LayerRegistryDouble();
    const report = await reuseKnown(contextFor(registry, { known: known(true) }), DIFF, 3, elapsed);
    expect(report).toEqual({
      index: 3,
      diffId: DIFF,
      digest: sha256(blob),
      // A Docker gzip blob goes into this OCI push's manifest under OCI's gzip media type.
      mediaType: MEDIA_TYPE.ociLayerGzip,
      size: blob.length,
      sentBytes: 0,
      action: 'reused',
      seconds: 0.5,
    });
    expect(registry.calls).toEqual([]);
  });

  it('reuses a blob the target holds though no manifest of it names it (one HEAD)', async () => {
    const registry = new LayerRegistryDouble();
    registry.blobs.set(sha256(blob), blob);
    const context = contextFor(registry, { known: known(false), format: 'docker' });
    const report = await reuseKnown(context, DIFF, 0, elapsed);
    expect(report).toMatchObject({ action: 'reused', mediaType: MEDIA_TYPE.dockerLayerGzip });
    expect(registry.calls).toEqual([`HEAD ${short(sha256(blob))}`]);
  });

  it('mounts a blob another repository holds', async () => {
    const registry = new LayerRegistryDouble();
    registry.elsewhere.set(sha256(blob), blob);
    const report = await reuseKnown(
      contextFor(registry, { known: known(false) }),
      DIFF,
      0,
      elapsed,
    );
    expect(report).toMatchObject({ action: 'mounted', sentBytes: 0, size: blob.length });
    expect(registry.calls).toEqual([
      `HEAD ${short(sha256(blob))}`,
      `MOUNT ${short(sha256(blob))} from base`,
    ]);
  });

  it('gives up when the registry will not mount it, so that the layer is sent', async () => {
    const registry = new LayerRegistryDouble();
    const context = contextFor(registry, { known: known(false) });
    expect(await reuseKnown(context, DIFF, 0, elapsed)).toBeUndefined();
    expect(registry.calls).toHaveLength(2);
  });

  it('asks nothing of a layer it does not know', async () => {
    const registry = new LayerRegistryDouble();
    const context = contextFor(registry, { known: known(true) });
    expect(await reuseKnown(context, 'sha256:' + 'e'.repeat(64), 0, elapsed)).toBeUndefined();
    expect(registry.calls).toEqual([]);
  });
});

describe('presentAsItIs', () => {
  const layer = compressible(3000);
  const job = {
    index: 2,
    path: 'l.tar',
    diffId: sha256(layer),
    file: '/unread',
    offset: 0,
    size: 3000,
  };

  it('a layer held under its diff_id: the session is deleted, nothing read or sent', async () => {
    const registry = new LayerRegistryDouble();
    registry.blobs.set(job.diffId, layer);
    const session = registry.openSession();
    const report = await presentAsItIs(contextFor(registry), job, session, elapsed);
    expect(report).toEqual({
      index: 2,
      diffId: job.diffId,
      digest: job.diffId,
      mediaType: MEDIA_TYPE.ociLayer,
      size: 3000,
      sentBytes: 0,
      action: 'present',
      seconds: 0.5,
    });
    expect(registry.calls).toEqual(['POST → s1', `HEAD ${short(job.diffId)}`, 'DELETE s1']);
  });

  it('a layer not held, or a HEAD that fails: the upload runs in the session', async () => {
    const registry = new LayerRegistryDouble();
    const session = registry.openSession();
    expect(await presentAsItIs(contextFor(registry), job, session, elapsed)).toBeUndefined();
    registry.failing.set('blobSize', new Error('connection reset'));
    expect(await presentAsItIs(contextFor(registry), job, session, elapsed)).toBeUndefined();
    expect(registry.calls).not.toContain('DELETE s1');
  });
});

describe('hashThenReuse', () => {
  const layer = compressible(100_000);
  const diffId = sha256(layer);
  const knownLayer = new Map([
    [
      diffId,
      {
        digest: sha256(blob),
        size: blob.length,
        mediaType: MEDIA_TYPE.ociLayerGzip,
        repository: 'app',
        inTarget: true,
      },
    ],
  ]);

  it('hashes the announced layer and reuses its blob', async () => {
    const registry = new LayerRegistryDouble();
    const context = contextFor(registry, { known: knownLayer });
    const { computedDiffId, upload } = await hashThenReuse(
      context,
      chunksOf(layer),
      diffId,
      elapsed,
    );
    expect(computedDiffId).toBe(diffId);
    expect(await upload()).toMatchObject({ action: 'reused', digest: sha256(blob) });
    expect(registry.calls).toEqual([]);
  });

  it('refuses a layer whose bytes are not what its path announces', async () => {
    const context = contextFor(new LayerRegistryDouble(), { known: knownLayer });
    const other = compressible(99_999);
    const { computedDiffId, upload } = await hashThenReuse(
      context,
      chunksOf(other),
      diffId,
      elapsed,
    );
    expect(computedDiffId).toBe(sha256(other));
    await expect(upload()).rejects.toThrow(LayerDigestError);
    await expect(upload()).rejects.toThrow(
      `a layer announced as ${diffId} has digest ${sha256(other)}`,
    );
  });
});
