import { TarFormatError } from './byte-reader.js';

/**
 * The one place a tar header is read and checked, for the streaming reader (tar.ts) and the
 * seeking indexer (tar-index.ts) alike. Every number comes from an archive someone else wrote:
 * a size is decimal or octal digits only, within bounds, or the archive is refused. A fraction,
 * a sign or an exponent once made the readers loop for ever (a size of 0.5 never ends, -1536
 * moves backwards).
 */

export const BLOCK = 512;

/** The largest entry size taken: exact in a JavaScript number (2^53 - 1 bytes, 8 PiB). */
export const MAX_ENTRY_SIZE = Number.MAX_SAFE_INTEGER;

/**
 * The largest extended header (PAX 'x' and 'g', GNU long names 'L' and 'K') gathered: a real one
 * is a few hundred bytes. Checked before a byte of it is read.
 */
export const MAX_EXTENDED_SIZE = 1 << 20;

/** The longest entry name taken (Linux's PATH_MAX): an image archive's names are short. */
export const MAX_NAME_LENGTH = 4096;

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** A name or value from the archive, quoted and cut short, safe to put in a one-line message. */
export function quoted(text: string, max = 120): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/**
 * A numeric header field: octal digits (spaces and NULs around them allowed, as old writers
 * pad so), or GNU's base-256 for values octal cannot hold. Undefined when it is neither, or out
 * of bounds.
 */
export function numericField(header: Buffer, offset: number, length: number): number | undefined {
  const first = header[offset] as number;
  if (first & 0x80) {
    // Base-256, big-endian; a set second bit makes it negative, which no size is.
    if (first & 0x40) return undefined;
    let value = first & 0x3f;
    for (let i = offset + 1; i < offset + length; i += 1) {
      value = value * 256 + (header[i] as number);
      if (value > MAX_ENTRY_SIZE) return undefined;
    }
    return value;
  }
  const text = header.toString('latin1', offset, offset + length).replace(/^[ \0]+|[ \0]+$/g, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  const value = parseInt(text, 8);
  return value <= MAX_ENTRY_SIZE ? value : undefined;
}

export function checksumOk(header: Buffer): boolean {
  const stored = numericField(header, 148, 8);
  if (stored === undefined) return false;
  // The checksum field itself counts as eight spaces. Two plain loops, not one with a test per
  // byte: headers are checked before V8 has optimised anything, where each operation counts.
  let sum = 8 * 32;
  for (let i = 0; i < 148; i += 1) sum += header[i] as number;
  for (let i = 156; i < BLOCK; i += 1) sum += header[i] as number;
  return sum === stored;
}

/** PAX keys this reader acts on: given twice in one header, which one counts is unclear. */
const PAX_KEYS_USED = new Set(['size', 'path', 'linkpath']);

/**
 * The state that extended headers (PAX 'x', GNU long names 'L' and 'K') carry over to the next
 * real entry.
 */
export class ExtendedHeaderState {
  private pax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;

  static isExtended(flag: string): boolean {
    return flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
  }

  /** The name the next entry will have, for messages about its header. */
  nameOf(header: Buffer): string {
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    return this.pax.get('path') ?? this.longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
  }

  take(flag: string, data: Buffer, name: string): void {
    if (flag === 'x') this.pax = parsePax(data, name);
    if (flag === 'L') this.longName = data.toString('utf8').replace(/\0+$/, '');
    if (flag === 'K') this.longLink = data.toString('utf8').replace(/\0+$/, '');
  }

  /** The entry's name and link, with any extended header applied; then forgets them. */
  resolve(header: Buffer): { name: string; linkName: string } {
    const name = this.nameOf(header);
    const linkName = this.pax.get('linkpath') ?? this.longLink ?? field(header, 157, 100);
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    if (name.length > MAX_NAME_LENGTH || linkName.length > MAX_NAME_LENGTH) {
      throw new TarFormatError(
        `entry ${quoted(name)}: a name of more than ${MAX_NAME_LENGTH} bytes is not an image archive's`,
      );
    }
    return { name, linkName };
  }

  /** The size of the next entry's data: a PAX `size`, else the header's own field. */
  sizeOf(header: Buffer, name: string): number {
    const pax = this.pax.get('size');
    if (pax === undefined) return headerSize(header, name);
    if (!/^[0-9]{1,16}$/.test(pax) || Number(pax) > MAX_ENTRY_SIZE) {
      throw new TarFormatError(
        `entry ${quoted(name)}: PAX size ${quoted(pax, 40)} is not a byte count (decimal digits, at most 2^53 - 1)`,
      );
    }
    return Number(pax);
  }
}

function headerSize(header: Buffer, name: string): number {
  const size = numericField(header, 124, 12);
  if (size === undefined) {
    throw new TarFormatError(
      `entry ${quoted(name)}: size field ${quoted(header.toString('latin1', 124, 136))} is not a byte count (octal digits or base-256, at most 2^53 - 1)`,
    );
  }
  return size;
}

/** PAX records, `LENGTH KEY=VALUE\n` each, LENGTH counting the whole record in bytes. */
function parsePax(data: Buffer, name: string): Map<string, string> {
  const records = new Map<string, string>();
  const malformed = (why: string) =>
    new TarFormatError(`entry ${quoted(name)}: malformed PAX header (${why})`);
  let offset = 0;
  while (offset < data.length && data[offset] !== 0) {
    const space = data.indexOf(0x20, offset);
    const lengthText = space === -1 ? '' : data.toString('latin1', offset, space);
    if (!/^[0-9]{1,7}$/.test(lengthText)) throw malformed('a record length is not a number');
    const end = offset + Number(lengthText);
    if (end <= space + 1 || end > data.length || data[end - 1] !== 0x0a)
      throw malformed('a record length does not match its record');
    const record = data.toString('utf8', space + 1, end - 1);
    const equals = record.indexOf('=');
    if (equals <= 0) throw malformed('a record has no key');
    const key = record.slice(0, equals);
    if (records.has(key) && PAX_KEYS_USED.has(key)) throw malformed(`${key} is given twice`);
    records.set(key, record.slice(equals + 1));
    offset = end;
  }
  return records;
}

export function typeOf(flag: string): TarEntryType {
  if (flag === '0' || flag === '' || flag === '7') return 'file';
  if (flag === '5') return 'directory';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

export const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** What a checked header says: its type flag and its data's size. */
export interface Header {
  flag: string;
  size: number;
  /** An extended header (see ExtendedHeaderState), whose data describes the next entry. */
  extended: boolean;
  /** The entry's name as far as is known now, for messages. */
  name: string;
}

/**
 * Checks a 512-byte header (checksum, size) and says what it announces. `position` is its
 * offset in the archive, for messages.
 */
export function readHeader(header: Buffer, state: ExtendedHeaderState, position: number): Header {
  if (!checksumOk(header)) {
    throw new TarFormatError(
      position === 0
        ? 'not a tar archive (bad header checksum)'
        : `corrupt tar header at byte ${position}`,
    );
  }
  const flag = field(header, 156, 1);
  const extended = ExtendedHeaderState.isExtended(flag);
  // An extended header's own size is its header's: a PAX size describes the entry after it.
  const name = extended ? field(header, 0, 100) : state.nameOf(header);
  const size = extended ? headerSize(header, name) : state.sizeOf(header, name);
  if (extended && size > MAX_EXTENDED_SIZE) {
    throw new TarFormatError(
      `entry ${quoted(name)}: an extended header (type ${flag}) of ${size} bytes, more than the ${MAX_EXTENDED_SIZE} taken`,
    );
  }
  return { flag, size, extended, name };
}
