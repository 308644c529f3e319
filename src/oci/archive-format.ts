import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

/** How a docker archive is stored: as dockerTools writes it, or a streamLayeredImage script. */
export type ArchiveFormat = 'tar' | 'tar.gz' | 'tar.zst' | 'stream';

export type Sniffed = ArchiveFormat | 'qcow2' | 'unknown';

/** Looks at a file's first bytes: compression magic, tar's "ustar", qcow2's "QFI\xfb", "#!". */
export async function sniffFile(path: string): Promise<Sniffed> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    return sniffBytes(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
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

/**
 * The uncompressed tar bytes of an archive file. zstd uses Node's own decoder where it has one
 * (Node 22.15+, so the action's Node 24) and the zstd program otherwise.
 */
export function openTarStream(path: string, format: Exclude<ArchiveFormat, 'stream'>): Readable {
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (format === 'tar') return file;
  if (format === 'tar.gz') return file.pipe(zlib.createGunzip());
  const createZstd = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream })
    .createZstdDecompress;
  if (createZstd) return file.pipe(createZstd()) as unknown as Readable;
  const child = spawn('zstd', ['-dc', '--', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  file.destroy();
  return child.stdout;
}
