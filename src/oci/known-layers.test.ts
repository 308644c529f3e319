import { describe, expect, it } from 'vitest';
import { MEDIA_TYPE } from './media-types.js';
import { extraTags, stateSources, usableLayers, type RegistryState } from './known-layers.js';

const layer = (digest: string, mediaType: string, repository: string, inTarget: boolean) => ({
  digest,
  size: 10,
  mediaType,
  repository,
  inTarget,
});

describe('usableLayers', () => {
  const state: RegistryState = {
    candidates: new Map([
      [
        'sha256:a',
        [
          layer('sha256:1', MEDIA_TYPE.dockerLayerGzip, 'base', false),
          layer('sha256:2', MEDIA_TYPE.dockerLayerGzip, 'app', true),
        ],
      ],
      ['sha256:b', [layer('sha256:3', MEDIA_TYPE.ociLayerZstd, 'app', true)]],
      ['sha256:c', [layer('sha256:4', MEDIA_TYPE.ociLayerGzip, 'base', false)]],
    ]),
    tagDigests: new Map(),
    configsInTarget: new Set(),
  };

  it("prefers the target's own blob, and keeps to the compression asked for", () => {
    const gzipDocker = usableLayers(state, { compression: 'gzip', format: 'docker' });
    expect(gzipDocker.get('sha256:a')?.digest).toBe('sha256:2');
    expect(gzipDocker.has('sha256:b')).toBe(false);
    // An OCI gzip layer has no place in a Docker manifest.
    expect(gzipDocker.has('sha256:c')).toBe(false);
    expect(
      usableLayers(state, { compression: 'gzip', format: 'oci' }).get('sha256:c')?.digest,
    ).toBe('sha256:4');
    expect(
      usableLayers(state, { compression: 'zstd', format: 'oci' }).get('sha256:b')?.digest,
    ).toBe('sha256:3');
  });
});

describe('stateSources', () => {
  it('reads the target tags, latest once, and the mount-from image', () => {
    expect(stateSources('app', ['main', 'latest'], { repository: 'base', reference: '1' })).toEqual(
      [
        { repository: 'app', reference: 'main' },
        { repository: 'app', reference: 'latest' },
        { repository: 'base', reference: '1' },
      ],
    );
  });
});

describe('extraTags', () => {
  it('reads branch-like tags first, then commit tags, skipping those read already', () => {
    const sha = (n: number) => String(n).repeat(40).slice(0, 40);
    expect(extraTags([sha(1), sha(2), 'main', 'latest', 'v1.2'], new Set(['latest']), 3)).toEqual([
      'main',
      'v1.2',
      sha(2),
    ]);
  });
});
