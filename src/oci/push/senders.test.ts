// The senders against a test double of the registry (LayerRegistryDouble): which requests each
// way of sending makes, in which order, and what ends up in the registry. The real requests are
// the push integration tests' (test/integration/push*.itest.ts).
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LayerRegistryDouble, sha256, short } from '../../../test/helpers/layer-registry-double.js';
import {
  chunksOf,
  compressible,
  contextFor,
  incompressible,
  layerFiles,
} from '../../../test/helpers/layer-fixtures.js';
import { framedSize } from '../blob/framed-layer.js';
import { MONOLITHIC_LIMIT } from '../registry/blob-upload.js';
import { MEDIA_TYPE } from '../media-types.js';
import { LayerDigestError } from './layer-types.js';
import { sendEncoded } from './send-encoded.js';
import { sendAsItIs, sendStoredGzip } from './send-framed.js';

const files = layerFiles();
afterAll(() => files.remove());

describe('sendAsItIs', () => {
  it('one PUT names the diff_id and carries the layer', async () => {
    const layer = incompressible(200_000);
    const job = files.job(layer);
    const registry = new LayerRegistryDouble();
    const report = await sendAsItIs(contextFor(registry), job, registry.openSession());
    expect(report).toMatchObject({
      index: job.index,
      diffId: job.diffId,
      digest: job.diffId,
      mediaType: MEDIA_TYPE.ociLayer,
      size: 200_000,
      sentBytes: 200_000,
      action: 'pushed',
    });
    expect(registry.calls).toEqual(['POST → s1', `PUT s1 ${short(job.diffId)} 200000 B`]);
    expect(registry.blobs.get(job.diffId)).toEqual(layer);
  });

  it('a layer that is not what its config says: the registry refuses it, the error names it', async () => {
    const job = files.job(incompressible(5000), sha256(Buffer.from('another layer')));
    const registry = new LayerRegistryDouble();
    const sent = sendAsItIs(contextFor(registry), job, registry.openSession());
    await expect(sent).rejects.toThrow(LayerDigestError);
    await expect(sent).rejects.toThrow(`but the config lists ${job.diffId}; nothing was tagged`);
    expect(registry.blobs.size).toBe(0);
  });

  it('a failed upload of a blob the registry holds anyway counts as present', async () => {
    const layer = incompressible(5000);
    const job = files.job(layer);
    const registry = new LayerRegistryDouble();
    registry.blobs.set(job.diffId, layer);
    registry.failing.set('upload', new Error('connection reset'));
    const report = await sendAsItIs(contextFor(registry), job, registry.openSession());
    expect(report).toMatchObject({ action: 'present', sentBytes: 0, digest: job.diffId });
    expect(registry.calls.at(-1)).toBe(`HEAD ${short(job.diffId)}`);
  });

  it('a failed upload of a blob the registry lacks fails with the upload error', async () => {
    const job = files.job(incompressible(5000));
    const registry = new LayerRegistryDouble();
    registry.failing.set('upload', new Error('connection reset'));
    await expect(sendAsItIs(contextFor(registry), job, registry.openSession())).rejects.toThrow(
      'connection reset',
    );
  });
});

describe('sendStoredGzip', () => {
  it("one PATCH of gzip's stored blocks, then the PUT that names their digest", async () => {
    const layer = incompressible(150_000);
    const job = files.job(layer);
    const registry = new LayerRegistryDouble();
    const context = contextFor(registry, { format: 'docker' });
    const report = await sendStoredGzip(context, job, registry.openSession());
    const size = framedSize(layer.length, 'stored-gzip');
    const stored = registry.blobs.get(report.digest) as Buffer;
    expect(gunzipSync(stored)).toEqual(layer);
    expect(report).toMatchObject({
      diffId: job.diffId,
      digest: sha256(stored),
      mediaType: MEDIA_TYPE.dockerLayerGzip,
      size,
      sentBytes: size,
      action: 'pushed',
    });
    expect(registry.calls).toEqual([
      'POST → s1',
      `PATCH s1 ${size} B`,
      `PUT s1 ${short(report.digest)}`,
    ]);
  });

  it('a layer that is not what its config says: the upload is called off, not closed', async () => {
    const job = files.job(incompressible(5000), sha256(Buffer.from('another layer')));
    const registry = new LayerRegistryDouble();
    const sent = sendStoredGzip(
      contextFor(registry, { format: 'docker' }),
      job,
      registry.openSession(),
    );
    await expect(sent).rejects.toThrow(LayerDigestError);
    expect(registry.calls.at(-1)).toBe('DELETE s1');
    expect(registry.blobs.size).toBe(0);
  });
});

describe('sendEncoded', () => {
  it('compresses, hashes and holds a layer, then one PUT with its digest', async () => {
    const layer = compressible(500_000);
    const registry = new LayerRegistryDouble();
    const { computedDiffId, upload } = await sendEncoded(contextFor(registry), chunksOf(layer));
    expect(computedDiffId).toBe(sha256(layer));
    const report = await upload();
    const blob = registry.blobs.get(report.digest) as Buffer;
    expect(gunzipSync(blob)).toEqual(layer);
    expect(blob.length).toBeLessThan(layer.length / 10);
    expect(report).toMatchObject({
      mediaType: MEDIA_TYPE.ociLayerGzip,
      action: 'pushed',
      sentBytes: blob.length,
    });
    expect(registry.calls).toEqual([
      'POST → s1',
      `HEAD ${short(report.digest)}`,
      `PUT s1 ${short(report.digest)} ${blob.length} B`,
    ]);
  });

  it('a blob the registry holds already is not sent, and its session is deleted', async () => {
    const layer = compressible(300_000);
    const registry = new LayerRegistryDouble();
    await (await sendEncoded(contextFor(registry), chunksOf(layer))).upload();
    registry.calls.length = 0;
    const report = await (await sendEncoded(contextFor(registry), chunksOf(layer))).upload();
    expect(report).toMatchObject({ action: 'present', sentBytes: 0 });
    expect(registry.calls).toEqual(['POST → s2', `HEAD ${short(report.digest)}`, 'DELETE s2']);
  });

  it("deflates a stream's layer whatever its first bytes: they say little of the rest", async () => {
    const layer = Buffer.concat([incompressible(300_000), Buffer.from('text\n'.repeat(100_000))]);
    const registry = new LayerRegistryDouble();
    const report = await (await sendEncoded(contextFor(registry), chunksOf(layer))).upload();
    expect(report.mediaType).toBe(MEDIA_TYPE.ociLayerGzip);
    expect(gunzipSync(registry.blobs.get(report.digest) as Buffer)).toEqual(layer);
    expect(report.size).toBeLessThan(layer.length * 0.7);
  });

  it("keeps an encoding decided before: gzip's stored blocks into Docker's manifests", async () => {
    const layer = incompressible(300_000);
    const registry = new LayerRegistryDouble();
    const context = contextFor(registry, { format: 'docker' });
    const encoded = await sendEncoded(context, chunksOf(layer), { encoding: 'stored-gzip' });
    const report = await encoded.upload();
    const blob = registry.blobs.get(report.digest) as Buffer;
    expect(gunzipSync(blob)).toEqual(layer);
    expect(blob.length).toBe(framedSize(layer.length, 'stored-gzip'));
    expect(report.mediaType).toBe(MEDIA_TYPE.dockerLayerGzip);
  });

  it('past one upload, a chunked upload; chunks its source refills are copied', async () => {
    const piece = 1 << 20;
    const pieces = Math.ceil(MONOLITHIC_LIMIT / piece) + 2;
    const expected: Buffer[] = [];
    // One buffer, refilled for each chunk, as readFileRange does.
    async function* refilled() {
      const buffer = Buffer.alloc(piece);
      for (let index = 0; index < pieces; index += 1) {
        buffer.fill(index % 251);
        expected.push(Buffer.from(buffer));
        yield buffer;
      }
    }
    const registry = new LayerRegistryDouble();
    const { computedDiffId, upload } = await sendEncoded(
      contextFor(registry, { compression: 'none' }),
      refilled(),
      { reusedChunks: true, session: registry.openSession() },
    );
    const layer = Buffer.concat(expected);
    expect(computedDiffId).toBe(sha256(layer));
    const report = await upload();
    expect(report).toMatchObject({ digest: sha256(layer), action: 'pushed', size: layer.length });
    expect(registry.calls).toEqual([
      'POST → s1',
      'CHUNKED s1',
      `PUT s1 ${short(sha256(layer))} ${layer.length} B in ${pieces} writes`,
    ]);
    expect(registry.blobs.get(report.digest)?.equals(layer)).toBe(true);
  });
});
