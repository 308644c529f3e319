import { ByteReader, TarFormatError } from './byte-reader.js';
import {
  BLOCK,
  ExtendedHeaderState,
  padding,
  quoted,
  readHeader,
  typeOf,
  type TarEntryType,
} from './tar-header.js';

export { BLOCK, TarFormatError, padding, typeOf, type TarEntryType };

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
      const {
        flag,
        size,
        extended: isExtended,
        name: headerName,
      } = readHeader(header, extended, reader.position - BLOCK);
      entries += 1;
      if (isExtended) {
        const data = Buffer.concat(await collect(reader.take(size)));
        await reader.skip(padding(size));
        if (data.length < size)
          throw new TarFormatError(`truncated tar archive: ${quoted(headerName)} ends early`);
        extended.take(flag, data, headerName);
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
            throw new TarFormatError(
              `entry ${quoted(name)} is ${size} bytes, more than the ${limit} expected`,
            );
          return Buffer.concat(await collect(body()));
        },
      };
      if (consumed < size) consumed += await reader.skip(size - consumed);
      if (consumed < size)
        throw new TarFormatError(`truncated tar archive: ${quoted(name)} ends early`);
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
