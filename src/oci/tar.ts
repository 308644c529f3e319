import { HypernixError } from '../util/errors.js';
import { ByteReader } from './byte-reader.js';

export const BLOCK = 512;

export class TarFormatError extends HypernixError {
  override name = 'TarFormatError';
}

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarEntry {
  name: string;
  size: number;
  type: TarEntryType;
  linkName: string;
  /** The entry's bytes, streamed. Read it before asking for the next entry, or it is skipped. */
  content(): AsyncGenerator<Buffer>;
  /** The entry's bytes in one buffer: for small files such as manifest.json. */
  readAll(limit?: number): Promise<Buffer>;
}

export function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

export function numeric(header: Buffer, offset: number, length: number): number {
  const first = header[offset] as number;
  if (first & 0x80) {
    // GNU base-256 for values that do not fit in octal (files of 8 GiB and more).
    let value = 0;
    for (let i = offset + 1; i < offset + length; i += 1)
      value = value * 256 + (header[i] as number);
    return value;
  }
  const text = field(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

export function checksumOk(header: Buffer): boolean {
  const stored = numeric(header, 148, 8);
  // The checksum field itself counts as eight spaces. Two plain loops, not one with a test per
  // byte: headers are checked before V8 has optimised anything, where each operation counts.
  let sum = 8 * 32;
  for (let i = 0; i < 148; i += 1) sum += header[i] as number;
  for (let i = 156; i < BLOCK; i += 1) sum += header[i] as number;
  return sum === stored;
}

/**
 * The state that extended headers (PAX 'x', GNU long names 'L' and 'K') carry over to the next
 * real entry. Shared by the streaming reader and the seeking indexer.
 */
export class ExtendedHeaderState {
  private pax: Record<string, string> = {};
  private longName: string | undefined;
  private longLink: string | undefined;

  /** Whether a type flag announces an extended header rather than an entry. */
  static isExtended(flag: string): boolean {
    return flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
  }

  /** The size of the next entry's data, which a PAX header may override. */
  sizeOf(header: Buffer): number {
    return this.pax.size !== undefined ? Number(this.pax.size) : numeric(header, 124, 12);
  }

  take(flag: string, data: Buffer): void {
    if (flag === 'x') this.pax = parsePax(data);
    if (flag === 'L') this.longName = data.toString('utf8').replace(/\0+$/, '');
    if (flag === 'K') this.longLink = data.toString('utf8').replace(/\0+$/, '');
  }

  /** The entry's name and link, with any extended header applied; then forgets them. */
  resolve(header: Buffer): { name: string; linkName: string } {
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    const name = this.pax.path ?? this.longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const linkName = this.pax.linkpath ?? this.longLink ?? field(header, 157, 100);
    this.pax = {};
    this.longName = undefined;
    this.longLink = undefined;
    return { name, linkName };
  }
}

function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.subarray(offset, space).toString('utf8'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
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

/**
 * Reads a tar stream entry by entry in one pass (ustar, GNU long names, PAX headers). Nothing is
 * extracted; each entry's content is streamed to whoever asks and skipped otherwise.
 */
export async function* readTar(
  source: AsyncIterable<Buffer | Uint8Array | string>,
): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  const extended = new ExtendedHeaderState();
  let entries = 0;
  try {
    for (;;) {
      const header = await reader.read(BLOCK);
      if (header.length === 0 && entries === 0)
        throw new TarFormatError('empty input, not a tar archive');
      if (header.length === 0) return; // some writers omit the end-of-archive blocks
      if (header.length < BLOCK) throw new TarFormatError('truncated tar header');
      if (header.every((byte) => byte === 0)) return;
      if (!checksumOk(header)) {
        throw new TarFormatError(
          entries === 0
            ? 'not a tar archive (bad header checksum)'
            : `corrupt tar header at byte ${reader.position - BLOCK}`,
        );
      }
      entries += 1;
      const flag = field(header, 156, 1);
      const size = extended.sizeOf(header);
      if (ExtendedHeaderState.isExtended(flag)) {
        const data = Buffer.concat(await collect(reader.take(size)));
        await reader.skip(padding(size));
        if (data.length < size) throw new TarFormatError('truncated tar archive');
        extended.take(flag, data);
        continue;
      }
      const { name, linkName } = extended.resolve(header);

      let consumed = 0;
      const body = async function* (): AsyncGenerator<Buffer> {
        for await (const piece of reader.take(size - consumed)) {
          consumed += piece.length;
          yield piece;
        }
      };
      yield {
        name,
        size,
        type: typeOf(flag),
        linkName,
        content: body,
        readAll: async (limit = 64 * 1024 * 1024) => {
          if (size > limit)
            throw new TarFormatError(`${name} is ${size} bytes, more than the ${limit} expected`);
          return Buffer.concat(await collect(body()));
        },
      };
      if (consumed < size) consumed += await reader.skip(size - consumed);
      if (consumed < size) throw new TarFormatError(`truncated tar archive: ${name} ends early`);
      await reader.skip(padding(size));
    }
  } finally {
    await reader.close();
  }
}

async function collect(pieces: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}
