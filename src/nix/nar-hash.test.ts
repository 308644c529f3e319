import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromNixBase32, parseSha256, printSha256, toNixBase32 } from './nar-hash.js';

describe('Nix base32 and SHA-256 notations', () => {
  const digest = createHash('sha256').update('hypernix').digest();

  it('agrees with nix-hash --to-base32 and back', () => {
    const hex = digest.toString('hex');
    const nix = execFileSync('nix-hash', ['--type', 'sha256', '--to-base32', hex], {
      encoding: 'utf8',
    }).trim();
    expect(toNixBase32(digest)).toBe(nix);
    expect(fromNixBase32(nix)?.toString('hex')).toBe(hex);
  });

  it('knows a fixed value (the sha256 of the empty string)', () => {
    const empty = createHash('sha256').digest();
    expect(toNixBase32(empty)).toBe('0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73');
  });

  it('reads base32, hex, base64 and SRI, and refuses the rest', () => {
    const base32 = printSha256(digest);
    for (const text of [
      base32,
      `sha256:${digest.toString('hex')}`,
      `sha256:${digest.toString('base64')}`,
      `sha256-${digest.toString('base64')}`,
    ]) {
      expect(parseSha256(text)?.equals(digest), text).toBe(true);
    }
    for (const text of [
      '',
      'sha256:',
      'md5:0123',
      `sha512-${digest.toString('base64')}`,
      base32.replace(/.$/, 'e'), // e is not in Nix's alphabet
      `sha256:${'z'.repeat(52)}`, // bits past 256
      `sha256:${digest.toString('hex').slice(1)}`,
    ]) {
      expect(parseSha256(text), text).toBeUndefined();
    }
  });
});
