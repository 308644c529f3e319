import { open, type FileHandle } from 'node:fs/promises';
import {
  BLOCK,
  ExtendedHeaderState,
  TarFormatError,
  checksumOk,
  field,
  padding,
  typeOf,
  type TarEntryType,
} from './tar.js';

export interface IndexedEntry {
  name: string;
  type: TarEntryType;
  /** Byte offset of the entry's data in the file. */
  offset: number;
  size: number;
}

/** A tar file's entries by name (without a leading ./). */
export type TarIndex = Map<string, IndexedEntry>;

/**
 * Lists a plain tar file's entries with the offsets of their data, reading only the 512-byte
 * headers: a 1 GB image is indexed in a few hundred small reads, and its layers can then be read
 * in parallel, or not at all.
 */
export async function indexTarFile(path: string): Promise<TarIndex> {
  const handle = await open(path, 'r');
  try {
    return await indexOpenTar(handle);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function indexOpenTar(handle: FileHandle): Promise<TarIndex> {
  const { size: fileSize } = await handle.stat();
  const entries: TarIndex = new Map();
  const extended = new ExtendedHeaderState();
  let position = 0;
  for (;;) {
    const header = await readAt(handle, position, BLOCK);
    if (header.length === 0) break;
    if (header.length < BLOCK) throw new TarFormatError('truncated tar header');
    if (header.every((byte) => byte === 0)) break;
    if (!checksumOk(header)) {
      throw new TarFormatError(
        position === 0
          ? 'not a tar archive (bad header checksum)'
          : `corrupt tar header at byte ${position}`,
      );
    }
    const flag = field(header, 156, 1);
    const size = extended.sizeOf(header);
    const dataStart = position + BLOCK;
    if (dataStart + size > fileSize) throw new TarFormatError('truncated tar archive');
    if (ExtendedHeaderState.isExtended(flag)) {
      extended.take(flag, await readAt(handle, dataStart, size));
    } else {
      const { name } = extended.resolve(header);
      entries.set(name.replace(/^\.\//, ''), { name, type: typeOf(flag), offset: dataStart, size });
    }
    position = dataStart + size + padding(size);
  }
  return entries;
}
