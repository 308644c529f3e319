import { HypernixError } from '../../util/errors.js';

/** A NAR that is not one Nix would write, or one this parser will not unpack. */
export class NarError extends HypernixError {
  override name = 'NarError';
}

/**
 * Where the parsed tree goes. Paths are relative to the NAR's root ('' is the root itself), made
 * only of names the parser checked: no '/', '.', '..', NUL or empty name. Calls come in NAR
 * order: a directory before its entries, directoryEnd after them, file, data…, fileEnd.
 */
export interface NarSink {
  directory(path: string): void;
  directoryEnd(path: string): void;
  file(path: string, executable: boolean, size: number): void;
  data(chunk: Buffer): void;
  fileEnd(): void;
  symlink(path: string, target: string): void;
}

export interface NarLimits {
  /** The NarSize the cache recorded: no length may reach past it, and no byte come after it. */
  size: number;
  /** Nesting of directories (Nix has none; this bounds the parser's stack). */
  maxDepth?: number;
}

type Need = { bytes: number } | { contents: number };

const EMPTY = Buffer.alloc(0);
const NAME_MAX = 255;
const TARGET_MAX = 4095; // PATH_MAX less its NUL
const TOKEN_MAX = 16; // the longest keyword, "nix-archive-1", fits

/**
 * A streaming parser of Nix's archive format (NAR), fed chunks with push() and closed with
 * end(). The grammar is a generator that asks for the bytes it needs next; file contents are
 * handed to the sink as they arrive, so memory stays bounded whatever the NAR holds. Anything
 * Nix would not write (bad magic, unsorted or duplicate names, non-zero padding, lengths past the
 * NarSize, trailing bytes) is an error: a NAR has exactly one encoding, which is what its hash
 * names.
 */
export class NarParser {
  private readonly steps: Generator<Need, void, Buffer>;
  private need: Need = { bytes: 0 };
  private done = false;
  private position = 0; // bytes the grammar has consumed
  private contentsLeft = 0;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private readonly maxDepth: number;

  constructor(
    private readonly sink: NarSink,
    private readonly limits: NarLimits,
  ) {
    this.maxDepth = limits.maxDepth ?? 256;
    this.steps = this.archive();
    this.advance(EMPTY);
  }

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.done) throw new NarError('bytes after the end of the archive');
      if ('contents' in this.need) {
        const take = Math.min(this.contentsLeft, chunk.length - offset);
        this.sink.data(chunk.subarray(offset, offset + take));
        offset += take;
        this.contentsLeft -= take;
        this.position += take;
        if (this.contentsLeft === 0) this.advance(EMPTY);
        continue;
      }
      const wanted = this.need.bytes - this.pendingLength;
      const take = Math.min(wanted, chunk.length - offset);
      const piece = chunk.subarray(offset, offset + take);
      offset += take;
      if (take < wanted) {
        this.pending.push(piece);
        this.pendingLength += take;
        return;
      }
      const bytes = this.pendingLength === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      this.pendingLength = 0;
      this.position += bytes.length;
      this.advance(bytes);
    }
  }

  /** Checks that the archive is complete: a truncated NAR is an error. */
  end(): void {
    if (!this.done) throw new NarError(`the archive ends early (after ${this.position} bytes)`);
  }

  private advance(value: Buffer): void {
    // A step may ask for nothing (an empty string's body): answer at once.
    for (let result = this.steps.next(value); ; result = this.steps.next(EMPTY)) {
      if (result.done) {
        this.done = true;
        return;
      }
      this.need = result.value;
      if ('contents' in this.need) {
        this.contentsLeft = this.need.contents;
        if (this.contentsLeft > 0) return;
      } else if (this.need.bytes > 0) return;
    }
  }

  private *archive(): Generator<Need, void, Buffer> {
    yield* this.expect('nix-archive-1');
    yield* this.node('', 0);
  }

  private *length(max: number, what: string): Generator<Need, number, Buffer> {
    const header = yield { bytes: 8 };
    const length = header.readBigUInt64LE(0);
    const left = this.limits.size - this.position;
    if (length > BigInt(Math.min(max, left))) {
      throw new NarError(
        length > BigInt(left)
          ? `${what} of ${length} bytes reaches past the NarSize (${this.limits.size})`
          : `${what} of ${length} bytes is longer than ${max}`,
      );
    }
    return Number(length);
  }

  private *padding(length: number): Generator<Need, void, Buffer> {
    const pad = (8 - (length % 8)) % 8;
    if (pad === 0) return;
    const bytes = yield { bytes: pad };
    if (bytes.some((byte) => byte !== 0)) throw new NarError('padding that is not zero');
  }

  private *string(max: number, what: string): Generator<Need, Buffer, Buffer> {
    const length = yield* this.length(max, what);
    const body = yield { bytes: length };
    yield* this.padding(length);
    return length === 0 ? EMPTY : body;
  }

  private *expect(token: string): Generator<Need, void, Buffer> {
    const found = yield* this.string(TOKEN_MAX, `a keyword where "${token}" belongs`);
    if (found.toString('latin1') !== token) {
      throw new NarError(`"${printable(found)}" where "${token}" belongs`);
    }
  }

  private *keyword(): Generator<Need, string, Buffer> {
    return (yield* this.string(TOKEN_MAX, 'a keyword')).toString('latin1');
  }

  private *node(path: string, depth: number): Generator<Need, void, Buffer> {
    if (depth > this.maxDepth)
      throw new NarError(`directories nested deeper than ${this.maxDepth}`);
    yield* this.expect('(');
    yield* this.expect('type');
    const type = yield* this.keyword();
    if (type === 'regular') yield* this.regular(path);
    else if (type === 'symlink') yield* this.symlink(path);
    else if (type === 'directory') yield* this.directory(path, depth);
    else throw new NarError(`an entry of unknown type "${printable(Buffer.from(type, 'latin1'))}"`);
  }

  private *regular(path: string): Generator<Need, void, Buffer> {
    let tag = yield* this.keyword();
    let executable = false;
    if (tag === 'executable') {
      executable = true;
      yield* this.expect('');
      tag = yield* this.keyword();
    }
    if (tag !== 'contents') throw new NarError(`"${tag}" where "contents" belongs`);
    const size = yield* this.length(Number.MAX_SAFE_INTEGER, `the file ${shown(path)}`);
    this.sink.file(path, executable, size);
    yield { contents: size };
    yield* this.padding(size);
    this.sink.fileEnd();
    yield* this.expect(')');
  }

  private *symlink(path: string): Generator<Need, void, Buffer> {
    yield* this.expect('target');
    const target = yield* this.string(TARGET_MAX, `the target of ${shown(path)}`);
    if (target.length === 0 || target.includes(0)) {
      throw new NarError(`the symlink ${shown(path)} has an empty target or one with NUL`);
    }
    this.sink.symlink(path, utf8(target, `the target of ${shown(path)}`));
    yield* this.expect(')');
  }

  private *directory(path: string, depth: number): Generator<Need, void, Buffer> {
    this.sink.directory(path);
    let previous: Buffer | undefined;
    for (;;) {
      const tag = yield* this.keyword();
      if (tag === ')') break;
      if (tag !== 'entry') throw new NarError(`"${tag}" where "entry" or ")" belongs`);
      yield* this.expect('(');
      yield* this.expect('name');
      const raw = yield* this.string(NAME_MAX, `a name in ${shown(path)}`);
      const name = checkedName(raw, path);
      // Nix writes entries sorted by name, each once: anything else is another encoding.
      if (previous && Buffer.compare(previous, raw) >= 0) {
        throw new NarError(`the entries of ${shown(path)} are not sorted, or one comes twice`);
      }
      previous = Buffer.from(raw);
      yield* this.expect('node');
      yield* this.node(path === '' ? name : `${path}/${name}`, depth + 1);
      yield* this.expect(')');
    }
    this.sink.directoryEnd(path);
  }
}

function checkedName(raw: Buffer, parent: string): string {
  const name = raw.toString('latin1');
  if (raw.length === 0 || name === '.' || name === '..' || raw.includes(0x2f) || raw.includes(0)) {
    throw new NarError(`the entry name "${printable(raw)}" in ${shown(parent)} is not a file name`);
  }
  return utf8(raw, `the entry name in ${shown(parent)}`);
}

/** Names and targets as strings: bytes that are not UTF-8 could not be written back as they are. */
function utf8(raw: Buffer, what: string): string {
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) throw new NarError(`${what} is not UTF-8`);
  return text;
}

const shown = (path: string) => (path === '' ? 'the root' : `"${path}"`);

function printable(raw: Buffer): string {
  return raw
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 64);
}
