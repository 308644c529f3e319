import { describe, expect, it } from 'vitest';
import { defaultTags, parsePushConfig, pushLabelsFor } from './push.js';

const labels = pushLabelsFor('action');

describe('parsePushConfig', () => {
  it('defaults: gzip at level 5 beyond loopback (1 on it), 4 layers at once; none for a qcow2', () => {
    const level = (image: string) => parsePushConfig({ push: 'true', image }, labels).level;
    expect(level('127.0.0.1:5000/o/n')).toBe(1);
    expect(level('localhost:5000/o/n')).toBe(1);
    expect(level('10.0.0.2:5000/o/n')).toBe(5);
    expect(parsePushConfig({ image: 'ghcr.io/o/n', compressionLevel: '2' }, labels).level).toBe(2);
    const config = parsePushConfig({ push: 'true', image: 'ghcr.io/o/n' }, labels);
    expect(config).toMatchObject({
      push: true,
      compression: 'gzip',
      level: 5,
      concurrency: 4,
      tags: [],
    });
    expect(
      parsePushConfig({ push: 'true', image: 'ghcr.io/o/n' }, labels, { compression: 'none' })
        .compression,
    ).toBe('none');
  });

  it('follows the link (gzip from 3, 1 to 5, beyond loopback) only with compression-level auto', () => {
    const range = (image: string, more: Record<string, string> = {}) =>
      parsePushConfig({ push: 'true', image, ...more }, labels).levelRange;
    const auto = { compressionLevel: 'auto' };
    expect(range('ghcr.io/o/n', auto)).toEqual({ min: 1, start: 3, max: 5 });
    // The default is a fixed level: the same layer makes the same blob, and digest, every time.
    expect(range('ghcr.io/o/n')).toBeUndefined();
    expect(range('127.0.0.1:5000/o/n', auto)).toBeUndefined();
    expect(range('ghcr.io/o/n', { compressionLevel: '6' })).toBeUndefined();
    expect(range('ghcr.io/o/n', { ...auto, compression: 'zstd' })).toBeUndefined();
    expect(() => parsePushConfig({ image: 'a/b', compressionLevel: 'fast' }, labels)).toThrow(
      /compression-level/,
    );
  });

  it("takes each compression's own levels: gzip 1 to 9, zstd 1 to 22, none any (ignored)", () => {
    const level = (compression: string, compressionLevel: string) =>
      parsePushConfig({ image: 'a/b', compression, compressionLevel }, labels).level;
    expect(level('gzip', '9')).toBe(9);
    expect(level('zstd', '22')).toBe(22);
    expect(level('none', '7')).toBe(7);
    const gzip = "input 'compression-level': expected a whole number from 1 to 9; got";
    expect(() => level('gzip', '12')).toThrow(`${gzip} "12"`);
    expect(() => level('gzip', '0')).toThrow(`${gzip} "0"`);
    expect(() => level('gzip', '23')).toThrow(`${gzip} "23"`);
    expect(() => level('zstd', '0')).toThrow(
      `input 'compression-level': expected a whole number from 1 to 22; got "0"`,
    );
    expect(() => level('none', '23')).toThrow('expected a whole number from 0 to 22');
  });

  it('splits tags on spaces, commas and lines and checks each', () => {
    expect(parsePushConfig({ image: 'a/b', tags: 'v1, v2\nlatest v1' }, labels).tags).toEqual([
      'v1',
      'v2',
      'latest',
    ]);
    expect(() => parsePushConfig({ image: 'a/b', tags: 'ok bad/tag' }, labels)).toThrow(
      `input 'tags': a tag is 1-128 characters`,
    );
  });

  it('splits command-line tags on commas but refuses a line break inside one', () => {
    expect(parsePushConfig({ image: 'a/b', tags: ['v1,v2', 'v3'] }, labels).tags).toEqual([
      'v1',
      'v2',
      'v3',
    ]);
    expect(() => parsePushConfig({ image: 'a/b', tags: ['a\nb'] }, labels)).toThrow(
      `input 'tags': a tag cannot hold a line break or control character; got "a\\nb"`,
    );
  });

  it('names the input of each problem', () => {
    expect(() => parsePushConfig({ push: 'true' }, labels)).toThrow(
      `input 'image': required when push is true`,
    );
    expect(() => parsePushConfig({ image: 'Ghcr.io/O/n' }, labels)).toThrow(
      `input 'image': the repository name must be lowercase`,
    );
    expect(() => parsePushConfig({ image: 'a/b', compression: 'brotli' }, labels)).toThrow(
      `input 'compression': expected one of gzip, zstd, none; got "brotli"`,
    );
    expect(() => parsePushConfig({ image: 'a/b', concurrency: '0' }, labels)).toThrow(
      `input 'concurrency': expected a whole number from 1 to 64`,
    );
    expect(() => parsePushConfig({ image: 'a/b', registryPassword: 'secret' }, labels)).toThrow(
      `input 'registry-username': required with a registry password`,
    );
    expect(() =>
      parsePushConfig({ image: 'a/b', compression: 'zstd', manifestFormat: 'docker' }, labels),
    ).toThrow(`input 'manifest-format': docker manifests have gzip layers only`);
    expect(() =>
      parsePushConfig({ image: 'ghcr.io/a/b', mountFrom: 'quay.io/a/c:1' }, labels),
    ).toThrow(`input 'mount-from': must be on the same registry as the image (ghcr.io)`);
  });

  it('takes docker manifests with the default compression, gzip', () => {
    expect(parsePushConfig({ image: 'a/b', manifestFormat: 'docker' }, labels)).toMatchObject({
      compression: 'gzip',
      manifestFormat: 'docker',
    });
  });

  it('never shows the password in an error', () => {
    try {
      parsePushConfig({ image: 'a/b', registryPassword: 'hunter2' }, labels);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });

  it('tags a workflow push with the commit and a valid form of the branch', () => {
    expect(defaultTags({ GITHUB_SHA: 'abc123', GITHUB_REF_NAME: 'feature/new-vm' })).toEqual([
      'abc123',
      'feature-new-vm',
    ]);
    expect(defaultTags({})).toEqual([]);
  });
});
