// The layer pusher's steps in order, against a test double of the registry
// (LayerRegistryDouble): known layers never read, the session opened before the layer is read,
// the sender the decision names, a lost session sent again.
import { afterAll, describe, expect, it } from 'vitest';
import { LayerRegistryDouble, sha256, short } from '../../../test/helpers/layer-registry-double.js';
import {
  chunksOf,
  compressible,
  contextFor,
  incompressible,
  layerFiles,
} from '../../../test/helpers/layer-fixtures.js';
import { MEDIA_TYPE } from '../media-types.js';
import { UploadSessionLostError } from '../registry/upload-session.js';
import { LayerPusher } from './layer-pusher.js';
import { LayerDigestError } from './layer-types.js';

const files = layerFiles();
afterAll(() => files.remove());

describe('LayerPusher.push', () => {
  it('never reads a layer a manifest of the target names', async () => {
    const registry = new LayerRegistryDouble();
    const diffId = sha256(Buffer.from('layer'));
    const known = new Map([
      [
        diffId,
        {
          digest: sha256(Buffer.from('blob')),
          size: 4,
          mediaType: MEDIA_TYPE.ociLayerGzip,
          repository: 'app',
          inTarget: true,
        },
      ],
    ]);
    const job = { index: 0, path: 'l.tar', diffId, file: '/no/such/file', offset: 0, size: 5 };
    const report = await new LayerPusher(contextFor(registry, { known })).push(job);
    expect(report.action).toBe('reused');
    expect(registry.calls).toEqual([]);
  });

  it('an incompressible layer into OCI: the session opened, then asked for, then one PUT', async () => {
    const job = files.job(incompressible(100_000));
    const registry = new LayerRegistryDouble();
    const report = await new LayerPusher(contextFor(registry)).push(job);
    expect(report).toMatchObject({
      action: 'pushed',
      digest: job.diffId,
      mediaType: MEDIA_TYPE.ociLayer,
    });
    expect(registry.calls).toEqual([
      'POST → s1',
      `HEAD ${short(job.diffId)}`,
      `PUT s1 ${short(job.diffId)} 100000 B`,
    ]);
  });

  it('takes the spare session, and replaces one whose POST failed', async () => {
    const job = files.job(compressible(50_000));
    const registry = new LayerRegistryDouble();
    const spare = (session: Promise<string>) => ({ take: () => session });
    await new LayerPusher(contextFor(registry), spare(Promise.resolve('spare'))).push(job);
    expect(registry.calls.filter((call) => call.startsWith('POST'))).toEqual([]);
    expect(registry.calls.at(-1)).toMatch(/^PUT spare /);
    registry.calls.length = 0;
    const failed = Promise.reject(new Error('refused'));
    await new LayerPusher(contextFor(registry), spare(failed)).push(
      files.job(compressible(40_000)),
    );
    expect(registry.calls[0]).toBe('POST → s1');
    expect(registry.calls.at(-1)).toMatch(/^PUT s1 /);
  });

  it('a compressed layer that is not what its config says fails, and nothing is sent', async () => {
    const job = files.job(compressible(50_000), sha256(Buffer.from('another')));
    const registry = new LayerRegistryDouble();
    await expect(new LayerPusher(contextFor(registry)).push(job)).rejects.toThrow(LayerDigestError);
    expect(registry.blobs.size).toBe(0);
  });

  it('sends a layer again from its start when the registry lost its session', async () => {
    const job = files.job(compressible(60_000));
    const registry = new LayerRegistryDouble();
    registry.failing.set(
      'upload',
      new UploadSessionLostError('registry lost the upload session', 404),
    );
    const context = contextFor(registry);
    const report = await new LayerPusher(context).push(job);
    expect(report).toMatchObject({ action: 'pushed', index: job.index });
    expect(registry.calls.filter((call) => call.startsWith('PUT'))).toHaveLength(2);
    expect(registry.calls.filter((call) => call.startsWith('POST'))).toEqual([
      'POST → s1',
      'POST → s2',
    ]);
    expect(context.reporter.lines).toContainEqual({
      level: 'warning',
      message: `registry lost the upload session; sending layer ${job.index + 1} again from its start`,
      location: undefined,
    });
  });
});

describe('LayerPusher.consume', () => {
  it('only hashes a stream layer whose announced diff_id the registry holds', async () => {
    const layer = compressible(80_000);
    const registry = new LayerRegistryDouble();
    const known = new Map([
      [
        sha256(layer),
        {
          digest: sha256(Buffer.from('blob')),
          size: 4,
          mediaType: MEDIA_TYPE.ociLayerGzip,
          repository: 'app',
          inTarget: true,
        },
      ],
    ]);
    const { upload } = await new LayerPusher(contextFor(registry, { known })).consume(
      chunksOf(layer),
      sha256(layer),
    );
    expect((await upload()).action).toBe('reused');
    expect(registry.calls).toEqual([]);
  });

  it('sends a stream layer it does not know', async () => {
    const layer = compressible(80_000);
    const registry = new LayerRegistryDouble();
    const { computedDiffId, upload } = await new LayerPusher(contextFor(registry)).consume(
      chunksOf(layer),
      undefined,
    );
    expect(computedDiffId).toBe(sha256(layer));
    expect((await upload()).action).toBe('pushed');
    expect(registry.calls[0]).toBe('POST → s1');
  });
});
