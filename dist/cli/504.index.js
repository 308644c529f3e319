export const id = 504;
export const ids = [504];
export const modules = {

/***/ 4504:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ pullArtifact)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_stopwatch_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(91);
/* harmony import */ var _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3313);
/* harmony import */ var _blob_compression_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5031);
/* harmony import */ var _blob_digest_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6909);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8014);
/* harmony import */ var _registry_retry_policy_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6294);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9217);











/**
 * Pulls a disk image artifact by tag or digest into `destination` atomically: downloaded to a
 * temporary file made fresh beside it (resumed with Range within the run), capped at the size the
 * manifest declares, its digest verified, decompressed if need be, then renamed into place.
 * Nothing appears at `destination` unless whole, and no temporary file outlives a failure.
 */
async function pullArtifact(client, repository, reference, destination, reporter) {
    const elapsed = (0,_util_stopwatch_js__WEBPACK_IMPORTED_MODULE_10__/* .stopwatch */ .s)();
    const manifest = await client.getManifest(repository, reference);
    if (!manifest)
        throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`registry ${client.registry} has no ${repository}:${reference}`);
    const layer = diskLayerOf(manifest.bytes, `${client.registry}/${repository}:${reference}`);
    const compression = layer.mediaType === _media_types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_TYPE */ .Ap.qcow2Layer ? 'none' : (0,_blob_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .compressionOf */ .MB)(layer.mediaType);
    if (!compression)
        throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`unknown disk image media type ${layer.mediaType}`);
    const partial = await freshFile(destination, 'part');
    let downloadedBytes;
    try {
        downloadedBytes = await downloadBlob(client, repository, layer, partial.handle, reporter);
        if (compression === 'none') {
            await partial.handle.close();
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(partial.path, destination);
        }
        else {
            await unpack(partial.handle, compression, layer, destination);
        }
    }
    finally {
        await partial.handle.close().catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(partial.path, { force: true });
    }
    return {
        digest: manifest.digest,
        blobDigest: layer.digest,
        downloadedBytes,
        size: layer.size,
        seconds: elapsed(),
        path: destination,
    };
}
/** The one disk image layer of an artifact manifest, its digest and size checked. */
function diskLayerOf(bytes, shown) {
    let json;
    try {
        json = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`${shown}: the manifest is not valid JSON`);
    }
    const layer = json?.layers?.[0];
    if (json?.artifactType !== _media_types_js__WEBPACK_IMPORTED_MODULE_9__/* .MEDIA_TYPE */ .Ap.qcow2Artifact || !layer || json.layers?.length !== 1) {
        throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`${shown} is not a qcow2 artifact (artifactType ${JSON.stringify(json?.artifactType ?? null)})`);
    }
    if (!(0,_blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .isDigest */ .Bc)(layer.digest))
        throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`${shown}: the disk image has the digest ${(0,_blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .showDigest */ .CG)(layer.digest)}; expected sha256: and 64 lower-case hex digits`);
    if (!Number.isSafeInteger(layer.size) || layer.size < 0)
        throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`${shown}: the disk image has the size ${(0,_blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .showDigest */ .CG)(layer.size)}; expected a whole number of bytes`);
    return layer;
}
/**
 * A new file beside `destination`, under a name nobody else can have chosen: created with
 * O_EXCL and O_NOFOLLOW, so a file or symlink planted there is never written through.
 */
async function freshFile(destination, suffix) {
    const { randomBytes } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7598, 23));
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(destination), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(destination)}.${randomBytes(6).toString('hex')}.${suffix}`);
    const flags = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDWR | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW;
    return { path, handle: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, flags, 0o600) };
}
/** Decompresses the download into a fresh file, checks it against the manifest, renames it. */
async function unpack(packed, compression, layer, destination) {
    const unpacked = await freshFile(destination, 'unpacked');
    try {
        const check = new _blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .DigestCounter */ .VR();
        const declared = Number(layer.annotations?.[_media_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION */ .YX.uncompressedSize]);
        // A small blob must not unpack into a full disk: the pushed size caps it, when recorded.
        const limit = Number.isSafeInteger(declared) && declared >= 0 ? declared : Infinity;
        // Read and written through the handles themselves: no path is opened again.
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(readAll(packed), (0,_blob_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .decompressor */ .ni)(compression), async (source) => {
            for await (const chunk of source) {
                check.update(chunk);
                if (check.bytes > limit)
                    throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`the disk image unpacks to more than the ${limit} bytes it was pushed as`);
                await unpacked.handle.write(chunk, 0, chunk.length, check.bytes - chunk.length);
            }
        });
        const expected = layer.annotations?.[_media_types_js__WEBPACK_IMPORTED_MODULE_9__/* .ANNOTATION */ .YX.uncompressedDigest];
        if (expected && check.digest() !== expected) {
            throw new _push_artifact_js__WEBPACK_IMPORTED_MODULE_4__/* .ArtifactError */ .n(`the disk image unpacked to ${check.digest()}, not the ${expected} it was pushed as`);
        }
        await unpacked.handle.sync();
        await unpacked.handle.close();
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(unpacked.path, destination);
    }
    finally {
        await unpacked.handle.close().catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(unpacked.path, { force: true });
    }
}
/**
 * Downloads a blob into `file`, resuming from what is there after a broken transfer, and
 * verifies its digest. Never more than the declared size is taken: a registry that sends more
 * (or announces more) fails the pull at once. Resolves the bytes downloaded.
 */
async function downloadBlob(client, repository, blob, file, reporter) {
    let downloaded = 0;
    let have = 0;
    const tooMuch = () => new _registry_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .RegistryError */ .gl(`registry ${client.registry} sent more than the ${blob.size} bytes of blob ${blob.digest}; the download was removed`);
    await (0,_registry_retry_policy_js__WEBPACK_IMPORTED_MODULE_8__/* .withRetries */ .LH)(async () => {
        if (have < blob.size) {
            const response = await client.openBlob(repository, blob.digest, have, blob.size);
            // A registry that ignores Range sends everything again: start the file over.
            if (!(have > 0 && response.status === 206))
                have = 0;
            const announced = Number(response.headers.get(_media_types_js__WEBPACK_IMPORTED_MODULE_9__/* .HEADER */ .El.contentLength) ?? Number.NaN);
            if (announced > blob.size - have) {
                response.body.destroy();
                throw tooMuch();
            }
            for await (const chunk of response.body) {
                if (have + chunk.length > blob.size)
                    throw tooMuch();
                await file.write(chunk, 0, chunk.length, have);
                have += chunk.length;
                downloaded += chunk.length;
            }
        }
        if (have < blob.size)
            throw new _registry_retry_policy_js__WEBPACK_IMPORTED_MODULE_8__/* .IncompleteTransferError */ .cn(`download ended at ${have} of ${blob.size} bytes`);
        await file.truncate(blob.size);
        const digest = await digestOf(file, blob.size);
        if (digest !== blob.digest) {
            throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .RegistryError */ .gl(`the blob downloaded from ${client.registry} has digest ${digest}, not ${blob.digest}; removed it`);
        }
        await file.sync();
    }, {
        onRetry: (why, delay) => reporter.warning(`${client.registry}: download of ${blob.digest.slice(0, 19)}… broke (${why}); resuming in ${(delay / 1000).toFixed(1)} s`),
    });
    return downloaded;
}
/** The bytes of an open file from its start, each chunk fresh (the decompressor may keep them). */
async function* readAll(file) {
    for (let position = 0;;) {
        const buffer = Buffer.allocUnsafe(_blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .READ_CHUNK */ .vA);
        const { bytesRead } = await file.read(buffer, 0, _blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .READ_CHUNK */ .vA, position);
        if (bytesRead === 0)
            return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
    }
}
/** The digest of the first `size` bytes of an open file. */
async function digestOf(file, size) {
    const counter = new _blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .DigestCounter */ .VR();
    const buffer = Buffer.allocUnsafe(_blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .READ_CHUNK */ .vA);
    for (let position = 0; position < size;) {
        const { bytesRead } = await file.read(buffer, 0, Math.min(_blob_digest_js__WEBPACK_IMPORTED_MODULE_6__/* .READ_CHUNK */ .vA, size - position), position);
        if (bytesRead === 0)
            break;
        counter.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
    }
    return counter.digest();
}


/***/ }),

/***/ 3313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ pushArtifact),
/* harmony export */   n: () => (/* binding */ ArtifactError)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17);
/* harmony import */ var _registry_blob_upload_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7982);
/* harmony import */ var _registry_chunked_upload_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1039);
/* harmony import */ var _registry_upload_session_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4025);
/* harmony import */ var _blob_compression_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5031);
/* harmony import */ var _blob_digest_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6909);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(9217);
/* harmony import */ var _registry_registry_client_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(5211);
/* harmony import */ var _util_stopwatch_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(91);













/** Annotations of a disk image artifact: its file name, Nix out path, and uncompressed digest. */
class ArtifactError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HypernixError */ .iD {
    name = 'ArtifactError';
}
function layerMediaTypeFor(compression) {
    return compression === 'none' ? _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .MEDIA_TYPE */ .Ap.qcow2Layer : `${_media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .MEDIA_TYPE */ .Ap.qcow2Layer}+${compression}`;
}
/**
 * Finds the blob an earlier push made of the same file under one of these tags: its manifest
 * records the file's uncompressed digest, so an unchanged image is neither compressed nor sent.
 */
async function previousBlob(options, uncompressed, mediaType) {
    for (const tag of options.tags) {
        const manifest = await options.client
            .getManifest(options.repository, tag)
            .catch(() => undefined);
        if (!manifest)
            continue;
        const json = JSON.parse(manifest.bytes.toString('utf8'));
        const layer = json.layers?.[0];
        if (layer &&
            layer.mediaType === mediaType &&
            layer.annotations?.[_media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION */ .YX.uncompressedDigest] === uncompressed)
            return layer;
    }
    return undefined;
}
/**
 * Pushes a file (a qcow2 disk image of several GiB) as an OCI artifact: one blob, compressed or
 * not, in an image manifest with an artifactType and the empty config, then tags it.
 */
async function pushArtifact(file, options) {
    const elapsed = (0,_util_stopwatch_js__WEBPACK_IMPORTED_MODULE_12__/* .stopwatch */ .s)();
    const { client, repository } = options;
    await client.ping((0,_registry_registry_client_js__WEBPACK_IMPORTED_MODULE_11__/* .scopeFor */ .a)(repository, 'pull,push'));
    const mediaType = layerMediaTypeFor(options.compression);
    const uncompressed = await (0,_blob_digest_js__WEBPACK_IMPORTED_MODULE_9__/* .sha256File */ .Q3)(file);
    const { blob, pushedBytes } = await sendFileBlob(file, options, uncompressed, mediaType);
    const digest = await putArtifactManifest(file, options, blob, uncompressed);
    return {
        repository,
        digest,
        tags: options.tags,
        blobDigest: blob.digest,
        pushedBytes,
        size: blob.size,
        seconds: elapsed(),
    };
}
/** The file's blob in the registry: the one an earlier push made, the file itself, or compressed. */
async function sendFileBlob(file, options, uncompressed, mediaType) {
    const { client, repository, reporter } = options;
    const previous = await previousBlob(options, uncompressed.digest, mediaType);
    if (previous) {
        reporter.info(`${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file)} is unchanged since the last push (${previous.digest})`);
        return { blob: previous, pushedBytes: 0 };
    }
    if (options.compression === 'none') {
        const blob = { mediaType, digest: uncompressed.digest, size: uncompressed.size };
        const held = await client.blobSize(repository, blob.digest, (0,_registry_registry_client_js__WEBPACK_IMPORTED_MODULE_11__/* .scopeFor */ .a)(repository, 'pull,push'));
        if (held !== undefined)
            return { blob, pushedBytes: 0 };
        const pushedBytes = await uploadFile(client, repository, file, blob.digest, uncompressed.size);
        return { blob, pushedBytes };
    }
    const packed = await uploadCompressed(file, options, options.compression);
    return {
        blob: { mediaType, digest: packed.digest(), size: packed.bytes },
        pushedBytes: packed.bytes,
    };
}
/** Compresses the file into a chunked upload as it is read; its digest counted on the way. */
function uploadCompressed(file, options, algorithm) {
    const { client, repository } = options;
    return restartingUpload(client, file, async () => {
        const upload = await _registry_chunked_upload_js__WEBPACK_IMPORTED_MODULE_6__/* .ChunkedUpload */ .U.start(client, repository);
        const counter = new _blob_digest_js__WEBPACK_IMPORTED_MODULE_9__/* .DigestCounter */ .VR();
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { highWaterMark: _blob_digest_js__WEBPACK_IMPORTED_MODULE_9__/* .READ_CHUNK */ .vA }), (0,_blob_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .compressor */ .e)(algorithm, options.level), async (source) => {
            for await (const chunk of source) {
                counter.update(chunk);
                await upload.write(chunk);
            }
        });
        await upload.finish(counter.digest());
        return counter;
    });
}
/** The empty config (when missing), then the manifest under each tag, or its digest: its digest. */
async function putArtifactManifest(file, options, blob, uncompressed) {
    const { client, repository } = options;
    const annotations = {
        [_media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION */ .YX.title]: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file),
        ...(options.outPath ? { [_media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION */ .YX.outPath]: options.outPath } : {}),
    };
    const layer = {
        mediaType: blob.mediaType,
        digest: blob.digest,
        size: blob.size,
        annotations: {
            ...annotations,
            [_media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION */ .YX.uncompressedDigest]: uncompressed.digest,
            [_media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .ANNOTATION */ .YX.uncompressedSize]: String(uncompressed.size),
        },
    };
    if ((await client.blobSize(repository, _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .EMPTY_CONFIG */ .$v.digest, (0,_registry_registry_client_js__WEBPACK_IMPORTED_MODULE_11__/* .scopeFor */ .a)(repository, 'pull,push'))) ===
        undefined) {
        await (0,_registry_blob_upload_js__WEBPACK_IMPORTED_MODULE_5__/* .uploadBlob */ .PM)(client, repository, _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .EMPTY_CONFIG */ .$v.digest, Buffer.from('{}'));
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .MEDIA_TYPE */ .Ap.ociManifest,
        artifactType: _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .MEDIA_TYPE */ .Ap.qcow2Artifact,
        config: {
            mediaType: _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .EMPTY_CONFIG */ .$v.mediaType,
            digest: _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .EMPTY_CONFIG */ .$v.digest,
            size: _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .EMPTY_CONFIG */ .$v.size,
        },
        layers: [layer],
        annotations,
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    let digest = '';
    for (const tag of options.tags)
        digest = await client.putManifest(repository, tag, bytes, _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .MEDIA_TYPE */ .Ap.ociManifest);
    if (options.tags.length === 0) {
        const counter = new _blob_digest_js__WEBPACK_IMPORTED_MODULE_9__/* .DigestCounter */ .VR();
        counter.update(bytes);
        digest = await client.putManifest(repository, counter.digest(), bytes, _media_types_js__WEBPACK_IMPORTED_MODULE_10__/* .MEDIA_TYPE */ .Ap.ociManifest);
    }
    return digest;
}
/** Uploads a file whose digest is known: in one PUT when small, else in resumable chunks. */
async function uploadFile(client, repository, file, digest, size) {
    if (size <= _registry_blob_upload_js__WEBPACK_IMPORTED_MODULE_5__/* .MONOLITHIC_LIMIT */ .jf) {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(file, 'r');
        try {
            await (0,_registry_blob_upload_js__WEBPACK_IMPORTED_MODULE_5__/* .uploadBlob */ .PM)(client, repository, digest, await handle.readFile());
        }
        finally {
            await handle.close();
        }
        return size;
    }
    return restartingUpload(client, file, async () => {
        const upload = await _registry_chunked_upload_js__WEBPACK_IMPORTED_MODULE_6__/* .ChunkedUpload */ .U.start(client, repository);
        for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { highWaterMark: _blob_digest_js__WEBPACK_IMPORTED_MODULE_9__/* .READ_CHUNK */ .vA })) {
            await upload.write(chunk);
        }
        await upload.finish(digest);
        return size;
    });
}
/** Runs an upload of a file again from its start when the registry lost the session. */
async function restartingUpload(client, file, upload) {
    for (let attempt = 1;; attempt += 1) {
        try {
            return await upload();
        }
        catch (error) {
            if (!(error instanceof _registry_upload_session_js__WEBPACK_IMPORTED_MODULE_7__/* .UploadSessionLostError */ .KU) || attempt >= 3)
                throw error;
            client.reporter?.warning(`${error.message}; sending ${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file)} again from its start`);
        }
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
/* harmony export */   O: () => (/* binding */ CHUNK_SIZE),
/* harmony export */   U: () => (/* binding */ ChunkedUpload)
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
 * A chunked upload (PATCH with Content-Range) fed as bytes are produced, so a blob of any size is
 * sent in one pass. The chunk being sent is kept until the registry acknowledges it; after a
 * dropped connection the upload resumes from the registry's Range instead of starting over.
 */
class ChunkedUpload {
    client;
    repository;
    chunkSize;
    location;
    offset = 0;
    pending = [];
    pendingBytes = 0;
    constructor(client, repository, location, chunkSize) {
        this.client = client;
        this.repository = repository;
        this.chunkSize = chunkSize;
        this.location = location;
    }
    /** `session`: one opened with openSession, used instead of a new one. */
    static async start(client, repository, chunkSize = CHUNK_SIZE, session) {
        const location = (await session) ?? (await (0,_upload_session_js__WEBPACK_IMPORTED_MODULE_6__/* .openSession */ .fA)(client, repository));
        return new ChunkedUpload(client, repository, location, chunkSize);
    }
    /** Bytes the registry has acknowledged so far. */
    get sent() {
        return this.offset;
    }
    async write(chunk) {
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        if (this.pendingBytes >= this.chunkSize)
            await this.flush();
    }
    /** Sends what is pending and closes the upload under its digest. */
    async finish(digest) {
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
