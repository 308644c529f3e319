import { closeFile, openFile, readAt } from '../../util/fs-async.js';
import { READ_CHUNK } from './digest.js';

/**
 * Reads `size` bytes of a file from `start` into two buffers used over and over. Each chunk is a
 * view of one of them, valid only until the next chunk is asked for: a caller that keeps a chunk
 * must copy it.
 *
 * Why: fresh memory is what reading costs most on a VM (a page fault per 4 KiB), and a read
 * stream allocates a buffer per chunk (bench/push/README.md, "Fresh memory").
 */
export function readFileRange(
  path: string,
  start: number,
  size: number,
): AsyncGenerator<Buffer, void, undefined> {
  const length = Math.min(READ_CHUNK, Math.max(size, 1));
  let done = 0;
  return readAhead(
    path,
    [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)],
    async (fd, buffer) => {
      if (done >= size) return undefined;
      // Each chunk is filled (short reads are read on), so that every read of a range yields
      // the same chunks: HashedBody hashes a body's first chunks from a second read.
      const want = Math.min(buffer.length, size - done);
      let filled = 0;
      while (filled < want) {
        const bytesRead = await readAt(fd, buffer.subarray(filled), want - filled, start + done);
        if (bytesRead === 0) throw new Error(`${path}: ended ${size - done} bytes early`);
        filled += bytesRead;
        done += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
  );
}

/**
 * Reads a file chunk by chunk into two buffers in turn: while the caller works on the chunk in
 * one, the next is read into the other. `fill` reads the next chunk into the buffer it is given
 * and returns it (undefined at the end); it is called once the call before it has finished.
 */
export async function* readAhead<T>(
  path: string,
  buffers: [Buffer, Buffer],
  fill: (fd: number, buffer: Buffer) => Promise<T | undefined>,
): AsyncGenerator<T, void, undefined> {
  const fd = await openFile(path);
  let next: Promise<T | undefined> | undefined;
  try {
    let turn = 0;
    next = fill(fd, buffers[turn] as Buffer);
    for (;;) {
      const chunk = await next;
      if (chunk === undefined) return;
      // The caller has let go of the other buffer by asking for this chunk.
      turn = 1 - turn;
      next = fill(fd, buffers[turn] as Buffer);
      next.catch(() => undefined); // awaited on the next turn, or below
      yield chunk;
    }
  } finally {
    // A read still in flight must end before its descriptor is closed (and its number reused).
    await next?.catch(() => undefined);
    await closeFile(fd);
  }
}

/** The pieces after their first `skip` bytes, as views (nothing copied). */
export function skipBytes(pieces: Buffer[], skip: number): Buffer[] {
  const rest: Buffer[] = [];
  let left = skip;
  for (const piece of pieces) {
    if (left >= piece.length) {
      left -= piece.length;
      continue;
    }
    rest.push(left > 0 ? piece.subarray(left) : piece);
    left = 0;
  }
  return rest;
}
