import { describe, expect, it } from 'vitest';
import type { PathInfo } from '../nix/path-info.js';
import { referencesFirst, worthCaching } from './cache.js';
import { validateCacheKey } from './key.js';
import { parseSize } from '../config/cache.js';

const info = (
  path: string,
  references: string[] = [],
  extra: Partial<PathInfo> = {},
): PathInfo => ({
  path,
  references,
  narHash: 'sha256-x',
  narSize: 1,
  ultimate: true,
  signatures: [],
  ...extra,
});

describe('referencesFirst', () => {
  it('puts every path after its references within the pack', () => {
    const ordered = referencesFirst([
      info('/nix/store/a-app', ['/nix/store/c-lib', '/nix/store/a-app']),
      info('/nix/store/b-tool', ['/nix/store/c-lib', '/nix/store/z-outside']),
      info('/nix/store/c-lib', ['/nix/store/d-libc']),
      info('/nix/store/d-libc'),
    ]).map((entry) => entry.path);
    const at = (path: string) => ordered.indexOf(path);
    expect(ordered).toHaveLength(4);
    expect(at('/nix/store/d-libc')).toBeLessThan(at('/nix/store/c-lib'));
    expect(at('/nix/store/c-lib')).toBeLessThan(at('/nix/store/a-app'));
    expect(at('/nix/store/c-lib')).toBeLessThan(at('/nix/store/b-tool'));
  });
});

describe('worthCaching', () => {
  it('keeps what was built here or is signed by nobody, not what an upstream cache serves', () => {
    expect(worthCaching(info('/nix/store/a', [], { ultimate: true }))).toBe(true);
    expect(worthCaching(info('/nix/store/b', [], { ultimate: false, signatures: [] }))).toBe(true);
    expect(
      worthCaching(
        info('/nix/store/c', [], { ultimate: false, signatures: ['cache.nixos.org-1:abc'] }),
      ),
    ).toBe(false);
  });
});

describe('validateCacheKey', () => {
  it('takes what the GitHub cache takes, and names the input otherwise', () => {
    expect(validateCacheKey('nix-x86_64-linux-3f2a', "input 'cache-key'")).toBe(
      'nix-x86_64-linux-3f2a',
    );
    expect(() => validateCacheKey('a,b', "input 'cache-key'")).toThrow(
      `input 'cache-key': letters, digits and . _ + = @ : - only; got "," in "a,b"`,
    );
    expect(() => validateCacheKey('k'.repeat(476), "input 'cache-key'")).toThrow(
      `input 'cache-key': at most 475 characters; got 476`,
    );
    expect(() => validateCacheKey('', "option '--key'")).toThrow(
      `option '--key': expected a cache key; got an empty one`,
    );
  });
});

describe('parseSize', () => {
  it('reads binary units and plain bytes', () => {
    expect(parseSize('10G')).toBe(10 * 2 ** 30);
    expect(parseSize('512MiB')).toBe(512 * 2 ** 20);
    expect(parseSize('1.5k')).toBe(1536);
    expect(parseSize('2147483648')).toBe(2147483648);
    expect(parseSize('lots')).toBeUndefined();
  });
});
