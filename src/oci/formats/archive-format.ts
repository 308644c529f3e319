import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { decompressor } from '../blob/compression.js';
import { READ_CHUNK } from '../blob/digest.js';

/** How a docker archive is stored: as dockerTools writes it, or a streamLayeredImage script. */
export const ARCHIVE_FORMATS = ['tar', 'tar.gz', 'tar.zst', 'stream'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

export type Sniffed = ArchiveFormat | 'qcow2' | 'unknown';

/**
 * Looks at a file's first bytes: compression magic, tar's "ustar", qcow2's "QFI\xfb", "#!".
 * Read synchronously, as a tar's index is (see tar-index.ts): at start-up an asynchronous read
 * waits for a busy main thread.
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const bytesRead = readSync(fd, head, 0, 512, 0);
    return sniffBytes(head.subarray(0, bytesRead));
  } finally {
    closeSync(fd);
  }
}

export function sniffBytes(head: Buffer): Sniffed {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'tar.zst';
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'QFI\xfb') return 'qcow2';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (head.length >= 2 && head.toString('latin1', 0, 2) === '#!') return 'stream';
  return 'unknown';
}

/** The uncompressed tar bytes of an archive file, decompressed as they are read. */
export function openTarStream(path: string, format: Exclude<ArchiveFormat, 'stream'>): Readable {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (format === 'tar') return file;
  const tar = decompressor(format === 'tar.gz' ? 'gzip' : 'zstd');
  // pipe() does not pass errors on: a read error must end the stream the reader consumes.
  file.on('error', (error) => tar.destroy(error));
  return file.pipe(tar);
}
