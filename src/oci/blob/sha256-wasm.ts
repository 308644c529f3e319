// Assembles the WebAssembly module behind sha256.ts: one function, compress(at, blocks), the
// SHA-256 compression function (FIPS 180-4, section 6.2.2) over 64-byte blocks in its memory.
// It is written out opcode by opcode (the binary format is section 5 of the WebAssembly core
// specification). sha256.ts holds the result as base64, so that a push does not pay for
// assembling it; sha256.test.ts checks that the two agree, and prints the new value if not.
//
// Memory layout (one 64 KiB page): round constants, message schedule, hash state, input blocks.
// Words in memory are little-endian, as WebAssembly loads them; the message's big-endian words
// are byte-swapped as they are loaded.
import { K_AT, ROUND_CONSTANTS, STATE_AT, W_AT } from './sha256.js';

const OP = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32ShrU: 0x76,
  i32Rotl: 0x77,
  i32Rotr: 0x78,
} as const;
const VOID_BLOCK = 0x40;
const I32 = 0x7f;

// Locals: the two parameters, then the eight working variables and three scratch ones.
const AT = 0;
const BLOCKS = 1;
const [A, B, C, D, E, F, G, H] = [2, 3, 4, 5, 6, 7, 8, 9] as const;
/** The round's byte offset (4 × the round number), then two temporaries. */
const [T, T1, T2] = [10, 11, 12] as const;
const SCRATCH_LOCALS = 11;

function unsigned(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function signed(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const get = (local: number) => [OP.localGet, local];
const set = (local: number) => [OP.localSet, local];
const constant = (value: number) => [OP.i32Const, ...signed(value | 0)];
const load = (offset: number) => [OP.i32Load, 2, ...unsigned(offset)];
const store = (offset: number) => [OP.i32Store, 2, ...unsigned(offset)];
const rotr = (local: number, bits: number) => [...get(local), ...constant(bits), OP.i32Rotr];
/** rotr(x, p) ^ rotr(x, q) ^ rotr(x, r), the Σ functions. */
const sigma = (local: number, p: number, q: number, r: number) => [
  ...rotr(local, p),
  ...rotr(local, q),
  OP.i32Xor,
  ...rotr(local, r),
  OP.i32Xor,
];
/** rotr(x, p) ^ rotr(x, q) ^ (x >>> s), the σ functions, of the word on the stack kept in T2. */
const smallSigma = (p: number, q: number, s: number) => [
  OP.localTee,
  T2,
  ...constant(p),
  OP.i32Rotr,
  ...rotr(T2, q),
  OP.i32Xor,
  ...get(T2),
  ...constant(s),
  OP.i32ShrU,
  OP.i32Xor,
];
/** W[t + delta] for the byte offset t (4 × the round) in T, delta in words (negative). */
const scheduleWord = (delta: number) => [...get(T), ...load(W_AT + delta * 4)];
/** Counts T on by one word and loops while it is below `end` words. */
const nextWord = (end: number) => [
  ...get(T),
  ...constant(4),
  OP.i32Add,
  OP.localTee,
  T,
  ...constant(end * 4),
  OP.i32LtU,
  OP.brIf,
  0,
];

function compressBody(): number[] {
  const working = [A, B, C, D, E, F, G, H];
  return [
    OP.block,
    VOID_BLOCK,
    OP.loop,
    VOID_BLOCK,
    ...get(BLOCKS),
    OP.i32Eqz,
    OP.brIf,
    1,
    // W[0..15]: the block's words, byte-swapped to their big-endian values. Each store takes
    // its address (T) from the stack first, then the value.
    ...constant(0),
    ...set(T),
    OP.loop,
    VOID_BLOCK,
    ...get(T),
    ...get(AT),
    ...get(T),
    OP.i32Add,
    ...load(0),
    OP.localTee,
    T1,
    ...constant(8),
    OP.i32Rotl,
    ...constant(0x00ff00ff),
    OP.i32And,
    ...get(T1),
    ...constant(8),
    OP.i32Rotr,
    ...constant(0xff00ff00),
    OP.i32And,
    OP.i32Or,
    ...store(W_AT),
    ...nextWord(16),
    OP.end,
    // W[16..63] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]
    OP.loop,
    VOID_BLOCK,
    ...get(T),
    ...scheduleWord(-2),
    ...smallSigma(17, 19, 10),
    ...scheduleWord(-7),
    OP.i32Add,
    ...scheduleWord(-15),
    ...smallSigma(7, 18, 3),
    OP.i32Add,
    ...scheduleWord(-16),
    OP.i32Add,
    ...store(W_AT),
    ...nextWord(64),
    OP.end,
    // a..h from the state
    ...working.flatMap((local, index) => [
      ...constant(0),
      ...load(STATE_AT + index * 4),
      ...set(local),
    ]),
    ...constant(0),
    ...set(T),
    OP.loop,
    VOID_BLOCK,
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]
    ...get(H),
    ...sigma(E, 6, 11, 25),
    OP.i32Add,
    ...get(E),
    ...get(F),
    OP.i32And,
    ...get(E),
    ...constant(-1),
    OP.i32Xor,
    ...get(G),
    OP.i32And,
    OP.i32Xor,
    OP.i32Add,
    ...get(T),
    ...load(K_AT),
    OP.i32Add,
    ...get(T),
    ...load(W_AT),
    OP.i32Add,
    ...set(T1),
    // T2 = Σ0(a) + Maj(a, b, c)
    ...sigma(A, 2, 13, 22),
    ...get(A),
    ...get(B),
    OP.i32And,
    ...get(A),
    ...get(C),
    OP.i32And,
    OP.i32Xor,
    ...get(B),
    ...get(C),
    OP.i32And,
    OP.i32Xor,
    OP.i32Add,
    ...set(T2),
    ...get(G),
    ...set(H),
    ...get(F),
    ...set(G),
    ...get(E),
    ...set(F),
    ...get(D),
    ...get(T1),
    OP.i32Add,
    ...set(E),
    ...get(C),
    ...set(D),
    ...get(B),
    ...set(C),
    ...get(A),
    ...set(B),
    ...get(T1),
    ...get(T2),
    OP.i32Add,
    ...set(A),
    ...nextWord(64),
    OP.end,
    // state += a..h
    ...working.flatMap((local, index) => [
      ...constant(0),
      ...constant(0),
      ...load(STATE_AT + index * 4),
      ...get(local),
      OP.i32Add,
      ...store(STATE_AT + index * 4),
    ]),
    ...get(AT),
    ...constant(64),
    OP.i32Add,
    ...set(AT),
    ...get(BLOCKS),
    ...constant(1),
    OP.i32Sub,
    ...set(BLOCKS),
    OP.br,
    0,
    OP.end,
    OP.end,
    OP.end, // of the function
  ];
}

function section(id: number, contents: number[]): number[] {
  return [id, ...unsigned(contents.length), ...contents];
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (char) => char.charCodeAt(0))];
}

/** The module's bytes. */
export function sha256ModuleBytes(): Uint8Array {
  const body = [1, SCRATCH_LOCALS, I32, ...compressBody()];
  const constants = ROUND_CONSTANTS.flatMap((word) => [
    word & 0xff,
    (word >>> 8) & 0xff,
    (word >>> 16) & 0xff,
    word >>> 24,
  ]);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 2, I32, I32, 0]), // type 0: (i32, i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, 1]), // one memory of one page
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('compress'), 0x00, 0]),
    ...section(10, [1, ...unsigned(body.length), ...body]),
    ...section(11, [
      1,
      0x00,
      ...constant(K_AT),
      OP.end,
      ...unsigned(constants.length),
      ...constants,
    ]),
  ]);
}
