import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { TarFormatError } from './byte-reader.js';
import {
  BLOCK,
  ExtendedHeaderState,
  padding,
  quoted,
  readHeader,
  typeOf,
  type TarEntryType,
} from './tar-header.js';

/**
 * The most entries indexed. A dockerTools archive of 128 layers has about 400 (a directory, a
 * layer.tar, json and VERSION per layer in docker save's form); each costs its name in memory.
 */
export const MAX_INDEX_ENTRIES = 4096;

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
  return indexTarFileSync(path);
}

/**
 * The reads are synchronous on purpose: each asynchronous one waits for a thread-pool round trip
 * and then a free turn of the main thread, which is busy at start-up: the header reads of a
 * many-layer archive then finish after the registry has answered. From the page cache, as a
 * freshly built archive is, the synchronous reads are almost free.
 */
function indexTarFileSync(path: string): TarIndex {
  const fd = openSync(path, 'r');
  try {
    return indexOpenTar(fd);
  } finally {
    closeSync(fd);
  }
}

/** A small entry's bytes (a manifest, a config), read synchronously like the index. */
export function readEntrySync(path: string, offset: number, size: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readAt(fd, offset, size);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const bytesRead = readSync(fd, buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

function indexOpenTar(fd: number): TarIndex {
  const { size: fileSize } = fstatSync(fd);
  const entries: TarIndex = new Map();
  const extended = new ExtendedHeaderState();
  let position = 0;
  for (;;) {
    const header = readAt(fd, position, BLOCK);
    if (header.length === 0) break;
    if (header.length < BLOCK) throw new TarFormatError('truncated tar header');
    if (header.every((byte) => byte === 0)) break;
    const {
      flag,
      size,
      extended: isExtended,
      name: headerName,
    } = readHeader(header, extended, position);
    const dataStart = position + BLOCK;
    if (dataStart + size > fileSize)
      throw new TarFormatError(`truncated tar archive: ${quoted(headerName)} ends early`);
    if (isExtended) {
      extended.take(flag, readAt(fd, dataStart, size), headerName);
    } else {
      const { name } = extended.resolve(header);
      if (entries.size >= MAX_INDEX_ENTRIES)
        throw new TarFormatError(`more than ${MAX_INDEX_ENTRIES} entries, not an image archive`);
      entries.set(name.replace(/^\.\//, ''), { name, type: typeOf(flag), offset: dataStart, size });
    }
    position = dataStart + size + padding(size);
  }
  return entries;
}
