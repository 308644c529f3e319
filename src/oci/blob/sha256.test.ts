import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crypto, cryptoLoaded } from '../../util/lazy-builtins.js';
import { sha256Digest } from './digest.js';
import { SHA256_MODULE, sha256Hex } from './sha256.js';
import { sha256ModuleBytes } from './sha256-wasm.js';

const native = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256Hex (WebAssembly)', () => {
  it('holds the module that sha256-wasm.ts assembles', () => {
    // When this fails after a change to sha256-wasm.ts, the expected value is the new
    // SHA256_MODULE for sha256.ts.
    expect(SHA256_MODULE).toBe(Buffer.from(sha256ModuleBytes()).toString('base64'));
  });

  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex(Buffer.from(''))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every length around the block and padding edges', () => {
    const source = randomBytes(300);
    for (let length = 0; length <= 300; length += 1) {
      const data = source.subarray(0, length);
      expect(sha256Hex(data), `length ${length}`).toBe(native(data));
    }
  });

  it('agrees with node:crypto on documents larger than its memory, and on views', () => {
    for (const length of [64_511, 64_512, 64_513, 200_000]) {
      const data = randomBytes(length);
      expect(sha256Hex(data), `length ${length}`).toBe(native(data));
    }
    // A Buffer that is a slice of a larger pool: only its own bytes count.
    const pool = randomBytes(4096);
    const view = pool.subarray(100, 1900);
    expect(sha256Hex(view)).toBe(native(view));
  });
});

describe('sha256Digest', () => {
  it('gives the same digest before node:crypto is loaded (WebAssembly) and after', () => {
    const documents = [
      Buffer.alloc(0),
      randomBytes(55),
      randomBytes(8 << 10),
      randomBytes(64 << 10),
    ];
    expect(cryptoLoaded()).toBe(false);
    const before = documents.map((document) => sha256Digest(document));
    crypto();
    expect(cryptoLoaded()).toBe(true);
    const after = documents.map((document) => sha256Digest(document));
    expect(after).toEqual(before);
    expect(before).toEqual(documents.map((document) => `sha256:${native(document)}`));
  });
});
