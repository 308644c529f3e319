import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/util/errors.ts
/**
 * Errors a user can act on. Every domain throws a subclass with a one-line, user-facing message;
 * the entry points print that line and nothing else (no stack trace).
 */
class HypernixError extends Error {
    name = 'HypernixError';
    /** Where in the user's files the problem is, when known: becomes an annotation. */
    location;
    /** Lines that help (a failed builder's last log lines), shown before the one-line message. */
    details = [];
    constructor(message, options) {
        super(message, options);
    }
}
/** A bad input, option or config value. The message names the input and what was expected. */
class InputError extends (/* unused pure expression or super */ null && (HypernixError)) {
    name = 'InputError';
}
/** Turns any thrown value into one line for a user: our own errors as they are, others briefly. */
function describeError(error) {
    if (error instanceof HypernixError)
        return error.message;
    if (error instanceof Error) {
        const code = error.code;
        return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
    }
    if (typeof error === 'string')
        return error;
    try {
        return `unexpected error: ${JSON.stringify(error)}`;
    }
    catch {
        return `unexpected error: ${String(error)}`;
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/fault.ts
/** Test-only: makes the restore kill itself (or a thread) at a named point, to prove a crash leaves no harm. */
const FAULT_VARIABLE = 'HYPERNIX_TEST_FAULT_UNPACK';

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/nix/nar-hash.ts
/**
 * Nix's SHA-256 hash notations: `sha256:<nix base32>` (narinfos, `nix-store --dump-db`),
 * `sha256:<hex>`, and SRI `sha256-<base64>` (`nix path-info --json` since 2.4). Nix's base32 is
 * not RFC 4648: its own alphabet (no e o t u), read from the last character backwards.
 */
const ALPHABET = '0123456789abcdfghijklmnpqrsvwxyz';
const SHA256_BYTES = 32;
const BASE32_LENGTH = Math.floor((SHA256_BYTES * 8 - 1) / 5) + 1; // 52
/** Nix base32 of a digest (libutil's printHash32). */
function toNixBase32(digest) {
    const length = Math.floor((digest.length * 8 - 1) / 5) + 1;
    let text = '';
    for (let n = length - 1; n >= 0; n -= 1) {
        const bit = n * 5;
        const i = Math.floor(bit / 8);
        const j = bit % 8;
        const low = digest[i] >> j;
        const high = i >= digest.length - 1 ? 0 : digest[i + 1] << (8 - j);
        text += ALPHABET[(low | high) & 0x1f];
    }
    return text;
}
/** The digest of a Nix base32 text of `bytes` bytes, or undefined when it is not one. */
function fromNixBase32(text, bytes = SHA256_BYTES) {
    if (text.length !== Math.floor((bytes * 8 - 1) / 5) + 1)
        return undefined;
    const digest = Buffer.alloc(bytes);
    for (let n = 0; n < text.length; n += 1) {
        const digit = ALPHABET.indexOf(text[text.length - n - 1]);
        if (digit < 0)
            return undefined;
        const bit = n * 5;
        const i = Math.floor(bit / 8);
        const j = bit % 8;
        digest[i] = digest[i] | ((digit << j) & 0xff);
        const carry = digit >> (8 - j);
        if (i < bytes - 1)
            digest[i + 1] = digest[i + 1] | carry;
        else if (carry)
            return undefined; // bits beyond the digest: not a canonical text
    }
    return digest;
}
/** The 32 bytes of a SHA-256 in any of Nix's notations, or undefined when it is none of them. */
function parseSha256(text) {
    const sri = /^sha256-([A-Za-z0-9+/]{43}=)$/.exec(text);
    if (sri)
        return Buffer.from(sri[1], 'base64');
    const typed = /^sha256:(.+)$/.exec(text);
    if (!typed)
        return undefined;
    const body = typed[1];
    if (body.length === BASE32_LENGTH)
        return fromNixBase32(body);
    if (/^[0-9a-f]{64}$/.test(body))
        return Buffer.from(body, 'hex');
    if (/^[A-Za-z0-9+/]{43}=$/.test(body))
        return Buffer.from(body, 'base64');
    return undefined;
}
/** `sha256:<nix base32>`: what every Nix reads (register-validity, --load-db, narinfos). */
function printSha256(digest) {
    return `sha256:${toNixBase32(digest)}`;
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/nar-parser.ts

/** A NAR that is not one Nix would write, or one this parser will not unpack. */
class NarError extends HypernixError {
    name = 'NarError';
}
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
class NarParser {
    sink;
    limits;
    steps;
    need = { bytes: 0 };
    done = false;
    position = 0; // bytes the grammar has consumed
    contentsLeft = 0;
    pending = [];
    pendingLength = 0;
    maxDepth;
    constructor(sink, limits) {
        this.sink = sink;
        this.limits = limits;
        this.maxDepth = limits.maxDepth ?? 256;
        this.steps = this.archive();
        this.advance(EMPTY);
    }
    push(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
            if (this.done)
                throw new NarError('bytes after the end of the archive');
            if ('contents' in this.need) {
                const take = Math.min(this.contentsLeft, chunk.length - offset);
                this.sink.data(chunk.subarray(offset, offset + take));
                offset += take;
                this.contentsLeft -= take;
                this.position += take;
                if (this.contentsLeft === 0)
                    this.advance(EMPTY);
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
    end() {
        if (!this.done)
            throw new NarError(`the archive ends early (after ${this.position} bytes)`);
    }
    advance(value) {
        // A step may ask for nothing (an empty string's body): answer at once.
        for (let result = this.steps.next(value);; result = this.steps.next(EMPTY)) {
            if (result.done) {
                this.done = true;
                return;
            }
            this.need = result.value;
            if ('contents' in this.need) {
                this.contentsLeft = this.need.contents;
                if (this.contentsLeft > 0)
                    return;
            }
            else if (this.need.bytes > 0)
                return;
        }
    }
    *archive() {
        yield* this.expect('nix-archive-1');
        yield* this.node('', 0);
    }
    *length(max, what) {
        const header = yield { bytes: 8 };
        const length = header.readBigUInt64LE(0);
        const left = this.limits.size - this.position;
        if (length > BigInt(Math.min(max, left))) {
            throw new NarError(length > BigInt(left)
                ? `${what} of ${length} bytes reaches past the NarSize (${this.limits.size})`
                : `${what} of ${length} bytes is longer than ${max}`);
        }
        return Number(length);
    }
    *padding(length) {
        const pad = (8 - (length % 8)) % 8;
        if (pad === 0)
            return;
        const bytes = yield { bytes: pad };
        if (bytes.some((byte) => byte !== 0))
            throw new NarError('padding that is not zero');
    }
    *string(max, what) {
        const length = yield* this.length(max, what);
        const body = yield { bytes: length };
        yield* this.padding(length);
        return length === 0 ? EMPTY : body;
    }
    *expect(token) {
        const found = yield* this.string(TOKEN_MAX, `a keyword where "${token}" belongs`);
        if (found.toString('latin1') !== token) {
            throw new NarError(`"${printable(found)}" where "${token}" belongs`);
        }
    }
    *keyword() {
        return (yield* this.string(TOKEN_MAX, 'a keyword')).toString('latin1');
    }
    *node(path, depth) {
        if (depth > this.maxDepth)
            throw new NarError(`directories nested deeper than ${this.maxDepth}`);
        yield* this.expect('(');
        yield* this.expect('type');
        const type = yield* this.keyword();
        if (type === 'regular')
            yield* this.regular(path);
        else if (type === 'symlink')
            yield* this.symlink(path);
        else if (type === 'directory')
            yield* this.directory(path, depth);
        else
            throw new NarError(`an entry of unknown type "${printable(Buffer.from(type, 'latin1'))}"`);
    }
    *regular(path) {
        let tag = yield* this.keyword();
        let executable = false;
        if (tag === 'executable') {
            executable = true;
            yield* this.expect('');
            tag = yield* this.keyword();
        }
        if (tag !== 'contents')
            throw new NarError(`"${tag}" where "contents" belongs`);
        const size = yield* this.length(Number.MAX_SAFE_INTEGER, `the file ${shown(path)}`);
        this.sink.file(path, executable, size);
        yield { contents: size };
        yield* this.padding(size);
        this.sink.fileEnd();
        yield* this.expect(')');
    }
    *symlink(path) {
        yield* this.expect('target');
        const target = yield* this.string(TARGET_MAX, `the target of ${shown(path)}`);
        if (target.length === 0 || target.includes(0)) {
            throw new NarError(`the symlink ${shown(path)} has an empty target or one with NUL`);
        }
        this.sink.symlink(path, utf8(target, `the target of ${shown(path)}`));
        yield* this.expect(')');
    }
    *directory(path, depth) {
        this.sink.directory(path);
        let previous;
        for (;;) {
            const tag = yield* this.keyword();
            if (tag === ')')
                break;
            if (tag !== 'entry')
                throw new NarError(`"${tag}" where "entry" or ")" belongs`);
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
function checkedName(raw, parent) {
    const name = raw.toString('latin1');
    if (raw.length === 0 || name === '.' || name === '..' || raw.includes(0x2f) || raw.includes(0)) {
        throw new NarError(`the entry name "${printable(raw)}" in ${shown(parent)} is not a file name`);
    }
    return utf8(raw, `the entry name in ${shown(parent)}`);
}
/** Names and targets as strings: bytes that are not UTF-8 could not be written back as they are. */
function utf8(raw, what) {
    const text = raw.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(raw))
        throw new NarError(`${what} is not UTF-8`);
    return text;
}
const shown = (path) => (path === '' ? 'the root' : `"${path}"`);
function printable(raw) {
    return raw
        .toString('latin1')
        .replace(/[^\x20-\x7e]/g, '?')
        .slice(0, 64);
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/tree-writer.ts


const CREATE = external_node_fs_namespaceObject.constants.O_WRONLY | external_node_fs_namespaceObject.constants.O_CREAT | external_node_fs_namespaceObject.constants.O_EXCL | external_node_fs_namespaceObject.constants.O_NOFOLLOW;
/**
 * Writes a parsed NAR as a new tree at `root` (which must not exist), with the metadata Nix
 * gives store paths: mode 0444, or 0555 for executables and directories, mtime 1 (epoch + 1 s),
 * owned by whoever runs this (root on a multi-user store). Every file, directory and symlink is
 * created new (O_EXCL, mkdir, symlink all fail on an existing name) and O_NOFOLLOW, and the
 * parser's names are plain names, so nothing is written outside `root` and no symlink is
 * followed. Writes are synchronous: a store path is many small files, for which one system call
 * each beats a trip through the thread pool.
 */
class TreeWriter {
    root;
    fd = -1;
    mode = 0o444;
    constructor(root) {
        this.root = root;
    }
    at(path) {
        return path === '' ? this.root : (0,external_node_path_namespaceObject.join)(this.root, path);
    }
    directory(path) {
        (0,external_node_fs_namespaceObject.mkdirSync)(this.at(path), 0o755); // writable until its entries are in
    }
    directoryEnd(path) {
        const target = this.at(path);
        (0,external_node_fs_namespaceObject.chmodSync)(target, 0o555);
        (0,external_node_fs_namespaceObject.utimesSync)(target, 1, 1); // after its entries: adding them set it to now
    }
    file(path, executable, size) {
        void size;
        this.mode = executable ? 0o555 : 0o444;
        this.fd = (0,external_node_fs_namespaceObject.openSync)(this.at(path), CREATE, this.mode);
    }
    data(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
            offset += (0,external_node_fs_namespaceObject.writeSync)(this.fd, chunk, offset, chunk.length - offset);
        }
    }
    fileEnd() {
        (0,external_node_fs_namespaceObject.fchmodSync)(this.fd, this.mode); // whatever the umask took away
        (0,external_node_fs_namespaceObject.futimesSync)(this.fd, 1, 1);
        (0,external_node_fs_namespaceObject.closeSync)(this.fd);
        this.fd = -1;
    }
    symlink(path, target) {
        const link = this.at(path);
        (0,external_node_fs_namespaceObject.symlinkSync)(target, link);
        (0,external_node_fs_namespaceObject.lutimesSync)(link, 1, 1);
    }
    /** Closes a file left open by a NAR that failed half way. */
    abandon() {
        if (this.fd >= 0)
            (0,external_node_fs_namespaceObject.closeSync)(this.fd);
        this.fd = -1;
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/unpack-nar.ts









const READ_CHUNK = 1 << 20;
const DECODE_CHUNK = 1 << 16;
// NARs up to this size are read and decoded whole (a few MB of memory per NAR being unpacked).
const WHOLE_NAR_MAX = 8 << 20;
/** Whether this Node decodes zstd itself (Node 22.15+, 23.8+); else the restore uses nix copy. */
function nodeHasZstd() {
    return typeof zlib.createZstdDecompress === 'function';
}
/**
 * Reads, decompresses, hashes and writes one NAR in one pass. Throws a NarError naming what is
 * wrong when the NAR is not well formed, or its bytes are not the ones the entry recorded (hash
 * or size); then nothing is left at `target`.
 */
async function unpackNar(job) {
    const writer = new TreeWriter(job.target);
    try {
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        const parser = new NarParser(writer, { size: job.narSize });
        let size = 0;
        for await (const chunk of narChunks(job)) {
            size += chunk.length;
            if (size > job.narSize) {
                throw new NarError(`its NAR is longer than the NarSize ${job.narSize} the entry records`);
            }
            hash.update(chunk);
            parser.push(chunk);
        }
        if (size !== job.narSize) {
            throw new NarError(`its NAR is ${size} bytes, the entry records ${job.narSize}`);
        }
        parser.end();
        const digest = hash.digest();
        if (!digest.equals(job.narHash)) {
            throw new NarError(`its NAR hashes to ${printSha256(digest)}, the entry records ${printSha256(job.narHash)}`);
        }
    }
    catch (error) {
        writer.abandon();
        await removeTree(job.target);
        if (error instanceof NarError)
            throw error;
        // zlib and the file system: a damaged frame, a missing file, a full disk.
        const code = error.code;
        throw new NarError(`cannot unpack its NAR: ${error.message}${code ? ` (${code})` : ''}`, { cause: error });
    }
}
/**
 * The NAR's bytes. Most NARs are small: one read and one decode (on the thread pool) cost far
 * less than a stream's set-up; larger ones stream, so memory stays bounded.
 */
async function* narChunks(job) {
    if (job.narSize > WHOLE_NAR_MAX) {
        yield* narStream(job);
        return;
    }
    // Small NARs are read and decoded on the calling thread (a worker's: worker-pool.ts): the
    // thread pool's hops (open, stat, read, close, decode) cost more than the work (measured:
    // 0.34 s against 0.48 s for 501 NARs of 262 kB; decoding on the pool beside this thread's
    // hashing and writing was no faster either, 3.5 against 3.1 s for 2,001).
    const stored = readBounded(job.file, compressedBound(job.narSize));
    if (job.compression === 'none') {
        yield stored;
        return;
    }
    // One byte more than the NarSize: a longer NAR is caught by the size check, not cut short.
    // One output buffer the NAR's size: one callback, no copying of pieces together.
    const whole = { maxOutputLength: job.narSize + 1, chunkSize: Math.max(64, job.narSize + 1) };
    try {
        yield external_node_zlib_namespaceObject.zstdDecompressSync(stored, whole);
    }
    catch (error) {
        if (error.code === 'ERR_BUFFER_TOO_LARGE') {
            throw new NarError(`its NAR is longer than the NarSize ${job.narSize} the entry records`);
        }
        throw error;
    }
}
/** No zstd frame of an n-byte NAR is larger than this (ZSTD_compressBound, with room to spare). */
const compressedBound = (narSize) => narSize + (narSize >> 7) + (1 << 20);
/** The whole file, unless it is larger than `limit`: a planted huge file is not read. */
function readBounded(file, limit) {
    const fd = (0,external_node_fs_namespaceObject.openSync)(file, 'r');
    try {
        const size = (0,external_node_fs_namespaceObject.fstatSync)(fd).size;
        if (size > limit) {
            throw new NarError(`its NAR file is ${size} bytes, more than a NAR of its NarSize can take`);
        }
        const buffer = Buffer.allocUnsafe(size);
        let at = 0;
        while (at < size) {
            const read = (0,external_node_fs_namespaceObject.readSync)(fd, buffer, at, size - at, at);
            if (read === 0)
                break;
            at += read;
        }
        return buffer.subarray(0, at);
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function narStream(job) {
    const file = (0,external_node_fs_namespaceObject.createReadStream)(job.file, { highWaterMark: READ_CHUNK });
    if (job.compression === 'none')
        return file;
    // Decoding runs on the thread pool, beside this thread's hashing and writing.
    const decoder = external_node_zlib_namespaceObject.createZstdDecompress({ chunkSize: DECODE_CHUNK });
    // pipeline: the file closes when decoding stops early, and a read error reaches the decoder.
    return (0,external_node_stream_namespaceObject.pipeline)(file, decoder, () => undefined);
}
/**
 * Removes a tree this process wrote, whatever its modes (its directories are 0555 once
 * complete: a store owner that is not root must make them writable first).
 */
async function removeTree(path) {
    try {
        await (0,promises_namespaceObject.rm)(path, { recursive: true, force: true });
    }
    catch {
        await makeWritable(path);
        await (0,promises_namespaceObject.rm)(path, { recursive: true, force: true });
    }
}
async function makeWritable(path) {
    await (0,promises_namespaceObject.chmod)(path, 0o755).catch(() => undefined);
    const entries = await (0,promises_namespaceObject.readdir)(path, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
        if (entry.isDirectory())
            await makeWritable((0,external_node_path_namespaceObject.join)(path, entry.name));
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/worker.ts
// An unpacking thread (bundled on its own as dist/unpack-worker/index.js; see worker-pool.ts):
// unpacks each NAR the main thread sends (read, decode, hash, parse, write: unpackNar) and
// answers with its id, and one line when it failed (unpackNar has then removed its tree).




const port = external_node_worker_threads_namespaceObject.parentPort;
port?.on('message', (request) => {
    // Structured cloning turned the Buffer into a Uint8Array.
    const job = { ...request.job, narHash: Buffer.from(request.job.narHash) };
    unpackNar(job).then(() => {
        // Test-only: the thread dies with the tree written and unreported.
        if (process.env[FAULT_VARIABLE] === 'crash-worker')
            process.exit(3);
        port.postMessage({ id: request.id });
    }, (error) => port.postMessage({ id: request.id, error: describeError(error) }));
});

