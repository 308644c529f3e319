export const id = 637;
export const ids = [637];
export const modules = {

/***/ 4637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CACHE_HELP: () => (/* binding */ CACHE_HELP),
  cacheCommand: () => (/* binding */ cacheCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(2693);
// EXTERNAL MODULE: ./src/nix/locate.ts + 1 modules
var locate = __webpack_require__(1471);
// EXTERNAL MODULE: ./src/report/console-reporter.ts
var console_reporter = __webpack_require__(3465);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/nix/path-info.ts
var path_info = __webpack_require__(4237);
// EXTERNAL MODULE: ./src/util/process.ts
var util_process = __webpack_require__(2017);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/limiter.ts
var limiter = __webpack_require__(2280);
// EXTERNAL MODULE: ./src/store-cache/entry.ts
var store_cache_entry = __webpack_require__(9562);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/util/child-env.ts
var child_env = __webpack_require__(4132);
;// CONCATENATED MODULE: ./src/store-cache/unpack/fault.ts
/** Test-only: makes the restore kill itself (or a thread) at a named point, to prove a crash leaves no harm. */
const FAULT_VARIABLE = 'HYPERNIX_TEST_FAULT_UNPACK';

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/store-cache/unpack/sibling-bundle.ts


/**
 * The entry script of another bundle beside this one (dist/<name>/index.js next to dist/cli/),
 * or undefined when it is not there (the tests run the sources). The name is put together at
 * run time so the bundler does not take it for an asset of its own.
 */
function siblingBundle(name) {
    const file = (0,external_node_url_.fileURLToPath)(new URL(['..', name, 'index.js'].join('/'), import.meta.url));
    return (0,external_node_fs_.existsSync)(file) ? file : undefined;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/store-cache/unpack/nar-parser.ts

/** A NAR that is not one Nix would write, or one this parser will not unpack. */
class NarError extends errors/* HypernixError */.iD {
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

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
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

;// CONCATENATED MODULE: ./src/store-cache/unpack/tree-writer.ts


const CREATE = external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | external_node_fs_.constants.O_NOFOLLOW;
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
        return path === '' ? this.root : (0,external_node_path_.join)(this.root, path);
    }
    directory(path) {
        (0,external_node_fs_.mkdirSync)(this.at(path), 0o755); // writable until its entries are in
    }
    directoryEnd(path) {
        const target = this.at(path);
        (0,external_node_fs_.chmodSync)(target, 0o555);
        (0,external_node_fs_.utimesSync)(target, 1, 1); // after its entries: adding them set it to now
    }
    file(path, executable, size) {
        void size;
        this.mode = executable ? 0o555 : 0o444;
        this.fd = (0,external_node_fs_.openSync)(this.at(path), CREATE, this.mode);
    }
    data(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
            offset += (0,external_node_fs_.writeSync)(this.fd, chunk, offset, chunk.length - offset);
        }
    }
    fileEnd() {
        (0,external_node_fs_.fchmodSync)(this.fd, this.mode); // whatever the umask took away
        (0,external_node_fs_.futimesSync)(this.fd, 1, 1);
        (0,external_node_fs_.closeSync)(this.fd);
        this.fd = -1;
    }
    symlink(path, target) {
        const link = this.at(path);
        (0,external_node_fs_.symlinkSync)(target, link);
        (0,external_node_fs_.lutimesSync)(link, 1, 1);
    }
    /** Closes a file left open by a NAR that failed half way. */
    abandon() {
        if (this.fd >= 0)
            (0,external_node_fs_.closeSync)(this.fd);
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
    return typeof external_node_zlib_.createZstdDecompress === 'function';
}
/**
 * Reads, decompresses, hashes and writes one NAR in one pass. Throws a NarError naming what is
 * wrong when the NAR is not well formed, or its bytes are not the ones the entry recorded (hash
 * or size); then nothing is left at `target`.
 */
async function unpackNar(job) {
    const writer = new TreeWriter(job.target);
    try {
        const hash = (0,external_node_crypto_.createHash)('sha256');
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
        yield external_node_zlib_.zstdDecompressSync(stored, whole);
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
    const fd = (0,external_node_fs_.openSync)(file, 'r');
    try {
        const size = (0,external_node_fs_.fstatSync)(fd).size;
        if (size > limit) {
            throw new NarError(`its NAR file is ${size} bytes, more than a NAR of its NarSize can take`);
        }
        const buffer = Buffer.allocUnsafe(size);
        let at = 0;
        while (at < size) {
            const read = (0,external_node_fs_.readSync)(fd, buffer, at, size - at, at);
            if (read === 0)
                break;
            at += read;
        }
        return buffer.subarray(0, at);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function narStream(job) {
    const file = (0,external_node_fs_.createReadStream)(job.file, { highWaterMark: READ_CHUNK });
    if (job.compression === 'none')
        return file;
    // Decoding runs on the thread pool, beside this thread's hashing and writing.
    const decoder = external_node_zlib_.createZstdDecompress({ chunkSize: DECODE_CHUNK });
    // pipeline: the file closes when decoding stops early, and a read error reaches the decoder.
    return (0,external_node_stream_.pipeline)(file, decoder, () => undefined);
}
/**
 * Removes a tree this process wrote, whatever its modes (its directories are 0555 once
 * complete: a store owner that is not root must make them writable first).
 */
async function removeTree(path) {
    try {
        await (0,promises_.rm)(path, { recursive: true, force: true });
    }
    catch {
        await makeWritable(path);
        await (0,promises_.rm)(path, { recursive: true, force: true });
    }
}
async function makeWritable(path) {
    await (0,promises_.chmod)(path, 0o755).catch(() => undefined);
    const entries = await (0,promises_.readdir)(path, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
        if (entry.isDirectory())
            await makeWritable((0,external_node_path_.join)(path, entry.name));
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/worker-pool.ts





/** How many threads unpack (0: this thread does, as without the worker's bundle). */
const THREADS_VARIABLE = 'HYPERNIX_UNPACK_THREADS';
// The bytes of the NARs handed to threads and not finished: a NAR up to WHOLE_NAR_MAX is read
// and decoded whole (its file and the NAR: about twice its size); a larger one streams (1 MB
// reads, 64 kB decodes). The cap holds memory to about this much whatever the core count.
const BYTES_IN_FLIGHT = 128 << 20;
const STREAM_BYTES = 4 << 20;
// NARs queued at a thread beyond the one it unpacks: it never waits for the next message.
const QUEUED_PER_THREAD = 2;
/** What a NAR costs in memory while a thread unpacks it. */
const charge = (job) => job.narSize > WHOLE_NAR_MAX ? STREAM_BYTES : 2 * job.narSize + 1024;
/**
 * Worker threads that unpack NARs side by side, one NAR per thread at a time, so decoding,
 * hashing and writing use every core (issue 22). NARs go to the least busy thread, with no more
 * than BYTES_IN_FLIGHT of them (by charge) handed out. A thread that dies fails the NARs it
 * held, with one line; the others go on, and with none left the rest fail too. The caller
 * removes the trees of failed NARs (a dead thread may have left one).
 */
class UnpackPool {
    budget;
    slots;
    queue = [];
    inFlight = 0;
    nextId = 0;
    closed;
    /** `file`: the worker's script; `budget`: the cap on bytes in flight (BYTES_IN_FLIGHT). */
    constructor(file, threads, budget = BYTES_IN_FLIGHT) {
        this.budget = budget;
        this.slots = Array.from({ length: threads }, () => this.startSlot(file));
    }
    /**
     * Starts the threads (they boot while the caller does other work), or returns undefined when
     * this runs from the sources (no bundled worker beside it) or is told to use no thread.
     */
    static start() {
        const asked = process.env[THREADS_VARIABLE];
        const threads = asked ? Number(asked) : Math.min((0,external_node_os_.availableParallelism)(), 16);
        const file = siblingBundle('unpack-worker');
        if (!Number.isInteger(threads) || threads < 1 || !file)
            return undefined;
        return new UnpackPool(file, threads);
    }
    /**
     * Unpacks one NAR on a thread, if still `wanted` when its turn comes: resolves with whether it
     * was unpacked; rejects with a NarError saying why it could not be.
     */
    unpack(job, wanted = () => true) {
        return new Promise((resolve, reject) => {
            const pending = { job, wanted, resolve: () => resolve(true), reject };
            this.queue.push({ id: this.nextId++, pending, skip: () => resolve(false) });
            this.dispatch();
        });
    }
    /** Stops the threads (after the work, or to abandon it). */
    close() {
        this.closed ??= Promise.all(this.slots.map((slot) => slot.worker.terminate())).then(() => undefined);
        return this.closed;
    }
    startSlot(file) {
        const slot = { worker: new external_node_worker_threads_.Worker(file), jobs: new Map() };
        slot.worker.on('message', (reply) => {
            const pending = slot.jobs.get(reply.id);
            if (!pending)
                return;
            slot.jobs.delete(reply.id);
            this.inFlight -= charge(pending.job);
            if (reply.error === undefined)
                pending.resolve();
            else
                pending.reject(new NarError(reply.error));
            this.dispatch();
        });
        slot.worker.on('error', (error) => this.died(slot, `it failed: ${error.message}`));
        slot.worker.on('exit', (code) => this.died(slot, `it exited with code ${code}`));
        return slot;
    }
    died(slot, why) {
        if (slot.dead !== undefined)
            return;
        slot.dead = why;
        const reason = `the thread unpacking its NAR stopped: ${why}`;
        for (const pending of slot.jobs.values()) {
            this.inFlight -= charge(pending.job);
            pending.reject(new NarError(reason));
        }
        slot.jobs.clear();
        if (this.slots.every((other) => other.dead !== undefined)) {
            for (const { pending } of this.queue.splice(0))
                pending.reject(new NarError(reason));
        }
        this.dispatch();
    }
    dispatch() {
        for (;;) {
            const next = this.queue[0];
            if (!next)
                return;
            if (!next.pending.wanted()) {
                this.queue.shift();
                next.skip();
                continue;
            }
            const cost = charge(next.pending.job);
            if (this.inFlight > 0 && this.inFlight + cost > this.budget)
                return;
            const slot = this.idlest();
            if (!slot)
                return;
            this.queue.shift();
            this.inFlight += cost;
            slot.jobs.set(next.id, next.pending);
            slot.worker.postMessage({ id: next.id, job: next.pending.job });
        }
    }
    /** The live thread with the fewest NARs, if it has room for one more. */
    idlest() {
        let best;
        for (const slot of this.slots) {
            if (slot.dead !== undefined || slot.jobs.size > QUEUED_PER_THREAD)
                continue;
            if (!best || slot.jobs.size < best.jobs.size)
                best = slot;
        }
        return best;
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/as-root.ts







// A sudo that asks a directory service may hang; the answer is wanted before the restore starts.
const SUDO_CHECK_MS = 10_000;
/**
 * Whether sudo runs the root child without a password (`sudo -n -l` names the exact command: a
 * sudoers that allows only some commands answers for this one, and nothing runs).
 */
function sudoAllowsRootChild(script) {
    const check = (0,external_node_child_process_.spawnSync)('sudo', ['-n', '-l', '--', process.execPath, script], {
        env: (0,child_env/* childEnvironment */.Q)(),
        stdio: 'ignore',
        timeout: SUDO_CHECK_MS,
    });
    return check.status === 0;
}
/**
 * On a multi-user store (root's, served by nix-daemon) the unpacking runs as root: a child
 * started through the runner's passwordless sudo restores the pack exactly as a root process
 * would (root-child.ts), so the paths it writes are root's, and Nix's database is written by
 * root's nix-store. The request goes on its stdin, never on a command line; sudo gives the child
 * a clean environment, so no token of ours reaches it. The child's one error line is the error.
 */
async function unpackAsRoot(nix, dir, infos, store) {
    const script = siblingBundle('unpack-as-root');
    if (!script)
        throw new errors/* HypernixError */.iD('the root unpacking script is not beside this bundle');
    const request = {
        nixBinDir: nix.binDir,
        nixVersion: nix.version.text,
        dir,
        infos,
        store,
        settings: Object.fromEntries([THREADS_VARIABLE, FAULT_VARIABLE].flatMap((name) => {
            const value = process.env[name];
            return value === undefined ? [] : [[name, value]];
        })),
    };
    const result = await (0,util_process/* run */.e)('sudo', ['-n', '--', process.execPath, script], {
        input: JSON.stringify(request),
        stderrTailLines: 20,
    });
    if (result.code === 0)
        return;
    const said = result.stderrTail.filter((line) => line.trim()).at(-1);
    throw new errors/* HypernixError */.iD(said ?? `the root unpacking (through sudo) exited with ${result.code}`);
}

;// CONCATENATED MODULE: ./src/nix/path-locks.ts



/** A path lock that could not be taken. */
class PathLockError extends errors/* HypernixError */.iD {
    name = 'PathLockError';
}
// libstore's lockPaths and PathLocks::unlock, line for line: open (create) `<path>.lock`,
// flock LOCK_EX (waiting), and if the file has content its last holder deleted it: open again.
// Released on "release" or when our end of the pipe closes (we died): unlink, write "d", close.
const LOCK_SCRIPT = `
use Fcntl qw(:flock O_RDWR O_CREAT);
$| = 1;
my @held;
while (my $path = <STDIN>) {
  chomp $path;
  last if $path eq '';
  for (;;) {
    sysopen(my $fh, "$path.lock", O_RDWR | O_CREAT, 0600) or die "cannot open $path.lock: $!\\n";
    flock($fh, LOCK_EX) or die "cannot lock $path.lock: $!\\n";
    if ((stat $fh)[7] != 0) { close $fh; next; }
    push @held, [$path, $fh];
    last;
  }
}
print "locked\\n";
my $ignored = <STDIN>;
for my $lock (@held) { unlink "$lock->[0].lock"; syswrite($lock->[1], "d"); close $lock->[1]; }
`;
/** Whether `perl` runs here with Fcntl (perl-base is Essential on Debian and Ubuntu). */
function perlAvailable() {
    return (0,external_node_child_process_.spawnSync)('perl', ['-MFcntl=:flock', '-e', '1'], { stdio: 'ignore' }).status === 0;
}
/**
 * Nix's own locks on store paths (libstore's PathLocks, which every `nix copy`, substitution
 * and build takes before it writes a path), so a restore cannot race a daemon or another Nix
 * adding the same path. Node has no flock(2): a `perl` child takes the locks (in sorted order,
 * as Nix does) and holds them until release(), or until this process dies and the pipe closes.
 * The child works beside this process: acquire() starts it, locked() waits for it.
 */
class PathLocks {
    child;
    exited;
    ready;
    constructor(child) {
        this.child = child;
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
        this.exited = new Promise((resolve) => {
            child.on('close', (code) => resolve(code));
            child.on('error', () => resolve(null));
        });
        this.ready = new Promise((resolve, reject) => {
            let stdout = '';
            child.stdout.setEncoding('utf8').on('data', (text) => {
                stdout += text;
                if (stdout.includes('locked\n'))
                    resolve();
            });
            void this.exited.then((code) => reject(new PathLockError(`cannot take Nix's path locks: ${stderr.trim().split('\n').at(-1) || `perl exit ${code}`}`)));
        });
        this.ready.catch(() => undefined); // the caller sees it in locked()
    }
    /** Starts taking the locks on these real paths (in the store directory as it is on disk). */
    static acquire(paths) {
        const sorted = [...new Set(paths)].sort();
        const bad = sorted.find((path) => path.includes('\n') || !path.startsWith('/'));
        if (bad !== undefined)
            throw new PathLockError(`cannot lock ${JSON.stringify(bad)}`);
        const child = (0,external_node_child_process_.spawn)('perl', ['-e', LOCK_SCRIPT], {
            env: (0,child_env/* childEnvironment */.Q)(),
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        child.stdin.on('error', () => undefined); // perl died: locked() says why
        child.stdin.write(`${sorted.join('\n')}\n\n`);
        return new PathLocks(child);
    }
    /** Resolves once every lock is held; rejects with one line when they cannot be taken. */
    locked() {
        return this.ready;
    }
    /** Releases the locks as Nix does and waits for it. */
    async release() {
        this.child.stdin.end('release\n');
        await this.exited;
    }
}

;// CONCATENATED MODULE: ./src/nix/register.ts



class RegisterError extends errors/* HypernixError */.iD {
    name = 'RegisterError';
}
/**
 * The text `nix-store --register-validity --hash-given` and `--load-db` read (libstore's
 * decodeValidPathInfo, the same in Nix 2.3 to 2.2x): per path its line, hash, NAR size, deriver
 * (may be empty), the count of references, then one line each.
 */
function registrationText(paths) {
    return paths
        .map((info) => [
        info.path,
        printSha256(info.narHash),
        String(info.narSize),
        info.deriver,
        String(info.references.length),
        ...info.references,
    ].join('\n'))
        .join('\n')
        .concat(paths.length ? '\n' : '');
}
/**
 * Makes paths already in place valid, in one transaction, through Nix itself (never its
 * database file): the references of each must be valid or among the paths, else Nix refuses
 * all of them. In the store itself `--register-validity --hash-given`, which also canonicalises
 * the paths' metadata; in a chroot store (`store`, a directory) `--load-db`, the same without
 * canonicalising, because Nix 2.8 canonicalises the path's name under /nix/store on the host
 * there (not the chroot's copy) and fails when the host has no such path. The caller writes
 * canonical metadata itself either way.
 */
async function registerValidPaths(nix, paths, store) {
    if (paths.length === 0)
        return;
    const args = store ? ['--store', store, '--load-db'] : ['--register-validity', '--hash-given'];
    const result = await (0,util_process/* run */.e)(nix.program('nix-store'), [...args, '--option', 'fsync-metadata', 'false'], { input: registrationText(paths), stderrTailLines: 20 });
    if (result.code !== 0) {
        const reason = result.stderrTail.filter((line) => /^error: /.test(line)).at(-1);
        throw new RegisterError(`nix-store cannot register ${paths.length} restored paths: ${reason?.replace(/^error: /, '') ?? `exit ${result.code}`}`);
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/stale.ts



/** The prefix of the directory a restore unpacks into in the store: `.hypernix-unpack-<pid>-<random>`. */
const UNPACK_PREFIX = '.hypernix-unpack-';
// A temporary tree older than this is gone stale even if its pid is alive again (pid reuse).
const STALE_AFTER_MS = 24 * 3600 * 1000;
/** The name of a restore's temporary directory, owned by this process. */
function unpackName(random, pid = process.pid) {
    return `${UNPACK_PREFIX}${pid}-${random}`;
}
/**
 * Removes the temporary directories (and the trees in them) a restore left in the store
 * directory when it died between unpacking and renaming (their process is gone, or they are a day old). Returns how many.
 * Nix's garbage collector would delete them too: it deletes whatever in the store directory is
 * not a valid path (2.8's collectGarbage reads the directory and deletes names that are not
 * store paths); this does not wait for a collection.
 */
async function removeStaleUnpacks(realStoreDir) {
    const names = await (0,promises_.readdir)(realStoreDir).catch(() => []);
    let removed = 0;
    for (const name of names) {
        const match = /^\.hypernix-unpack-(\d+)-/.exec(name);
        if (!match)
            continue;
        const pid = Number(match[1]);
        const path = (0,external_node_path_.join)(realStoreDir, name);
        const age = await (0,promises_.stat)(path).then((info) => Date.now() - info.ctimeMs, () => 0);
        if (pid === process.pid || (processAlive(pid) && age < STALE_AFTER_MS))
            continue;
        await removeTree(path).catch(() => undefined);
        removed += 1;
    }
    return removed;
}
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM'; // alive, another user's
    }
}

;// CONCATENATED MODULE: ./src/store-cache/unpack/restore-pack.ts















// Renames in flight: they queue on the store directory's lock in the kernel, but overlap the rest.
const RENAMES_AT_ONCE = 8;
/**
 * Restores a pack's paths without `nix copy`: each NAR is read, decompressed, hashed and
 * written once, into a temporary tree in the store directory; only a NAR whose SHA-256 and size
 * are the ones the entry records, and whose references are valid or restored with it, is renamed
 * into place (under Nix's path lock, if still not valid) and registered through nix-store.
 * Returns undefined when the pack holds what this path does not handle (another compression, a
 * content address), for the caller to use nix copy. `narinfos` are checkNarinfos's fields.
 */
async function unpackPack(nix, dir, infos, narinfos, store) {
    const realStore = (0,external_node_path_.join)(store ?? '', (0,store_cache_entry/* storeDir */.rT)());
    const failed = [];
    // The trees are written in a directory of their own in the store directory, and renamed from
    // there into place. Not in the store directory itself: thousands of new names there contend
    // with the lock files of Nix's locks (measured on 2,001 paths: 1.7 against 1.2 times the
    // whole-store tar), and a crash leaves one name to clean up.
    const batch = (0,external_node_path_.join)(realStore, unpackName((0,external_node_crypto_.randomBytes)(6).toString('hex')));
    const plan = planJobs(dir, infos, narinfos, batch, failed);
    if (!plan)
        return undefined;
    // The pack's paths and what they refer to (earlier packs, the store): one query, which also
    // makes a chroot store that does not exist yet.
    const asked = new Set(infos.flatMap((info) => [info.path, ...info.references]));
    // The threads boot while Nix answers.
    const pool = plan.length > 0 ? UnpackPool.start() : undefined;
    let locks;
    try {
        // With threads, the unpacking starts before Nix says which paths are valid already (on a
        // fresh store: none); once it has, the NARs of valid paths are not started (those started
        // meanwhile are wasted). Without threads, this thread would be too busy to hear the answer.
        const known = {};
        const wanted = (planned) => !known.valid?.has(planned.info.path);
        const validity = (0,path_info/* validPaths */.fI)(nix, [...asked], store);
        validity.catch(() => undefined); // awaited below
        const unpackFailed = [];
        let unpacking;
        if (pool) {
            await (0,promises_.mkdir)(batch, { recursive: true, mode: 0o755 }); // a chroot store may not exist yet
            unpacking = unpackAll(plan, unpackFailed, pool, wanted);
        }
        const valid = (known.valid = await validity);
        await removeStaleUnpacks(realStore);
        const todo = plan.filter(wanted);
        if (todo.length === 0)
            return { restored: 0, failed };
        if (!pool)
            await (0,promises_.mkdir)(batch, 0o755);
        // A child takes Nix's locks beside the unpacking: they guard only the rename and register.
        locks = PathLocks.acquire(todo.map((planned) => finalPath(realStore, planned)));
        const unpacked = await (unpacking ?? unpackAll(todo, unpackFailed, undefined, wanted));
        failed.push(...unpackFailed.filter((failure) => !valid.has(failure.path)));
        if (process.env[FAULT_VARIABLE] === 'crash-after-unpack')
            process.kill(process.pid, 'SIGKILL');
        const ready = leaveOutDangling(todo, unpacked, valid, failed);
        await locks.locked();
        const placed = await install(nix, ready, realStore, store);
        return { restored: placed.size, failed };
    }
    finally {
        await pool?.close(); // a thread still writing stops before its tree is removed
        await removeTree(batch); // what was not renamed into place
        await locks?.release();
    }
}
const finalPath = (realStore, planned) => (0,external_node_path_.join)(realStore, (0,external_node_path_.basename)(planned.info.path));
/**
 * Unpacks the NARs still `wanted` when their turn comes: on the pool's threads, or without one
 * on this thread (small NARs one after another, large ones streamed). Returns the paths unpacked.
 */
async function unpackAll(todo, failed, pool, wanted) {
    const slot = pool
        ? (task) => task()
        : (0,limiter/* limiter */.T)(Math.max(2, (0,external_node_os_.cpus)().length * 2));
    const unpacked = new Set();
    await Promise.all(todo.map((planned) => slot(async () => {
        try {
            const done = pool
                ? await pool.unpack(planned.job, () => wanted(planned))
                : wanted(planned) && (await unpackNar(planned.job), true);
            if (done)
                unpacked.add(planned.info.path);
        }
        catch (error) {
            failed.push({ path: planned.info.path, reason: (0,errors/* describeError */.Uc)(error) });
        }
    })));
    return unpacked;
}
/** One job per path, from its narinfo, unpacking into `batch`; undefined for a pack the unpack does not handle. */
function planJobs(dir, infos, narinfos, batch, failed) {
    const plan = [];
    for (const info of infos) {
        const fields = narinfos.get(info.path) ?? new Map();
        const compression = fields.get('Compression') ?? 'bzip2'; // Nix's default
        if ((compression !== 'zstd' && compression !== 'none') || fields.has('CA'))
            return undefined;
        const narHash = parseSha256(info.narHash);
        const listed = parseSha256(fields.get('NarHash') ?? '');
        if (!narHash || !listed?.equals(narHash) || fields.get('NarSize') !== String(info.narSize)) {
            failed.push({
                path: info.path,
                reason: 'its narinfo records another NarHash or NarSize than the cache entry',
            });
            continue;
        }
        const deriver = (0,external_node_path_.join)((0,store_cache_entry/* storeDir */.rT)(), fields.get('Deriver') ?? '');
        plan.push({
            info,
            deriver: (0,store_cache_entry/* isStorePath */.zP)(deriver) && deriver.endsWith('.drv') ? deriver : '',
            job: {
                storePath: info.path,
                file: (0,external_node_path_.join)(dir, fields.get('URL') ?? ''), // checkNarinfos: a plain name under nar/
                compression,
                narHash,
                narSize: info.narSize,
                target: (0,external_node_path_.join)(batch, (0,external_node_path_.basename)(info.path)),
            },
        });
    }
    return plan;
}
/**
 * The unpacked paths whose references are all valid or unpacked too (self-references aside),
 * references first. The others are left out and named (their trees go with the batch
 * directory): Nix would refuse to register them, and with them the whole batch.
 */
function leaveOutDangling(todo, unpacked, valid, failed) {
    const usable = new Set(unpacked);
    for (let changed = true; changed;) {
        changed = false;
        for (const planned of todo) {
            const { path, references } = planned.info;
            if (!usable.has(path))
                continue;
            const missing = references.find((ref) => ref !== path && !valid.has(ref) && !usable.has(ref));
            if (missing === undefined)
                continue;
            usable.delete(path);
            changed = true;
            failed.push({ path, reason: `its reference ${missing} is neither valid nor restored` });
        }
    }
    return referencesFirst(todo.filter((planned) => usable.has(planned.info.path)));
}
function referencesFirst(planned) {
    const byPath = new Map(planned.map((item) => [item.info.path, item]));
    const ordered = [];
    const seen = new Set();
    const visit = (item) => {
        if (seen.has(item.info.path))
            return;
        seen.add(item.info.path);
        for (const ref of item.info.references) {
            const dependency = byPath.get(ref);
            if (dependency)
                visit(dependency);
        }
        ordered.push(item);
    };
    for (const item of planned)
        visit(item);
    return ordered;
}
/**
 * Under Nix's locks on the final names (the caller holds them): paths another process made valid meanwhile are left as
 * they are; an invalid leftover at a final name (an earlier restore that died before
 * registering) is deleted, as Nix deletes one; then rename and register in one transaction.
 */
async function install(nix, ready, realStore, store) {
    const placed = new Set();
    if (ready.length === 0)
        return placed;
    const nowValid = await (0,path_info/* validPaths */.fI)(nix, ready.map((planned) => planned.info.path), store);
    const slot = (0,limiter/* limiter */.T)(RENAMES_AT_ONCE);
    await Promise.all(ready.map((planned) => slot(async () => {
        if (nowValid.has(planned.info.path))
            return;
        await renameOver(planned.job.target, finalPath(realStore, planned));
        placed.add(planned);
    })));
    if (process.env[FAULT_VARIABLE] === 'crash-before-register')
        process.kill(process.pid, 'SIGKILL');
    try {
        await registerValidPaths(nix, [...placed].map(registration), store);
    }
    catch (error) {
        // Not valid: not left behind (the next restore would replace them, but say it once here).
        for (const planned of placed)
            await removeTree(finalPath(realStore, planned));
        throw error;
    }
    return placed;
}
/** Renames a tree into place; an invalid leftover there (a directory rename cannot replace) goes first. */
async function renameOver(from, to) {
    try {
        await (0,promises_.rename)(from, to);
    }
    catch (error) {
        const code = error.code ?? '';
        if (!['EEXIST', 'ENOTEMPTY', 'EISDIR', 'ENOTDIR'].includes(code))
            throw error;
        await removeTree(to);
        await (0,promises_.rename)(from, to);
    }
}
function registration(planned) {
    return {
        path: planned.info.path,
        narHash: planned.job.narHash,
        narSize: planned.info.narSize,
        deriver: planned.deriver,
        references: planned.info.references,
    };
}

;// CONCATENATED MODULE: ./src/store-cache/pack.ts








class PackError extends errors/* HypernixError */.iD {
    name = 'PackError';
}
const NIX_COMMAND = ['--extra-experimental-features', 'nix-command'];
/**
 * A pack is a directory laid out as a Nix binary cache (`nix-cache-info`, one `.narinfo` per
 * store path, `nar/*.nar.zst`) holding exactly the pack's paths. Nix writes and reads it itself
 * with `nix copy`, which copies in parallel and is about twice as fast to restore as
 * `nix-store --import` of one export stream.
 */
function packStoreUri(dir, query = '') {
    if (/[?#\s]/.test(dir)) {
        throw new PackError(`a pack directory cannot hold ? # or spaces in its name: ${dir}`);
    }
    return `file://${dir}${query}`;
}
/**
 * Writes exactly these store paths (not their closures: what the cache holds already stays out)
 * into `dir` with zstd-compressed NARs, in the order given (references first). Returns the bytes
 * the pack takes; on failure nothing is left in `dir`.
 */
async function writePack(nix, infos, dir) {
    const uri = packStoreUri(dir, '?compression=zstd');
    try {
        const stubs = await writeReferenceStubs(nix, infos, dir);
        for (const batch of (0,path_info/* batches */.Xy)(infos.map((info) => info.path))) {
            await nixCopy(nix, ['--to', uri], batch, `cannot write the cache pack ${dir}`);
        }
        await Promise.all(stubs.map((stub) => (0,promises_.rm)(stub)));
        return await directoryBytes(dir);
    }
    catch (error) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        throw error;
    }
}
/**
 * Nix adds a path to a binary cache only when the cache knows its references. References outside
 * the pack (in earlier packs, or served upstream) get a narinfo without a NAR while the pack is
 * written; they are removed after, so the pack never offers what it does not hold.
 */
async function writeReferenceStubs(nix, infos, dir) {
    const inPack = new Set(infos.map((info) => info.path));
    const outside = [...new Set(infos.flatMap((info) => info.references))].filter((path) => !inPack.has(path));
    const stubs = [];
    for (const info of await (0,path_info/* queryPathInfos */.zN)(nix, outside, false)) {
        const file = (0,external_node_path_.join)(dir, `${hashPart(info.path)}.narinfo`);
        await (0,promises_.writeFile)(file, [
            `StorePath: ${info.path}`,
            `URL: nar/not-in-this-pack.nar`,
            `Compression: none`,
            `NarHash: ${info.narHash}`,
            `NarSize: ${info.narSize}`,
            `References: ${info.references.map((reference) => (0,external_node_path_.basename)(reference)).join(' ')}`,
            '',
        ].join('\n'));
        stubs.push(file);
    }
    return stubs;
}
/** The 32-character hash that names a store path's narinfo. */
function hashPart(storePath) {
    return (0,external_node_path_.basename)(storePath).slice(0, 32);
}
/**
 * Imports the pack's paths: with `unpack`, by unpacking and verifying each NAR here and
 * registering it through nix-store (unpackPack; packs it does not handle still go through nix
 * copy); with `unpack-as-root`, the same in a root child through sudo (as-root.ts); else
 * through Nix itself (`nix copy --from file://`): the store's own
 * database and locks, so a daemon, a root-owned store and auto-optimise-store are all fine. NAR
 * hashes are checked; signatures are not, since packs come only from the cache this action
 * wrote (see the README). Each narinfo is checked first against the entry (checkNarinfos), and
 * paths go after `--`. Paths already valid are skipped by Nix.
 */
async function importPack(nix, dir, infos, store, method = 'nix-copy') {
    if (method === 'unpack-as-root')
        return unpackAsRoot(nix, dir, infos, store);
    const narinfos = await checkNarinfos(dir, infos);
    if (method === 'unpack') {
        const outcome = await unpackPack(nix, dir, infos, narinfos, store);
        if (outcome) {
            const [first, ...more] = outcome.failed;
            if (first) {
                throw new PackError(`cannot import ${first.path} from the pack in ${dir}: ${first.reason}${more.length ? ` (and ${more.length} more paths)` : ''}`);
            }
            return;
        }
    }
    const uri = packStoreUri(dir);
    const storeArgs = store ? ['--store', store] : [];
    for (const batch of (0,path_info/* batches */.Xy)(infos.map((info) => info.path))) {
        try {
            await nixCopy(nix, [...storeArgs, '--from', uri, '--no-check-sigs', '--option', 'fsync-metadata', 'false'], batch, `cannot import the pack in ${dir}`);
        }
        catch (error) {
            // Name the path that failed: the first of the batch (references first) still missing.
            const present = await (0,path_info/* validPaths */.fI)(nix, batch, store).catch(() => new Set(batch));
            const failed = batch.find((path) => !present.has(path));
            if (failed && error instanceof PackError) {
                throw new PackError(error.message.replace('cannot import the pack', `cannot import ${failed} from the pack`), { cause: error });
            }
            throw error;
        }
    }
}
// A narinfo is small but for its References line: 2,000 references take about 100 kB, so this
// leaves room for 300,000. More is damage.
const MAX_NARINFO_BYTES = 16 * 1024 * 1024;
/**
 * Checks each path's narinfo against the entry before Nix reads it: its StorePath must be the
 * path (else Nix would register that path with another path's contents), its URL a plain file
 * under nar/ (else Nix would read outside the pack), and its References the entry's.
 */
async function checkNarinfos(dir, infos) {
    const checked = new Map();
    for (const info of infos) {
        const file = (0,external_node_path_.join)(dir, `${hashPart(info.path)}.narinfo`);
        const text = pack_readBounded(file);
        const fields = new Map();
        for (const line of text.split('\n')) {
            const colon = line.indexOf(': ');
            if (colon > 0 && !fields.has(line.slice(0, colon))) {
                fields.set(line.slice(0, colon), line.slice(colon + 2));
            }
        }
        const problem = (what) => new PackError(`${info.path}: its narinfo ${what}`);
        if (fields.get('StorePath') !== info.path) {
            throw problem(`names ${JSON.stringify(fields.get('StorePath') ?? '')}, not this path`);
        }
        if (!/^nar\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(fields.get('URL') ?? '')) {
            throw problem(`points outside the pack (URL ${JSON.stringify(fields.get('URL') ?? '')})`);
        }
        const listed = (fields.get('References') ?? '').split(' ').filter(Boolean).sort().join(' ');
        const expected = info.references
            .map((reference) => (0,external_node_path_.basename)(reference))
            .sort()
            .join(' ');
        if (listed !== expected)
            throw problem('lists other references than the cache entry');
        checked.set(info.path, fields);
    }
    return checked;
}
/**
 * A narinfo's text, read synchronously: a pack has thousands of small narinfos, and four trips
 * through the thread pool for each (open, stat, read, close) cost half a second for 2,000.
 */
function pack_readBounded(file) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(file, 'r');
    }
    catch {
        throw new PackError(`${file} is missing`);
    }
    try {
        const { size } = (0,external_node_fs_.fstatSync)(fd);
        if (size > MAX_NARINFO_BYTES) {
            throw new PackError(`${file} is ${size} bytes: larger than any narinfo (damaged)`);
        }
        // Read what it holds now (it may have shrunk), never more than was checked.
        const buffer = Buffer.alloc(size);
        const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, 0, size, 0);
        return buffer.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Runs `nix copy` with the store paths after `--`, so none can be taken for an option. */
async function nixCopy(nix, options, paths, failure) {
    const result = await (0,util_process/* run */.e)(nix.program('nix'), [...NIX_COMMAND, 'copy', '--no-recursive', ...options, '--', ...paths], { stderrTailLines: 20 });
    if (result.code !== 0) {
        throw new PackError(`${failure}: ${nixFailure(result.stderrTail, result.code)}`);
    }
}
/** Nix's own reason, without its progress and --show-trace hints; a full disk said plainly. */
function nixFailure(stderr, code) {
    if (stderr.some((line) => /No space left on device/i.test(line))) {
        return 'no space left on device (ENOSPC)';
    }
    const errors = stderr.filter((line) => /^error: /.test(line));
    const last = errors.at(-1) ??
        stderr.filter((line) => !/^copying (path|\d+ paths)|^\(use '--show-trace'/.test(line)).at(-1);
    return last ? `nix copy: ${last.replace(/^error: /, '').trim()}` : `nix copy: exit ${code}`;
}
async function directoryBytes(dir) {
    let total = 0;
    for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile())
            total += (await (0,promises_.stat)((0,external_node_path_.join)(entry.parentPath, entry.name))).size;
    }
    return total;
}

// EXTERNAL MODULE: ./src/util/stopwatch.ts
var stopwatch = __webpack_require__(91);
;// CONCATENATED MODULE: ./src/store-cache/unpack/method.ts






/**
 * Unpacking writes the store directory and Nix's database directly, so it is only for whoever
 * owns the store: root, or the user of a single-user install. On a multi-user store (root's,
 * with a daemon) a runner's user with passwordless sudo unpacks in a root child, as the
 * whole-store caches extract as root; without it, `nix copy` restores through the daemon.
 */
function chooseRestoreMethod(facts) {
    const copy = (why) => ({ method: 'nix-copy', why });
    if (facts.requested === 'nix-copy')
        return copy('restore-method is nix-copy');
    if (facts.store === 'other')
        return copy('the store is not a local store directory');
    if (!facts.nodeZstd)
        return copy('this Node cannot decode zstd');
    if (!facts.perl)
        return copy('perl is missing (it takes the path locks)');
    const owner = facts.euid === 0 || facts.euid === facts.storeOwner;
    if (facts.store === 'local' && owner) {
        return { method: 'unpack', why: 'unpacked and verified here' };
    }
    const whose = facts.store === 'daemon'
        ? "the machine's store through its daemon (NIX_REMOTE=daemon)"
        : 'the store belongs to another user (a multi-user store)';
    if (facts.euid !== 0 && facts.sudo) {
        return { method: 'unpack-as-root', why: `${whose}: unpacked as root through sudo` };
    }
    return copy(`${whose} and sudo -n cannot run the root unpacking`);
}
/**
 * The facts for chooseRestoreMethod on this machine, for the local store or a chroot store
 * directory (`store`). A store URL is never written directly; the machine's store behind its
 * daemon only by a root child.
 */
async function restoreFacts(requested, store) {
    const kind = storeKind(store, process.env.NIX_REMOTE ?? '');
    const owner = await (0,promises_.stat)(store ?? (0,store_cache_entry/* storeDir */.rT)()).then((info) => info.uid, () => process.geteuid?.() ?? 0);
    const euid = process.geteuid?.() ?? 0;
    const unpacking = requested === 'unpack' && kind !== 'other';
    const notOurs = euid !== 0 && (kind === 'daemon' || euid !== owner);
    // Asked only where a root child is the way to unpack: sudo is a process to start.
    const rootChild = () => {
        const script = siblingBundle('unpack-as-root');
        return script !== undefined && sudoAllowsRootChild(script);
    };
    return {
        requested,
        nodeZstd: nodeHasZstd(),
        perl: unpacking ? perlAvailable() : false,
        euid,
        storeOwner: owner,
        store: kind,
        sudo: unpacking && notOurs && rootChild(),
    };
}
/** What the restore writes into: a chroot store `DIR`, or the store NIX_REMOTE names. */
function storeKind(store, remote) {
    if (store !== undefined)
        return store.startsWith('/') ? 'local' : 'other';
    if (remote === '' || remote === 'local')
        return 'local';
    return remote === 'daemon' ? 'daemon' : 'other';
}

;// CONCATENATED MODULE: ./src/store-cache/cache.ts











// Downloads of a chain's packs at once; the chain is short and each download is large.
const PARALLEL_FETCHES = 4;
/**
 * Restores the newest entry for the key (or a restore-key prefix) by importing its packs in
 * order through Nix. Caching never fails a build: a pack that cannot be imported is skipped with
 * a warning, and the rest go on.
 */
async function restoreCache(nix, backend, options, reporter) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    let found;
    try {
        found = await backend.find(options.key, options.restoreKeys);
    }
    catch (error) {
        reporter.warning(`store cache: cannot look up ${options.key}: ${(0,errors/* describeError */.Uc)(error)}`);
        return { hit: 'miss', paths: 0, bytes: 0, seconds: elapsed() };
    }
    if (!found) {
        reporter.info(`store cache: no entry for ${options.key}${options.restoreKeys.length ? ` or ${options.restoreKeys.join(', ')}` : ''}`);
        return { hit: 'miss', paths: 0, bytes: 0, seconds: elapsed() };
    }
    const packs = usablePacks(found.entry, reporter);
    const { method, why } = chooseRestoreMethod(await restoreFacts(options.restoreMethod ?? 'unpack', options.store));
    reporter.debug(`store cache: restoring with ${method} (${why})`);
    const cached = (0,store_cache_entry/* entryPaths */.zH)({ ...found.entry, packs });
    try {
        await substituteMissingReferences(nix, packs, cached, options.store, reporter);
    }
    catch (error) {
        reporter.warning(`store cache: ${(0,errors/* describeError */.Uc)(error)}`); // the packs that need them fail below
    }
    // Packs download side by side; each is imported, in chain order, as soon as it is here.
    const fetchSlot = (0,limiter/* limiter */.T)(PARALLEL_FETCHES);
    const fetched = packs.map((pack) => fetchSlot(() => backend.fetchPack(pack)).then((dir) => ({ dir }), (error) => ({ error })));
    let paths = 0;
    let bytes = 0;
    let skipped = found.entry.packs.length - packs.length;
    for (const [index, pack] of packs.entries()) {
        try {
            const local = await fetched[index];
            if (!local || 'error' in local)
                throw local?.error;
            await importPack(nix, local.dir, pack.paths, options.store, method);
            paths += pack.paths.length;
            bytes += pack.bytes;
        }
        catch (error) {
            skipped += 1;
            reporter.warning(`store cache: skipped pack ${pack.id} of ${found.entry.key}: ${(0,errors/* describeError */.Uc)(error)}`);
        }
        finally {
            await backend.releasePack(pack).catch(() => undefined);
        }
    }
    const seconds = elapsed();
    // An entry none of whose packs could be used restored nothing: that is a miss.
    const hit = skipped > 0 && skipped === found.entry.packs.length
        ? 'miss'
        : found.exact
            ? 'exact'
            : 'partial';
    reporter.info(hit === 'miss'
        ? `store cache: restored nothing from ${found.entry.key}: all ${skipped} packs skipped`
        : `store cache: restored ${(0,format/* countOf */.pq)(paths, 'path')} from ${found.entry.key} (${hit} hit${skipped ? `; ${skipped} of ${found.entry.packs.length} packs skipped` : ''})`);
    return { hit, key: found.entry.key, paths, bytes, seconds };
}
/**
 * The entry's packs that may be used: ids that are plain names, paths and references that are
 * store paths. The others are skipped with a warning naming the pack and what is wrong.
 */
function usablePacks(entry, reporter) {
    return entry.packs.filter((pack) => {
        const problem = (0,store_cache_entry/* packProblem */.lx)(pack);
        if (problem) {
            reporter.warning(`store cache: skipped pack ${JSON.stringify(pack.id.slice(0, 80))} of ${entry.key}: ${problem}`);
        }
        return problem === undefined;
    });
}
/**
 * Packs hold only what was built here: their references that an upstream cache serves must be in
 * the store before Nix takes the packs. Nix fetches them from its substituters.
 */
async function substituteMissingReferences(nix, packs, cached, store, reporter) {
    const referenced = packs.flatMap((pack) => pack.paths.flatMap((info) => info.references));
    const external = [...new Set(referenced)].filter((path) => !cached.has(path));
    const present = await (0,path_info/* validPaths */.fI)(nix, external, store);
    const missing = external.filter((path) => !present.has(path));
    if (missing.length === 0)
        return;
    reporter.info(`store cache: fetching ${(0,format/* countOf */.pq)(missing.length, 'path')} the packs need from the substituters`);
    const result = await (0,util_process/* run */.e)(nix.program('nix-store'), [
        ...(store ? ['--store', store] : []),
        '--realise',
        '--',
        ...missing,
    ]);
    if (result.code !== 0) {
        throw new PackError(`the packs need ${(0,format/* countOf */.pq)(missing.length, 'path')} no substituter has (${result.stderrTail.at(-1) ?? ''})`);
    }
}
/** Built on this runner (ultimate), or not signed by anyone: not to be had from an upstream cache. */
function worthCaching(info) {
    return info.ultimate || info.signatures.length === 0;
}
/**
 * Saves what is new in the roots' closures as one pack added to the chain it extends (the entry
 * for the key or the restore keys), or as one compacted pack when the chain would grow too long
 * or the entry came from another key.
 * Nothing is written when nothing is new.
 */
async function saveCache(nix, backend, options, reporter) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const runtime = await (0,path_info/* queryPathInfos */.zN)(nix, options.roots, true);
    const inputs = options.buildInputs ? await (0,path_info/* buildInputs */._9)(nix, options.roots) : [];
    const known = new Set(runtime.map((info) => info.path));
    const more = await (0,path_info/* queryPathInfos */.zN)(nix, inputs.filter((path) => !known.has(path)), false);
    const roots = new Set(options.excludeRoots ? options.roots : []);
    const infos = [...runtime, ...more].filter((info) => !roots.has(info.path) && (options.includeUpstream || worthCaching(info)));
    const base = await backend.find(options.key, options.restoreKeys).catch((error) => {
        // A damaged entry is replaced, not a reason to fail the job.
        reporter.warning(`store cache: ${(0,errors/* describeError */.Uc)(error)}; saving a new chain`);
        return undefined;
    });
    // Packs of the base that are not usable (damaged or planted) are not kept in the chain.
    const read = base?.entry; // as it is on disk: commit tells by it whether another save came
    if (base)
        base.entry = { ...base.entry, packs: usablePacks(base.entry, reporter) };
    const have = base ? (0,store_cache_entry/* entryPaths */.zH)(base.entry) : new Set();
    const fresh = infos.filter((info) => !have.has(info.path));
    const done = (paths, bytes, compacted) => ({
        paths,
        bytes,
        compacted,
        seconds: elapsed(),
    });
    if (fresh.length === 0) {
        reporter.info(`store cache: nothing new to save for ${options.key}`);
        return done(0, 0, false);
    }
    const chain = base?.entry.packs ?? [];
    // A new key starts its own chain: the old key's entries age out of the cache on their own.
    const compact = (base !== undefined && !base.exact) || chain.length + 1 > options.maxPackChain;
    const packed = compact ? infos : fresh;
    const added = await writeNewPack(nix, backend, packed);
    const pack = added.record;
    const entry = {
        version: 2,
        key: options.key,
        created: new Date().toISOString(),
        packs: compact ? [pack] : [...chain, pack],
    };
    try {
        await backend.commit(entry, added, read);
    }
    finally {
        await (0,promises_.rm)(added.dir, { recursive: true, force: true });
    }
    reporter.info(`store cache: saved ${(0,format/* countOf */.pq)(packed.length, 'path')} (${(0,format/* formatBytes */.z3)(pack.bytes)}) as ${compact ? 'one compacted pack' : `pack ${entry.packs.length} of the chain`} under ${options.key}; the entry holds ${(0,format/* formatBytes */.z3)((0,store_cache_entry/* entryBytes */.eD)(entry))}`);
    return done(packed.length, pack.bytes, compact);
}
/**
 * Paths in the order an import needs: every path after those of its references that
 * are in the same pack (the others come from earlier packs of the chain or are in the store).
 */
function cache_referencesFirst(infos) {
    const byPath = new Map(infos.map((info) => [info.path, info]));
    const ordered = [];
    const state = new Map();
    const visit = (info) => {
        if (state.get(info.path))
            return; // done, or a self-reference being visited
        state.set(info.path, 'visiting');
        for (const reference of info.references) {
            const dependency = byPath.get(reference);
            if (dependency && reference !== info.path)
                visit(dependency);
        }
        state.set(info.path, 'done');
        ordered.push(info);
    };
    for (const info of [...infos].sort((a, b) => a.path.localeCompare(b.path)))
        visit(info);
    return ordered;
}
async function writeNewPack(nix, backend, unordered) {
    const infos = cache_referencesFirst(unordered);
    const id = (0,external_node_crypto_.randomUUID)();
    const dir = await backend.stagingDir(id);
    const bytes = await writePack(nix, infos, dir);
    const paths = infos.map(({ path, narHash, narSize, references }) => ({
        path,
        narHash,
        narSize,
        references,
    }));
    return { dir, record: { id, bytes, paths } };
}

;// CONCATENATED MODULE: ./src/store-cache/entry-lock.ts




class EntryLockError extends errors/* HypernixError */.iD {
    name = 'EntryLockError';
}
// The lock is held only to read, merge and rename one small JSON file: milliseconds. One older
// than this was left by a save that died, and is taken over.
const STALE_MS = 30_000;
const GIVE_UP_MS = 90_000;
/**
 * Runs `body` holding `<file>.lock`, made with O_CREAT|O_EXCL. Why a lock file and not a
 * compare-and-swap: rename() replaces an existing entry unconditionally, and link() only
 * creates new names, so a directory offers no atomic "replace only if unchanged"; O_EXCL
 * creation is atomic on local file systems and on NFSv3 and later, where shared cache
 * directories live. Waiting is with backoff and jitter; a stale lock (a crashed save) is moved
 * aside with an atomic rename, so two waiters cannot both take it over.
 */
async function withEntryLock(file, body) {
    const lock = `${file}.lock`;
    const started = Date.now();
    for (let attempt = 0;; attempt += 1) {
        const handle = await (0,promises_.open)(lock, 'wx').catch((error) => {
            if (error.code === 'EEXIST')
                return undefined;
            throw error;
        });
        if (handle) {
            try {
                await handle.writeFile(`${process.pid}@${(0,external_node_os_.hostname)()} ${new Date().toISOString()}\n`);
            }
            finally {
                await handle.close();
            }
            try {
                return await body();
            }
            finally {
                await (0,promises_.rm)(lock, { force: true });
            }
        }
        await takeOverIfStale(lock);
        if (Date.now() - started > GIVE_UP_MS) {
            throw new EntryLockError(`${lock} has been held for over ${GIVE_UP_MS / 1000} s by another save; remove it if no save is running`);
        }
        const backoff = Math.min(2000, 20 * 2 ** Math.min(attempt, 7));
        await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
    }
}
async function takeOverIfStale(lock) {
    const info = await (0,promises_.stat)(lock).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs < STALE_MS)
        return;
    const aside = `${lock}.stale-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    // Only one waiter's rename finds the stale lock; the others find nothing and wait on.
    if (await (0,promises_.rename)(lock, aside).then(() => true, () => false))
        await (0,promises_.rm)(aside, { force: true });
}

;// CONCATENATED MODULE: ./src/store-cache/dir-backend.ts






// How old an unlisted pack must be before a save removes it (see removeUnreferencedPacks).
const PACK_GRACE_MS = 60 * 60 * 1000;
// Keys up to this long name their entry file as they are; longer ones (up to MAX_KEY_LENGTH)
// would pass the 255-byte file name limit with the suffixes, so they are shortened and hashed.
const PLAIN_KEY_MAX = 200;
const HASHED_HEAD = 120;
class CacheDirectoryError extends errors/* HypernixError */.iD {
    name = 'CacheDirectoryError';
}
/**
 * The entry file name of a key: `<key>.json`, or for a long key `<first 120>~<sha256>.json`
 * (`~` is never in a key, so the two forms cannot meet). The key itself is inside the entry.
 */
function entryFileName(key) {
    if (key.length <= PLAIN_KEY_MAX)
        return `${key}.json`;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex');
    return `${key.slice(0, HASHED_HEAD)}~${hash}.json`;
}
/** Whether an entry file may hold a key starting with `prefix`, judged by its name. */
function mayMatch(name, prefix) {
    const stem = name.slice(0, -'.json'.length);
    const tilde = stem.indexOf('~');
    if (tilde < 0)
        return stem.startsWith(prefix);
    const head = stem.slice(0, tilde);
    return prefix.length <= head.length ? head.startsWith(prefix) : prefix.startsWith(head);
}
/**
 * A cache in a directory: `packs/<id>/` are packs (each a Nix binary cache), `entries/*.json`
 * the chains. Packs are shared by entries; every write goes to a temporary name and is renamed,
 * so a reader never sees half a pack or half an entry. An entry that is not one we wrote is
 * reported (when a reporter is given) and passed over.
 */
class DirectoryBackend {
    root;
    reporter;
    name = 'dir';
    constructor(root, reporter) {
        this.root = root;
        this.reporter = reporter;
    }
    entryFile(key) {
        return (0,external_node_path_.join)(this.root, 'entries', entryFileName(key));
    }
    /** Fails early, with the directory's name, when the cache cannot be written. */
    async ensureWritable(label) {
        try {
            await (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'entries'), { recursive: true });
            await (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'packs'), { recursive: true });
            const probe = (0,external_node_path_.join)(this.root, `.probe-${process.pid}`);
            await (0,promises_.writeFile)(probe, '');
            await (0,promises_.rm)(probe);
        }
        catch (error) {
            throw new CacheDirectoryError(`${label}: cannot write the cache directory ${this.root} (${error.code ?? 'error'})`, { cause: error });
        }
    }
    async find(key, restoreKeys) {
        const exact = await this.readEntry(this.entryFile(key), (entry) => entry.key === key);
        if (exact)
            return { entry: exact, exact: true };
        let names;
        try {
            names = (await (0,promises_.readdir)((0,external_node_path_.join)(this.root, 'entries'))).filter((name) => name.endsWith('.json'));
        }
        catch {
            return undefined;
        }
        for (const prefix of restoreKeys) {
            const dated = await Promise.all(names
                .filter((name) => mayMatch(name, prefix))
                .map(async (name) => ({
                file: (0,external_node_path_.join)(this.root, 'entries', name),
                time: (await (0,promises_.stat)((0,external_node_path_.join)(this.root, 'entries', name)).catch(() => undefined))?.mtimeMs,
            })));
            dated.sort((a, b) => (b.time ?? 0) - (a.time ?? 0));
            for (const { file } of dated) {
                const entry = await this.readEntry(file, (read) => read.key.startsWith(prefix));
                if (entry)
                    return { entry, exact: false };
            }
        }
        return undefined;
    }
    /**
     * The entry in `file`, if there is one and it is what the name promises (`belongs`); a file
     * that is not a valid entry is reported as a warning and taken as none.
     */
    async readEntry(file, belongs, quiet = false) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
        if (text === undefined)
            return undefined;
        try {
            const entry = (0,store_cache_entry/* parseEntry */.ER)(text, `the cache entry ${file}`);
            if (!belongs(entry)) {
                throw new store_cache_entry/* CacheEntryError */.Tw(`the cache entry ${file} holds another key (${entry.key})`);
            }
            return entry;
        }
        catch (error) {
            if (!quiet)
                this.reporter?.warning(`store cache: ${(0,errors/* describeError */.Uc)(error)}; ignored`);
            return undefined;
        }
    }
    packDir(packId) {
        // Ids come from entries, which anyone with write access to the cache could have edited.
        if (!store_cache_entry/* PACK_ID */.Ko.test(packId) || packId.includes('..')) {
            throw new CacheDirectoryError(`pack id ${JSON.stringify(packId)} is not a plain name`);
        }
        return (0,external_node_path_.join)(this.root, 'packs', packId);
    }
    async fetchPack(pack) {
        const dir = this.packDir(pack.id);
        if (!(await (0,promises_.stat)((0,external_node_path_.join)(dir, 'nix-cache-info')).catch(() => undefined))?.isFile()) {
            throw new CacheDirectoryError(`the cache in ${this.root} has no pack ${pack.id}`);
        }
        return dir;
    }
    /** The pack is the cache itself: it stays. */
    async releasePack() { }
    async stagingDir(packId) {
        const dir = (0,external_node_path_.join)(this.root, 'packs', `.${packId}.${process.pid}.tmp`);
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        await (0,promises_.mkdir)(dir, { recursive: true });
        return dir;
    }
    /**
     * Renames the pack into place, then, holding the entry's lock, merges it into the entry as it
     * is now (another save may have added to it since `base` was read) and renames the new entry
     * over it. When the entry cannot be written, the pack goes again: nothing unlisted is left.
     */
    async commit(entry, added, base) {
        const packDir = this.packDir(added.record.id);
        await this.writing(() => (0,promises_.rename)(added.dir, packDir));
        const target = this.entryFile(entry.key);
        try {
            await this.writing(() => (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'entries'), { recursive: true }));
            await this.writing(() => withEntryLock(target, async () => {
                const current = await this.readEntry(target, (read) => read.key === entry.key, true);
                const merged = (0,store_cache_entry/* mergeEntry */.z$)(current, base, entry);
                const temporary = `${target}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
                try {
                    await (0,promises_.writeFile)(temporary, `${JSON.stringify(merged, null, 1)}\n`);
                    await (0,promises_.rename)(temporary, target);
                }
                catch (error) {
                    await (0,promises_.rm)(temporary, { force: true });
                    throw error;
                }
            }));
        }
        catch (error) {
            await (0,promises_.rm)(packDir, { recursive: true, force: true });
            throw error;
        }
        await this.removeUnreferencedPacks();
    }
    /** A file system error while writing, as one line naming the cache directory. */
    async writing(body) {
        try {
            return await body();
        }
        catch (error) {
            if (error instanceof errors/* HypernixError */.iD)
                throw error;
            const code = error.code;
            const why = code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : (code ?? (0,errors/* describeError */.Uc)(error));
            throw new CacheDirectoryError(`cannot write the cache directory ${this.root}: ${why}`, {
                cause: error,
            });
        }
    }
    /**
     * Packs no entry lists any more (a compacted chain replaced them, or a save died between
     * writing its pack and its entry) are removed, so a shared disk does not fill with them. Only
     * those older than PACK_GRACE_MS: another runner's save renames its pack into place a moment
     * before it writes the entry that lists it.
     */
    async removeUnreferencedPacks() {
        const entries = await (0,promises_.readdir)((0,external_node_path_.join)(this.root, 'entries')).catch(() => []);
        const listed = new Set();
        for (const name of entries.filter((file) => file.endsWith('.json'))) {
            const entry = await this.readEntry((0,external_node_path_.join)(this.root, 'entries', name), () => true, true);
            if (!entry)
                return; // an entry being written or unreadable: keep everything this time
            for (const pack of entry.packs)
                listed.add(pack.id);
        }
        const cutoff = Date.now() - PACK_GRACE_MS;
        for (const id of await (0,promises_.readdir)((0,external_node_path_.join)(this.root, 'packs')).catch(() => [])) {
            // Staging directories (`.<id>.<pid>.tmp`) of saves that died go after the same grace.
            if (listed.has(id) || (id.startsWith('.') && !id.endsWith('.tmp')))
                continue;
            const info = await (0,promises_.stat)((0,external_node_path_.join)(this.root, 'packs', id)).catch(() => undefined);
            if (info && info.mtimeMs < cutoff) {
                await (0,promises_.rm)((0,external_node_path_.join)(this.root, 'packs', id), { recursive: true, force: true });
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/store-cache/backends.ts


/**
 * Opens the chosen backend, checked for use: a directory must be writable when saving (the error
 * names `label`, the input that gave it), the GitHub cache must be offered by the runner.
 */
async function openBackend(choice, reporter, use) {
    if (choice.kind === 'gha') {
        // @actions/cache brings the Azure SDK: loaded only when the GitHub cache is chosen.
        const { GithubCacheBackend } = await Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(31), __webpack_require__.e(29)]).then(__webpack_require__.bind(__webpack_require__, 5029));
        const backend = new GithubCacheBackend(reporter);
        backend.ensureAvailable();
        return backend;
    }
    // Absolute: Nix reads packs through file:// URLs, which take no relative path.
    const backend = new DirectoryBackend((0,external_node_path_.resolve)(choice.dir), reporter);
    if (use.forSave)
        await backend.ensureWritable(use.label);
    return backend;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./src/store-cache/key.ts
var store_cache_key = __webpack_require__(973);
// EXTERNAL MODULE: ./src/config/parse-helpers.ts
var parse_helpers = __webpack_require__(3185);
;// CONCATENATED MODULE: ./src/config/cache.ts



const CACHE_BACKENDS = ['gha', 'dir', 'off'];
/**
 * unpack (the default): hypernix unpacks, verifies and registers the NARs itself where the store
 * is ours to write (as root through passwordless sudo on a multi-user store), else nix copy;
 * faster than nix copy on the bench (bench/cache/README.md). nix-copy: packs always go in
 * through `nix copy`.
 */
const RESTORE_METHODS = ['nix-copy', 'unpack'];
/** Past this many packs a save writes one compacted pack instead (input and option default). */
const DEFAULT_MAX_PACK_CHAIN = 8;
const CACHE_INPUT_NAMES = {
    cache: 'cache',
    cacheKey: 'cache-key',
    cacheRestoreKeys: 'cache-restore-keys',
    cacheDir: 'cache-dir',
    cacheSave: 'cache-save',
    cacheUpstreamPaths: 'cache-upstream-paths',
    cacheBuildInputs: 'cache-build-inputs',
    cacheImages: 'cache-images',
    cacheRestoreMethod: 'cache-restore-method',
    maxPackChain: 'max-pack-chain',
    maxStoreSize: 'max-store-size',
};
const cacheKey = parse_helpers/* optionalString */.sx.superRefine((key, ctx) => {
    const problem = key === undefined ? undefined : (0,store_cache_key/* cacheKeyProblem */.JT)(key);
    if (problem)
        ctx.addIssue({ code: 'custom', message: problem });
});
const UNITS = {
    '': 1,
    b: 1,
    k: 2 ** 10,
    m: 2 ** 20,
    g: 2 ** 30,
    t: 2 ** 40,
};
/** A size such as 10G, 512M or 2147483648 (bytes); units are binary. */
function parseSize(text) {
    const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
    if (!match)
        return undefined;
    return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
}
const sizeInput = parse_helpers/* optionalString */.sx.transform((value, ctx) => {
    if (value === undefined)
        return undefined;
    const bytes = parseSize(value);
    if (bytes === undefined) {
        ctx.addIssue({
            code: 'custom',
            message: `expected a size such as 10G, 512M or a number of bytes; got ${(0,parse_helpers/* shown */.SP)(value)}`,
        });
        return core/* NEVER */.tm;
    }
    return bytes;
});
const cacheSchema = schemas/* object */.Ikc({
    cache: schemas/* string */.YjP()
        .optional()
        .transform((value) => value || 'off')
        .pipe((0,parse_helpers/* enumInput */.gX)(CACHE_BACKENDS)),
    cacheKey,
    cacheRestoreKeys: parse_helpers/* listInput */.dt.superRefine((keys, ctx) => {
        const problem = keys.map(store_cache_key/* cacheKeyProblem */.JT).find(Boolean);
        if (problem)
            ctx.addIssue({ code: 'custom', message: problem });
    }),
    cacheDir: parse_helpers/* optionalString */.sx,
    cacheSave: (0,parse_helpers/* booleanInput */.tE)(true),
    cacheUpstreamPaths: (0,parse_helpers/* booleanInput */.tE)(false),
    cacheBuildInputs: (0,parse_helpers/* booleanInput */.tE)(true),
    cacheImages: (0,parse_helpers/* booleanInput */.tE)(false),
    cacheRestoreMethod: schemas/* string */.YjP()
        .optional()
        .transform((value) => value || 'unpack')
        .pipe((0,parse_helpers/* enumInput */.gX)(RESTORE_METHODS)),
    maxPackChain: parse_helpers/* optionalString */.sx.transform((value, ctx) => {
        const number = value === undefined ? DEFAULT_MAX_PACK_CHAIN : Number(value);
        if (!Number.isInteger(number) || number < 1) {
            ctx.addIssue({
                code: 'custom',
                message: `expected a whole number of 1 or more; got ${(0,parse_helpers/* shown */.SP)(value)}`,
            });
            return core/* NEVER */.tm;
        }
        return number;
    }),
    maxStoreSize: sizeInput,
})
    .superRefine((config, ctx) => {
    if (config.cache === 'dir' && !config.cacheDir) {
        ctx.addIssue({
            code: 'custom',
            path: ['cacheDir'],
            message: 'required with cache: dir (the directory that holds the cache)',
        });
    }
});
/** The command line's options for the cache fields it has (`hypernix cache`). */
const CACHE_CLI_OPTIONS = {
    cache: '--dir',
    cacheKey: '--key',
    cacheRestoreKeys: '--restore-key',
    cacheDir: '--dir',
    maxPackChain: '--max-pack-chain',
    cacheRestoreMethod: '--restore-method',
};
/**
 * Reads the cache inputs of the action, or the same fields from the command line (`cli`): one
 * schema, one set of rules, the messages naming the input or the option.
 */
function parseCacheConfig(raw, surface = 'action') {
    return (0,parse_helpers/* parseWith */.Ku)(cacheSchema, raw, (field) => surface === 'action'
        ? `input '${CACHE_INPUT_NAMES[field] ?? field}'`
        : `option '${CACHE_CLI_OPTIONS[field] ?? field}'`);
}

// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
;// CONCATENATED MODULE: ./src/cli/commands/cache.ts









const CACHE_HELP = `Usage: hypernix cache restore (--dir DIR | --gha) --key KEY [--restore-key PREFIX]... [--json]
       hypernix cache save (--dir DIR | --gha) --key KEY [--restore-key PREFIX]... [options] PATH...

A /nix/store cache in a directory (a local or shared disk) or in the GitHub Actions cache (in a
step on a GitHub runner). save writes only what is new in the closures of PATH... (by default
only paths built on this machine) as one pack added to the chain of the entry it extends;
restore unpacks and verifies the newest entry's packs itself where the store is ours to
write (on a multi-user store, as root through passwordless sudo), else (or with
--restore-method nix-copy) imports them through nix copy.

Options:
  --dir DIR              the cache directory
  --gha                  the GitHub Actions cache (needs the runner's ACTIONS_* variables)
  --key KEY              the entry to restore or save (letters, digits and . _ + = @ : -)
  --restore-key PREFIX   fall back to the newest entry whose key starts with PREFIX (repeatable)
  --include-upstream     save paths an upstream cache serves too
  --build-inputs         save the build-time inputs of PATH... too
  --exclude-roots        leave PATH... themselves out (e.g. a large image)
  --max-pack-chain N     past N packs, save one compacted pack instead (default ${DEFAULT_MAX_PACK_CHAIN})
  --store STORE          restore into another store, e.g. a chroot store /tmp/root
  --restore-method M     unpack (default: unpack and verify NARs here where the store is
                         ours to write or sudo -n may, else nix copy) or nix-copy (always)
  --json                 print the result as JSON
  -v, --verbose          print debug lines
  -h, --help             show this help
`;
const OPTIONS = {
    dir: { type: 'string' },
    gha: { type: 'boolean' },
    key: { type: 'string' },
    'restore-key': { type: 'string', multiple: true },
    'include-upstream': { type: 'boolean' },
    'build-inputs': { type: 'boolean' },
    'exclude-roots': { type: 'boolean' },
    'max-pack-chain': { type: 'string' },
    store: { type: 'string' },
    'restore-method': { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
};
async function cacheCommand(argv, io) {
    const [verb, ...rest] = argv;
    if (verb === undefined || verb === '--help' || verb === '-h') {
        io.stdout.write(CACHE_HELP);
        return 0;
    }
    if (verb !== 'save' && verb !== 'restore') {
        throw new usage/* UsageError */.e(`unknown cache command ${JSON.stringify(verb)}; see 'hypernix cache --help'`);
    }
    const { values, positionals } = (0,usage/* parseCommandLine */.D)(rest, OPTIONS, 'cache');
    if (values.help) {
        io.stdout.write(CACHE_HELP);
        return 0;
    }
    if (verb === 'restore' && positionals.length > 0)
        throw new usage/* UsageError */.e(`restore takes no paths; see 'hypernix cache --help'`);
    if (verb === 'save' && positionals.length === 0)
        throw new usage/* UsageError */.e(`save needs the store paths to cache; see 'hypernix cache --help'`);
    const config = readConfig(values);
    const reporter = new console_reporter/* ConsoleReporter */.l({ verbose: values.verbose, stream: io.stderr });
    const nix = await (0,locate/* locateNix */.WH)(reporter);
    const choice = values.dir ? { kind: 'dir', dir: values.dir } : { kind: 'gha' };
    const backend = await openBackend(choice, reporter, {
        forSave: verb === 'save',
        label: "option '--dir'",
    });
    const key = config.cacheKey;
    const restoreKeys = config.cacheRestoreKeys;
    if (verb === 'restore') {
        const result = await restoreCache(nix, backend, {
            key,
            restoreKeys,
            store: storeOption(values.store),
            restoreMethod: config.cacheRestoreMethod,
        }, reporter);
        io.stdout.write(values.json
            ? `${JSON.stringify(result)}\n`
            : `${result.hit}: ${(0,format/* countOf */.pq)(result.paths, 'path')}, ${(0,format/* formatBytes */.z3)(result.bytes)}\n`);
        return 0;
    }
    const result = await saveCache(nix, backend, {
        key,
        restoreKeys,
        roots: positionals,
        includeUpstream: values['include-upstream'] ?? false,
        buildInputs: values['build-inputs'] ?? false,
        excludeRoots: values['exclude-roots'] ?? false,
        maxPackChain: config.maxPackChain,
    }, reporter);
    io.stdout.write(values.json
        ? `${JSON.stringify(result)}\n`
        : `saved ${(0,format/* countOf */.pq)(result.paths, 'path')}, ${(0,format/* formatBytes */.z3)(result.bytes)}\n`);
    return 0;
}
/** The options through the action's schema, so the command line and the inputs follow one set of rules. */
function readConfig(values) {
    if (!values.dir === !values.gha) {
        throw new errors/* InputError */.dz(`option '--dir': expected either --dir DIR (a cache directory) or --gha (the GitHub Actions cache)`);
    }
    if (!values.key)
        throw new errors/* InputError */.dz(`option '--key': required: the entry to restore or save`);
    return parseCacheConfig({
        cache: values.gha ? 'gha' : 'dir',
        cacheDir: values.dir,
        cacheKey: values.key,
        cacheRestoreKeys: values['restore-key'] ?? [],
        maxPackChain: values['max-pack-chain'],
        cacheRestoreMethod: values['restore-method'],
    }, 'cli');
}
/**
 * A chroot store given as a relative directory, made absolute (Nix takes a store directory only
 * as an absolute path); a store URL (`daemon`, `local`, `ssh://…`) is passed on as it is.
 */
function storeOption(store) {
    if (store === undefined || store.includes('://') || ['auto', 'daemon', 'local'].includes(store))
        return store;
    return (0,external_node_path_.resolve)(store);
}


/***/ }),

/***/ 9562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ER: () => (/* binding */ parseEntry),
/* harmony export */   Ko: () => (/* binding */ PACK_ID),
/* harmony export */   Tw: () => (/* binding */ CacheEntryError),
/* harmony export */   eD: () => (/* binding */ entryBytes),
/* harmony export */   lx: () => (/* binding */ packProblem),
/* harmony export */   rT: () => (/* binding */ storeDir),
/* harmony export */   z$: () => (/* binding */ mergeEntry),
/* harmony export */   zH: () => (/* binding */ entryPaths),
/* harmony export */   zP: () => (/* binding */ isStorePath)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2311);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _key_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(973);



/** An entry that is not one this version wrote: damage, an older format, or planted. */
class CacheEntryError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD {
    name = 'CacheEntryError';
}
// Bounds far above anything a save writes, so a planted entry cannot make restore loop for ever.
const MAX_PACKS = 10_000;
const MAX_PATHS = 1_000_000;
const pathRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(4096),
    narHash: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(200),
    narSize: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    references: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(4096)).max(MAX_PATHS),
});
const packRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(200),
    paths: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(pathRecord).max(MAX_PATHS),
    bytes: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    location: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(600).optional(),
});
const cacheEntry = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(2),
    key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).max(_key_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_KEY_LENGTH */ .uf).regex(_key_js__WEBPACK_IMPORTED_MODULE_1__/* .KEY_PATTERN */ .bn),
    created: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100),
    packs: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(packRecord).max(MAX_PACKS),
});
/**
 * Reads an entry, checked against the schema: anything else (an older format, damage, a planted
 * file) throws a CacheEntryError naming `source` and the first field that is wrong, which the
 * caller reports as a warning and a miss. Store paths and pack ids are checked per pack, at
 * restore (packProblem), so one bad pack does not cost the others.
 */
function parseEntry(text, source) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new CacheEntryError(`${source} is not a hypernix cache entry (not JSON)`);
    }
    const result = cacheEntry.safeParse(json);
    if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'the entry';
        throw new CacheEntryError(`${source} is not a hypernix cache entry (${where}: ${issue?.message ?? 'invalid'})`);
    }
    return result.data;
}
/** The store directory paths must be in: Nix's default unless NIX_STORE_DIR moves it. */
function storeDir(env = process.env) {
    return (env.NIX_STORE_DIR || '/nix/store').replace(/\/+$/, '');
}
// Nix's base-32 alphabet (no e, o, u, t) and the characters a store path name may hold.
const STORE_PATH_TAIL = /^[0-9abcdfghijklmnpqrsvwxyz]{32}-[A-Za-z0-9+\-._?=]{1,211}$/;
/** A pack id is a plain file name: no separators, no `..`, not hidden. */
const PACK_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
/** Whether `path` is a store path of `dir`: `<dir>/<32 base-32 characters>-<name>`. */
function isStorePath(path, dir = storeDir()) {
    if (!path.startsWith(`${dir}/`))
        return false;
    const tail = path.slice(dir.length + 1);
    return STORE_PATH_TAIL.test(tail) && !tail.slice(33).startsWith('.');
}
/**
 * What is wrong with a pack record read from the cache, or undefined when it can be used: its
 * id must be a plain name (it becomes a directory name) and every path and reference a store
 * path (they become Nix arguments).
 */
function packProblem(pack, dir = storeDir()) {
    if (!PACK_ID.test(pack.id) || pack.id.includes('..')) {
        return `its id ${JSON.stringify(pack.id.slice(0, 80))} is not a plain name`;
    }
    for (const info of pack.paths) {
        const bad = [info.path, ...info.references].find((path) => !isStorePath(path, dir));
        if (bad !== undefined) {
            return `${JSON.stringify(bad.slice(0, 200))} is not a store path of ${dir}`;
        }
    }
    return undefined;
}
function entryPaths(entry) {
    return new Set(entry.packs.flatMap((pack) => pack.paths.map((info) => info.path)));
}
function entryBytes(entry) {
    return entry.packs.reduce((sum, pack) => sum + pack.bytes, 0);
}
/**
 * The entry to write when a save commits: `proposed` if the entry is as the save read it
 * (`base`), else the packs another save added since, kept, with ours after them. Nothing another
 * save listed is dropped; a compaction only replaces the chain it read.
 */
function mergeEntry(current, base, proposed) {
    if (!current || sameChain(current, base))
        return proposed;
    const added = proposed.packs.at(-1);
    const ids = new Set(current.packs.map((pack) => pack.id));
    // Our chain's packs the other save dropped (it compacted) stay: our pack refers to them.
    const ours = proposed.packs.filter((pack) => !ids.has(pack.id) && pack !== added);
    return {
        ...proposed,
        packs: [...ours, ...current.packs, ...(added ? [added] : [])],
    };
}
function sameChain(a, b) {
    return (b !== undefined &&
        a.key === b.key &&
        a.created === b.created &&
        a.packs.map((pack) => pack.id).join() === b.packs.map((pack) => pack.id).join());
}


/***/ }),

/***/ 973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JT: () => (/* binding */ cacheKeyProblem),
/* harmony export */   bn: () => (/* binding */ KEY_PATTERN),
/* harmony export */   uf: () => (/* binding */ MAX_KEY_LENGTH)
/* harmony export */ });
/* unused harmony export validateCacheKey */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);

/**
 * The GitHub cache takes keys of up to 512 characters; the GitHub backend adds `/` and a pack id
 * (37). The directory backend keeps the same limit, so keys move freely between backends.
 */
const MAX_KEY_LENGTH = 512 - 37;
/** The characters every cache key and restore-key prefix is made of. */
const KEY_PATTERN = /^[A-Za-z0-9._+=@:-]+$/;
/** A cache key or restore-key prefix: letters, digits and . _ + = @ : -, at most MAX_KEY_LENGTH of them. */
/** What is wrong with a cache key, in words; undefined for a good one. */
function cacheKeyProblem(key) {
    if (key.length === 0)
        return 'expected a cache key; got an empty one';
    if (key.length > MAX_KEY_LENGTH)
        return `at most ${MAX_KEY_LENGTH} characters; got ${key.length}`;
    if (!KEY_PATTERN.test(key)) {
        const bad = [...key].find((char) => !KEY_PATTERN.test(char)) ?? '';
        return `letters, digits and . _ + = @ : - only; got ${JSON.stringify(bad)} in ${JSON.stringify(key.slice(0, 80))}`;
    }
    return undefined;
}
function validateCacheKey(key, label) {
    const problem = cacheKeyProblem(key);
    if (problem)
        throw new InputError(`${label}: ${problem}`);
    return key;
}


/***/ }),

/***/ 2693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   pq: () => (/* binding */ countOf),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Human-readable sizes in binary units, as `du -h` and Nix print them. */
function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return unit === 0 ? `${Math.round(bytes)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
/** Bytes per second, rounded like sizes; '-' when no time passed. */
function formatRate(bytes, seconds) {
    return seconds > 0 ? `${formatBytes(bytes / seconds)}/s` : '-';
}
/** "1 path", "2 paths": a count with its noun. */
function countOf(count, singular, plural = `${singular}s`) {
    return `${count} ${count === 1 ? singular : plural}`;
}
function formatSeconds(seconds) {
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}


/***/ }),

/***/ 2280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ limiter),
/* harmony export */   h: () => (/* binding */ allOrFirstFailure)
/* harmony export */ });
/**
 * Runs at most `limit` tasks at once; each call returns its own task's promise, so callers can
 * use results as they arrive (in the order they need them) while the rest keep running.
 */
function limiter(limit) {
    let running = 0;
    const waiting = [];
    return async (task) => {
        while (running >= limit)
            await new Promise((resolve) => waiting.push(resolve));
        running += 1;
        try {
            return await task();
        }
        finally {
            running -= 1;
            waiting.shift()?.();
        }
    };
}
/** Runs every task (at most `limit` at once) to its end, then throws the first failure. */
async function allOrFirstFailure(tasks, limit) {
    const run = limiter(limit);
    const settled = await Promise.allSettled(tasks.map((task) => run(task)));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.map((result) => result.value);
}


/***/ })

};
