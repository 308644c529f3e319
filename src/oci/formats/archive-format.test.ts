import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { sniffBytes } from './archive-format.js';

describe('sniffBytes', () => {
  it('knows the formats by their first bytes, not their names', () => {
    expect(sniffBytes(gzipSync('x'))).toBe('tar.gz');
    expect(sniffBytes(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0]))).toBe('tar.zst');
    expect(sniffBytes(Buffer.from('QFI\xfb\0\0\0\x03', 'latin1'))).toBe('qcow2');
    expect(sniffBytes(Buffer.from('#!/nix/store/x-python3/bin/python3\n'))).toBe('stream');
    const tarHeader = Buffer.alloc(512);
    tarHeader.write('ustar', 257, 'latin1');
    expect(sniffBytes(tarHeader)).toBe('tar');
    expect(sniffBytes(Buffer.from('plain text'))).toBe('unknown');
  });
});
