export const id = 958;
export const ids = [958];
export const modules = {

/***/ 4740:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q4: () => (/* binding */ BlockLevel)
/* harmony export */ });
/* unused harmony exports NOISE_MS, nextLevel */
// The deflate level of each block of a parallel gzip stream (parallel-gzip), chosen as the push
// goes: every block is deflated on its own, so blocks may differ in level and the stream stays
// one valid gzip stream. The upload tells which side waits (ChunkedUpload's Pace): when a full
// chunk has to wait for the one before to leave, the link is the limit and idle cores can buy
// fewer bytes, so the level goes up; when the link had sent everything and sat idle until the
// compressor filled the next chunk, the CPU is the limit, so the level goes down.
//
// The blob's bytes then depend on the push's timing, not on the layer alone: the same layer
// pushed twice may have two digests. Hence only with `--compression-level auto`: the default is
// a fixed level, whose bytes are the same on every push.
/** Waits shorter than this (in all, since the last decision) say nothing either way. */
const NOISE_MS = 2;
/** The level for the next block: one step towards whichever side waited longer. */
function nextLevel(level, waits, range) {
    const { forLink, forDeflate } = waits;
    if (forLink + forDeflate < NOISE_MS)
        return level;
    if (forLink > forDeflate)
        return Math.min(range.max, level + 1);
    return Math.max(range.min, level - 1);
}
/** A stream's level: a fixed one, or one that follows the upload's waits (nextLevel). */
class BlockLevel {
    range;
    level;
    waits = { forLink: 0, forDeflate: 0 };
    constructor(range) {
        this.range = range;
        this.level = typeof range === 'number' ? range : range.start;
    }
    /** The level of the next block to deflate, decided from the waits since the last decision. */
    next() {
        if (typeof this.range === 'number')
            return this.range;
        this.level = nextLevel(this.level, this.waits, this.range);
        this.waits = { forLink: 0, forDeflate: 0 };
        return this.level;
    }
    waitedForLink(ms) {
        this.waits.forLink += ms;
    }
    waitedForDeflate(ms) {
        this.waits.forDeflate += ms;
    }
}


/***/ }),

/***/ 9332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bv: () => (/* binding */ blocks),
/* harmony export */   R6: () => (/* binding */ BlockMemory),
/* harmony export */   yg: () => (/* binding */ encodeInOrder)
/* harmony export */ });
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
const running = { count: 0, waiting: [] };
async function turn(limit, work) {
    if (running.count >= limit)
        await new Promise((resolve) => running.waiting.push(resolve));
    else
        running.count += 1;
    try {
        return await work();
    }
    finally {
        const next = running.waiting.shift();
        if (next)
            next();
        else
            running.count -= 1;
    }
}
/**
 * Memory for blocks of one size, used again once a block is encoded. A fresh buffer costs the
 * first touch of each of its pages: on a 2-core VM, copying 66 MB into fresh 1 MiB blocks took
 * 250 ms of the main thread in a 1 s push (a CPU profile of a cold push over loopback;
 * bench/push/README.md, round 4).
 */
class BlockMemory {
    size;
    keep;
    free = [];
    constructor(size, 
    /** At most this many are kept for later: the blocks that are in flight at once. */
    keep) {
        this.size = size;
        this.keep = keep;
    }
    take() {
        return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
    }
    /** A block's memory, once nothing reads it any more; kept when it is a whole block's. */
    give(block) {
        const whole = block.byteOffset === 0 && block.buffer.byteLength === this.size;
        if (whole && this.free.length < this.keep)
            this.free.push(Buffer.from(block.buffer, 0, this.size));
    }
}
/**
 * Cuts chunks of any size into copies of `size` bytes (the last one shorter); `size` may be a
 * function of the block's index, for blocks that grow, or BlockMemory to take them from.
 */
async function* blocks(source, size) {
    const fresh = size instanceof BlockMemory
        ? () => size.take()
        : (index) => Buffer.allocUnsafe(typeof size === 'number' ? size : size(index));
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
    if (filled > 0)
        yield block.subarray(0, filled);
}
/**
 * Each of `input`'s blocks through `encode`, `parallel` at a time (one more waits its turn, so
 * the pool never idles between two), yielded in order as soon as each is ready. Reading runs
 * ahead of the consumer by at most 2 × parallel blocks, so that many are held, input and
 * output, whatever the layer's size. `encode` is called in the blocks' order.
 */
async function* encodeInOrder(input, encode, parallel) {
    const ahead = new ReadAhead(2 * Math.max(1, parallel));
    // Read and queued beside the consumer: the first piece leaves once it is encoded, not once
    // the queue is full (which held a layer's first bytes back until 5 blocks had been read).
    const reading = (async () => {
        for await (const block of input) {
            const piece = turn(parallel + 1, encode(block));
            piece.catch(() => undefined); // awaited in order below; the first failure is thrown there
            if (!(await ahead.add(piece)))
                return; // the consumer stopped
        }
    })();
    reading.then(() => ahead.end(), (error) => ahead.end(error));
    try {
        for (let piece = await ahead.next(); piece; piece = await ahead.next())
            yield await piece;
    }
    finally {
        // The reader closes the source at its next block; not awaited, as a stalled source would
        // hold this up.
        ahead.stop();
        reading.catch(() => undefined);
    }
}
/** The pieces between the reader and the consumer: at most `limit`, in order. */
class ReadAhead {
    limit;
    queue = [];
    ended = false;
    stopped = false;
    failure;
    wakeReader;
    wakeConsumer;
    constructor(limit) {
        this.limit = limit;
    }
    /** Queues a piece; waits while the queue is full. False once the consumer has stopped. */
    async add(piece) {
        this.queue.push(piece);
        this.wake('consumer');
        while (this.queue.length >= this.limit && !this.stopped)
            await new Promise((resolve) => (this.wakeReader = resolve));
        return !this.stopped;
    }
    end(error) {
        this.ended = true;
        if (error !== undefined)
            this.failure = { error };
        this.wake('consumer');
    }
    stop() {
        this.stopped = true;
        this.wake('reader');
    }
    /** The next piece, undefined at the end; throws the reader's failure after the pieces before it. */
    async next() {
        while (this.queue.length === 0 && !this.ended)
            await new Promise((resolve) => (this.wakeConsumer = resolve));
        const piece = this.queue.shift();
        this.wake('reader');
        if (piece)
            return piece;
        if (this.failure)
            throw this.failure.error;
        return undefined;
    }
    wake(who) {
        const resolve = who === 'reader' ? this.wakeReader : this.wakeConsumer;
        if (who === 'reader')
            this.wakeReader = undefined;
        else
            this.wakeConsumer = undefined;
        resolve?.();
    }
}


/***/ }),

/***/ 2483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ readAhead),
/* harmony export */   qC: () => (/* binding */ readFileRange),
/* harmony export */   rR: () => (/* binding */ skipBytes)
/* harmony export */ });
/* harmony import */ var _util_fs_async_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7452);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6909);


/**
 * Reads `size` bytes of a file from `start` into two buffers used over and over. Each chunk is a
 * view of one of them, valid only until the next chunk is asked for: a caller that keeps a chunk
 * must copy it.
 *
 * Why: fresh memory is what reading costs most on a VM (a page fault per 4 KiB), and a read
 * stream allocates a buffer per chunk (bench/push/README.md, "Fresh memory").
 */
function readFileRange(path, start, size) {
    const length = Math.min(_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .READ_CHUNK */ .vA, Math.max(size, 1));
    let done = 0;
    return readAhead(path, [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)], async (fd, buffer) => {
        if (done >= size)
            return undefined;
        // Each chunk is filled (short reads are read on), so that every read of a range yields
        // the same chunks: HashedBody hashes a body's first chunks from a second read.
        const want = Math.min(buffer.length, size - done);
        let filled = 0;
        while (filled < want) {
            const bytesRead = await (0,_util_fs_async_js__WEBPACK_IMPORTED_MODULE_0__/* .readAt */ .m6)(fd, buffer.subarray(filled), want - filled, start + done);
            if (bytesRead === 0)
                throw new Error(`${path}: ended ${size - done} bytes early`);
            filled += bytesRead;
            done += bytesRead;
        }
        return buffer.subarray(0, filled);
    });
}
/**
 * Reads a file chunk by chunk into two buffers in turn: while the caller works on the chunk in
 * one, the next is read into the other. `fill` reads the next chunk into the buffer it is given
 * and returns it (undefined at the end); it is called once the call before it has finished.
 */
async function* readAhead(path, buffers, fill) {
    const fd = await (0,_util_fs_async_js__WEBPACK_IMPORTED_MODULE_0__/* .openFile */ .Tq)(path);
    let next;
    try {
        let turn = 0;
        next = fill(fd, buffers[turn]);
        for (;;) {
            const chunk = await next;
            if (chunk === undefined)
                return;
            // The caller has let go of the other buffer by asking for this chunk.
            turn = 1 - turn;
            next = fill(fd, buffers[turn]);
            next.catch(() => undefined); // awaited on the next turn, or below
            yield chunk;
        }
    }
    finally {
        // A read still in flight must end before its descriptor is closed (and its number reused).
        await next?.catch(() => undefined);
        await (0,_util_fs_async_js__WEBPACK_IMPORTED_MODULE_0__/* .closeFile */ .D3)(fd);
    }
}
/** The pieces after their first `skip` bytes, as views (nothing copied). */
function skipBytes(pieces, skip) {
    const rest = [];
    let left = skip;
    for (const piece of pieces) {
        if (left >= piece.length) {
            left -= piece.length;
            continue;
        }
        rest.push(left > 0 ? piece.subarray(left) : piece);
        left = 0;
    }
    return rest;
}


/***/ }),

/***/ 4349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FL: () => (/* binding */ GZIP_HEADER),
/* harmony export */   QH: () => (/* binding */ writeBlockHeader),
/* harmony export */   QR: () => (/* binding */ crc32),
/* harmony export */   mb: () => (/* binding */ StoredGzipEncoder),
/* harmony export */   p4: () => (/* binding */ MAX_STORED),
/* harmony export */   xu: () => (/* binding */ worthDeflating)
/* harmony export */ });
/* unused harmony exports SAMPLE_WINDOWS, WINDOW_BYTES, MIN_SAVING, sampleWindows */
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);

/** Deflate's stored blocks hold at most 65535 bytes each. */
const MAX_STORED = 0xffff;
// gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS unix — as zlib writes it.
const GZIP_HEADER = Buffer.from([
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
]);
/** Node's crc32 (22.2+, 20.15+); without it stored gzip falls back to zlib at level 0. */
const crc32 = () => node_zlib__WEBPACK_IMPORTED_MODULE_0__.crc32;
/**
 * A gzip stream of stored (uncompressed) deflate blocks: what gzip makes of data that does not
 * compress, at the cost of a copy and a CRC instead of a deflate pass that gains nothing (and
 * deflates random bytes far below memory speed).
 *
 * Synchronous: each input chunk is copied out before `encode` returns, so a caller may hand it a
 * buffer it reuses for the next chunk.
 */
class StoredGzipEncoder {
    checksum;
    crc = 0;
    length = 0;
    started = false;
    /** Bytes short of a full block, carried over so block boundaries never depend on chunking. */
    pending = Buffer.alloc(0);
    constructor(checksum) {
        this.checksum = checksum;
    }
    /** The gzip bytes for `chunk`: empty while less than a block has come in. */
    encode(chunk) {
        this.crc = this.checksum(chunk, this.crc);
        this.length = (this.length + chunk.length) % 2 ** 32;
        const total = this.pending.length + chunk.length;
        const blocks = Math.floor(total / MAX_STORED);
        if (blocks === 0) {
            this.pending = Buffer.concat([this.pending, chunk]);
            return EMPTY;
        }
        // One output buffer per input chunk (one copy, few pieces downstream): the header once, then
        // each full block as a 5-byte block header and its bytes. A short tail waits for more input,
        // so block boundaries never depend on how the input was chunked.
        const head = this.started ? 0 : GZIP_HEADER.length;
        const out = Buffer.allocUnsafe(head + blocks * (5 + MAX_STORED));
        let at = 0;
        if (!this.started) {
            at = GZIP_HEADER.copy(out, 0);
            this.started = true;
        }
        let used = 0; // bytes of `chunk` consumed
        for (let block = 0; block < blocks; block += 1) {
            at = writeBlockHeader(out, at, MAX_STORED, false);
            let room = MAX_STORED;
            if (block === 0 && this.pending.length > 0) {
                at += this.pending.copy(out, at);
                room -= this.pending.length;
            }
            at += chunk.copy(out, at, used, used + room);
            used += room;
        }
        this.pending = Buffer.from(chunk.subarray(used));
        return out;
    }
    /** The last block and the gzip trailer. */
    finish() {
        const head = this.started ? 0 : GZIP_HEADER.length;
        const out = Buffer.allocUnsafe(head + 5 + this.pending.length + 8);
        let at = this.started ? 0 : GZIP_HEADER.copy(out, 0);
        at = writeBlockHeader(out, at, this.pending.length, true);
        at += this.pending.copy(out, at);
        out.writeUInt32LE(this.crc >>> 0, at);
        out.writeUInt32LE(this.length, at + 4);
        return out;
    }
}
const EMPTY = Buffer.alloc(0);
/** Writes a stored block's header (final flag, LEN, NLEN) at `at`; returns the next offset. */
function writeBlockHeader(out, at, size, final) {
    out[at] = final ? 0x01 : 0x00;
    out.writeUInt16LE(size, at + 1);
    out.writeUInt16LE(~size & 0xffff, at + 3);
    return at + 5;
}
/** A layer is judged by this many windows spread over it, each this long (deflate sees 32 KiB back). */
const SAMPLE_WINDOWS = 8;
const WINDOW_BYTES = 32 * 1024;
/** Below this saving a layer is sent as it is: deflate would cost time and send about as much. */
const MIN_SAVING = 0.03;
/**
 * Where to sample a layer of `size` bytes: the whole of a small one, else the first WINDOW_BYTES
 * of each of its SAMPLE_WINDOWS equal parts, so a layer whose start is compressed (or random)
 * and whose rest is text is judged by both. Not its very end: a tar ends in up to 10 KiB of
 * zeros (tar's record padding), which would make a window there look compressible and tip a
 * random layer over the line.
 */
function sampleWindows(size) {
    if (size <= SAMPLE_WINDOWS * WINDOW_BYTES)
        return size === 0 ? [] : [{ offset: 0, length: size }];
    return Array.from({ length: SAMPLE_WINDOWS }, (_, i) => ({
        offset: Math.floor((i * size) / SAMPLE_WINDOWS),
        length: WINDOW_BYTES,
    }));
}
/**
 * Whether a layer is worth deflating, from windows spread over all of it (sampleWindows): if
 * level 1 saves under MIN_SAVING of them together, the layer is compressed or random data
 * already. Deterministic, so a layer always gets the same bytes (and digest) however often it
 * is pushed. An empty layer is deflated (as every other tool does).
 */
function worthDeflating(size, read) {
    let input = 0;
    let output = 0;
    for (const { offset, length } of sampleWindows(size)) {
        const window = read(offset, length);
        input += window.length;
        output += node_zlib__WEBPACK_IMPORTED_MODULE_0__.deflateRawSync(window, { level: 1 }).length;
    }
    return input === 0 || output < input * (1 - MIN_SAVING);
}


/***/ }),

/***/ 5303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GJ: () => (/* binding */ parallelGzip)
/* harmony export */ });
/* unused harmony exports BLOCK_BYTES, storedSize, entropy */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _adaptive_level_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4740);
/* harmony import */ var _block_pipeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9332);
/* harmony import */ var _gzip_stored_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4349);
// gzip of one layer on every core, as pigz and Go's pgzip do: the input is cut into blocks of
// BLOCK_BYTES, each deflated on its own (on Node's thread pool, so several at once) with the
// 32 KiB before it as its dictionary, ended by a sync flush so the pieces join on byte
// boundaries. One gzip stream: a header, the pieces in order, an empty final block, the CRC of
// the whole input and its length. Block boundaries depend only on the input, so the same layer
// always makes the same bytes (and digest).
//
// A block that does not compress goes as stored blocks instead: skipped before deflating when
// its bytes look random (order-0 entropy near 8 bits), and chosen afterwards when deflate made
// it no smaller. So a layer whose files are half random costs deflate only for the other half.





/** Input per independently deflated block: large enough that the joins cost nothing to speak of. */
const BLOCK_BYTES = 1 << 20;
/** Deflate looks back this far: each block gets the 32 KiB before it as its dictionary. */
const DICTIONARY_BYTES = 32 * 1024;
/** An empty stored block with BFINAL set: ends the deflate stream after sync-flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
/** Bits per byte above which a block is taken for compressed or random data. */
const RANDOM_ENTROPY = 7.99;
/** Past a block's stored size: deflate's flush markers, so a piece never needs a second buffer. */
const OUTPUT_SLACK = 1024;
/** Every SAMPLE_STEP-th byte of a block goes into its entropy estimate. */
const SAMPLE_STEP = 4;
/** The bytes of `size` input as non-final stored blocks. */
function storedSize(size) {
    return size + 5 * Math.max(1, Math.ceil(size / _gzip_stored_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_STORED */ .p4));
}
function stored(block) {
    const out = Buffer.allocUnsafe(storedSize(block.length));
    let at = 0;
    let used = 0;
    do {
        const size = Math.min(_gzip_stored_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_STORED */ .p4, block.length - used);
        at = (0,_gzip_stored_js__WEBPACK_IMPORTED_MODULE_3__/* .writeBlockHeader */ .QH)(out, at, size, false);
        at += block.copy(out, at, used, used + size);
        used += size;
    } while (used < block.length);
    return out.subarray(0, at);
}
/** Order-0 entropy of a sample of `block`, in bits per byte. */
function entropy(block) {
    const counts = new Uint32Array(256);
    let total = 0;
    for (let i = 0; i < block.length; i += SAMPLE_STEP) {
        const byte = block[i];
        counts[byte] = counts[byte] + 1;
        total += 1;
    }
    let bits = 0;
    for (const count of counts) {
        if (count === 0)
            continue;
        const p = count / total;
        bits -= p * Math.log2(p);
    }
    return bits;
}
/** One block's piece of the stream: sync-flushed deflate, or stored blocks when smaller. */
async function deflateBlock(block, dictionary, level) {
    if (block.length >= 64 * 1024 && entropy(block) > RANDOM_ENTROPY)
        return stored(block);
    const options = {
        level,
        memLevel: 9,
        finishFlush: node_zlib__WEBPACK_IMPORTED_MODULE_1__.constants.Z_SYNC_FLUSH,
        // Room for the whole piece: deflated in one trip to the thread pool. With zlib's 16 KiB
        // default, each block went back to the main thread some 30 times, the pool's thread idle
        // meanwhile, and the pieces were joined (Buffer.concat) at the end.
        chunkSize: storedSize(block.length) + OUTPUT_SLACK,
        ...(dictionary ? { dictionary } : {}),
    };
    return new Promise((resolve, reject) => node_zlib__WEBPACK_IMPORTED_MODULE_1__.deflateRaw(block, options, (error, out) => {
        if (error)
            reject(error);
        else if (out.length >= storedSize(block.length))
            resolve(stored(block));
        // A piece may be a view of the whole output buffer: copied, so that the chunks an upload
        // holds (up to 32 MiB) hold only their own bytes.
        else
            resolve(out.buffer.byteLength > 2 * out.length ? Buffer.from(out) : out);
    }));
}
/**
 * The gzip stream of `source`, its blocks deflated `parallel` at a time. At most 2 × parallel + 2
 * blocks of input and the output of 2 × parallel are held, whatever the layer's size. `level`: one for every block,
 * or a BlockLevel that picks each block's as the upload goes (adaptive-level).
 */
async function* parallelGzip(source, level, parallel = (0,node_os__WEBPACK_IMPORTED_MODULE_0__.availableParallelism)()) {
    const levels = typeof level === 'number' ? new _adaptive_level_js__WEBPACK_IMPORTED_MODULE_4__/* .BlockLevel */ .q4(level) : level;
    const checksum = (0,_gzip_stored_js__WEBPACK_IMPORTED_MODULE_3__/* .crc32 */ .QR)();
    if (!checksum)
        throw new Error('parallel gzip needs zlib.crc32 (Node 20.15 or later)');
    yield _gzip_stored_js__WEBPACK_IMPORTED_MODULE_3__/* .GZIP_HEADER */ .FL;
    // The most blocks a layer has at once: 2 × parallel read ahead (those being deflated among
    // them), the one its consumer waits on, and the one being filled.
    const memory = new _block_pipeline_js__WEBPACK_IMPORTED_MODULE_2__/* .BlockMemory */ .R6(BLOCK_BYTES, 2 * parallel + 2);
    let crc = 0;
    let length = 0;
    let dictionary;
    // The CRC, length and dictionary are taken as each block is handed to encodeInOrder, in order.
    // The next block's dictionary is copied out now: this block's memory is used again once it is
    // deflated, which may be before the next block is read.
    const deflates = (block) => {
        crc = checksum(block, crc);
        length = (length + block.length) % 2 ** 32;
        const blockLevel = levels.next();
        const own = dictionary;
        dictionary = Buffer.from(block.subarray(-DICTIONARY_BYTES));
        return async () => {
            const piece = await deflateBlock(block, own, blockLevel);
            memory.give(block);
            return piece;
        };
    };
    yield* (0,_block_pipeline_js__WEBPACK_IMPORTED_MODULE_2__/* .encodeInOrder */ .yg)((0,_block_pipeline_js__WEBPACK_IMPORTED_MODULE_2__/* .blocks */ .Bv)(source, memory), deflates, parallel);
    const trailer = Buffer.allocUnsafe(FINAL_BLOCK.length + 8);
    FINAL_BLOCK.copy(trailer, 0);
    trailer.writeUInt32LE(crc >>> 0, FINAL_BLOCK.length);
    trailer.writeUInt32LE(length, FINAL_BLOCK.length + 4);
    yield trailer;
}


/***/ }),

/***/ 7982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PM: () => (/* binding */ uploadBlob),
/* harmony export */   cc: () => (/* binding */ streamBlob),
/* harmony export */   jf: () => (/* binding */ MONOLITHIC_LIMIT)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6294);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9217);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5211);
/* harmony import */ var _upload_session_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4025);
// Uploads of a whole blob: one PUT with its digest (held bytes, or a file read again for each
// try), or one PATCH while the digest is still being worked out, then the PUT that names it.





/** Compressed layers up to this size are held in memory and sent in one PUT with a known digest. */
const MONOLITHIC_LIMIT = 32 << 20;
/**
 * Sends a whole blob with a known digest: POST for a session, then one PUT. `session`, opened
 * with openSession while the blob was being made, stands in for the first POST.
 */
async function uploadBlob(client, repository, digest, content, session) {
    const body = Buffer.isBuffer(content) || Array.isArray(content) ? heldBody(content) : content;
    const scope = (0,_registry_client_js__WEBPACK_IMPORTED_MODULE_3__/* .scopeFor */ .a)(repository, 'pull,push');
    // A retried PUT needs a fresh session: the failed one may be half-written or gone.
    let location;
    let early = session;
    await (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(async () => {
        if (early) {
            const opened = early;
            early = undefined;
            location = await opened;
        }
        location ??= await (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .openSession */ .fA)(client, repository);
        const target = location;
        location = undefined;
        const response = await client.exchange('PUT', (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .withDigest */ .hQ)(target, digest), {
            scope,
            headers: { [_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .HEADER */ .El.contentType]: 'application/octet-stream' },
            body,
            expect: [201],
            retry: false,
        });
        await response.discard();
    }, {
        onRetry: (why, delay) => client.reporter?.warning(`${client.registry}: upload of ${digest.slice(0, 19)}… failed (${why}); retrying in ${(delay / 1000).toFixed(1)} s`),
    });
}
/**
 * Sends a blob that is made again for each try (read from a file) while its digest is still
 * being worked out: one PATCH with all its bytes, then the PUT that names the digest, so that
 * the registry takes the bytes while they are hashed here. `verdict` resolves to the digest, or
 * to undefined to call the upload off (the bytes are not what they should be, say); an upload
 * called off is deleted, never closed. A failed try starts over in a new session. Resolves
 * whether the blob was sent.
 */
async function streamBlob(client, repository, blob, verdict, session) {
    const scope = (0,_registry_client_js__WEBPACK_IMPORTED_MODULE_3__/* .scopeFor */ .a)(repository, 'pull,push');
    let early = session;
    // The verdict settles once: its failure (hashing, say) ends the upload, untried again.
    const outcome = verdict.then((digest) => ({ digest }), (error) => ({ error }));
    let failure;
    const sent = await (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(async () => {
        const opened = early ?? (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .openSession */ .fA)(client, repository);
        early = undefined;
        const location = await opened;
        const abandon = new AbortController();
        const patch = client.exchange('PATCH', location, {
            scope,
            headers: {
                [_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .HEADER */ .El.contentType]: 'application/octet-stream',
                ...(blob.length > 0 ? { [_media_types_js__WEBPACK_IMPORTED_MODULE_2__/* .HEADER */ .El.contentRange]: `0-${blob.length - 1}` } : {}),
            },
            body: blob,
            expect: [202],
            retry: false,
            signal: abandon.signal,
        });
        patch.catch(() => undefined); // awaited below unless the upload is called off
        // The verdict waits on the body being read (see HashedBody): a PATCH that fails first,
        // before reading it, ends the try rather than the wait going on for ever.
        const decided = await Promise.race([outcome, patch.then(() => outcome)]);
        const digest = 'digest' in decided ? decided.digest : undefined;
        if (digest === undefined) {
            abandon.abort();
            // A PATCH that went through moved the session on: its Location is the one to delete.
            const current = await patch.then(async (response) => {
                await response.discard();
                return (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .nextLocation */ .Vv)(client, response, location);
            }, () => location);
            await (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .cancelUpload */ .wM)(client, current, scope);
            if ('error' in decided)
                failure = decided;
            return false;
        }
        const patched = await patch;
        await patched.discard();
        const response = await client.exchange('PUT', (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .withDigest */ .hQ)((0,_upload_session_js__WEBPACK_IMPORTED_MODULE_4__/* .locationOf */ .hD)(client, patched), digest), {
            scope,
            expect: [201],
            retry: false,
            transferBytes: blob.length,
        });
        await response.discard();
        return true;
    }, {
        onRetry: (why, delay) => client.reporter?.warning(`${client.registry}: upload to ${repository} failed (${why}); sending it again in ${(delay / 1000).toFixed(1)} s`),
    });
    if (failure)
        throw failure.error;
    return sent;
}
/** Pieces are sent as they are: joining tens of MiB into one new buffer costs more than the send. */
function heldBody(content) {
    const pieces = Array.isArray(content) ? content : [content];
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    return { stream: () => node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from(pieces, { objectMode: false }), length };
}


/***/ }),

/***/ 1039:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OZ: () => (/* binding */ CHUNK_SIZE),
/* harmony export */   UU: () => (/* binding */ ChunkedUpload),
/* harmony export */   ni: () => (/* binding */ FIRST_CHUNK)
/* harmony export */ });
/* harmony import */ var _blob_file_range_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2483);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8014);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6294);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9217);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5211);
/* harmony import */ var _upload_session_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4025);







/** Larger blobs go in PATCH chunks of this size; one chunk per upload is held to resume from. */
const CHUNK_SIZE = 32 << 20;
/**
 * A layer compressed as it goes starts with chunks this small: over a link, its bytes then leave
 * as soon as they are made instead of after the first 32 MiB (seen: 0.85 s of an idle 100 Mbit/s
 * link at the start of a push). The chunks double from there. 256 KiB, about one deflated block
 * (parallel-gzip): with the deflates taken in turn, 2.75 to 2.78 s against 2.86 to 3.01 s for
 * 1 MiB (60 MB of real files at 100 Mbit/s, 3 runs each).
 */
const FIRST_CHUNK = 256 << 10;
/**
 * PATCHes on their way from this process, and since when (ms) none has been: the link is
 * shared, so it waits for the compressor only when no upload has anything on it.
 */
const wire = { flying: 0, idleSince: undefined };
/**
 * A chunked upload (PATCH with Content-Range) fed as bytes are produced, so a blob of any size is
 * sent in one pass. The chunk being sent is kept until the registry acknowledges it; after a
 * dropped connection the upload resumes from the registry's Range instead of starting over.
 *
 * One PATCH is in flight while the next chunk fills, so the link never waits for the producer
 * to fill a chunk, nor the producer for the registry's answer. Chunks may start small
 * (`firstChunk`) and double up to `chunkSize`: bytes go on the wire soon after they are made,
 * in few requests. At most two chunks are held: the one in flight and the one filling.
 */
class ChunkedUpload {
    client;
    repository;
    chunkSize;
    pace;
    location;
    offset = 0;
    pending = [];
    pendingBytes = 0;
    nextChunk;
    /** The PATCH on its way; its failure is thrown by the next write, finish or cancel. */
    inFlight = Promise.resolve();
    /** Whether a PATCH of this upload is on its way. */
    flying = false;
    constructor(client, repository, location, chunkSize, firstChunk, 
    /** Told which side waited at each chunk: the link (full chunk, PATCH still going) or the producer. */
    pace) {
        this.client = client;
        this.repository = repository;
        this.chunkSize = chunkSize;
        this.pace = pace;
        this.location = location;
        this.nextChunk = Math.min(firstChunk, chunkSize);
    }
    /** `session`: one opened with openSession, used instead of a new one. */
    static async start(client, repository, chunkSize = CHUNK_SIZE, session, firstChunk = chunkSize, pace) {
        const location = (await session) ?? (await (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .openSession */ .fA)(client, repository));
        return new ChunkedUpload(client, repository, location, chunkSize, firstChunk, pace);
    }
    /** Bytes the registry has acknowledged so far. */
    get sent() {
        return this.offset;
    }
    async write(chunk) {
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        if (this.pendingBytes < this.nextChunk)
            return;
        const waited = now();
        const linkBusy = this.flying;
        await this.inFlight; // the one before is acknowledged: offsets follow on
        if (linkBusy)
            this.pace?.waitedForLink(now() - waited);
        // Else the link waited for this chunk, if no upload of the process had a PATCH going.
        else if (wire.flying === 0 && wire.idleSince !== undefined)
            this.pace?.waitedForDeflate(waited - wire.idleSince);
        this.nextChunk = Math.min(this.nextChunk * 2, this.chunkSize);
        this.flying = true;
        wire.flying += 1;
        this.inFlight = this.flush().finally(() => {
            this.flying = false;
            wire.flying -= 1;
            if (wire.flying === 0)
                wire.idleSince = now();
        });
        this.inFlight.catch(() => undefined); // thrown where it is awaited next
    }
    /** Sends what is pending and closes the upload under its digest. */
    async finish(digest) {
        await this.inFlight;
        if (this.pendingBytes > 0)
            await this.flush();
        await (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(async () => {
            // Some registries copy the blob into place here: its deadline is the blob's.
            const response = await this.client.exchange('PUT', (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .withDigest */ .hQ)(this.location, digest), {
                scope: this.scope,
                expect: [201],
                retry: false,
                transferBytes: this.offset,
            });
            await response.discard();
        });
    }
    /** Deletes the session: the bytes sent are not to become a blob. */
    async cancel() {
        await this.inFlight.catch(() => undefined);
        this.pending = [];
        this.pendingBytes = 0;
        await (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .cancelUpload */ .wM)(this.client, this.location, this.scope);
    }
    get scope() {
        return (0,_registry_client_js__WEBPACK_IMPORTED_MODULE_5__/* .scopeFor */ .a)(this.repository, 'pull,push');
    }
    async flush() {
        // The pieces go out as they are: joining 32 MiB into a new buffer costs more than sending.
        const pieces = this.pending;
        const length = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
        const start = this.offset;
        let skip = 0;
        await (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(async ({ attempt }) => {
            if (attempt > 0) {
                // Ask where the registry stands, and send only what it lacks.
                const held = await this.status();
                if (held < start || held > start + length) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(`registry ${this.client.registry} holds ${held} bytes of an upload that should hold ${start}; cannot resume`);
                }
                skip = held - start;
                if (skip === length)
                    return;
            }
            const body = (0,_blob_file_range_js__WEBPACK_IMPORTED_MODULE_0__/* .skipBytes */ .rR)(pieces, skip);
            const response = await this.client.exchange('PATCH', this.location, {
                scope: this.scope,
                headers: {
                    [_media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .HEADER */ .El.contentType]: 'application/octet-stream',
                    [_media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .HEADER */ .El.contentRange]: `${start + skip}-${start + length - 1}`,
                },
                body: { stream: () => node_stream__WEBPACK_IMPORTED_MODULE_1__.Readable.from(body), length: length - skip },
                expect: [202],
                retry: false,
            });
            await response.discard();
            this.location = (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .locationOf */ .hD)(this.client, response);
        }, {
            onRetry: (why, delay) => this.client.reporter?.warning(`${this.client.registry}: chunk at byte ${start} failed (${why}); resuming in ${(delay / 1000).toFixed(1)} s`),
        });
        this.offset = start + length;
    }
    async status() {
        const response = await this.client.exchange('GET', this.location, {
            scope: this.scope,
            expect: [204, 404],
        });
        await response.discard();
        if (response.status === 404) {
            throw new _upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .UploadSessionLostError */ .KU(`registry ${this.client.registry} lost the upload session after a dropped connection`, 404);
        }
        this.location = (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .nextLocation */ .Vv)(this.client, response, this.location);
        return (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .receivedBytes */ .L1)(response);
    }
}
/** Milliseconds on a monotonic clock (process.hrtime: `performance` would load perf_hooks). */
function now() {
    return Number(process.hrtime.bigint()) / 1e6;
}


/***/ }),

/***/ 4025:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KU: () => (/* binding */ UploadSessionLostError),
/* harmony export */   L1: () => (/* binding */ receivedBytes),
/* harmony export */   Vv: () => (/* binding */ nextLocation),
/* harmony export */   aH: () => (/* binding */ startUpload),
/* harmony export */   c7: () => (/* binding */ SpareSession),
/* harmony export */   fA: () => (/* binding */ openSession),
/* harmony export */   hD: () => (/* binding */ locationOf),
/* harmony export */   hQ: () => (/* binding */ withDigest),
/* harmony export */   wM: () => (/* binding */ cancelUpload)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8014);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9217);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5211);
// An upload session's life: opened (or a blob mounted instead), moved on by the registry's
// Location, deleted when not needed. The uploads themselves are in blob-upload and chunked-upload.



/** A session's Location with the digest that closes it. */
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}
/** Where a session's next request goes: the Location a response names, else `current`. */
function nextLocation(client, response, current) {
    const next = response.headers.get(_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADER */ .El.location);
    return next ? new URL(next, client.baseUrl).toString() : current;
}
function locationOf(client, response) {
    const location = response.headers.get(_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADER */ .El.location);
    if (!location)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl(`registry ${client.registry} started an upload but sent no Location`);
    return new URL(location, client.baseUrl).toString();
}
function receivedBytes(response) {
    const range = response.headers.get(_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADER */ .El.range);
    const match = range ? /(\d+)-(\d+)/.exec(range) : null;
    return match ? Number(match[2]) + 1 : 0;
}
/**
 * The registry no longer knows an upload session after a dropped connection (Docker's
 * distribution invalidates a session whose bytes were written in part), so it cannot be resumed:
 * the blob must be sent again from its start.
 */
class UploadSessionLostError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl {
    name = 'UploadSessionLostError';
}
/**
 * Opens an upload session, asking the registry to mount the blob from another repository when
 * `from` is given: 201 means mounted (nothing to send), 202 an upload session to use instead.
 */
async function startUpload(client, repository, mount, { retry = true } = {}) {
    const query = mount
        ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}`
        : '';
    const scope = mount
        ? `${(0,_registry_client_js__WEBPACK_IMPORTED_MODULE_2__/* .scopeFor */ .a)(repository, 'pull,push')} ${(0,_registry_client_js__WEBPACK_IMPORTED_MODULE_2__/* .scopeFor */ .a)(mount.from, 'pull')}`
        : (0,_registry_client_js__WEBPACK_IMPORTED_MODULE_2__/* .scopeFor */ .a)(repository, 'pull,push');
    const response = await client.exchange('POST', `/v2/${repository}/blobs/uploads/${query}`, {
        scope,
        expect: [201, 202],
        retry,
    });
    await response.discard();
    if (response.status === 201 && mount)
        return { mounted: true };
    return { mounted: false, location: locationOf(client, response) };
}
/** Opens a plain upload session early (see uploadBlob's `session`): its Location. */
function openSession(client, repository, options = {}) {
    const session = startUpload(client, repository, undefined, options).then((started) => started.location);
    session.catch(() => undefined); // awaited by whoever uses it; unused when the blob is there
    return session;
}
/**
 * One upload session opened ahead of need, while the registry is still being read, so that the
 * first blob to send need not wait for its POST. The first blob that needs a session takes it;
 * if none does, it is deleted.
 */
class SpareSession {
    client;
    repository;
    session;
    settled = false;
    released = false;
    constructor(client, repository) {
        this.client = client;
        this.repository = repository;
    }
    /** Opens the session (one try: without it, the first layer opens its own); not once released. */
    open() {
        if (this.released || this.session)
            return;
        this.session = openSession(this.client, this.repository, { retry: false });
        this.session.then(() => (this.settled = true), () => (this.settled = true));
    }
    /** The session, once: later calls get undefined. */
    take() {
        const session = this.session;
        this.session = undefined;
        return session;
    }
    /**
     * Deletes the session if nobody took it. `waitForOpening`: wait for a POST still unanswered;
     * without it (a push ending with an error to report) such a session is left to the registry
     * to expire.
     */
    async release({ waitForOpening = false } = {}) {
        this.released = true;
        const session = this.take();
        if (!session || (!this.settled && !waitForOpening))
            return;
        const location = await session.catch(() => undefined);
        if (location)
            await cancelUpload(this.client, location, (0,_registry_client_js__WEBPACK_IMPORTED_MODULE_2__/* .scopeFor */ .a)(this.repository, 'pull,push'));
    }
}
/** Deletes an upload session; a registry that has dropped it already is as good. */
async function cancelUpload(client, location, scope) {
    try {
        const response = await client.exchange('DELETE', location, {
            scope,
            expect: [204, 404],
            retry: false,
        });
        await response.discard();
    }
    catch {
        // Left for the registry to expire: nothing refers to it.
    }
}


/***/ }),

/***/ 7452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D3: () => (/* binding */ closeFile),
/* harmony export */   Tq: () => (/* binding */ openFile),
/* harmony export */   aQ: () => (/* binding */ readvAt),
/* harmony export */   io: () => (/* binding */ readBytes),
/* harmony export */   m6: () => (/* binding */ readAt),
/* harmony export */   qW: () => (/* binding */ statPath)
/* harmony export */ });
/* unused harmony export fileSize */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);


// The few file calls a push makes before its first request, as promises over node:fs's callback
// API. Why not node:fs/promises: loading it loads readline and the REPL history with it, and a
// push that has nothing to send is mostly start-up.
const openFile = (path) => (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
const closeFile = (fd) => (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.close)(fd);
/** Reads up to `length` bytes at `position` into `buffer` from its start; resolves bytes read. */
const readAt = (fd, buffer, length, position) => new Promise((resolve, reject) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.read)(fd, buffer, 0, length, position, (error, bytesRead) => error ? reject(error) : resolve(bytesRead)));
/** Reads into each of `buffers` in turn from `position` (one preadv); resolves bytes read. */
const readvAt = (fd, buffers, position) => new Promise((resolve, reject) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readv)(fd, buffers, position, (error, bytesRead) => error ? reject(error) : resolve(bytesRead)));
const fileSize = async (fd) => (await promisify(fstat)(fd)).size;
const statPath = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.stat);
const readBytes = (path) => (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFile)(path);


/***/ }),

/***/ 91:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ stopwatch)
/* harmony export */ });
/**
 * A stopwatch: the function it returns gives the seconds since it was started. It reads
 * process.hrtime, not performance.now(): the first use of `performance` loads Node's perf_hooks,
 * which a push that has nothing to send would wait for.
 */
function stopwatch() {
    const start = process.hrtime.bigint();
    return () => Number(process.hrtime.bigint() - start) / 1e9;
}


/***/ })

};
