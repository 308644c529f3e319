// Inputs for the block encoders' tests (parallel-gzip, parallel-zstd).

/** `bytes` of shell-like text that compresses well (lines of 25 to 27 bytes: enough of them). */
export const text = (bytes: number) =>
  Buffer.from(
    Array.from({ length: bytes / 20 + 1 }, (_, i) => `export PATH=/nix/store/${i % 977}\n`).join(
      '',
    ),
  ).subarray(0, bytes);

/** Hands the input over in chunks of `size`, refilling one buffer as readFileRange does. */
export async function* refilled(input: Buffer, size: number) {
  const buffer = Buffer.alloc(size);
  for (let at = 0; at < input.length; at += size) {
    const n = input.copy(buffer, 0, at, at + size);
    yield buffer.subarray(0, n);
  }
}
