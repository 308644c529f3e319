export const id = 875;
export const ids = [875];
export const modules = {

/***/ 8875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ARTIFACT_HELP: () => (/* binding */ ARTIFACT_HELP),
/* harmony export */   artifactCommand: () => (/* binding */ artifactCommand)
/* harmony export */ });
/* harmony import */ var _oci_artifact_push_artifact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3313);
/* harmony import */ var _oci_artifact_pull_artifact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4504);
/* harmony import */ var _oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6812);
/* harmony import */ var _report_console_reporter_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3465);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2693);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17);
/* harmony import */ var _registry_options_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1057);
/* harmony import */ var _usage_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7485);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_7__);









const ARTIFACT_HELP = `Usage: hypernix artifact push FILE REF [--tag TAG]... [options]
       hypernix artifact pull REF FILE [options]

push: pushes a disk image (qcow2) as an OCI artifact: one blob in a manifest with
      artifactType application/vnd.hypernix.disk-image.qcow2. An unchanged file is not sent.
pull: fetches it by tag or digest into FILE atomically (a fresh temporary file beside FILE,
      at most the declared size, digest verified, then renamed; nothing left on failure).

Options:
  --tag TAG               one more tag (push; repeatable)
  --compression C         none (default), gzip or zstd (push)
  --compression-level N   (push)
  --out-path PATH         the Nix out path to record as an annotation (push)
  --plain-http            talk HTTP, not HTTPS (a registry on loopback or a trusted LAN)
  --username USER         with --password-stdin or HYPERNIX_REGISTRY_PASSWORD
  --password-stdin
  --json                  print the result as JSON
  -h, --help              show this help
`;
const OPTIONS = {
    tag: { type: 'string', multiple: true },
    compression: { type: 'string' },
    'compression-level': { type: 'string' },
    'out-path': { type: 'string' },
    ..._registry_options_js__WEBPACK_IMPORTED_MODULE_5__/* .REGISTRY_OPTIONS */ .zc,
};
async function artifactCommand(argv, io) {
    const [verb, ...rest] = argv;
    const { values, positionals } = (0,_usage_js__WEBPACK_IMPORTED_MODULE_6__/* .parseCommandLine */ .D)(rest, OPTIONS, 'artifact');
    if (values.help || verb === '--help' || verb === '-h') {
        io.stdout.write(ARTIFACT_HELP);
        return 0;
    }
    if (verb === undefined)
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`give a subcommand, push or pull; see 'hypernix artifact --help'`);
    if (verb !== 'push' && verb !== 'pull')
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`unknown artifact command ${JSON.stringify(verb)}; see 'hypernix artifact --help'`);
    if (positionals.length !== 2) {
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`expected ${verb === 'push' ? 'FILE and REF' : 'REF and FILE'}; see 'hypernix artifact --help'`);
    }
    const [file, ref] = (verb === 'push' ? positionals : [positionals[1], positionals[0]]);
    // The file is checked before anything is asked of the registry.
    if (verb === 'push')
        await checkDiskImage(file);
    const connected = await connect(ref, values, io);
    return verb === 'push'
        ? artifactPush(file, connected, values, io)
        : artifactPull(file, connected, values, io);
}
/** The options read through the push configuration, and the registry connected. */
async function connect(ref, values, io) {
    const reporter = new _report_console_reporter_js__WEBPACK_IMPORTED_MODULE_3__/* .ConsoleReporter */ .l({ verbose: values.verbose, stream: io.stderr });
    const config = await (0,_registry_options_js__WEBPACK_IMPORTED_MODULE_5__/* .readPushOptions */ .xy)(ref, values, {}, { compression: 'none' });
    const image = config.image;
    const client = await (0,_registry_options_js__WEBPACK_IMPORTED_MODULE_5__/* .connectTo */ .m6)(config, reporter);
    return { config, image, client, reporter };
}
/** A qcow2 disk image starts with these four bytes (QEMU's header magic). */
const QCOW2_MAGIC = Buffer.from('QFI\xfb', 'latin1');
/** The artifact is a disk image, as the help says: a regular file that really is qcow2. */
async function checkDiskImage(file) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_7__.stat)(file).catch(() => undefined);
    if (!info?.isFile())
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`argument FILE: ${file} is not a file`);
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_7__.open)(file, 'r');
    try {
        const head = Buffer.alloc(4);
        const { bytesRead } = await handle.read(head, 0, 4, 0);
        if (bytesRead < 4 || !head.equals(QCOW2_MAGIC))
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`argument FILE: ${file} is not a qcow2 disk image (it does not start with QEMU's QFI\\xfb magic); convert it with qemu-img convert -O qcow2`);
    }
    finally {
        await handle.close();
    }
}
async function artifactPush(file, { config, image, client, reporter }, values, io) {
    const tags = (0,_registry_options_js__WEBPACK_IMPORTED_MODULE_5__/* .tagsToPush */ .Zm)(image, config);
    const result = await (0,_oci_artifact_push_artifact_js__WEBPACK_IMPORTED_MODULE_0__/* .pushArtifact */ .X)(file, {
        client,
        repository: image.repository,
        tags,
        compression: config.compression,
        level: config.level,
        outPath: values['out-path'],
        reporter,
    });
    const output = {
        'qcow2-ref': `${image.registry}/${image.repository}@${result.digest}`,
        digest: result.digest,
        'pushed-bytes': String(result.pushedBytes),
    };
    io.stdout.write(values.json
        ? `${JSON.stringify(output)}\n`
        : `Pushed ${output['qcow2-ref']} (${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(result.size)}, sent ${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_8__/* .formatBytes */ .z3)(result.pushedBytes)})\n`);
    return 0;
}
async function artifactPull(file, { image, client, reporter }, values, io) {
    const reference = image.digest ?? image.tag;
    if (!reference)
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`argument REF: give a tag or a digest (${(0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(image)}:TAG or @sha256:…)`);
    const result = await (0,_oci_artifact_pull_artifact_js__WEBPACK_IMPORTED_MODULE_1__/* .pullArtifact */ .O)(client, image.repository, reference, file, reporter);
    io.stdout.write(values.json
        ? `${JSON.stringify({ path: result.path, digest: result.digest, 'downloaded-bytes': String(result.downloadedBytes) })}\n`
        : `Pulled ${(0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(image)} (${result.digest}) into ${result.path}\n`);
    return 0;
}


/***/ }),

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
/* harmony import */ var _blob_parallel_gzip_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5303);
/* harmony import */ var _blob_digest_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(6909);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(9217);
/* harmony import */ var _registry_registry_client_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(5211);
/* harmony import */ var _util_stopwatch_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(91);














/** Annotations of a disk image artifact: its file name, Nix out path, and uncompressed digest. */
class ArtifactError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .HypernixError */ .iD {
    name = 'ArtifactError';
}
function layerMediaTypeFor(compression) {
    return compression === 'none' ? _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_TYPE */ .Ap.qcow2Layer : `${_media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_TYPE */ .Ap.qcow2Layer}+${compression}`;
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
            layer.annotations?.[_media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .ANNOTATION */ .YX.uncompressedDigest] === uncompressed)
            return layer;
    }
    return undefined;
}
/**
 * Pushes a file (a qcow2 disk image of several GiB) as an OCI artifact: one blob, compressed or
 * not, in an image manifest with an artifactType and the empty config, then tags it.
 */
async function pushArtifact(file, options) {
    const elapsed = (0,_util_stopwatch_js__WEBPACK_IMPORTED_MODULE_13__/* .stopwatch */ .s)();
    const { client, repository } = options;
    await client.ping((0,_registry_registry_client_js__WEBPACK_IMPORTED_MODULE_12__/* .scopeFor */ .a)(repository, 'pull,push'));
    const mediaType = layerMediaTypeFor(options.compression);
    const uncompressed = await (0,_blob_digest_js__WEBPACK_IMPORTED_MODULE_10__/* .sha256File */ .Q3)(file);
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
        const held = await client.blobSize(repository, blob.digest, (0,_registry_registry_client_js__WEBPACK_IMPORTED_MODULE_12__/* .scopeFor */ .a)(repository, 'pull,push'));
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
        const upload = await _registry_chunked_upload_js__WEBPACK_IMPORTED_MODULE_6__/* .ChunkedUpload */ .UU.start(client, repository);
        const counter = new _blob_digest_js__WEBPACK_IMPORTED_MODULE_10__/* .DigestCounter */ .VR();
        const send = async (source) => {
            for await (const chunk of source) {
                counter.update(chunk);
                await upload.write(chunk);
            }
        };
        const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { highWaterMark: _blob_digest_js__WEBPACK_IMPORTED_MODULE_10__/* .READ_CHUNK */ .vA });
        // gzip on every core, as a layer's (parallel-gzip); zstd as one stream.
        if (algorithm === 'gzip')
            await send((0,_blob_parallel_gzip_js__WEBPACK_IMPORTED_MODULE_9__/* .parallelGzip */ .GJ)(read, options.level));
        else
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(read, (0,_blob_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .compressor */ .e)(algorithm, options.level), send);
        await upload.finish(counter.digest());
        return counter;
    });
}
/** The empty config (when missing), then the manifest under each tag, or its digest: its digest. */
async function putArtifactManifest(file, options, blob, uncompressed) {
    const { client, repository } = options;
    const annotations = {
        [_media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .ANNOTATION */ .YX.title]: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file),
        ...(options.outPath ? { [_media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .ANNOTATION */ .YX.outPath]: options.outPath } : {}),
    };
    const layer = {
        mediaType: blob.mediaType,
        digest: blob.digest,
        size: blob.size,
        annotations: {
            ...annotations,
            [_media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .ANNOTATION */ .YX.uncompressedDigest]: uncompressed.digest,
            [_media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .ANNOTATION */ .YX.uncompressedSize]: String(uncompressed.size),
        },
    };
    if ((await client.blobSize(repository, _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .EMPTY_CONFIG */ .$v.digest, (0,_registry_registry_client_js__WEBPACK_IMPORTED_MODULE_12__/* .scopeFor */ .a)(repository, 'pull,push'))) ===
        undefined) {
        await (0,_registry_blob_upload_js__WEBPACK_IMPORTED_MODULE_5__/* .uploadBlob */ .PM)(client, repository, _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .EMPTY_CONFIG */ .$v.digest, Buffer.from('{}'));
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_TYPE */ .Ap.ociManifest,
        artifactType: _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_TYPE */ .Ap.qcow2Artifact,
        config: {
            mediaType: _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .EMPTY_CONFIG */ .$v.mediaType,
            digest: _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .EMPTY_CONFIG */ .$v.digest,
            size: _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .EMPTY_CONFIG */ .$v.size,
        },
        layers: [layer],
        annotations,
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    let digest = '';
    for (const tag of options.tags)
        digest = await client.putManifest(repository, tag, bytes, _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_TYPE */ .Ap.ociManifest);
    if (options.tags.length === 0) {
        const counter = new _blob_digest_js__WEBPACK_IMPORTED_MODULE_10__/* .DigestCounter */ .VR();
        counter.update(bytes);
        digest = await client.putManifest(repository, counter.digest(), bytes, _media_types_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_TYPE */ .Ap.ociManifest);
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
        const upload = await _registry_chunked_upload_js__WEBPACK_IMPORTED_MODULE_6__/* .ChunkedUpload */ .UU.start(client, repository);
        for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file, { highWaterMark: _blob_digest_js__WEBPACK_IMPORTED_MODULE_10__/* .READ_CHUNK */ .vA })) {
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


/***/ })

};
