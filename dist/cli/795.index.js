export const id = 795;
export const ids = [795];
export const modules = {

/***/ 2795:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUSH_HELP: () => (/* binding */ PUSH_HELP),
  pushCommand: () => (/* binding */ pushCommand)
});

// EXTERNAL MODULE: ./src/config/input-readers.ts
var input_readers = __webpack_require__(6951);
// EXTERNAL MODULE: ./src/oci/formats/archive-format.ts
var archive_format = __webpack_require__(3338);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/util/child-env.ts
var child_env = __webpack_require__(4132);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/fs-async.ts
var fs_async = __webpack_require__(7452);
// EXTERNAL MODULE: ./src/oci/registry/upload-session.ts
var upload_session = __webpack_require__(4025);
// EXTERNAL MODULE: ./src/oci/blob/compression.ts
var blob_compression = __webpack_require__(5031);
// EXTERNAL MODULE: ./src/oci/media-types.ts
var media_types = __webpack_require__(9217);
// EXTERNAL MODULE: ./src/oci/registry/reference.ts
var reference = __webpack_require__(6812);
// EXTERNAL MODULE: ./src/oci/registry/registry-client.ts + 6 modules
var registry_client = __webpack_require__(5211);
;// CONCATENATED MODULE: ./src/oci/push/known-layers.ts





/** The image a push mounts from: its digest or tag, else the push's first tag. */
function mountSource(reference, tags) {
    return {
        repository: reference.repository,
        reference: reference.digest ?? reference.tag ?? tags[0] ?? 'latest',
    };
}
/**
 * Where to learn from first: the target's tags and a mount-from image. When none of the target's
 * tags names an image yet, its other tags are read next (see extraTags).
 */
function stateSources(repository, tags, mountFrom) {
    const sources = [...new Set(tags)].map((reference) => ({ repository, reference }));
    return mountFrom ? [...sources, mountFrom] : sources;
}
/**
 * Checks that the endpoint is a registry and reads what it holds, in one round of requests:
 * nothing is written, so a caller may start this before it has checked all its options.
 */
async function readRegistryState(client, target, sources, reporter, options = {}) {
    const [, state] = await Promise.all([
        client.ping((0,registry_client/* scopeFor */.a)(target, 'pull,push')),
        learnKnownLayers(client, target, sources, reporter, options),
    ]);
    return state;
}
/** How many other tags of the target repository are read when its own tags name no image. */
const EXTRA_TAGS_READ = 8;
/**
 * The tags worth reading when the target tags are new (a new commit's SHA): branch-like names
 * first, as they are moved by every push and so name recent images, then the rest, newest-looking
 * last in the registry's (lexical) order.
 */
function extraTags(all, alreadyRead, limit = EXTRA_TAGS_READ) {
    const others = all.filter((tag) => !alreadyRead.has(tag));
    const commitLike = (tag) => /^[0-9a-f]{7,64}$/.test(tag);
    return [
        ...others.filter((tag) => !commitLike(tag)),
        ...others.filter(commitLike).reverse(),
    ].slice(0, limit);
}
async function learnKnownLayers(client, target, sources, reporter, options) {
    const state = {
        candidates: new Map(),
        tagDigests: new Map(),
        targetManifests: new Map(),
        configsInTarget: new Set(),
    };
    // The tag list comes along in the first round, for when the target's own tags name nothing.
    const tagList = client.listTags(target).catch(() => []);
    const found = await learnFrom(client, target, sources, state, reporter, options);
    if (!found) {
        options.onTargetsNew?.();
        const read = new Set(sources.filter((source) => source.repository === target).map((source) => source.reference));
        const more = extraTags(await tagList, read).map((reference) => ({
            repository: target,
            reference,
        }));
        if (more.length > 0) {
            reporter.debug(`the target tags are new; reading ${more.map((source) => source.reference).join(', ')}`);
            await learnFrom(client, target, more, state, reporter, options, false);
        }
    }
    return state;
}
/** Reads the sources into `state`; says whether any manifest of the target repository was found. */
async function learnFrom(client, target, sources, state, reporter, options, recordTags = true) {
    let found = false;
    const results = await Promise.allSettled(sources.map((source) => layersOf(client, source, options)));
    results.forEach((result, index) => {
        const source = sources[index];
        if (result.status === 'rejected') {
            reporter.debug(`no layers learnt from ${source.repository}:${source.reference}: ${(0,errors/* describeError */.Uc)(result.reason)}`);
            return;
        }
        const inTarget = source.repository === target;
        if (inTarget && result.value.manifestDigest) {
            found = true;
            if (recordTags)
                state.tagDigests.set(source.reference, result.value.manifestDigest);
            if (result.value.manifestBytes)
                state.targetManifests.set(result.value.manifestDigest, result.value.manifestBytes);
            if (result.value.configDigest)
                state.configsInTarget.add(result.value.configDigest);
        }
        for (const [diffId, layer] of result.value.pairs) {
            const list = state.candidates.get(diffId) ?? [];
            list.push({ ...layer, repository: source.repository, inTarget });
            state.candidates.set(diffId, list);
        }
    });
    return found;
}
/**
 * The blob to reuse for each diff_id: compressed the way this push compresses (a user who asks
 * for zstd gets zstd layers); one of the target's own first. Docker's and OCI's media types of a
 * compression are the same bytes, so either manifest format may take either (the layer pusher
 * names it with its own). A push that sends incompressible layers uncompressed (see
 * plainWhenIncompressible) takes an uncompressed blob when the registry holds no compressed one.
 */
function usableLayers(state, compression, format) {
    const plainToo = (0,blob_compression/* plainWhenIncompressible */.UD)(compression, format);
    const usable = new Map();
    const choose = (list) => list.find((layer) => layer.inTarget) ?? list[0];
    for (const [diffId, list] of state.candidates) {
        const chosen = choose(list.filter((layer) => (0,blob_compression/* compressionOf */.MB)(layer.mediaType) === compression)) ??
            (plainToo
                ? choose(list.filter((layer) => (0,blob_compression/* compressionOf */.MB)(layer.mediaType) === 'none' && layer.digest === diffId))
                : undefined);
        if (chosen)
            usable.set(diffId, chosen);
    }
    return usable;
}
async function layersOf(client, source, { localConfig }) {
    const scope = (0,registry_client/* scopeFor */.a)(source.repository, 'pull');
    const pairs = new Map();
    let manifest = await client.getManifest(source.repository, source.reference, scope);
    const manifestBytes = manifest?.bytes;
    const result = (manifestDigest, configDigest) => ({
        pairs,
        manifestDigest,
        manifestBytes,
        configDigest,
    });
    if (!manifest)
        return result();
    const manifestDigest = manifest.digest;
    let json = JSON.parse(manifest.bytes.toString('utf8'));
    if (json.manifests) {
        // An index: the linux/amd64 image, which is what a Nix-built image for this runner is.
        const entry = json.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? json.manifests[0];
        if (!entry)
            return result(manifestDigest);
        manifest = await client.getManifest(source.repository, entry.digest, scope);
        if (!manifest)
            return result(manifestDigest);
        json = JSON.parse(manifest.bytes.toString('utf8'));
    }
    if (!json.config || !json.layers)
        return result(manifestDigest);
    const annotated = annotatedDiffIds(json);
    if (annotated) {
        // Each layer names its diff_id (hypernix's OCI manifests do): the config need not be fetched.
        json.layers.forEach((layer, index) => pairs.set(annotated[index], layer));
        return result(manifestDigest, json.config.digest);
    }
    const local = await localConfig?.catch(() => undefined);
    const configBytes = local?.digest === json.config.digest
        ? local.bytes
        : await client.getBlob(source.repository, json.config.digest);
    const config = JSON.parse(configBytes.toString('utf8'));
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length === json.layers.length)
        json.layers.forEach((layer, index) => pairs.set(diffIds[index], layer));
    return result(manifestDigest, json.config.digest);
}
/**
 * The diff_ids a manifest's layer descriptors carry, when every one carries one and the manifest
 * says which config they repeat: its own. A tool that rewrites an image's layers (and so its
 * config) but copies annotations along leaves them naming the old config, and they are ignored.
 */
function annotatedDiffIds(manifest) {
    const { annotations, config, layers } = manifest;
    if (!config || !layers || annotations?.[media_types/* ANNOTATION */.YX.diffIdsOf] !== config.digest)
        return undefined;
    const diffIds = layers.map((layer) => layer.annotations?.[media_types/* ANNOTATION */.YX.uncompressedDigest]);
    return diffIds.every((diffId) => diffId !== undefined && (0,reference/* isSha256Digest */.q9)(diffId))
        ? diffIds
        : undefined;
}
/**
 * The digest of a manifest that is byte for byte one the target repository's tags were read to
 * name: a re-push of an unchanged image builds the very manifest its tag holds, and need not
 * hash it again.
 */
function digestIfRead(manifest, state) {
    for (const [digest, bytes] of state.targetManifests)
        if (bytes.equals(manifest))
            return digest;
    return undefined;
}

// EXTERNAL MODULE: ./src/oci/formats/tar-index.ts
var tar_index = __webpack_require__(6360);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/oci/registry/blob-upload.ts
var blob_upload = __webpack_require__(7982);
// EXTERNAL MODULE: ./src/oci/registry/chunked-upload.ts
var chunked_upload = __webpack_require__(1039);
// EXTERNAL MODULE: ./src/oci/blob/digest.ts
var blob_digest = __webpack_require__(6909);
// EXTERNAL MODULE: ./src/util/stopwatch.ts
var stopwatch = __webpack_require__(91);
;// CONCATENATED MODULE: ./src/oci/push/oci-layout.ts
















class OciLayoutError extends errors/* HypernixError */.iD {
    name = 'OciLayoutError';
}
/** index.json, manifests and image indexes are documents: this size is ample (as for a registry). */
const DOCUMENT_LIMIT = 4 << 20;
// node:fs's callback form: node:fs/promises loads far more (see fs-async.ts).
const realpath = (0,external_node_util_.promisify)(external_node_fs_.realpath);
async function isOciLayoutDirectory(path) {
    return (await (0,fs_async/* statPath */.qW)((0,external_node_path_.join)(path, 'oci-layout')).catch(() => undefined))?.isFile() ?? false;
}
/**
 * A layout directory. A file is only read where its real path (symlinks resolved) stays inside
 * the layout, and only when it is a regular file: a blob linked to /etc/shadow is not there.
 */
function layoutDirectory(path) {
    let root;
    const inside = async (name) => {
        root ??= realpath(path).catch(() => undefined);
        const file = await realpath((0,external_node_path_.join)(path, name)).catch(() => undefined);
        const top = await root;
        if (!file || !top || !file.startsWith(`${top}${external_node_path_.sep}`))
            return undefined;
        const info = await (0,fs_async/* statPath */.qW)(file).catch(() => undefined);
        return info?.isFile() ? { file, size: info.size } : undefined;
    };
    const found = async (name) => {
        const entry = await inside(name);
        if (!entry)
            throw new OciLayoutError(`${path}: the layout has no ${name}`);
        return entry;
    };
    return {
        describe: path,
        read: async (name, limit) => {
            const { file, size } = await found(name);
            if (size > limit)
                throw tooLarge(path, name, limit);
            return (0,fs_async/* readBytes */.io)(file);
        },
        // Opened only after size() found the file inside: the stream reads the resolved path.
        open: (name) => {
            const stream = new external_node_stream_.PassThrough();
            found(name).then(({ file }) => (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(file, { highWaterMark: blob_digest/* READ_CHUNK */.vA }), stream).catch(() => undefined), (error) => stream.destroy(error));
            return stream;
        },
        size: async (name) => (await inside(name))?.size,
    };
}
const tooLarge = (describe, name, limit) => new OciLayoutError(`${describe}: ${name} is larger than ${limit} bytes`);
/**
 * A plain tar holding an OCI layout, or undefined when the tar is something else. `entries` is
 * the tar's index when the caller made it already.
 */
async function layoutTar(path, entries) {
    const index = entries ?? (await (0,tar_index/* indexTarFile */.c3)(path));
    if (!index.has('oci-layout') || !index.has('index.json'))
        return undefined;
    const entry = (name) => {
        const found = index.get(name);
        if (!found)
            throw new OciLayoutError(`${path}: the layout has no ${name}`);
        return found;
    };
    const open = (name) => {
        const { offset, size } = entry(name);
        return size > 0
            ? (0,external_node_fs_.createReadStream)(path, { start: offset, end: offset + size - 1, highWaterMark: blob_digest/* READ_CHUNK */.vA })
            : (0,external_node_fs_.createReadStream)('/dev/null');
    };
    return {
        describe: path,
        open,
        read: async (name, limit) => {
            if (entry(name).size > limit)
                throw tooLarge(path, name, limit);
            const chunks = [];
            for await (const chunk of open(name))
                chunks.push(chunk);
            return Buffer.concat(chunks);
        },
        size: async (name) => index.get(name)?.size,
    };
}
/**
 * Where a blob is in the layout. Its digest comes from the layout's own JSON, so it is checked
 * first: `sha256:../../../secret.bin` must never become a path (only sha256 is pushed).
 */
function blobPath(files, digest) {
    if (!(0,blob_digest/* isDigest */.Bc)(digest))
        throw new OciLayoutError(`${files.describe}: a descriptor has the digest ${(0,blob_digest/* showDigest */.CG)(digest)}; expected sha256: and 64 lower-case hex digits`);
    return `blobs/${digest.replace(':', '/')}`;
}
/** A descriptor's size, from the layout's JSON: a whole number of bytes. */
function sizeOf(files, blob) {
    if (!Number.isSafeInteger(blob.size) || blob.size < 0)
        throw new OciLayoutError(`${files.describe}: the descriptor of ${blob.digest} has the size ${(0,blob_digest/* showDigest */.CG)(blob.size)}; expected a whole number of bytes`);
    return blob.size;
}
/** The descriptors a document lists, each with a well-formed digest and size. */
function descriptorsOf(files, value, where) {
    if (!Array.isArray(value))
        throw new OciLayoutError(`${files.describe}: ${where} lists no descriptors (expected an array)`);
    return value.map((item) => {
        if (typeof item !== 'object' || item === null)
            throw new OciLayoutError(`${files.describe}: ${where} lists ${(0,blob_digest/* showDigest */.CG)(item)}, not a descriptor`);
        const descriptor = item;
        blobPath(files, descriptor.digest);
        sizeOf(files, descriptor);
        return descriptor;
    });
}
async function readJson(files, name, digest) {
    if ((await files.size(name)) === undefined)
        throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
    const bytes = await files.read(name, DOCUMENT_LIMIT);
    if (digest && (0,blob_digest/* sha256Digest */.sI)(bytes) !== digest) {
        throw new OciLayoutError(`${files.describe}: ${name} does not have the digest ${digest} its descriptor names`);
    }
    let json;
    try {
        json = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new OciLayoutError(`${files.describe}: ${name} is not valid JSON`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new OciLayoutError(`${files.describe}: ${name} is not a JSON object`);
    return { json: json, bytes };
}
/**
 * Pushes an image from an OCI image layout as it is: its blobs are already compressed, so they
 * are sent byte for byte (digests checked as they go) and the manifest keeps its digest.
 */
async function pushOciLayout(files, options) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const { client, repository, reporter } = options;
    const state = await readRegistryState(client, repository, stateSources(repository, options.tags), reporter);
    const { json: index } = await readJson(files, 'index.json');
    let descriptor = descriptorsOf(files, index.manifests, 'index.json')[0];
    if (!descriptor)
        throw new OciLayoutError(`${files.describe}: index.json lists no manifest`);
    if (descriptor.mediaType === media_types/* MEDIA_TYPE */.Ap.ociIndex ||
        descriptor.mediaType === media_types/* MEDIA_TYPE */.Ap.dockerManifestList) {
        const { json: nested } = await readJson(files, blobPath(files, descriptor.digest), descriptor.digest);
        const listed = descriptorsOf(files, nested.manifests, descriptor.digest);
        descriptor =
            listed.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ??
                listed[0];
        if (!descriptor)
            throw new OciLayoutError(`${files.describe}: the image index lists no manifest`);
    }
    const { json: manifest, bytes: manifestBytes } = await readJson(files, blobPath(files, descriptor.digest), descriptor.digest);
    if (!manifest.config || !manifest.layers)
        throw new OciLayoutError(`${files.describe}: ${descriptor.digest} is not an image manifest`);
    // Every descriptor is checked before the first request: a bad one sends nothing.
    const blobs = descriptorsOf(files, [manifest.config], descriptor.digest).concat(descriptorsOf(files, manifest.layers, descriptor.digest));
    const reports = await Promise.all(blobs.map((blob, position) => copyBlob(files, blob, position - 1, options)));
    const layers = reports.slice(1);
    const mediaType = manifest.mediaType ?? descriptor.mediaType;
    for (const tag of options.tags) {
        if (state.tagDigests.get(tag) === descriptor.digest) {
            reporter.info(`${repository}:${tag} is already ${descriptor.digest}; unchanged`);
            continue;
        }
        await client.putManifest(repository, tag, manifestBytes, mediaType);
    }
    return {
        repository,
        digest: descriptor.digest,
        tags: options.tags,
        manifestMediaType: mediaType,
        configDigest: blobs[0].digest,
        layers,
        pushedBytes: layers.reduce((sum, layer) => sum + layer.sentBytes, 0),
        reusedBytes: layers.reduce((sum, layer) => sum + (layer.action === 'pushed' ? 0 : layer.size), 0),
        seconds: elapsed(),
    };
}
async function copyBlob(files, blob, index, options) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const { client, repository } = options;
    const report = (action, sentBytes) => ({
        index,
        diffId: '',
        digest: blob.digest,
        mediaType: blob.mediaType,
        size: blob.size,
        sentBytes,
        action,
        seconds: elapsed(),
    });
    if ((await client.blobSize(repository, blob.digest, (0,registry_client/* scopeFor */.a)(repository, 'pull,push'))) !==
        undefined)
        return report('present', 0);
    const name = blobPath(files, blob.digest);
    const size = await files.size(name);
    if (size === undefined)
        throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
    if (size !== blob.size)
        throw new OciLayoutError(`${files.describe}: ${name} has ${size} bytes, but its descriptor says ${blob.size}; nothing was tagged`);
    const mismatch = () => new OciLayoutError(`${files.describe}: ${name} does not have the digest its name says; nothing was tagged`);
    if (blob.size <= blob_upload/* MONOLITHIC_LIMIT */.jf) {
        const bytes = await files.read(name, blob_upload/* MONOLITHIC_LIMIT */.jf);
        if ((0,blob_digest/* sha256Digest */.sI)(bytes) !== blob.digest)
            throw mismatch();
        await (0,blob_upload/* uploadBlob */.PM)(client, repository, blob.digest, bytes);
        return report('pushed', bytes.length);
    }
    // Hashed whole before a byte is sent (one more read of a local file, cheap beside the upload):
    // a blob that is not what its digest says must not reach the registry at all.
    const hashed = new blob_digest/* DigestCounter */.VR();
    for await (const chunk of files.open(name))
        hashed.update(chunk);
    if (hashed.digest() !== blob.digest)
        throw mismatch();
    for (let attempt = 1;; attempt += 1) {
        try {
            return report('pushed', await sendChecked(files, name, blob, options, mismatch));
        }
        catch (error) {
            if (!(error instanceof upload_session/* UploadSessionLostError */.KU) || attempt >= 3)
                throw error;
            client.reporter?.warning(`${error.message}; sending ${name} again from its start`);
        }
    }
}
/**
 * Sends a blob already hashed in chunks, hashing it again as it goes: a file changed in between
 * is caught before the upload is closed, and its session is deleted.
 */
async function sendChecked(files, name, blob, { client, repository }, mismatch) {
    const upload = await chunked_upload/* ChunkedUpload */.UU.start(client, repository);
    const counter = new blob_digest/* DigestCounter */.VR();
    try {
        for await (const chunk of files.open(name)) {
            counter.update(chunk);
            if (counter.bytes > blob.size)
                throw mismatch();
            await upload.write(chunk);
        }
        if (counter.digest() !== blob.digest)
            throw mismatch();
    }
    catch (error) {
        await upload.cancel();
        throw error;
    }
    await upload.finish(blob.digest);
    return counter.bytes;
}

// EXTERNAL MODULE: ./src/util/limiter.ts
var limiter = __webpack_require__(2280);
// EXTERNAL MODULE: ./src/oci/blob/adaptive-level.ts
var adaptive_level = __webpack_require__(4740);
// EXTERNAL MODULE: ./src/oci/blob/file-range.ts
var file_range = __webpack_require__(2483);
// EXTERNAL MODULE: ./src/oci/blob/gzip-stored.ts
var gzip_stored = __webpack_require__(4349);
;// CONCATENATED MODULE: ./src/oci/blob/framed-layer.ts




const BLOCK_HEADER = 5; // final flag, LEN, NLEN
const TRAILER = 8;
/** Whole stored blocks per read, so that no block is split between two reads. */
const BLOCKS_PER_READ = Math.max(1, Math.floor(blob_digest/* READ_CHUNK */.vA / gzip_stored/* MAX_STORED */.p4));
/** The size of the blob a layer of `size` bytes makes. */
function framedSize(size, framing) {
    if (framing === 'identity')
        return size;
    // Full blocks, then a final block with the rest (possibly empty): as StoredGzipEncoder writes.
    const blocks = Math.floor(size / gzip_stored/* MAX_STORED */.p4) + 1;
    return gzip_stored/* GZIP_HEADER */.FL.length + blocks * BLOCK_HEADER + size + TRAILER;
}
/**
 * Reads `size` bytes of a file from `start` as the blob `framing` makes of them, byte for byte
 * what StoredGzipEncoder makes of the same bytes. The file is read into two buffers in turn
 * (readAhead), with room left between the reads for the block headers: no byte is copied, and
 * no fresh memory is touched (a page fault per 4 KiB is what reading costs most on a VM). Each
 * chunk is valid only until the next is asked for. Every read of a layer yields the same chunks
 * (HashedBody relies on it).
 */
async function* framedLayer(path, start, size, framing) {
    if (framing === 'identity') {
        for await (const chunk of (0,file_range/* readFileRange */.qC)(path, start, size))
            yield { blob: chunk, data: [chunk] };
        return;
    }
    const checksum = (0,gzip_stored/* crc32 */.QR)();
    if (!checksum)
        throw new Error('stored gzip needs zlib.crc32 (Node 20.15 or 22.2 and later)');
    yield { blob: gzip_stored/* GZIP_HEADER */.FL, data: [] };
    // Room for the full blocks of one read, then a final block header and the trailer.
    const length = Math.min(BLOCKS_PER_READ, Math.floor(size / gzip_stored/* MAX_STORED */.p4) + 1) * (BLOCK_HEADER + gzip_stored/* MAX_STORED */.p4) +
        BLOCK_HEADER +
        TRAILER;
    let done = 0;
    let crc = 0;
    let ended = false;
    const buffers = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)];
    yield* (0,file_range/* readAhead */.Ek)(path, buffers, async (fd, buffer) => {
        if (ended)
            return undefined;
        const left = size - done;
        // The last read holds the final block: every block before it is full, as a stream encoder
        // would cut them, so the blob does not depend on how the file is read.
        const last = left <= BLOCKS_PER_READ * gzip_stored/* MAX_STORED */.p4;
        const full = last ? Math.floor(left / gzip_stored/* MAX_STORED */.p4) : BLOCKS_PER_READ;
        const data = [];
        let at = 0;
        for (let block = 0; block < full; block += 1) {
            at = (0,gzip_stored/* writeBlockHeader */.QH)(buffer, at, gzip_stored/* MAX_STORED */.p4, false);
            data.push(buffer.subarray(at, at + gzip_stored/* MAX_STORED */.p4));
            at += gzip_stored/* MAX_STORED */.p4;
        }
        if (last) {
            const rest = left - full * gzip_stored/* MAX_STORED */.p4;
            at = (0,gzip_stored/* writeBlockHeader */.QH)(buffer, at, rest, true);
            if (rest > 0)
                data.push(buffer.subarray(at, at + rest));
            at += rest;
        }
        await readFully(path, fd, data, start + done);
        for (const piece of data) {
            crc = checksum(piece, crc);
            done += piece.length;
        }
        if (!last)
            return { blob: buffer.subarray(0, at), data };
        ended = true;
        buffer.writeUInt32LE(crc >>> 0, at);
        buffer.writeUInt32LE(size % 2 ** 32, at + 4);
        return { blob: buffer.subarray(0, at + TRAILER), data };
    });
}
/** Fills `views` from `position` on, over as many reads as it takes; a file that ends first is an error. */
async function readFully(path, fd, views, position) {
    let rest = views.filter((view) => view.length > 0);
    let at = position;
    while (rest.length > 0) {
        const got = await (0,fs_async/* readvAt */.aQ)(fd, rest, at);
        if (got === 0)
            throw new Error(`${path}: ended at byte ${at}, inside a layer`);
        at += got;
        rest = (0,file_range/* skipBytes */.rR)(rest, got);
    }
}

;// CONCATENATED MODULE: ./src/oci/push/layer-decision.ts
// Which way a layer goes up, from facts alone (no I/O): reused or mounted when the registry is
// known to hold it, else sent as it is, compressed, or as gzip's stored blocks. The steps run in
// this order because each costs more than the last: a known layer is never read, and the first
// bytes of a layer are read only when the encoding depends on them.



/** The compression an encoding's blob has, and so its media type. */
const COMPRESSION = {
    gzip: 'gzip',
    'stored-gzip': 'gzip',
    zstd: 'zstd',
    none: 'none',
};
/** The encodings whose blobs are framed copies of the layer's bytes (see framed-layer). */
const FRAMING = {
    gzip: undefined,
    'stored-gzip': 'stored-gzip',
    zstd: undefined,
    none: 'identity',
};
function reuseOf(known) {
    if (!known)
        return 'send';
    return known.inTarget ? 'reuse' : 'mount';
}
/**
 * How a layer becomes its blob. A gzip layer whose start does not deflate goes up as it is into
 * an OCI manifest (plainWhenIncompressible), and as gzip's stored blocks into a Docker one:
 * either way without a deflate pass that would cost most of the push and gain nothing.
 */
function encodingOf(facts) {
    const { compression } = facts;
    if (compression !== 'gzip' || facts.deflates())
        return compression;
    if ((0,blob_compression/* plainWhenIncompressible */.UD)(compression, facts.format))
        return 'none';
    return facts.storedGzip() ? 'stored-gzip' : 'gzip';
}
/**
 * A layer that goes up as it is is its own blob, named by its diff_id before a byte is read: the
 * registry is asked whether it holds it (an uncompressed layer is the same blob whoever pushed
 * it) before it is read.
 */
function namedByDiffId(encoding) {
    return encoding === 'none';
}
function senderOf(encoding, size, limit = blob_upload/* MONOLITHIC_LIMIT */.jf) {
    const framing = FRAMING[encoding];
    if (!framing || size === undefined || framedSize(size, framing) > limit)
        return 'encoded';
    return framing === 'identity' ? 'as-it-is' : 'stored-gzip';
}

;// CONCATENATED MODULE: ./src/oci/push/layer-registry.ts
// What the layer senders ask of the registry, for one repository: the seam between how a layer
// goes up (push/) and the requests that carry it (registry/). Their unit tests put a test double
// here; the integration tests run the real one against a real registry.




/** The registry client's requests for one repository, with the scope a push needs. */
function layerRegistry(client, repository) {
    const scope = (0,registry_client/* scopeFor */.a)(repository, 'pull,push');
    return {
        blobSize: (digest) => client.blobSize(repository, digest, scope),
        openSession: () => (0,upload_session/* openSession */.fA)(client, repository),
        cancel: (location) => (0,upload_session/* cancelUpload */.wM)(client, location, scope),
        // A registry that could not mount (202) opened an upload instead, which is left unused.
        mount: async (digest, from) => (await (0,upload_session/* startUpload */.aH)(client, repository, { digest, from })).mounted,
        upload: (digest, content, session) => (0,blob_upload/* uploadBlob */.PM)(client, repository, digest, content, session),
        stream: (blob, verdict, session) => (0,blob_upload/* streamBlob */.cc)(client, repository, blob, verdict, session),
        chunked: (session, pace) => chunked_upload/* ChunkedUpload */.UU.start(client, repository, chunked_upload/* CHUNK_SIZE */.OZ, session, chunked_upload/* FIRST_CHUNK */.ni, pace),
    };
}

;// CONCATENATED MODULE: ./src/oci/push/layer-types.ts
// What the pieces of a layer's push share: the job, the report, the context they run in.

class LayerDigestError extends errors/* HypernixError */.iD {
    name = 'LayerDigestError';
}
/** The error for a layer whose bytes are not what the config says. */
function wrongLayer(job, computed) {
    return new LayerDigestError(`layer ${job.path} has digest ${computed}, but the config lists ${job.diffId}; nothing was tagged`);
}

;// CONCATENATED MODULE: ./src/oci/push/layer-reuse.ts
// Layers that need no upload: known to the registry (known-layers), reused where the target
// repository holds them or mounted from another one; and a layer going up as it is that the
// registry holds under its diff_id.




/** Reuses a blob the registry holds for this diff_id: present in the target, or mounted. */
async function reuseKnown(context, diffId, index, elapsed) {
    const known = context.known.get(diffId);
    const reuse = reuseOf(known);
    if (!known || reuse === 'send')
        return undefined;
    const report = (action) => ({
        index,
        diffId,
        digest: known.digest,
        // Docker's and OCI's gzip (or plain tar) layers are the same bytes: the blob goes into the
        // manifest under this push's media type of its compression, whichever manifest named it
        // before (usableLayers gives only ones this push may use).
        mediaType: (0,blob_compression/* layerMediaType */.sG)((0,blob_compression/* compressionOf */.MB)(known.mediaType) ?? context.compression, context.format),
        size: known.size,
        sentBytes: 0,
        action,
        seconds: elapsed(),
    });
    if (reuse === 'reuse')
        return report('reused');
    const { registry } = context;
    if ((await registry.blobSize(known.digest)) !== undefined)
        return report('reused');
    if (await registry.mount(known.digest, known.repository))
        return report('mounted');
    return undefined;
}
/**
 * A layer going up as it is, if the registry holds it under its diff_id: asked beside the upload
 * session's POST. If it does, the session is deleted and the layer is not read, as for any layer
 * the registry holds; a failed HEAD only means the upload runs.
 */
async function presentAsItIs(context, job, session, elapsed) {
    const { registry } = context;
    const held = await registry.blobSize(job.diffId).catch(() => undefined);
    if (held === undefined)
        return undefined;
    await session.then((location) => registry.cancel(location), () => undefined);
    return {
        index: job.index,
        diffId: job.diffId,
        digest: job.diffId,
        mediaType: (0,blob_compression/* layerMediaType */.sG)('none', context.format),
        // The blob is the layer: its size is the layer's (a HEAD may not say it).
        size: job.size,
        sentBytes: 0,
        action: 'present',
        seconds: elapsed(),
    };
}
/**
 * A stream's layer whose path announces a diff_id the registry holds: its bytes are only hashed,
 * to check the announcement, and `upload` reuses the blob.
 */
async function hashThenReuse(context, content, announced, elapsed) {
    const diff = new blob_digest/* DigestCounter */.VR();
    for await (const chunk of content)
        diff.update(chunk);
    const computedDiffId = diff.digest();
    return {
        computedDiffId,
        upload: async () => {
            const reused = computedDiffId === announced ? await reuseKnown(context, announced, 0, elapsed) : undefined;
            if (reused)
                return reused;
            throw new LayerDigestError(`a layer announced as ${announced} has digest ${computedDiffId}; nothing was tagged`);
        },
    };
}

// EXTERNAL MODULE: ./src/oci/blob/parallel-gzip.ts
var parallel_gzip = __webpack_require__(5303);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/oci/blob/block-pipeline.ts
var block_pipeline = __webpack_require__(9332);
;// CONCATENATED MODULE: ./src/oci/blob/parallel-zstd.ts
// zstd of one layer on every core, as `zstd -T0` and pzstd do: the input is cut into blocks of
// BLOCK_BYTES, each compressed on its own (on Node's thread pool, several at once) into a whole
// zstd frame. Frames one after another are one valid zstd stream (RFC 8878, section 3.1): every
// zstd reader, containerd's and skopeo's included, decodes them as the concatenated input.
// Block boundaries depend only on the input, so the same layer always makes the same bytes.



/**
 * Input per frame. Frames do not refer to each other, so each starts without a window: 4 MiB
 * frames stored 0.3 % more than one frame of 66 MB of /usr files at level 3 (26.50 against
 * 26.41 MB), 1 MiB frames 2.2 % more.
 */
const BLOCK_BYTES = 4 << 20;
/** The first frames are smaller: a layer's first bytes are ready, and leave, sooner. */
const frameInput = (index) => Math.min(BLOCK_BYTES, 512 * 1024 * 2 ** Math.min(index, 3));
/** No zstd frame of `size` input is larger (ZSTD_COMPRESSBOUND, with room to spare). */
const frameBound = (size) => size + (size >> 8) + 4096;
function compressFrame(block, level) {
    const compress = external_node_zlib_.zstdCompress;
    const { ZSTD_c_compressionLevel, ZSTD_c_checksumFlag } = external_node_zlib_.constants;
    return new Promise((resolve, reject) => compress(block, {
        // With a checksum, as the zstd program writes its frames: a reader verifies each one.
        params: { [ZSTD_c_compressionLevel]: level, [ZSTD_c_checksumFlag]: 1 },
        // Room for the whole frame: compressed in one trip to the thread pool.
        chunkSize: frameBound(block.length),
    }, (error, out) => {
        if (error)
            reject(error);
        // A frame may be a view of a larger buffer: copied, so held chunks hold their own bytes.
        else
            resolve(out.buffer.byteLength > 2 * out.length ? Buffer.from(out) : out);
    }));
}
/** Whether this Node compresses zstd in one call on its thread pool (Node 22.15+, 23.8+). */
function nodeCompressesZstd() {
    return typeof external_node_zlib_.zstdCompress === 'function';
}
/**
 * The zstd stream of `source`: a frame per block (512 KiB, doubling to BLOCK_BYTES), compressed
 * `parallel` at a time. At most 2 × parallel blocks (input and output) are held, whatever the
 * layer's size.
 */
function parallelZstd(source, level, parallel = (0,external_node_os_.availableParallelism)()) {
    return (0,block_pipeline/* encodeInOrder */.yg)(atLeastOne((0,block_pipeline/* blocks */.Bv)(source, frameInput)), (block) => () => compressFrame(block, level), parallel);
}
/** An empty layer still gets a frame: a zstd stream of no frames at all is not one every reader takes. */
async function* atLeastOne(input) {
    let any = false;
    for await (const block of input) {
        any = true;
        yield block;
    }
    if (!any)
        yield Buffer.alloc(0);
}

;// CONCATENATED MODULE: ./src/oci/push/send-encoded.ts
// The sender that reads a layer once and encodes it on the way: deflate or zstd, gzip's stored
// blocks, or as it is, hashed twice (the layer's diff_id, the blob's digest), held up to one
// upload's size or sent in chunks as it is made. Streams' layers, compressed layers and framed
// blobs too large for one upload go this way (senderOf).









/** Reads, encodes and hashes a layer's bytes once; `upload` then finishes the blob. */
async function sendEncoded(context, content, options = {}) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const { registry } = context;
    const kept = (chunk) => (options.reusedChunks ? Buffer.from(chunk) : chunk);
    const session = options.session ?? registry.openSession();
    const levels = context.levels ?? new adaptive_level/* BlockLevel */.q4(context.level);
    // Only a level that follows the link needs to hear how the upload paced.
    const sink = new BlobSink(context, session, context.levels);
    const encoding = options.encoding ?? context.compression;
    const diff = new blob_digest/* DigestCounter */.VR();
    await encode(content, encoding, levels, diff, kept, sink);
    const computedDiffId = diff.digest();
    const made = {
        diffId: computedDiffId,
        digest: sink.packed.digest(),
        size: sink.packed.bytes,
        mediaType: (0,blob_compression/* layerMediaType */.sG)(COMPRESSION[encoding], context.format),
        elapsed,
    };
    return { computedDiffId, upload: () => sink.upload(made) };
}
/** Feeds `sink` the blob `encoding` makes of `source`, hashing the layer's bytes into `diff`. */
async function encode(source, encoding, levels, diff, kept, sink) {
    const hashed = async function* (chunks) {
        for await (const chunk of chunks) {
            diff.update(chunk);
            yield chunk;
        }
    };
    if (encoding === 'stored-gzip') {
        // Written as gzip's stored blocks: the same media type and a valid gzip stream, without a
        // deflate pass that would cost most of the push and gain nothing. Each chunk is copied out
        // synchronously: no copy of it first.
        const stored = new gzip_stored/* StoredGzipEncoder */.mb((0,gzip_stored/* crc32 */.QR)());
        for await (const chunk of source) {
            diff.update(chunk);
            const out = stored.encode(chunk);
            if (out.length > 0)
                await sink.put(out);
        }
        await sink.put(stored.finish());
    }
    else if (encoding === 'none') {
        for await (const chunk of hashed(source))
            await sink.put(kept(chunk));
    }
    else if (encoding === 'gzip') {
        // Blocks deflated on every core, random ones stored (parallel-gzip): one valid gzip stream.
        for await (const piece of (0,parallel_gzip/* parallelGzip */.GJ)(hashed(source), levels))
            await sink.put(piece);
    }
    else if (nodeCompressesZstd()) {
        // Frames compressed on every core (parallel-zstd): one valid zstd stream.
        for await (const piece of parallelZstd(hashed(source), levels.next()))
            await sink.put(piece);
    }
    else {
        // The zstd program, on a Node without zstd. It takes each chunk before the next is read.
        await (0,blob_compression/* transformChunks */.bt)(hashed(source), (0,blob_compression/* compressor */.e)(encoding, levels.next()), async (chunks) => {
            for await (const chunk of chunks)
                await sink.put(chunk);
        });
    }
}
/**
 * Where a blob's bytes go as they are made: held up to FIRST_CHUNK for one PUT with its digest,
 * or past it, a chunked upload from then on, its chunks growing (ChunkedUpload). Holding a
 * whole compressed layer before its upload started left a 100 Mbit/s link idle for the first
 * 0.85 s of a 2.6 s push (tx bytes of the link sampled every 0.1 s; skopeo's first bytes went
 * out at 0.1 s). Hashed on the way in.
 */
class BlobSink {
    context;
    session;
    pace;
    packed = new blob_digest/* DigestCounter */.VR();
    held = [];
    heldBytes = 0;
    chunked;
    constructor(context, session, pace) {
        this.context = context;
        this.session = session;
        this.pace = pace;
    }
    async put(chunk) {
        this.packed.update(chunk);
        if (this.chunked) {
            await this.chunked.write(chunk);
            return;
        }
        this.held.push(chunk);
        this.heldBytes += chunk.length;
        if (this.heldBytes > chunked_upload/* FIRST_CHUNK */.ni) {
            this.chunked = await this.context.registry.chunked(this.session, this.pace);
            for (const piece of this.held.splice(0))
                await this.chunked.write(piece);
        }
    }
    /**
     * Sends the blob, unless the registry has these very bytes already (from another tag's push,
     * say): then the session opened for it is deleted. A chunked upload has sent its bytes by
     * then, and only needs closing.
     */
    async upload(made) {
        const { registry } = this.context;
        const { chunked } = this;
        const present = !chunked && (await registry.blobSize(made.digest)) !== undefined;
        if (present) {
            await this.session.then((location) => registry.cancel(location), () => undefined);
        }
        else if (chunked) {
            await chunked.finish(made.digest);
        }
        else {
            await registry.upload(made.digest, this.held, this.session);
        }
        return {
            index: 0,
            diffId: made.diffId,
            digest: made.digest,
            mediaType: made.mediaType,
            size: made.size,
            sentBytes: present ? 0 : made.size,
            action: present ? 'present' : 'pushed',
            seconds: made.elapsed(),
        };
    }
}

;// CONCATENATED MODULE: ./src/oci/blob/hashed-body.ts
// The body of a framed layer's upload, hashed as it goes out: one read of the layer serves both
// the registry and the two digests (the layer's diff_id and the blob's).

/** The two digests of a framed layer, fed chunk by chunk. */
class LayerHashes {
    layer = new blob_digest/* DigestCounter */.VR();
    // Identity framing: the blob is the layer, hashed once.
    blob;
    constructor(framing) {
        this.blob = framing === 'identity' ? this.layer : new blob_digest/* DigestCounter */.VR();
    }
    update({ blob, data }) {
        for (const piece of data)
            this.layer.update(piece);
        if (this.blob !== this.layer)
            this.blob.update(blob);
    }
    digests() {
        return { diffId: this.layer.digest(), digest: this.blob.digest() };
    }
}
/**
 * Upload bodies of one framed layer, each hashed as it is sent. `read` reads the layer anew
 * each time it is called, in the same chunks (framedLayer). `hashed` resolves once a body has
 * been read to its end, and rejects if reading or hashing the layer fails; a body given up
 * part-way (a failed try) leaves it to the next one.
 */
class HashedBody {
    read;
    framing;
    hashed;
    settle = () => undefined;
    fail = () => undefined;
    complete = false;
    constructor(read, framing) {
        this.read = read;
        this.framing = framing;
        this.hashed = new Promise((resolve, reject) => {
            this.settle = resolve;
            this.fail = reject;
        });
        this.hashed.catch(() => undefined); // the uploader's verdict; a body's own read fails too
    }
    /** One body, for one try: its chunks are only valid until the next is asked for. */
    async *stream() {
        if (this.complete) {
            for await (const { blob } of this.read())
                yield blob;
            return;
        }
        const hashes = new LayerHashes(this.framing);
        try {
            for await (const chunk of this.read()) {
                hashes.update(chunk);
                yield chunk.blob;
            }
        }
        catch (error) {
            // The layer could not be read: no digest is coming. (A body given up part-way returns
            // instead, and lands here only if its read failed too.)
            this.fail(error);
            throw error;
        }
        this.complete = true;
        this.settle(hashes.digests());
    }
    /**
     * The digests, hashing the layer on its own if no body has been read to its end: what the
     * layer is decides what a failed upload means.
     */
    async digests() {
        if (this.complete)
            return this.hashed;
        const hashes = new LayerHashes(this.framing);
        for await (const chunk of this.read())
            hashes.update(chunk);
        return hashes.digests();
    }
}

;// CONCATENATED MODULE: ./src/oci/push/send-framed.ts
// The two senders of a file's layer made without compressing it (see framed-layer): the layer as
// it is, or in gzip's stored blocks. Each is hashed as it goes out (HashedBody), so that the
// registry takes the bytes while they are hashed here; they differ only in the requests.





/**
 * The layer as it is (which the registry did not hold: presentAsItIs): the blob's digest is the
 * diff_id the config names, known before a byte is read, so one PUT names it and carries the
 * bytes, which the registry checks against it as well.
 */
function sendAsItIs(context, job, session) {
    return sendFramed(context, job, 'identity', async (blob) => {
        await context.registry.upload(job.diffId, blob, session);
        return true;
    });
}
/**
 * Gzip's stored blocks: the blob's digest is known only once the last chunk is on its way, so the
 * bytes go in a PATCH, then the upload is closed, or called off if the layer is not what the
 * config says. That is too late to spare any byte: so the registry is not asked then whether it
 * holds the blob (a HEAD beside the upload's end slowed the registry's answer to it), only after
 * an upload that failed.
 */
function sendStoredGzip(context, job, session) {
    return sendFramed(context, job, 'stored-gzip', (blob, verdict) => context.registry.stream(blob, verdict, session));
}
/** Sends a framed layer with `send` (whether it sent it), checks it, and says what happened. */
async function sendFramed(context, job, framing, send) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const size = framedSize(job.size, framing);
    const body = new HashedBody(() => framedLayer(job.file, job.offset, job.size, framing), framing);
    const checked = (digests) => ({
        ...digests,
        wrong: digests.diffId !== job.diffId,
    });
    const made = body.hashed.then(checked);
    const verdict = made.then((layer) => (layer.wrong ? undefined : layer.digest));
    verdict.catch(() => undefined); // the stream awaits it, unless its upload failed first
    let sent;
    let layer;
    try {
        sent = await send({ stream: () => body.stream(), length: size }, verdict);
        layer = await made;
    }
    catch (error) {
        layer = await judgeFailedUpload(context, body, checked, error);
        sent = false;
    }
    if (layer.wrong)
        throw wrongLayer(job, layer.diffId);
    return {
        index: job.index,
        diffId: layer.diffId,
        digest: layer.digest,
        mediaType: (0,blob_compression/* layerMediaType */.sG)(framing === 'identity' ? 'none' : 'gzip', context.format),
        size,
        sentBytes: sent ? size : 0,
        action: sent ? 'pushed' : 'present',
        seconds: elapsed(),
    };
}
/**
 * An upload that failed, maybe before the layer was read to its end. What the hash says comes
 * first: a layer that is not what its config says (which the registry refuses a plain layer's
 * PUT for), or a blob the registry holds anyway. Otherwise the upload's error stands.
 */
async function judgeFailedUpload(context, body, checked, error) {
    const judged = await body
        .digests()
        .then(checked)
        .then(async (layer) => {
        if (layer.wrong)
            return { ...layer, present: false };
        const held = await context.registry.blobSize(layer.digest);
        return { ...layer, present: held !== undefined };
    })
        .catch(() => undefined);
    if (!judged?.wrong && !judged?.present)
        throw error;
    return judged;
}

;// CONCATENATED MODULE: ./src/oci/push/layer-pusher.ts
// One layer of a push: push-image.ts decides which layers there are; this runs the steps of each.
// Which way a layer goes up is decided in layer-decision (from facts), known layers are reused in
// layer-reuse, and the senders (send-framed, send-encoded) put the rest in the registry.














/** The context of a push's layers, talking to the registry through its client. */
function layerContext(options, format, known) {
    const { client, repository, compression, level, levelRange, reporter } = options;
    return {
        registry: layerRegistry(client, repository),
        format,
        compression,
        level,
        // One for the whole push (its layers share the link and the cores); none for a fixed level.
        levels: levelRange ? new adaptive_level/* BlockLevel */.q4(levelRange) : undefined,
        known,
        reporter,
    };
}
/** Pushes layers: reuse what the registry has, else encode, hash and upload in one pass. */
class LayerPusher {
    context;
    spareSession;
    constructor(context, 
    /** A session opened early, for the first layer to send. */
    spareSession) {
        this.context = context;
        this.spareSession = spareSession;
    }
    /** A layer of a tar file: known ones are never read. */
    async push(job) {
        const elapsed = (0,stopwatch/* stopwatch */.s)();
        const reused = await reuseKnown(this.context, job.diffId, job.index, elapsed);
        if (reused)
            return reused;
        // The layer's upload session is opened first: the registry makes it while the layer is
        // looked at (loading zlib, deflating a sample) and read.
        const session = this.openSession();
        const encoding = encodingOf({
            compression: this.context.compression,
            format: this.context.format,
            // Random access: windows spread over the whole layer decide, not its start.
            deflates: () => (0,gzip_stored/* worthDeflating */.xu)(job.size, (at, length) => (0,tar_index/* readEntrySync */.Cq)(job.file, job.offset + at, length)),
            storedGzip: () => (0,gzip_stored/* crc32 */.QR)() !== undefined,
        });
        if (namedByDiffId(encoding)) {
            const present = await presentAsItIs(this.context, job, session, elapsed);
            if (present)
                return present;
        }
        switch (senderOf(encoding, job.size)) {
            case 'as-it-is':
                return sendAsItIs(this.context, job, session);
            case 'stored-gzip':
                return sendStoredGzip(this.context, job, session);
            case 'encoded':
                return this.sendFileEncoded(job, encoding, session);
        }
    }
    /**
     * A stream's layer, read once as it passes. When `announced` names a layer the registry holds,
     * the bytes are only hashed (to check the announcement); otherwise they are encoded, hashed
     * and sent. `upload` then finishes the blob.
     */
    async consume(content, announced) {
        const elapsed = (0,stopwatch/* stopwatch */.s)();
        if (announced && this.context.known.has(announced))
            return hashThenReuse(this.context, content, announced, elapsed);
        return sendEncoded(this.context, content);
    }
    /** The spare session if there is one (a spare whose one try failed is replaced), else a new one. */
    openSession() {
        const { registry } = this.context;
        const spare = this.spareSession?.take();
        const session = spare ? spare.catch(() => registry.openSession()) : registry.openSession();
        // Awaited by whichever sender takes the layer; a push that fails before then (or a registry
        // that refuses both POSTs) must not leave it as an unhandled rejection.
        session.catch(() => undefined);
        return session;
    }
    /** A file can be read again: when the registry loses an upload session, send the layer anew. */
    async sendFileEncoded(job, encoding, first) {
        let session = first;
        for (let attempt = 1;; attempt += 1) {
            try {
                const opened = session;
                session = undefined; // a try after this one opens its own
                const { computedDiffId, upload } = await sendEncoded(this.context, (0,file_range/* readFileRange */.qC)(job.file, job.offset, job.size), { reusedChunks: true, encoding, session: opened });
                if (computedDiffId !== job.diffId)
                    throw wrongLayer(job, computedDiffId);
                return { ...(await upload()), index: job.index };
            }
            catch (error) {
                // Its bytes go up as they are compressed: a registry that refused them may have been
                // refusing a layer that is not what its config says, which is then the error to tell.
                if (!(error instanceof upload_session/* UploadSessionLostError */.KU))
                    await checkDiffId(job);
                if (!(error instanceof upload_session/* UploadSessionLostError */.KU) || attempt >= 3)
                    throw error;
                this.context.reporter.warning(`${error.message}; sending layer ${job.index + 1} again from its start`);
            }
        }
    }
}
/** Throws wrongLayer when a file's layer is not the diff_id its config lists (hashes it once). */
async function checkDiffId(job) {
    const diff = new blob_digest/* DigestCounter */.VR();
    for await (const chunk of (0,file_range/* readFileRange */.qC)(job.file, job.offset, job.size))
        diff.update(chunk);
    if (diff.digest() !== job.diffId)
        throw wrongLayer(job, diff.digest());
}

// EXTERNAL MODULE: ./src/oci/formats/docker-archive.ts
var docker_archive = __webpack_require__(3615);
// EXTERNAL MODULE: ./src/oci/formats/tar-header.ts
var tar_header = __webpack_require__(5315);
;// CONCATENATED MODULE: ./src/oci/formats/image-config.ts



const HEX_NAME = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/;
/**
 * Reads a config from an archive, checking its digest against its file name where the name is a
 * digest (dockerTools and `docker save` name it so) and that it lists one diff_id per layer.
 */
function readImageConfig(bytes, name, layerCount, source) {
    const digest = (0,blob_digest/* sha256Digest */.sI)(bytes);
    const named = HEX_NAME.exec(name)?.[1];
    if (named && `sha256:${named}` !== digest) {
        throw new docker_archive/* DockerArchiveError */.Xp(`${source}: the config ${(0,tar_header/* quoted */.TL)(name)} has digest ${digest}, not the one its name says`);
    }
    let diffIds;
    try {
        diffIds = JSON.parse(bytes.toString('utf8')).rootfs
            ?.diff_ids;
    }
    catch {
        throw new docker_archive/* DockerArchiveError */.Xp(`${source}: the config ${(0,tar_header/* quoted */.TL)(name)} is not valid JSON`);
    }
    if (!Array.isArray(diffIds) ||
        !diffIds.every((id) => typeof id === 'string' && /^sha256:[a-f0-9]{64}$/.test(id))) {
        throw new docker_archive/* DockerArchiveError */.Xp(`${source}: the config ${(0,tar_header/* quoted */.TL)(name)} has no valid rootfs.diff_ids`);
    }
    if (diffIds.length !== layerCount) {
        throw new docker_archive/* DockerArchiveError */.Xp(`${source}: manifest.json lists ${layerCount} layers but the config ${diffIds.length} diff_ids`);
    }
    return { bytes, digest, diffIds: diffIds };
}
/** The uncompressed digest a layer's path announces (`<hex>/layer.tar`, `blobs/sha256/<hex>`). */
function diffIdFromPath(path) {
    const match = /(?:^|\/)([a-f0-9]{64})(?:\/layer\.tar|\.tar)?$/.exec(path);
    return match ? `sha256:${match[1]}` : undefined;
}
/**
 * Refuses a layer whose path names a digest (dockerTools, skopeo and docker save 25 and later
 * name layers by their uncompressed digest) other than the config's diff_id for it. The content
 * is checked against that diff_id as it is hashed on its way out: together, name and content.
 */
function checkLayerName(path, diffId, source) {
    const named = diffIdFromPath(path);
    if (named && named !== diffId) {
        throw new docker_archive/* DockerArchiveError */.Xp(`${source}: layer ${(0,tar_header/* quoted */.TL)(path)} is named for ${named}, but the config lists ${diffId}; nothing was tagged`);
    }
}

// EXTERNAL MODULE: ./src/oci/formats/tar.ts
var tar = __webpack_require__(9109);
;// CONCATENATED MODULE: ./src/oci/push/push-stream.ts





/**
 * What a streamed archive may keep in memory besides its layers: manifest.json, the config and
 * the odd `repositories` or legacy `json`/`VERSION` file, all a few KiB. 16 MiB holds four
 * configs at the 4 MiB each may have; 1,024 entries hold docker save's three small files per
 * layer for 128 layers twice over. Names count towards the bytes.
 */
const MAX_SMALL_TOTAL = 16 << 20;
const MAX_SMALL_COUNT = 1024;
/**
 * The most entries of a stream read as layers: an image's layers, plus room for the config and
 * manifests that docker save 25 and later stores as `blobs/sha256/<hex>` beside them. Checked as
 * they pass: a stream's manifest.json comes last, and each layer is sent as it is read.
 */
const MAX_STREAM_BLOBS = docker_archive/* MAX_LAYERS */.Uf + 4;
/**
 * A compressed archive or a streamLayeredImage script: one pass, in tar order. Layers come
 * before manifest.json, so each is processed as it passes (by the digest its path announces) and
 * checked against the config's diff_ids, and its path against them too, at the end, before
 * anything is tagged.
 */
async function pushFromStream(source, pusher, concurrency, onConfig) {
    const { small, processed } = await readStream(source, pusher, concurrency);
    const manifestBytes = small.get('manifest.json');
    if (!manifestBytes)
        throw new docker_archive/* DockerArchiveError */.Xp(`${source.describe}: not a docker archive (no manifest.json in the tar)`);
    const image = (0,docker_archive/* parseManifest */.Ng)(manifestBytes.toString('utf8'), source.describe)[0];
    const configName = image.Config.replace(/^\.\//, '');
    const configBytes = small.get(configName);
    if (!configBytes) {
        throw new docker_archive/* DockerArchiveError */.Xp(processed.has(configName)
            ? `${source.describe}: the config ${(0,tar_header/* quoted */.TL)(image.Config)} is more than the ${docker_archive/* MAX_SMALL_ENTRY */.u7} bytes a config may be`
            : `${source.describe}: manifest.json names ${(0,tar_header/* quoted */.TL)(image.Config)}, which is not in the archive`);
    }
    const config = readImageConfig(configBytes, image.Config, image.Layers.length, source.describe);
    onConfig(config);
    const layers = [];
    for (const [index, path] of image.Layers.entries()) {
        const done = processed.get(path.replace(/^\.\//, ''));
        if (!done)
            throw new docker_archive/* DockerArchiveError */.Xp(`${source.describe}: manifest.json names ${(0,tar_header/* quoted */.TL)(path)}, which is not in the archive`);
        const expected = config.diffIds[index];
        if (done.computedDiffId !== expected) {
            throw new LayerDigestError(`${source.describe}: layer ${(0,tar_header/* quoted */.TL)(path)} has digest ${done.computedDiffId}, but the config lists ${expected}; nothing was tagged`);
        }
        // The content is the config's; so must the name be (checked here, not by a second read).
        checkLayerName(path, expected, source.describe);
        layers.push({ ...(await done.report), index });
    }
    return { config, layers };
}
/** Reads the stream once: small entries kept (within bounds), layers sent as they pass. */
async function readStream(source, pusher, concurrency) {
    const small = new Map();
    let smallBytes = 0;
    const processed = new Map();
    let blobs = 0;
    const inFlight = new Set();
    const stream = source.open();
    try {
        for await (const entry of (0,tar/* readTar */.sB)(stream)) {
            if (entry.type !== 'file')
                continue;
            const name = entry.name.replace(/^\.\//, '');
            const announced = diffIdFromPath(name);
            if (!announced && entry.size <= docker_archive/* MAX_SMALL_ENTRY */.u7) {
                smallBytes += entry.size + name.length;
                if (smallBytes > MAX_SMALL_TOTAL || small.size >= MAX_SMALL_COUNT) {
                    throw new tar/* TarFormatError */.ZV(`more than ${MAX_SMALL_COUNT} entries or ${MAX_SMALL_TOTAL} bytes besides its layers (at ${(0,tar_header/* quoted */.TL)(name)}), not an image archive`);
                }
                small.set(name, await entry.readAll(docker_archive/* MAX_SMALL_ENTRY */.u7));
                continue;
            }
            blobs += 1;
            if (blobs > MAX_STREAM_BLOBS) {
                throw new tar/* TarFormatError */.ZV(`more than ${MAX_STREAM_BLOBS} layers (at ${(0,tar_header/* quoted */.TL)(name)}); an image has at most ${docker_archive/* MAX_LAYERS */.Uf}`);
            }
            const { computedDiffId, upload } = await pusher.consume(entry.content(), announced);
            const report = upload();
            inFlight.add(report);
            report.finally(() => inFlight.delete(report)).catch(() => undefined);
            processed.set(name, { computedDiffId, report });
            // Bound what is held in memory: at most `concurrency` layers waiting for their upload.
            while (inFlight.size >= concurrency)
                await Promise.race(inFlight);
        }
    }
    catch (error) {
        if (error instanceof tar/* TarFormatError */.ZV)
            throw new docker_archive/* DockerArchiveError */.Xp(`${source.describe}: ${error.message}`, { cause: error });
        throw error;
    }
    finally {
        stream.destroy();
    }
    return { small, processed };
}

;// CONCATENATED MODULE: ./src/oci/push/push-image.ts















/**
 * Pushes a docker archive as dockerTools writes it: each layer compressed, hashed and uploaded in
 * one pass (in parallel for a tar file), layers the registry already holds skipped before any
 * compression, every digest checked, and the tags set only after every blob is in.
 */
async function pushDockerArchive(source, options) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const { client, repository, reporter } = options;
    const format = (0,blob_compression/* manifestFormatFor */.uZ)(options.compression, options.manifestFormat);
    // A tar file's index, manifest and config are read while the registry answers; its config
    // spares the registry state a GET when the registry's image has the same one.
    const fileImage = source.type === 'file' ? tarFileImage(source) : undefined;
    fileImage?.catch(() => undefined); // awaited below: the registry's errors come first
    const learnt = await (options.registryState ??
        readRegistryState(client, repository, stateSources(repository, options.tags, options.mountFrom), reporter, { localConfig: configOf(fileImage) }));
    const known = usableLayers(learnt, options.compression, format);
    reporter.debug(`the registry holds ${known.size} layers of earlier pushes`);
    const pusher = new LayerPusher(layerContext(options, format, known), options.spareSession);
    // The config goes up beside the layers as soon as it is read (a tar file's is read first).
    let configUpload = Promise.resolve();
    const onConfig = (config) => {
        if (learnt.configsInTarget.has(config.digest))
            return;
        configUpload = (0,blob_upload/* uploadBlob */.PM)(client, repository, config.digest, config.bytes);
        configUpload.catch(() => undefined); // awaited below, after the layers
    };
    const { config, layers } = source.type === 'file'
        ? await pushFromFile(await tarFileImage(source), pusher, options.concurrency, onConfig)
        : await pushFromStream(source, pusher, options.concurrency, onConfig);
    await configUpload;
    reporter.debug(`push: ${layers.length} layers and the config in the registry`);
    const manifest = buildManifest(format, config, layers);
    const manifestMediaType = format === 'docker' ? media_types/* MEDIA_TYPE */.Ap.dockerManifest : media_types/* MEDIA_TYPE */.Ap.ociManifest;
    const digest = digestIfRead(manifest, learnt) ?? (0,blob_digest/* sha256Digest */.sI)(manifest);
    const references = options.tags.length > 0 ? options.tags : [digest];
    // Beside the tagging, when no layer took it.
    const released = options.spareSession?.release({ waitForOpening: true });
    for (const reference of references) {
        // A tag that already names this very manifest is left as it is: a re-run changes nothing.
        if (learnt.tagDigests.get(reference) === digest) {
            reporter.info(`${repository}:${reference} is already ${digest}; unchanged`);
            continue;
        }
        await client.putManifest(repository, reference, manifest, manifestMediaType, digest);
    }
    await released;
    reporter.debug('push: tagged');
    const pushedBytes = layers.reduce((sum, layer) => sum + layer.sentBytes, 0);
    const reusedBytes = layers.reduce((sum, layer) => sum + (layer.action === 'pushed' ? 0 : layer.size), 0);
    return {
        repository,
        digest,
        tags: options.tags,
        manifestMediaType,
        configDigest: config.digest,
        layers,
        pushedBytes,
        reusedBytes,
        seconds: elapsed(),
    };
}
function firstImage(manifestBytes, source) {
    const images = (0,docker_archive/* parseManifest */.Ng)(manifestBytes.toString('utf8'), source);
    return images[0];
}
const tarFileImages = new WeakMap();
/**
 * Reads a plain tar's index, manifest.json and config (small reads; the layers stay where they
 * are), once per source: the registry state and the push both ask for it.
 */
function tarFileImage(source) {
    let image = tarFileImages.get(source);
    if (!image) {
        image = readTarFileImage(source.path, source.index);
        tarFileImages.set(source, image);
    }
    return image;
}
/** The config of a tar file's image, or undefined for a source that is read as a stream. */
function configOf(image) {
    return (image ?? Promise.resolve(undefined)).then((read) => read?.config, () => undefined);
}
async function readTarFileImage(path, indexing) {
    let index;
    try {
        index = await (indexing ?? (0,tar_index/* indexTarFile */.c3)(path));
    }
    catch (error) {
        if (error instanceof tar/* TarFormatError */.ZV)
            throw new docker_archive/* DockerArchiveError */.Xp(`${path}: ${error.message}`, { cause: error });
        throw error;
    }
    const read = (name) => {
        const { offset, size } = tarEntry(index, path, name);
        if (size > docker_archive/* MAX_SMALL_ENTRY */.u7) {
            throw new docker_archive/* DockerArchiveError */.Xp(`${path}: ${(0,tar_header/* quoted */.TL)(name)} is ${size} bytes, more than the ${docker_archive/* MAX_SMALL_ENTRY */.u7} a manifest or config may be`);
        }
        return (0,tar_index/* readEntrySync */.Cq)(path, offset, size);
    };
    if (!index.has('manifest.json'))
        throw new docker_archive/* DockerArchiveError */.Xp(`${path}: not a docker archive (no manifest.json in the tar)`);
    const image = firstImage(read('manifest.json'), path);
    const config = readImageConfig(read(image.Config), image.Config, image.Layers.length, path);
    // Before any layer is read: a name that lies about its content is refused here.
    image.Layers.forEach((layer, index) => checkLayerName(layer, config.diffIds[index], path));
    return { path, index, image, config };
}
function tarEntry(index, path, name) {
    const found = index.get(name.replace(/^\.\//, ''));
    if (!found)
        throw new docker_archive/* DockerArchiveError */.Xp(`${path}: manifest.json names ${(0,tar_header/* quoted */.TL)(name)}, which is not in the archive`);
    return found;
}
/** A plain tar: its layers pushed in parallel, each read by offset (or not at all). */
async function pushFromFile({ path, index, image, config }, pusher, concurrency, onConfig) {
    onConfig(config);
    const jobs = image.Layers.map((layerPath, layerIndex) => {
        const { offset, size } = tarEntry(index, path, layerPath);
        return {
            index: layerIndex,
            path: layerPath,
            diffId: config.diffIds[layerIndex],
            file: path,
            offset,
            size,
        };
    });
    const slot = (0,limiter/* limiter */.T)(Math.max(1, concurrency));
    const layers = await Promise.all(jobs.map((job) => slot(() => pusher.push(job))));
    return { config, layers };
}
/**
 * The image manifest. An OCI one names each layer's diff_id on its descriptor, and which config
 * those repeat, so that a later push learns what the registry holds from the manifest alone
 * (see annotatedDiffIds). Docker's schema 2 defines no annotations, and some registries refuse
 * fields it does not define.
 */
function buildManifest(format, config, layers) {
    const oci = format === 'oci';
    const manifest = {
        schemaVersion: 2,
        mediaType: oci ? media_types/* MEDIA_TYPE */.Ap.ociManifest : media_types/* MEDIA_TYPE */.Ap.dockerManifest,
        config: {
            mediaType: oci ? media_types/* MEDIA_TYPE */.Ap.ociConfig : media_types/* MEDIA_TYPE */.Ap.dockerConfig,
            size: config.bytes.length,
            digest: config.digest,
        },
        layers: layers.map((layer) => ({
            mediaType: layer.mediaType,
            size: layer.size,
            digest: layer.digest,
            ...(oci ? { annotations: { [media_types/* ANNOTATION */.YX.uncompressedDigest]: layer.diffId } } : {}),
        })),
        ...(oci ? { annotations: { [media_types/* ANNOTATION */.YX.diffIdsOf]: config.digest } } : {}),
    };
    return Buffer.from(JSON.stringify(manifest));
}

;// CONCATENATED MODULE: ./src/oci/push/push-archive.ts












const NOT_AN_IMAGE = 'expected a .tar, .tar.gz or .tar.zst docker archive, a streamLayeredImage script, or an OCI image layout';
/**
 * The checks of an archive path that need no registry: that it exists, is an image in a form
 * the kit reads (by its bytes, never its name), matches a format given, and is run only when
 * its format was given as stream. A stat and one 512-byte read: done before any request, so a
 * wrong file costs no network call.
 */
async function checkArchive(path, label, format) {
    if (path === '-')
        return { path, label, kind: 'stdin' };
    const info = await (0,fs_async/* statPath */.qW)(path).catch(() => undefined);
    if (!info)
        throw new errors/* InputError */.dz(`${label}: ${path} does not exist`);
    if (info.isDirectory()) {
        if (format !== undefined)
            throw new errors/* InputError */.dz(`${label}: ${path} is a directory, not a ${format} archive`);
        if (await isOciLayoutDirectory(path))
            return { path, label, kind: 'oci-layout-directory' };
        throw new errors/* InputError */.dz(`${label}: ${path} is a directory, not an OCI image layout (it has no oci-layout file)`);
    }
    const sniffed = await (0,archive_format/* sniffFile */.xQ)(path);
    if (format !== undefined && format !== 'stream' && sniffed !== format) {
        throw new errors/* InputError */.dz(`${label}: ${path} is not a ${format} archive (its bytes say ${sniffed})`);
    }
    if (sniffed === 'stream' || format === 'stream') {
        // Only when the format was given: a file named as an archive is read, never run.
        if (format !== 'stream') {
            throw new errors/* InputError */.dz(`${label}: ${path} starts with #!, a script, not an archive; a streamLayeredImage script is run only when its format is given as stream (--archive-format stream)`);
        }
        if (!(await isExecutable(path))) {
            throw new errors/* InputError */.dz(`${label}: ${path} is not executable; a streamLayeredImage script must be (chmod +x)`);
        }
        return { path, label, kind: 'stream' };
    }
    if (sniffed === 'tar' || sniffed === 'tar.gz' || sniffed === 'tar.zst')
        return { path, label, kind: sniffed };
    throw new errors/* InputError */.dz(`${label}: ${path} is not an image (${NOT_AN_IMAGE})`);
}
/** The image source a checked archive holds. */
async function openArchive(archive) {
    const { path, kind } = archive;
    // What follows reads synchronously (the tar's index, then its config, hashed). Let the
    // registry connections opened beside it send their requests first, so the registry answers
    // meanwhile (bench/push/README.md has what this saved).
    await new Promise((resolve) => setImmediate(resolve));
    switch (kind) {
        case 'stdin':
            return { type: 'stream', open: () => process.stdin, describe: 'standard input' };
        case 'oci-layout-directory':
            return { type: 'oci-layout', files: layoutDirectory(path) };
        case 'tar': {
            // Indexed once, for the layout check here and for reading the layers by offset; a tar
            // that cannot be indexed fails when it is pushed, as a docker archive.
            const index = (0,tar_index/* indexTarFile */.c3)(path);
            const layout = await index.then((entries) => layoutTar(path, entries)).catch(() => undefined);
            return layout ? { type: 'oci-layout', files: layout } : { type: 'file', path, index };
        }
        case 'tar.gz':
        case 'tar.zst':
            return { type: 'stream', open: () => (0,archive_format/* openTarStream */.eY)(path, kind), describe: path };
        case 'stream':
            return { type: 'stream', describe: path, open: () => runStreamScript(path) };
    }
}
const isExecutable = (path) => (0,promises_.access)(path, external_node_fs_.constants.X_OK).then(() => true, () => false);
/**
 * Runs a streamLayeredImage script; its stdout is the archive. It gets the environment every
 * child gets (no secret: see childEnvironment), and its stderr is passed on line by line behind
 * a prefix, so that nothing it prints reads as a workflow command (those start a line with ::).
 */
function runStreamScript(path) {
    const child = external_node_child_process_.spawn(path, [], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: (0,child_env/* childEnvironment */.Q)(),
    });
    let pending = '';
    child.stderr.setEncoding('utf8').on('data', (text) => {
        const lines = (pending + text).split('\n');
        pending = (lines.pop() ?? '').slice(-MAX_LOG_LINE);
        for (const line of lines)
            process.stderr.write(`streamLayeredImage| ${line.slice(0, MAX_LOG_LINE)}\n`);
    });
    child.on('error', (error) => child.stdout.destroy(new errors/* InputError */.dz(`${path} (a streamLayeredImage script) could not be run: ${error.message}`)));
    child.on('close', (code) => {
        if (pending)
            process.stderr.write(`streamLayeredImage| ${pending}\n`);
        if (code) {
            child.stdout.destroy(new errors/* InputError */.dz(`${path} (a streamLayeredImage script) exited with ${code}`));
        }
    });
    return child.stdout;
}
/** A script's log line is cut here: what it prints is not ours to hold without bound. */
const MAX_LOG_LINE = 4096;
/** The config of a plain tar's image, read without its layers; undefined for other sources. */
function localImageConfig(source) {
    return source.then((opened) => configOf(opened.type === 'file' ? tarFileImage(opened) : undefined), () => undefined);
}
/** Pushes an image from whichever source it is. */
function pushImageSource(source, options) {
    if (source.type === 'oci-layout') {
        const { client, repository, tags, reporter, registryState } = options;
        return pushOciLayout(source.files, { client, repository, tags, reporter, registryState });
    }
    return pushDockerArchive(source, options);
}
/**
 * Pushes the image an archive path holds (any form openArchive takes). What the registry holds
 * is read while the archive is opened and indexed (reading writes nothing); the archive's
 * config, once read, spares that a request. When the target tags turn out to be new, so that
 * layers are likely to be sent, the first one's upload session is opened while the registry's
 * other tags are still being read.
 */
async function pushArchive(archivePath, label, target, config, 
/** How the archive is stored, when the user or the build said so; sniffed otherwise. */
format) {
    const { client, repository, tags, reporter } = target;
    const mountFrom = config.mountFrom ? mountSource(config.mountFrom, tags) : undefined;
    const options = {
        ...target,
        compression: config.compression,
        level: config.level,
        levelRange: config.levelRange,
        concurrency: config.concurrency,
        manifestFormat: config.manifestFormat,
        mountFrom,
    };
    // The file is checked before the first request; only then do opening it and asking the
    // registry go side by side.
    const opening = openArchive(await checkArchive(archivePath, label, format));
    opening.catch(() => undefined); // awaited below, before the registry's answers
    const spareSession = new upload_session/* SpareSession */.c7(client, repository);
    const registryState = readRegistryState(client, repository, stateSources(repository, tags, mountFrom), reporter, {
        localConfig: localImageConfig(opening),
        onTargetsNew: () => spareSession.open(),
    });
    registryState.catch(() => undefined); // awaited by the push; a bad archive may end it first
    try {
        return await pushImageSource(await opening, { ...options, registryState, spareSession });
    }
    finally {
        await spareSession.release(); // unless a layer took it, or the push released it already
    }
}

// EXTERNAL MODULE: ./src/report/console-reporter.ts
var console_reporter = __webpack_require__(3465);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(2693);
;// CONCATENATED MODULE: ./src/report/push-summary.ts

/** The outputs a push adds to the build's. */
const PUBLISH_OUTPUT_NAMES = (/* unused pure expression or super */ null && ([
    'image-ref',
    'digest',
    'pushed-bytes',
    'reused-bytes',
    'qcow2-ref',
]));
function imageRef(registry, result) {
    return `${registry}/${result.repository}@${result.digest}`;
}
function pushOutputs(registry, result) {
    return {
        'image-ref': imageRef(registry, result),
        digest: result.digest,
        'pushed-bytes': String(result.pushedBytes),
        'reused-bytes': String(result.reusedBytes),
    };
}
/** Every layer with its size, digest and what happened to it, then the totals. */
function pushSummaryMarkdown(registry, result) {
    const rows = result.layers.map((layer) => `| ${layer.index + 1} | \`${layer.digest.slice(0, 19)}…\` | ${formatBytes(layer.size)} | ${layer.action} | ${layer.seconds.toFixed(2)} s |`);
    return [
        '### hypernix push',
        '',
        `Pushed \`${imageRef(registry, result)}\` as ${result.tags.map((tag) => `\`${tag}\``).join(', ') || 'its digest only'}.`,
        '',
        '| Layer | Digest | Size | Result | Time |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
        `Sent ${formatBytes(result.pushedBytes)}, reused ${formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${formatRate(result.pushedBytes, result.seconds)}).`,
        '',
    ].join('\n');
}
function pushSummaryText(registry, result) {
    const lines = result.layers.map((layer) => `  ${String(layer.index + 1).padStart(3)}  ${layer.digest.slice(0, 19)}  ${(0,format/* formatBytes */.z3)(layer.size).padStart(10)}  ${layer.action}`);
    return [
        `Pushed ${imageRef(registry, result)}${result.tags.length ? ` (${result.tags.join(', ')})` : ''}`,
        ...lines,
        `Sent ${(0,format/* formatBytes */.z3)(result.pushedBytes)}, reused ${(0,format/* formatBytes */.z3)(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${(0,format/* formatRate */.CE)(result.pushedBytes, result.seconds)})`,
    ].join('\n');
}
/** Outputs and summary of whatever was published: an image or a qcow2 artifact. */
function publishOutputs(published) {
    if (published.kind === 'image')
        return pushOutputs(published.registry, published.result);
    const { registry, result } = published;
    return {
        'qcow2-ref': `${registry}/${result.repository}@${result.digest}`,
        digest: result.digest,
        'pushed-bytes': String(result.pushedBytes),
        'reused-bytes': String(result.pushedBytes === 0 ? result.size : 0),
    };
}
function publishSummaryMarkdown(published) {
    if (published.kind === 'image')
        return pushSummaryMarkdown(published.registry, published.result);
    const { registry, result } = published;
    return [
        '### hypernix push (qcow2 artifact)',
        '',
        `Pushed \`${registry}/${result.repository}@${result.digest}\` as ${result.tags.map((tag) => `\`${tag}\``).join(', ')}.`,
        '',
        `Blob \`${result.blobDigest}\`, ${formatBytes(result.size)}; sent ${formatBytes(result.pushedBytes)} in ${result.seconds.toFixed(2)} s (${formatRate(result.pushedBytes, result.seconds)}).`,
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/cli/registry-options.ts + 2 modules
var registry_options = __webpack_require__(1057);
// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
;// CONCATENATED MODULE: ./src/cli/commands/push.ts







const PUSH_HELP = `Usage: hypernix push ARCHIVE REF [--tag TAG]... [options]

Pushes a docker archive (.tar, .tar.gz, .tar.zst, a streamLayeredImage script, or - for
standard input) to a registry without a Docker daemon. REF is registry/repository[:tag].
Layers the registry already has are neither compressed nor sent.

Options:
  --tag TAG                 one more tag (repeatable); REF's own tag counts too
  --compression C           gzip (default; in an OCI manifest, a layer that does not
                            deflate goes up uncompressed), zstd or none
  --compression-level N     gzip 1-9 (default 1 on loopback, 5 beyond), zstd 1-22 (default 3);
                            auto: gzip's level follows the link (1-5; blobs differ per push)
  --concurrency N           layers worked on at once (default 4)
  --mount-from REF          another repository of the registry to mount known layers from
  --manifest-format F       oci (default) or docker (Docker v2 schema 2, gzip only)
  --archive-format F        tar, tar.gz, tar.zst, or stream: ARCHIVE is a streamLayeredImage
                            script, run and its output read (only then is it run); default:
                            told from the file's bytes (a script is refused)
  --plain-http              talk HTTP, not HTTPS (a registry on loopback or a trusted LAN)
  --username USER           with the password on standard input (--password-stdin) or in
  --password-stdin          HYPERNIX_REGISTRY_PASSWORD; else docker login's config.json
  --json                    print image-ref, digest, pushed-bytes, reused-bytes as JSON
  -h, --help                show this help
`;
const OPTIONS = {
    tag: { type: 'string', multiple: true },
    compression: { type: 'string' },
    'compression-level': { type: 'string' },
    concurrency: { type: 'string' },
    'mount-from': { type: 'string' },
    'manifest-format': { type: 'string' },
    'archive-format': { type: 'string' },
    ...registry_options/* REGISTRY_OPTIONS */.zc,
};
async function pushCommand(argv, io) {
    const { values, positionals } = (0,usage/* parseCommandLine */.D)(argv, OPTIONS, 'push');
    if (values.help) {
        io.stdout.write(PUSH_HELP);
        return 0;
    }
    if (positionals.length !== 2) {
        throw new usage/* UsageError */.e(`expected ARCHIVE and REF; see 'hypernix push --help'`);
    }
    const [archivePath, ref] = positionals;
    // Every option is checked before the first request: a bad one ends the run at once.
    const config = await (0,registry_options/* readPushOptions */.xy)(ref, values, {
        concurrency: values.concurrency,
        mountFrom: values['mount-from'],
        manifestFormat: values['manifest-format'],
    });
    const archiveFormat = readArchiveFormat(values['archive-format']);
    const image = config.image;
    // config.tags, not values.tag: '--tag v1,v2' means two tags, split and checked there.
    const tags = (0,registry_options/* tagsToPush */.Zm)(image, config);
    const reporter = new console_reporter/* ConsoleReporter */.l({ verbose: values.verbose, stream: io.stderr });
    const client = await (0,registry_options/* connectTo */.m6)(config, reporter);
    const result = await pushArchive(archivePath, 'argument ARCHIVE', { client, repository: image.repository, tags, reporter }, config, archiveFormat);
    io.stdout.write(values.json
        ? `${JSON.stringify(pushOutputs(image.registry, result))}\n`
        : `${pushSummaryText(image.registry, result)}\n`);
    return 0;
}
function readArchiveFormat(value) {
    try {
        return (0,input_readers/* readOptionalEnum */.O_)(archive_format/* ARCHIVE_FORMATS */.Oz, value);
    }
    catch (error) {
        throw new usage/* UsageError */.e(`option '--archive-format': ${error.message}`, {
            cause: error,
        });
    }
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
