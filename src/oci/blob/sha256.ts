// SHA-256 (FIPS 180-4) of small documents: the image config and manifests a push hashes before
// any layer. node:crypto costs about 8 ms of one core to load here (some twenty modules of its
// own), and a push that sends no layer needs no other hash. These few kilobytes go instead to a
// WebAssembly function (assembled by sha256-wasm.ts): 1.4 ms for the first 8 KiB, its
// compilation included. Plain JavaScript was tried first: 9 ms for 8 KiB, its 32-bit words boxed
// as heap numbers until V8 optimised the loop. Layers, large and many, go to node:crypto.

// Memory of one 64 KiB page: round constants, message schedule, hash state, then input blocks.
export const K_AT = 0;
export const W_AT = 256;
export const STATE_AT = 512;
export const INPUT_AT = 1024;
const PAGE = 65536;
const MAX_BLOCKS_PER_CALL = (PAGE - INPUT_AT) / 64;

export const ROUND_CONSTANTS = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const INITIAL_STATE = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** sha256ModuleBytes() of sha256-wasm.ts, as base64 (sha256.test.ts checks they agree). */
export const SHA256_MODULE =
  'AGFzbQEAAAABBgFgAn9/AAMCAQAFAwEAAQcVAgZtZW1vcnkCAAhjb21wcmVzcwAACvgDAfUDAQt/AkADQCABRQ0BQQAhCgNAIAogACAKaigCACILQQh3Qf+B/AdxIAtBCHhBgP6DeHFyNgKAAiAKQQRqIgpBwABJDQALA0AgCiAKKAL4ASIMQRF4IAxBE3hzIAxBCnZzIAooAuQBaiAKKALEASIMQQd4IAxBEnhzIAxBA3ZzaiAKKALAAWo2AoACIApBBGoiCkGAAkkNAAtBACgCgAQhAkEAKAKEBCEDQQAoAogEIQRBACgCjAQhBUEAKAKQBCEGQQAoApQEIQdBACgCmAQhCEEAKAKcBCEJQQAhCgNAIAkgBkEGeCAGQQt4cyAGQRl4c2ogBiAHcSAGQX9zIAhxc2ogCigCAGogCigCgAJqIQsgAkECeCACQQ14cyACQRZ4cyACIANxIAIgBHFzIAMgBHFzaiEMIAghCSAHIQggBiEHIAUgC2ohBiAEIQUgAyEEIAIhAyALIAxqIQIgCkEEaiIKQYACSQ0AC0EAQQAoAoAEIAJqNgKABEEAQQAoAoQEIANqNgKEBEEAQQAoAogEIARqNgKIBEEAQQAoAowEIAVqNgKMBEEAQQAoApAEIAZqNgKQBEEAQQAoApQEIAdqNgKUBEEAQQAoApgEIAhqNgKYBEEAQQAoApwEIAlqNgKcBCAAQcAAaiEAIAFBAWshAQwACwsLC4cCAQBBAAuAApgvikKRRDdxz/vAtaXbtelbwlY58RHxWaSCP5LVXhyrmKoH2AFbgxK+hTEkw30MVXRdvnL+sd6Apwbcm3Txm8HBaZvkhke+78adwQ/MoQwkbyzpLaqEdErcqbBc2oj5dlJRPphtxjGoyCcDsMd/Wb/zC+DGR5Gn1VFjygZnKSkUhQq3JzghGy78bSxNEw04U1RzCmW7Cmp2LsnCgYUscpKh6L+iS2YaqHCLS8KjUWzHGeiS0SQGmdaFNQ70cKBqEBbBpBkIbDceTHdIJ7W8sDSzDBw5SqrYTk/KnFvzby5o7oKPdG9jpXgUeMiECALHjPr/vpDrbFCk96P5vvJ4ccY=';

// The part of WebAssembly's JavaScript API used here (the project's TypeScript has no DOM types).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
};

/** Whether this process has WebAssembly: `node --jitless` has none. */
export const webAssemblyAvailable = typeof WebAssembly === 'object';

interface Compressor {
  memory: { buffer: ArrayBuffer };
  /** Runs the compression function over `blocks` 64-byte blocks at `at`, updating the state. */
  compress: (at: number, blocks: number) => void;
}

let compressor: Compressor | undefined;

function instantiate(): Compressor {
  const module = new WebAssembly.Module(Buffer.from(SHA256_MODULE, 'base64'));
  return new WebAssembly.Instance(module, {}).exports as unknown as Compressor;
}

/** The SHA-256 of `data`, in lower-case hex. Meant for documents of up to some 64 KiB. */
export function sha256Hex(data: Uint8Array): string {
  const { memory, compress } = (compressor ??= instantiate());
  // The message, its 0x80 terminator, zeros, and its length in bits as 64 bits big-endian.
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const length = new DataView(padded.buffer, padded.length - 8);
  length.setUint32(0, Math.floor(data.length / 0x20000000));
  length.setUint32(4, (data.length << 3) >>> 0);

  const view = new DataView(memory.buffer);
  INITIAL_STATE.forEach((word, index) => view.setUint32(STATE_AT + index * 4, word, true));
  const bytes = new Uint8Array(memory.buffer);
  for (let offset = 0; offset < padded.length; offset += MAX_BLOCKS_PER_CALL * 64) {
    const chunk = padded.subarray(offset, offset + MAX_BLOCKS_PER_CALL * 64);
    bytes.set(chunk, INPUT_AT);
    compress(INPUT_AT, chunk.length / 64);
  }
  let hex = '';
  for (let index = 0; index < 8; index += 1)
    hex += view
      .getUint32(STATE_AT + index * 4, true)
      .toString(16)
      .padStart(8, '0');
  return hex;
}
