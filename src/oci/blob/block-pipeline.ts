// What parallel gzip and parallel zstd share: a layer cut into blocks of a fixed size, each
// encoded on Node's thread pool, several at once across every layer of the push, and handed on
// in their order. Block boundaries depend only on the input and its block size, so the same
// layer always makes the same bytes (and digest).

/**
 * Encodings running at once across all layers of the process, and the ones waiting their turn
 * (first come, first served). With each of 4 layers queueing its blocks straight onto the
 * thread pool, every layer's first megabyte was ready only once 16 blocks had been deflated
 * side by side: a 100 Mbit/s link sat idle for the first 0.35 s of the push. In turn, the
 * earliest blocks finish first and their bytes leave while the next ones are encoded.
 */
const running = { count: 0, waiting: [] as (() => void)[] };

async function turn<T>(limit: number, work: () => Promise<T>): Promise<T> {
  if (running.count >= limit) await new Promise<void>((resolve) => running.waiting.push(resolve));
  else running.count += 1;
  try {
    return await work();
  } finally {
    const next = running.waiting.shift();
    if (next) next();
    else running.count -= 1;
  }
}

/**
 * Memory for blocks of one size, used again once a block is encoded. A fresh buffer costs the
 * first touch of each of its pages: on a 2-core VM, copying 66 MB into fresh 1 MiB blocks took
 * 250 ms of the main thread in a 1 s push (a CPU profile of a cold push over loopback;
 * bench/push/README.md, round 4).
 */
export class BlockMemory {
  private readonly free: Buffer[] = [];

  constructor(
    readonly size: number,
    /** At most this many are kept for later: the blocks that are in flight at once. */
    private readonly keep: number,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  /** A block's memory, once nothing reads it any more; kept when it is a whole block's. */
  give(block: Buffer): void {
    const whole = block.byteOffset === 0 && block.buffer.byteLength === this.size;
    if (whole && this.free.length < this.keep)
      this.free.push(Buffer.from(block.buffer, 0, this.size));
  }
}

/**
 * Cuts chunks of any size into copies of `size` bytes (the last one shorter); `size` may be a
 * function of the block's index, for blocks that grow, or BlockMemory to take them from.
 */
export async function* blocks(
  source: AsyncIterable<Buffer>,
  size: number | ((index: number) => number) | BlockMemory,
): AsyncGenerator<Buffer> {
  const fresh =
    size instanceof BlockMemory
      ? () => size.take()
      : (index: number) => Buffer.allocUnsafe(typeof size === 'number' ? size : size(index));
  let index = 0;
  let block = fresh(index);
  let filled = 0;
  for await (const chunk of source) {
    // Copied: the source may refill its chunk once the next is asked for.
    for (let used = 0; used < chunk.length;) {
      const copied = chunk.copy(block, filled, used, used + block.length - filled);
      used += copied;
      filled += copied;
      if (filled === block.length) {
        yield block;
        index += 1;
        block = fresh(index);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield block.subarray(0, filled);
}

/**
 * Each of `input`'s blocks through `encode`, `parallel` at a time (one more waits its turn, so
 * the pool never idles between two), yielded in order as soon as each is ready. Reading runs
 * ahead of the consumer by at most 2 × parallel blocks, so that many are held, input and
 * output, whatever the layer's size. `encode` is called in the blocks' order.
 */
export async function* encodeInOrder<T>(
  input: AsyncIterable<T>,
  encode: (block: T) => () => Promise<Buffer>,
  parallel: number,
): AsyncGenerator<Buffer> {
  const ahead = new ReadAhead(2 * Math.max(1, parallel));
  // Read and queued beside the consumer: the first piece leaves once it is encoded, not once
  // the queue is full (which held a layer's first bytes back until 5 blocks had been read).
  const reading = (async () => {
    for await (const block of input) {
      const piece = turn(parallel + 1, encode(block));
      piece.catch(() => undefined); // awaited in order below; the first failure is thrown there
      if (!(await ahead.add(piece))) return; // the consumer stopped
    }
  })();
  reading.then(
    () => ahead.end(),
    (error: unknown) => ahead.end(error),
  );
  try {
    for (let piece = await ahead.next(); piece; piece = await ahead.next()) yield await piece;
  } finally {
    // The reader closes the source at its next block; not awaited, as a stalled source would
    // hold this up.
    ahead.stop();
    reading.catch(() => undefined);
  }
}

/** The pieces between the reader and the consumer: at most `limit`, in order. */
class ReadAhead {
  private readonly queue: Promise<Buffer>[] = [];
  private ended = false;
  private stopped = false;
  private failure: { error: unknown } | undefined;
  private wakeReader: (() => void) | undefined;
  private wakeConsumer: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  /** Queues a piece; waits while the queue is full. False once the consumer has stopped. */
  async add(piece: Promise<Buffer>): Promise<boolean> {
    this.queue.push(piece);
    this.wake('consumer');
    while (this.queue.length >= this.limit && !this.stopped)
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    return !this.stopped;
  }

  end(error?: unknown): void {
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    this.wake('consumer');
  }

  stop(): void {
    this.stopped = true;
    this.wake('reader');
  }

  /** The next piece, undefined at the end; throws the reader's failure after the pieces before it. */
  async next(): Promise<Promise<Buffer> | undefined> {
    while (this.queue.length === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    const piece = this.queue.shift();
    this.wake('reader');
    if (piece) return piece;
    if (this.failure) throw this.failure.error;
    return undefined;
  }

  private wake(who: 'reader' | 'consumer'): void {
    const resolve = who === 'reader' ? this.wakeReader : this.wakeConsumer;
    if (who === 'reader') this.wakeReader = undefined;
    else this.wakeConsumer = undefined;
    resolve?.();
  }
}
