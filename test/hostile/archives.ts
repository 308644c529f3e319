// Builders of hostile image archives: each writes one file into a directory and says what a
// push of it must answer. Made by code, byte by byte, so the corpus needs no committed blobs and
// each case shows what is wrong with it. Used by test/integration/hostile-archives.itest.ts.
import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

export interface RawEntry {
  name: string;
  data?: Buffer;
  /** Type flag: '0' file, '5' directory, 'x' PAX, 'L' GNU long name. */
  type?: string;
  /** The 12 bytes of the size field as written, whatever the data's length. */
  sizeField?: Buffer;
  /** Bytes of data written after the header (default: the data's length). */
  writtenData?: Buffer;
  /** Writes `writtenData` this many times (in a .tar.gz, one gzip member reused: cheap). */
  repeat?: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A ustar header with a correct checksum, whatever its size field says. */
export function tarHeader(entry: RawEntry): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(entry.name.slice(0, 100), 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  const size = entry.data?.length ?? 0;
  (entry.sizeField ?? Buffer.from(`${size.toString(8).padStart(11, '0')}\0`)).copy(header, 124);
  header.write('00000000001\0', 136);
  header.write(entry.type ?? '0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/** The pieces of a tar of the entries as given (sizes and all), with its end blocks. */
function tarParts(entries: RawEntry[]): Buffer[] {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(tarHeader(entry));
    const data = entry.writtenData ?? entry.data ?? Buffer.alloc(0);
    for (let i = 0; i < (entry.repeat ?? 1); i += 1) parts.push(data);
    const written = data.length * (entry.repeat ?? 1);
    parts.push(Buffer.alloc((BLOCK - (written % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return parts;
}

export const tarBytes = (entries: RawEntry[]) => Buffer.concat(tarParts(entries));

/** A .tar.gz as concatenated gzip members (gunzip reads them as one stream), one per piece. */
function gzipParts(parts: Buffer[]): Buffer {
  const members = new Map<Buffer, Buffer>();
  return Buffer.concat(
    parts.map((part) => {
      const member = members.get(part) ?? gzipSync(part);
      members.set(part, member);
      return member;
    }),
  );
}

/** PAX records as the format has them: `LENGTH key=value\n`, LENGTH counting itself. */
export function paxRecords(records: [string, string][]): Buffer {
  return Buffer.concat(
    records.map(([key, value]) => {
      const body = ` ${key}=${value}\n`;
      let length = body.length + 1;
      while (`${length}${body}`.length !== length) length += 1;
      return Buffer.from(`${length}${body}`);
    }),
  );
}

/** A PAX header giving the next entry this `size`, then that entry with a little data. */
function paxSized(...values: string[]): RawEntry[] {
  return [
    {
      name: 'PaxHeaders/manifest.json',
      type: 'x',
      data: paxRecords(values.map((value) => ['size', value])),
    },
    { name: 'manifest.json', data: Buffer.from('[]'.padEnd(1024, ' ')) },
  ];
}

/** A size field in GNU base-256: a marker byte, then the value big-endian. */
function base256(bytes: number[]): Buffer {
  const field = Buffer.alloc(12);
  Buffer.from(bytes).copy(field, 12 - bytes.length);
  field[0] = (field[0] as number) | 0x80;
  return field;
}

export interface ImageParts {
  layers: Buffer[];
  /** The layers' file names (default `<sha256 of the layer>/layer.tar`). */
  layerNames?: string[];
  /** What manifest.json lists as Layers (default the layer names). */
  manifestLayers?: string[];
}

/** The entries of a docker archive in dockerTools' order: layers, config, manifest.json. */
export function imageEntries(parts: ImageParts): RawEntry[] {
  const diffIds = parts.layers.map((layer) => `sha256:${sha256(layer)}`);
  const names = parts.layerNames ?? parts.layers.map((layer) => `${sha256(layer)}/layer.tar`);
  const manifestLayers = parts.manifestLayers ?? names;
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: {
        type: 'layers',
        diff_ids: manifestLayers.map((name) => diffIds[names.indexOf(name)] ?? diffIds[0]),
      },
    }),
  );
  const configName = `${sha256(config)}.json`;
  const manifest = [{ Config: configName, RepoTags: ['hostile/x:1'], Layers: manifestLayers }];
  return [
    ...parts.layers.map((data, index) => ({ name: names[index] as string, data })),
    { name: configName, data: config },
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
  ];
}

export interface HostileArchive {
  /** The case's name, also the file's base name. */
  name: string;
  /** Writes the file into `dir` (which holds the marker file a script would touch); its path. */
  build(dir: string, marker: string): string;
  /** What the one error line must say, beside the file's path. */
  expect: RegExp;
  /** More arguments for `hypernix push`. */
  args?: string[];
}

type Form = 'tar' | 'tar.gz';

/** Writes a tar, or a gzip of it, named after the case. */
function writeTar(dir: string, name: string, form: Form, entries: RawEntry[]): string {
  const path = join(dir, `${name}.${form}`);
  const parts = tarParts(entries);
  writeFileSync(path, form === 'tar' ? Buffer.concat(parts) : gzipParts(parts));
  return path;
}

/** The same case as a plain tar (read by offsets) and as a .tar.gz (read as a stream). */
function inBothForms(
  name: string,
  entries: (form: Form) => RawEntry[],
  expect: RegExp,
): HostileArchive[] {
  return (['tar', 'tar.gz'] as const).map((form) => ({
    name: `${name}-${form.replace('.', '')}`,
    build: (dir: string) => writeTar(dir, `${name}-${form.replace('.', '')}`, form, entries(form)),
    expect,
  }));
}

/**
 * What follows a header claiming 16 GiB: in a .tar.gz, 512 MiB that are there (a reader that
 * gathers them passes any memory bound; they gzip to 512 KiB); a plain tar ends sooner.
 */
const claimedData = (form: Form): Partial<RawEntry> =>
  form === 'tar'
    ? { writtenData: Buffer.alloc(4096, 0x61) }
    : { writtenData: Buffer.alloc(1 << 20, 0x61), repeat: 512 };

const NOT_A_SIZE = /PAX size .* is not a byte count/;
const SCRIPT = (marker: string) => `#!/bin/sh\ntouch '${marker}'\n`;

export const HOSTILE_ARCHIVES: HostileArchive[] = [
  // Failure 1: sizes that are not whole byte counts.
  ...inBothForms('pax-size-fraction', () => paxSized('0.5'), NOT_A_SIZE),
  ...inBothForms('pax-size-negative', () => paxSized('-1536'), NOT_A_SIZE),
  ...inBothForms('pax-size-letters', () => paxSized('abc'), NOT_A_SIZE),
  ...inBothForms('pax-size-huge', () => paxSized('99999999999999999999'), NOT_A_SIZE),
  ...inBothForms('pax-size-exponent', () => paxSized('1e3'), NOT_A_SIZE),
  ...inBothForms('pax-size-hex', () => paxSized('0x400'), NOT_A_SIZE),
  ...inBothForms('pax-size-empty', () => paxSized(''), NOT_A_SIZE),
  ...inBothForms('pax-size-plus', () => paxSized('+1024'), NOT_A_SIZE),
  ...inBothForms('pax-size-space', () => paxSized(' 1024'), NOT_A_SIZE),
  ...inBothForms('pax-size-twice', () => paxSized('1024', '0'), /size is given twice/),
  ...inBothForms(
    'pax-record-length-lies',
    () => [
      { name: 'PaxHeaders/m', type: 'x', data: Buffer.from('99 size=1\n') },
      { name: 'manifest.json', data: Buffer.from('[]') },
    ],
    /malformed PAX header/,
  ),
  ...inBothForms(
    'octal-size-fraction',
    () => [
      { name: 'manifest.json', sizeField: Buffer.from('0000001.5\0\0\0'), data: Buffer.from('[]') },
    ],
    /size field .* is not a byte count/,
  ),
  ...inBothForms(
    'base256-size-negative',
    () => [{ name: 'manifest.json', sizeField: Buffer.alloc(12, 0xff), data: Buffer.from('[]') }],
    /size field .* is not a byte count/,
  ),
  ...inBothForms(
    'base256-size-huge',
    () => [
      { name: 'manifest.json', sizeField: base256(Array(11).fill(0xff)), data: Buffer.from('[]') },
    ],
    /size field .* is not a byte count/,
  ),
  // Failure 2: extended headers claiming 16 GiB, gathered before anything else.
  ...inBothForms(
    'gnu-long-name-16gib',
    (form) => [
      {
        name: '././@LongLink',
        type: 'L',
        sizeField: base256([4, 0, 0, 0, 0]),
        ...claimedData(form),
      },
    ],
    /extended header \(type L\) of 17179869184 bytes/,
  ),
  ...inBothForms(
    'pax-header-16gib',
    (form) => [
      {
        name: 'PaxHeaders/x',
        type: 'x',
        sizeField: base256([4, 0, 0, 0, 0]),
        ...claimedData(form),
      },
    ],
    /extended header \(type x\) of 17179869184 bytes/,
  ),
  {
    // 20 MiB of small files before manifest.json: more than a stream keeps (zeros gzip to little).
    name: 'many-small-entries-targz',
    build: (dir) =>
      writeTar(
        dir,
        'many-small-entries-targz',
        'tar.gz',
        Array.from({ length: 5 }, (_, index) => ({
          name: `extra-${index}`,
          data: Buffer.alloc(4 << 20),
        })),
      ),
    expect: /besides its layers/,
  },
  {
    name: 'many-empty-entries-targz',
    build: (dir) =>
      writeTar(
        dir,
        'many-empty-entries-targz',
        'tar.gz',
        Array.from({ length: 1100 }, (_, index) => ({ name: `empty-${index}` })),
      ),
    expect: /more than 1024 entries/,
  },
  // Smaller items: a truncated .tar.gz, a layer named for other bytes, too many layers.
  {
    name: 'truncated-targz',
    build: (dir) => {
      const path = join(dir, 'truncated.tar.gz');
      const whole = gzipSync(tarBytes(imageEntries({ layers: [Buffer.alloc(300_000, 7)] })));
      writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
      return path;
    },
    expect: /truncated/,
  },
  ...inBothForms(
    'layer-name-lies',
    () =>
      imageEntries({
        layers: [Buffer.from('the layer bytes')],
        layerNames: [`${sha256(Buffer.from('other bytes'))}/layer.tar`],
      }),
    /is named for sha256:[0-9a-f]{64}, but the config lists/,
  ),
  ...inBothForms(
    'layers-129',
    () => {
      const layer = Buffer.from('one layer, listed 129 times');
      const name = `${sha256(layer)}/layer.tar`;
      return imageEntries({ layers: [layer], manifestLayers: Array(129).fill(name) as string[] });
    },
    /lists 129 layers; an image has at most 128/,
  ),
  // Failure 4: a script is never run because of its first bytes.
  {
    name: 'script-named-targz',
    build: (dir, marker) => {
      const path = join(dir, 'image.tar.gz');
      writeFileSync(path, SCRIPT(marker));
      chmodSync(path, 0o755);
      return path;
    },
    expect: /starts with #!, a script, not an archive/,
  },
  {
    name: 'script-not-executable',
    build: (dir, marker) => {
      const path = join(dir, 'stream-image');
      writeFileSync(path, SCRIPT(marker));
      chmodSync(path, 0o644);
      return path;
    },
    expect: /is not executable/,
    args: ['--archive-format', 'stream'],
  },
  {
    name: 'archive-format-mismatch',
    build: (dir, marker) => {
      const path = join(dir, 'image.tar');
      writeFileSync(path, SCRIPT(marker));
      chmodSync(path, 0o755);
      return path;
    },
    expect: /is not a tar archive \(its bytes say stream\)/,
    args: ['--archive-format', 'tar'],
  },
];
