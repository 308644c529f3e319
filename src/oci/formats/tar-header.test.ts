import { describe, expect, it } from 'vitest';
import { paxRecords, tarHeader } from '../../../test/hostile/archives.js';
import { ExtendedHeaderState, MAX_EXTENDED_SIZE, numericField, readHeader } from './tar-header.js';

/** A 12-byte size field holding `text` (NUL-padded). */
const sizeField = (text: string) => Buffer.from(text.padEnd(12, '\0').slice(0, 12), 'latin1');

/** The size readHeader gives an entry after a PAX header holding these records. */
function paxSize(...records: [string, string][]): number {
  const state = new ExtendedHeaderState();
  state.take('x', paxRecords(records), 'PaxHeaders/f');
  return readHeader(tarHeader({ name: 'f', data: Buffer.alloc(3) }), state, 1024).size;
}

describe('numericField', () => {
  const read = (field: Buffer) => numericField(field, 0, 12);
  it('reads octal as writers pad it (zeros, spaces, NULs) and base-256', () => {
    expect(read(sizeField('00000001750\0'))).toBe(1000);
    expect(read(sizeField('   1750 \0'))).toBe(1000);
    expect(read(sizeField(''))).toBe(0);
    const big = Buffer.alloc(12);
    big.writeUIntBE(2 ** 40, 6, 6);
    big[0] = 0x80;
    expect(read(big)).toBe(2 ** 40);
  });
  it.each(['0000001.5', '-0001750', '+1750', '1e3', '0x10', '17 50', '00000009'])(
    'refuses the octal field %j',
    (text) => expect(read(sizeField(text))).toBeUndefined(),
  );
  it('refuses negative and over-large base-256 values', () => {
    expect(read(Buffer.alloc(12, 0xff))).toBeUndefined();
    const huge = Buffer.alloc(12, 0xff);
    huge[0] = 0x80;
    expect(read(huge)).toBeUndefined();
  });
});

describe('readHeader', () => {
  it('takes a PAX size of decimal digits', () => {
    expect(paxSize(['size', '1024'])).toBe(1024);
    expect(paxSize(['size', '9007199254740991'])).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each([
    '0.5',
    '-1536',
    'abc',
    '1e3',
    '0x400',
    '',
    '+1024',
    ' 1024',
    '1024 ',
    '9007199254740992',
  ])('refuses the PAX size %j, naming the entry', (value) =>
    expect(() => paxSize(['size', value])).toThrow(/entry "f": PAX size .* is not a byte count/),
  );
  it('refuses a size given twice and records whose length lies', () => {
    expect(() => paxSize(['size', '1'], ['size', '2'])).toThrow(/size is given twice/);
    const state = new ExtendedHeaderState();
    expect(() => state.take('x', Buffer.from('99 size=1\n'), 'p')).toThrow(/malformed PAX/);
    expect(() => state.take('x', Buffer.from('3x size=1\n'), 'p')).toThrow(/malformed PAX/);
  });
  it('refuses an extended header larger than it gathers, before reading it', () => {
    const field = Buffer.alloc(12);
    field.writeUIntBE(MAX_EXTENDED_SIZE + 1, 6, 6);
    field[0] = 0x80;
    const header = tarHeader({ name: '././@LongLink', type: 'L', sizeField: field });
    expect(() => readHeader(header, new ExtendedHeaderState(), 0)).toThrow(
      /extended header \(type L\) of 1048577 bytes/,
    );
  });
  it('quotes a hostile name on one line', () => {
    const state = new ExtendedHeaderState();
    state.take(
      'x',
      paxRecords([
        ['path', 'a\nb'],
        ['size', '0.5'],
      ]),
      'p',
    );
    expect(() => readHeader(tarHeader({ name: 'f' }), state, 0)).toThrow(/entry "a\\nb"/);
  });
});
