import { describe, expect, it } from 'vitest';
import { parseCacheConfig } from './cache.js';

describe('parseCacheConfig', () => {
  it('restores by unpacking unless nix-copy is asked for', () => {
    expect(parseCacheConfig({}).cacheRestoreMethod).toBe('unpack');
    expect(parseCacheConfig({ cacheRestoreMethod: '' }).cacheRestoreMethod).toBe('unpack');
    expect(parseCacheConfig({ cacheRestoreMethod: 'nix-copy' }).cacheRestoreMethod).toBe(
      'nix-copy',
    );
  });

  it('names the input and the choices for another restore method', () => {
    expect(() => parseCacheConfig({ cacheRestoreMethod: 'tar' })).toThrow(
      /cache-restore-method.*nix-copy, unpack/,
    );
  });
});
