import { describe, expect, it } from 'vitest';
import { ANNOTATION, MEDIA_TYPE } from '../media-types.js';
import {
  annotatedDiffIds,
  digestIfRead,
  extraTags,
  stateSources,
  usableLayers,
  type RegistryState,
} from './known-layers.js';

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
    targetManifests: new Map(),
    configsInTarget: new Set(),
  };

  it("prefers the target's own blob, and keeps to the compression asked for", () => {
    const gzip = usableLayers(state, 'gzip', 'oci');
    expect(gzip.get('sha256:a')?.digest).toBe('sha256:2');
    expect(gzip.has('sha256:b')).toBe(false);
    // Docker's and OCI's gzip layers are the same bytes: either kind of manifest takes either.
    expect(gzip.get('sha256:c')?.digest).toBe('sha256:4');
    expect(usableLayers(state, 'zstd', 'oci').get('sha256:b')?.digest).toBe('sha256:3');
    expect(usableLayers(state, 'zstd', 'oci').has('sha256:a')).toBe(false);
  });

  it('takes an uncompressed blob for a gzip push into an OCI manifest, when no gzip one is known', () => {
    const plain = MEDIA_TYPE.ociLayer;
    const mixed: RegistryState = {
      ...state,
      candidates: new Map([
        // An incompressible layer, pushed as it is: its digest is its diff_id.
        ['sha256:d', [layer('sha256:d', plain, 'app', true)]],
        // Both kinds known: the gzip blob is the one a gzip push asked for.
        [
          'sha256:e',
          [
            layer('sha256:e', plain, 'app', true),
            layer('sha256:5', MEDIA_TYPE.ociLayerGzip, 'base', false),
          ],
        ],
        // Named uncompressed, but its digest is not the diff_id: not an uncompressed layer.
        ['sha256:f', [layer('sha256:6', plain, 'app', true)]],
      ]),
    };
    const oci = usableLayers(mixed, 'gzip', 'oci');
    expect(oci.get('sha256:d')?.digest).toBe('sha256:d');
    expect(oci.get('sha256:e')?.digest).toBe('sha256:5');
    expect(oci.has('sha256:f')).toBe(false);
    // Docker's schema 2 has gzip layers only, and zstd asked for is zstd.
    expect(usableLayers(mixed, 'gzip', 'docker').has('sha256:d')).toBe(false);
    expect(usableLayers(mixed, 'zstd', 'oci').has('sha256:d')).toBe(false);
    // A push without compression takes it, as before.
    expect(usableLayers(mixed, 'none', 'oci').get('sha256:d')?.digest).toBe('sha256:d');
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

describe('annotatedDiffIds', () => {
  const digest = (c: string) => `sha256:${c.repeat(64)}`;
  const manifest = (diffIds: (string | undefined)[], of: string | null = digest('c')) => ({
    annotations: of === null ? undefined : { [ANNOTATION.diffIdsOf]: of },
    config: { digest: digest('c') },
    layers: diffIds.map((diffId) => ({
      annotations: diffId === undefined ? undefined : { [ANNOTATION.uncompressedDigest]: diffId },
    })),
  });

  it("reads every layer's diff_id when the manifest says they repeat its own config", () => {
    expect(annotatedDiffIds(manifest([digest('a'), digest('b')]))).toEqual([
      digest('a'),
      digest('b'),
    ]);
  });

  it('ignores them when one is missing or malformed, or they repeat another config', () => {
    expect(annotatedDiffIds(manifest([digest('a'), undefined]))).toBeUndefined();
    expect(annotatedDiffIds(manifest([digest('a'), 'sha256:short']))).toBeUndefined();
    expect(annotatedDiffIds(manifest([digest('a')], null))).toBeUndefined();
    // Annotations copied along by a tool that rewrote the layers, and so the config.
    expect(annotatedDiffIds(manifest([digest('a')], digest('d')))).toBeUndefined();
  });
});

describe('digestIfRead', () => {
  it("names a manifest by the digest of the same bytes read from the target, and no other's", () => {
    const held = Buffer.from('{"schemaVersion":2,"layers":[]}');
    const state: RegistryState = {
      candidates: new Map(),
      tagDigests: new Map([['main', 'sha256:held']]),
      targetManifests: new Map([
        ['sha256:other', Buffer.from('{"schemaVersion":2}')],
        ['sha256:held', held],
      ]),
      configsInTarget: new Set(),
    };
    expect(digestIfRead(Buffer.from(held), state)).toBe('sha256:held');
    const changed = Buffer.from(held);
    changed[changed.length - 2] = 0x20;
    expect(digestIfRead(changed, state)).toBeUndefined();
    expect(digestIfRead(Buffer.concat([held, Buffer.from('\n')]), state)).toBeUndefined();
  });
});
