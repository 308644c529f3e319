// Hostile NARs, built byte by byte: each case is a NAR (or a stream that claims to be one) and
// the one error the unpacker must answer with. No committed blobs; each case shows what is wrong.
// Used by src/store-cache/unpack/nar-parser.test.ts, which unpacks them into a temporary dir.

/** One NAR string: 64-bit little-endian length, the bytes, zero padding to 8. */
export function narString(text: string | Buffer, options: { pad?: Buffer; length?: bigint } = {}) {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const header = Buffer.alloc(8);
  header.writeBigUInt64LE(options.length ?? BigInt(body.length));
  const pad = options.pad ?? Buffer.alloc((8 - (body.length % 8)) % 8);
  return Buffer.concat([header, body, pad]);
}

/** A NAR from tokens: strings become NAR strings, Buffers are written raw. */
export function nar(...tokens: (string | Buffer)[]): Buffer {
  return Buffer.concat(
    tokens.map((token) => (typeof token === 'string' ? narString(token) : token)),
  );
}

export const file = (contents: string, executable = false): (string | Buffer)[] => [
  '(',
  'type',
  'regular',
  ...(executable ? ['executable', ''] : []),
  'contents',
  contents,
  ')',
];

export const entry = (name: string | Buffer, node: (string | Buffer)[]): (string | Buffer)[] => [
  'entry',
  '(',
  'name',
  typeof name === 'string' ? name : narString(name),
  'node',
  ...node,
  ')',
];

export const directory = (...entries: (string | Buffer)[][]): (string | Buffer)[] => [
  '(',
  'type',
  'directory',
  ...entries.flat(),
  ')',
];

const MAGIC = 'nix-archive-1';
const good = () => nar(MAGIC, ...directory(entry('a', file('hello')), entry('b', file('x', true))));

/** Nested directories `depth` deep, each holding the next as `d`. */
function nested(depth: number): (string | Buffer)[] {
  let node = file('deep');
  for (let level = 0; level < depth; level += 1) node = directory(entry('d', node));
  return node;
}

export const HOSTILE_NARS: { name: string; nar: Buffer; size?: number; error: RegExp }[] = [
  {
    name: 'bad magic',
    nar: nar('nix-archive-2', ...file('x')),
    error: /"nix-archive-2" where "nix-archive-1" belongs/,
  },
  { name: 'an empty stream', nar: Buffer.alloc(0), error: /ends early/ },
  {
    name: 'a length of 2^62',
    nar: nar(MAGIC, '(', 'type', 'regular', 'contents', narString('', { length: 1n << 62n })),
    error: /reaches past the NarSize/,
  },
  {
    name: 'a file longer than the NarSize',
    nar: nar(MAGIC, ...file('0123456789abcdef')),
    size: 100,
    error: /reaches past the NarSize \(100\)/,
  },
  {
    name: 'a keyword longer than any keyword',
    nar: nar(MAGIC, 'x'.repeat(1000)),
    error: /longer than 16/,
  },
  {
    name: 'padding that is not zero',
    nar: nar(
      MAGIC,
      '(',
      'type',
      'regular',
      'contents',
      narString('abc', { pad: Buffer.from([0, 0, 0, 0, 1]) }),
      ')',
    ),
    error: /padding that is not zero/,
  },
  {
    name: 'a name with a slash',
    nar: nar(MAGIC, ...directory(entry('a/b', file('x')))),
    error: /"a\/b" .* is not a file name/,
  },
  {
    name: 'the name .',
    nar: nar(MAGIC, ...directory(entry('.', file('x')))),
    error: /"\." .* is not a file name/,
  },
  {
    name: 'the name ..',
    nar: nar(MAGIC, ...directory(entry('..', file('x')))),
    error: /"\.\." .* is not a file name/,
  },
  {
    name: 'an empty name',
    nar: nar(MAGIC, ...directory(entry('', file('x')))),
    error: /"" .* is not a file name/,
  },
  {
    name: 'a name with NUL',
    nar: nar(MAGIC, ...directory(entry(Buffer.from('a\0b'), file('x')))),
    error: /"a\?b" .* is not a file name/,
  },
  {
    name: 'entries out of order',
    nar: nar(MAGIC, ...directory(entry('b', file('x')), entry('a', file('y')))),
    error: /not sorted, or one comes twice/,
  },
  {
    name: 'a duplicate entry (a file, then a directory of the same name)',
    nar: nar(MAGIC, ...directory(entry('a', file('x')), entry('a', directory()))),
    error: /not sorted, or one comes twice/,
  },
  {
    name: 'nesting deeper than the bound',
    nar: nar(MAGIC, ...nested(300)),
    error: /nested deeper than 256/,
  },
  {
    name: 'an unknown node type',
    nar: nar(MAGIC, '(', 'type', 'fifo', ')'),
    error: /unknown type "fifo"/,
  },
  { name: 'truncated in a file', nar: good().subarray(0, 150), error: /ends early/ },
  {
    name: 'trailing bytes',
    nar: Buffer.concat([good(), Buffer.alloc(8)]),
    error: /after the end of the archive/,
  },
  {
    name: 'a symlink with an empty target',
    nar: nar(MAGIC, '(', 'type', 'symlink', 'target', '', ')'),
    error: /empty target/,
  },
  {
    name: 'a symlink target with NUL',
    nar: nar(MAGIC, '(', 'type', 'symlink', 'target', narString(Buffer.from('/etc\0x')), ')'),
    error: /empty target or one with NUL/,
  },
  {
    name: 'a name longer than NAME_MAX',
    nar: nar(MAGIC, ...directory(entry('n'.repeat(256), file('x')))),
    error: /longer than 255/,
  },
  {
    name: 'executable with a value',
    nar: nar(MAGIC, '(', 'type', 'regular', 'executable', 'yes', 'contents', 'x', ')'),
    error: /"yes" where "" belongs/,
  },
];

/** A well-formed NAR with every kind of node, for the round trip. */
export function sampleNar(): Buffer {
  return nar(
    MAGIC,
    ...directory(
      entry('bin', directory(entry('run', file('#!/bin/sh\n', true)))),
      entry('empty', directory()),
      entry('file', file('hello\n')),
      entry('link', ['(', 'type', 'symlink', 'target', 'file', ')']),
      entry('zero', file('')),
    ),
  );
}
