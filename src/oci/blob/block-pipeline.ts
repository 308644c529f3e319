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

/** Cuts chunks of any size into copies of exactly `size` bytes (the last one shorter). */
export async function* blocks(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let block = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const chunk of source) {
    // Copied: the source may refill its chunk once the next is asked for.
    for (let used = 0; used < chunk.length;) {
      const copied = chunk.copy(block, filled, used, used + size - filled);
      used += copied;
      filled += copied;
      if (filled === size) {
        yield block;
        block = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield block.subarray(0, filled);
}

/**
 * Each of `input`'s blocks through `encode`, `parallel` at a time (one more waits its turn, so
 * the pool never idles between two), yielded in order. At most 2 × parallel blocks are held,
 * input and output, whatever the layer's size. `encode` is called in the blocks' order.
 */
export async function* encodeInOrder<T>(
  input: AsyncIterable<T>,
  encode: (block: T) => () => Promise<Buffer>,
  parallel: number,
): AsyncGenerator<Buffer> {
  const queue: Promise<Buffer>[] = [];
  for await (const block of input) {
    const piece = turn(parallel + 1, encode(block));
    piece.catch(() => undefined); // awaited in order below; the first failure is thrown there
    queue.push(piece);
    while (queue.length > 2 * Math.max(1, parallel)) yield await (queue.shift() as Promise<Buffer>);
  }
  while (queue.length > 0) yield await (queue.shift() as Promise<Buffer>);
}
