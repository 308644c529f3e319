export const id = 484;
export const ids = [484];
export const modules = {

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
