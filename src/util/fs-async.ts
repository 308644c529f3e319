import { close, fstat, open, read, readFile, readv, stat } from 'node:fs';
import { promisify } from 'node:util';

// The few file calls a push makes before its first request, as promises over node:fs's callback
// API. Why not node:fs/promises: loading it loads readline and the REPL history with it, and a
// push that has nothing to send is mostly start-up.

export const openFile = (path: string): Promise<number> => promisify(open)(path, 'r');

export const closeFile = (fd: number): Promise<void> => promisify(close)(fd);

/** Reads up to `length` bytes at `position` into `buffer` from its start; resolves bytes read. */
export const readAt = (fd: number, buffer: Buffer, length: number, position: number) =>
  new Promise<number>((resolve, reject) =>
    read(fd, buffer, 0, length, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );

/** Reads into each of `buffers` in turn from `position` (one preadv); resolves bytes read. */
export const readvAt = (fd: number, buffers: Buffer[], position: number) =>
  new Promise<number>((resolve, reject) =>
    readv(fd, buffers, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );

export const fileSize = async (fd: number): Promise<number> => (await promisify(fstat)(fd)).size;

export const statPath = promisify(stat);

export const readBytes = (path: string): Promise<Buffer> => promisify(readFile)(path);
