import { HypernixError } from '../../util/errors.js';

export class TarFormatError extends HypernixError {
  override name = 'TarFormatError';
}

/** A count of bytes must be a whole number: 0.5 would yield empty pieces for ever. */
function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new TarFormatError(`cannot read ${count} bytes (not a whole, non-negative count)`);
}

/**
 * What the source threw, said for a user: a compressed stream that ends early is a truncated
 * archive (zlib's own words are "unexpected end of file (Z_BUF_ERROR)").
 */
function sourceError(error: unknown): Error {
  if (error instanceof HypernixError) return error;
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'Z_BUF_ERROR' || /unexpected end|truncated|premature end/i.test(String(message)))
    return new TarFormatError(`the archive is truncated: ${message}`, { cause: error });
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new TarFormatError(`the archive is corrupt: ${message}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Reads exact byte counts from a stream of chunks, one pass, holding at most one chunk beyond
 * what the caller asked for. The tar reader builds on it.
 */
export class ByteReader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private done = false;
  private readonly iterator: AsyncIterator<Buffer | Uint8Array | string>;
  /** Bytes handed out or skipped so far: the offset of the next byte in the stream. */
  position = 0;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    let next;
    try {
      next = await this.iterator.next();
    } catch (error) {
      throw sourceError(error);
    }
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    if (chunk.length > 0) {
      this.buffered.push(chunk);
      this.bufferedBytes += chunk.length;
    }
    return true;
  }

  /** Up to `count` bytes; fewer only at the end of the stream. */
  async read(count: number): Promise<Buffer> {
    checkCount(count);
    while (this.bufferedBytes < count && (await this.fill()));
    const all =
      this.buffered.length === 1 ? (this.buffered[0] as Buffer) : Buffer.concat(this.buffered);
    const taken = all.subarray(0, Math.min(count, all.length));
    const rest = all.subarray(taken.length);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    this.position += taken.length;
    return taken;
  }

  /** The next `count` bytes as they arrive, without holding them all. */
  async *take(count: number): AsyncGenerator<Buffer> {
    checkCount(count);
    let remaining = count;
    while (remaining > 0) {
      if (this.bufferedBytes === 0 && !(await this.fill())) return;
      const head = this.buffered.shift();
      if (!head) continue;
      const piece = head.length > remaining ? head.subarray(0, remaining) : head;
      if (head.length > remaining) this.buffered.unshift(head.subarray(remaining));
      this.bufferedBytes -= piece.length;
      this.position += piece.length;
      remaining -= piece.length;
      yield piece;
    }
  }

  /** Skips `count` bytes; returns how many there were. */
  async skip(count: number): Promise<number> {
    let skipped = 0;
    for await (const piece of this.take(count)) skipped += piece.length;
    return skipped;
  }

  async close(): Promise<void> {
    this.done = true;
    await this.iterator.return?.();
  }
}
