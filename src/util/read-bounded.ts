/**
 * All of `source` (a pipe: standard input), refused with `tooLarge()` past `limit` bytes rather
 * than held whatever its size.
 */
export async function readBounded(
  source: AsyncIterable<Buffer | string>,
  limit: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) throw tooLarge();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
