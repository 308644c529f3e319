import { describe, expect, it } from 'vitest';
import { COMPRESSIONS, type Compression, type ManifestFormat } from '../blob/compression.js';
import { framedSize } from '../blob/framed-layer.js';
import { MONOLITHIC_LIMIT } from '../registry/blob-upload.js';
import {
  encodingOf,
  namedByDiffId,
  reuseOf,
  senderOf,
  type Encoding,
  type Sender,
} from './layer-decision.js';

const FORMATS: ManifestFormat[] = ['oci', 'docker'];
const BOOLEANS = [true, false];

/** The whole table, written out: compression, format, deflates, stored gzip → encoding. */
function expectedEncoding(
  compression: Compression,
  format: ManifestFormat,
  deflates: boolean,
  storedGzip: boolean,
): Encoding {
  if (compression !== 'gzip') return compression; // zstd and none never look at the bytes
  if (deflates) return 'gzip';
  if (format === 'oci') return 'none'; // an uncompressed tar layer, named by its diff_id
  return storedGzip ? 'stored-gzip' : 'gzip'; // Docker's manifests have gzip layers only
}

describe('reuseOf', () => {
  it('reuses a layer the target names, mounts one held elsewhere, sends an unknown one', () => {
    expect(reuseOf({ inTarget: true })).toBe('reuse');
    expect(reuseOf({ inTarget: false })).toBe('mount');
    expect(reuseOf(undefined)).toBe('send');
  });
});

describe('encodingOf', () => {
  for (const compression of COMPRESSIONS)
    for (const format of FORMATS)
      for (const deflates of BOOLEANS)
        for (const storedGzip of BOOLEANS) {
          const expected = expectedEncoding(compression, format, deflates, storedGzip);
          it(`${compression}, ${format}, ${deflates ? 'deflates' : 'does not deflate'}, ${storedGzip ? 'with' : 'without'} crc32 → ${expected}`, () => {
            expect(
              encodingOf({
                compression,
                format,
                deflates: () => deflates,
                storedGzip: () => storedGzip,
              }),
            ).toBe(expected);
          });
        }

  it('reads the first bytes only for gzip, and loads zlib for crc32 only for Docker gzip', () => {
    const asked: string[] = [];
    const facts = (compression: Compression, format: ManifestFormat) => ({
      compression,
      format,
      deflates: () => (asked.push(`deflates ${compression} ${format}`), false),
      storedGzip: () => (asked.push(`crc32 ${compression} ${format}`), true),
    });
    for (const compression of COMPRESSIONS)
      for (const format of FORMATS) encodingOf(facts(compression, format));
    expect(asked).toEqual(['deflates gzip oci', 'deflates gzip docker', 'crc32 gzip docker']);
  });
});

describe('namedByDiffId', () => {
  it('only a layer sent as it is is its own blob', () => {
    const encodings: Encoding[] = ['gzip', 'stored-gzip', 'zstd', 'none'];
    expect(encodings.filter(namedByDiffId)).toEqual(['none']);
  });
});

describe('senderOf', () => {
  // Sizes around one upload's limit: the framed blob's size counts, not the layer's.
  const fits = 1000;
  const storedLimit = (() => {
    let size = MONOLITHIC_LIMIT;
    while (framedSize(size, 'stored-gzip') > MONOLITHIC_LIMIT) size -= 1;
    return size;
  })();
  const cases: [Encoding, number | undefined, Sender][] = [
    ['none', fits, 'as-it-is'],
    ['none', MONOLITHIC_LIMIT, 'as-it-is'],
    ['none', MONOLITHIC_LIMIT + 1, 'encoded'],
    ['none', undefined, 'encoded'], // a stream's layer: its size is not known beforehand
    ['stored-gzip', fits, 'stored-gzip'],
    ['stored-gzip', storedLimit, 'stored-gzip'],
    ['stored-gzip', storedLimit + 1, 'encoded'],
    ['stored-gzip', undefined, 'encoded'],
    ['gzip', fits, 'encoded'],
    ['gzip', MONOLITHIC_LIMIT * 4, 'encoded'],
    ['gzip', undefined, 'encoded'],
    ['zstd', fits, 'encoded'],
    ['zstd', undefined, 'encoded'],
  ];
  for (const [encoding, size, sender] of cases) {
    it(`${encoding}, ${size ?? 'unknown'} bytes → ${sender}`, () => {
      expect(senderOf(encoding, size)).toBe(sender);
    });
  }

  it('a stored gzip blob is larger than its layer: the limit is on the blob', () => {
    expect(storedLimit).toBeLessThan(MONOLITHIC_LIMIT);
    expect(senderOf('stored-gzip', MONOLITHIC_LIMIT)).toBe('encoded');
    expect(senderOf('none', 10, 9)).toBe('encoded');
  });
});
