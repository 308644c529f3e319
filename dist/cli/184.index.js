export const id = 184;
export const ids = [184];
export const modules = {

/***/ 6951:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LD: () => (/* binding */ readList),
/* harmony export */   N2: () => (/* binding */ readOptionalInteger),
/* harmony export */   O_: () => (/* binding */ readOptionalEnum),
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   Vf: () => (/* binding */ readBoolean),
/* harmony export */   k4: () => (/* binding */ FieldProblem),
/* harmony export */   on: () => (/* binding */ readOptionalString)
/* harmony export */ });
/**
 * How raw input values are read, without zod: the push configuration reads its inputs with these
 * directly (a push from the command line does not pay for loading zod), and the zod helpers in
 * parse-helpers.ts wrap the same functions, so a value means the same everywhere.
 */
/** A value that cannot be read; the caller puts the input's name in front of the message. */
class FieldProblem extends Error {
    name = 'FieldProblem';
}
/** YAML 1.2 core booleans, as GitHub documents for boolean inputs. */
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** Quotes a received value for an error message, shortened so one line stays one line. */
function shown(value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
    return JSON.stringify(short);
}
/** A boolean input: a boolean (the CLI), a YAML boolean word, or '' / absent for the default. */
function readBoolean(value, defaultValue) {
    if (value === undefined || value === '')
        return defaultValue;
    if (typeof value === 'boolean')
        return value;
    if (TRUE.has(value))
        return true;
    if (FALSE.has(value))
        return false;
    throw new FieldProblem(`expected true or false; got ${shown(value)}`);
}
/** An optional string input: GitHub passes unset inputs as '', so '' means absent. */
function readOptionalString(value) {
    return value === undefined || value.trim() === '' ? undefined : value.trim();
}
/**
 * Splits a multi-line input into entries: one per line, blank lines and `#` comments dropped.
 * The CLI passes arrays, which are taken as they are.
 */
function readList(value) {
    if (value === undefined)
        return [];
    const items = Array.isArray(value) ? value : value.split(/\r?\n/);
    return items.map((item) => item.trim()).filter((item) => item !== '' && !item.startsWith('#'));
}
/** An enum input that may be left empty ('' or absent means undefined: the caller's default). */
function readOptionalEnum(values, value) {
    if (value === undefined || value.trim() === '')
        return undefined;
    if (values.includes(value))
        return value;
    throw new FieldProblem(`expected one of ${values.join(', ')}; got ${shown(value)}`);
}
/** An optional whole number within bounds. */
function readOptionalInteger(value, min, max) {
    const text = readOptionalString(value);
    if (text === undefined)
        return undefined;
    const number = Number(text);
    if (!Number.isInteger(number) || number < min || number > max) {
        throw new FieldProblem(`expected a whole number from ${min} to ${max}; got ${shown(text)}`);
    }
    return number;
}


/***/ }),

/***/ 5031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DY: () => (/* binding */ DEFAULT_LEVEL),
/* harmony export */   MB: () => (/* binding */ compressionOf),
/* harmony export */   UD: () => (/* binding */ plainWhenIncompressible),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   bt: () => (/* binding */ transformChunks),
/* harmony export */   e: () => (/* binding */ compressor),
/* harmony export */   ni: () => (/* binding */ decompressor),
/* harmony export */   sG: () => (/* binding */ layerMediaType),
/* harmony export */   uZ: () => (/* binding */ manifestFormatFor)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_lazy_builtins_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(201);
/* harmony import */ var _util_child_env_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4132);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9217);




const COMPRESSIONS = ['gzip', 'zstd', 'none'];
/** Fast levels by default: a layer is compressed on every push that lacks it, read far fewer times. */
const DEFAULT_LEVEL = { gzip: 1, zstd: 3, none: 0 };
/**
 * A compressing transform. gzip and zstd run on Node's thread pool, so layers compressed in
 * parallel use every core; zstd falls back to the zstd program on Node without it (before 22.15).
 */
function compressor(compression, level) {
    if (compression === 'gzip')
        return (0,_util_lazy_builtins_js__WEBPACK_IMPORTED_MODULE_1__/* .zlib */ .w5)().createGzip({ level, memLevel: 9, chunkSize: 256 * 1024 });
    const z = (0,_util_lazy_builtins_js__WEBPACK_IMPORTED_MODULE_1__/* .zlib */ .w5)();
    if (z.createZstdCompress) {
        const levelKey = z.constants.ZSTD_c_compressionLevel;
        return z.createZstdCompress({ params: { [levelKey]: level } });
    }
    return programTransform('zstd', ['-q', '-c', `-${level}`]);
}
function decompressor(compression) {
    if (compression === 'gzip')
        return (0,_util_lazy_builtins_js__WEBPACK_IMPORTED_MODULE_1__/* .zlib */ .w5)().createGunzip();
    const z = (0,_util_lazy_builtins_js__WEBPACK_IMPORTED_MODULE_1__/* .zlib */ .w5)();
    if (z.createZstdDecompress)
        return z.createZstdDecompress();
    return programTransform('zstd', ['-q', '-d', '-c']);
}
/**
 * Runs `source` through `transform` into `sink`. Each chunk is written once the transform has
 * consumed the one before, so `source` may fill one buffer over and over (readFileRange): zlib
 * reads its input on the thread pool, after write() has returned.
 */
async function transformChunks(source, transform, sink) {
    const draining = sink(transform);
    // The output must not end, or its reader fail, while input is still going in: a write would
    // then wait for ever (a zstd process that dies drops its pending write callbacks).
    const stopped = draining.then(() => {
        throw new Error('the compressor ended its output before it had all its input');
    });
    stopped.catch(() => undefined); // only raced against the writes
    try {
        for await (const chunk of source) {
            const consumed = new Promise((resolve, reject) => transform.write(chunk, (error) => (error ? reject(error) : resolve())));
            await Promise.race([consumed, stopped]);
        }
        transform.end();
    }
    catch (error) {
        transform.destroy(); // no error event: nobody may be listening, and it is thrown below
        draining.catch(() => undefined); // the first error is the one reported
        throw error;
    }
    await draining;
}
/** A child process as a duplex stream: stdin in, stdout out. */
function programTransform(program, args) {
    const child = (0,_util_lazy_builtins_js__WEBPACK_IMPORTED_MODULE_1__/* .childProcess */ .Qk)().spawn(program, args, {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: (0,_util_child_env_js__WEBPACK_IMPORTED_MODULE_2__/* .childEnvironment */ .Q)(),
    });
    return node_stream__WEBPACK_IMPORTED_MODULE_0__.Duplex.from({
        writable: child.stdin,
        readable: child.stdout,
    });
}
/** The layer media type for a compression in each manifest format. */
function layerMediaType(compression, format) {
    if (format === 'docker')
        return _media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_TYPE */ .Ap.dockerLayerGzip;
    if (compression === 'gzip')
        return _media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_TYPE */ .Ap.ociLayerGzip;
    if (compression === 'zstd')
        return _media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_TYPE */ .Ap.ociLayerZstd;
    return _media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_TYPE */ .Ap.ociLayer;
}
/**
 * Whether a layer that does not compress goes up as it is, an uncompressed tar layer (OCI's
 * `application/vnd.oci.image.layer.v1.tar`, which every OCI client reads), rather than wrapped in
 * gzip's stored blocks. Its digest is then its diff_id, known before a byte is read: one PUT
 * that names it instead of a PATCH and a closing PUT, one hash instead of two, and the same blob
 * whoever pushes that layer uncompressed. Docker's schema 2 has gzip layers only.
 */
function plainWhenIncompressible(compression, format) {
    return compression === 'gzip' && format === 'oci';
}
/** Which compression a layer media type means. */
function compressionOf(mediaType) {
    // Foreign (Windows) and nondistributable layers are not in registries as a rule: none to reuse.
    if (/foreign|nondistributable/.test(mediaType))
        return undefined;
    if (mediaType.endsWith('+zstd') || mediaType.endsWith('.zstd'))
        return 'zstd';
    if (mediaType.endsWith('+gzip') ||
        mediaType.endsWith('.gzip') ||
        mediaType === _media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_TYPE */ .Ap.dockerLayerGzip)
        return 'gzip';
    if (mediaType === _media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_TYPE */ .Ap.ociLayer || mediaType.endsWith('.tar'))
        return 'none';
    return undefined;
}
/**
 * OCI unless Docker's schema 2 is asked for (it has gzip layers only). An OCI manifest carries
 * each layer's diff_id on its descriptor, so a later push learns which blobs the registry holds
 * from the manifest alone, without fetching the config (see known-layers).
 */
function manifestFormatFor(compression, requested) {
    if (compression !== 'gzip')
        return 'oci';
    return requested ?? 'oci';
}


/***/ }),

/***/ 5536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  VR: () => (/* binding */ DigestCounter),
  vA: () => (/* binding */ READ_CHUNK),
  Bc: () => (/* binding */ isDigest),
  sI: () => (/* binding */ sha256Digest),
  Q3: () => (/* binding */ sha256File),
  CG: () => (/* binding */ showDigest)
});

// UNUSED EXPORTS: SHA256_PREFIX

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/util/lazy-builtins.ts
var lazy_builtins = __webpack_require__(201);
;// CONCATENATED MODULE: ./src/oci/blob/sha256.ts
// SHA-256 (FIPS 180-4) of small documents: the image config and manifests a push hashes before
// any layer. node:crypto costs about 8 ms of one core to load here (some twenty modules of its
// own), and a push that sends no layer needs no other hash. These few kilobytes go instead to a
// WebAssembly function (assembled by sha256-wasm.ts): 1.4 ms for the first 8 KiB, its
// compilation included. Plain JavaScript was tried first: 9 ms for 8 KiB, its 32-bit words boxed
// as heap numbers until V8 optimised the loop. Layers, large and many, go to node:crypto.
// Memory of one 64 KiB page: round constants, message schedule, hash state, then input blocks.
const K_AT = 0;
const W_AT = 256;
const STATE_AT = 512;
const INPUT_AT = 1024;
const PAGE = 65536;
const MAX_BLOCKS_PER_CALL = (PAGE - INPUT_AT) / 64;
const ROUND_CONSTANTS = (/* unused pure expression or super */ null && ([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]));
const INITIAL_STATE = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
/** sha256ModuleBytes() of sha256-wasm.ts, as base64 (sha256.test.ts checks they agree). */
const SHA256_MODULE = 'AGFzbQEAAAABBgFgAn9/AAMCAQAFAwEAAQcVAgZtZW1vcnkCAAhjb21wcmVzcwAACvgDAfUDAQt/AkADQCABRQ0BQQAhCgNAIAogACAKaigCACILQQh3Qf+B/AdxIAtBCHhBgP6DeHFyNgKAAiAKQQRqIgpBwABJDQALA0AgCiAKKAL4ASIMQRF4IAxBE3hzIAxBCnZzIAooAuQBaiAKKALEASIMQQd4IAxBEnhzIAxBA3ZzaiAKKALAAWo2AoACIApBBGoiCkGAAkkNAAtBACgCgAQhAkEAKAKEBCEDQQAoAogEIQRBACgCjAQhBUEAKAKQBCEGQQAoApQEIQdBACgCmAQhCEEAKAKcBCEJQQAhCgNAIAkgBkEGeCAGQQt4cyAGQRl4c2ogBiAHcSAGQX9zIAhxc2ogCigCAGogCigCgAJqIQsgAkECeCACQQ14cyACQRZ4cyACIANxIAIgBHFzIAMgBHFzaiEMIAghCSAHIQggBiEHIAUgC2ohBiAEIQUgAyEEIAIhAyALIAxqIQIgCkEEaiIKQYACSQ0AC0EAQQAoAoAEIAJqNgKABEEAQQAoAoQEIANqNgKEBEEAQQAoAogEIARqNgKIBEEAQQAoAowEIAVqNgKMBEEAQQAoApAEIAZqNgKQBEEAQQAoApQEIAdqNgKUBEEAQQAoApgEIAhqNgKYBEEAQQAoApwEIAlqNgKcBCAAQcAAaiEAIAFBAWshAQwACwsLC4cCAQBBAAuAApgvikKRRDdxz/vAtaXbtelbwlY58RHxWaSCP5LVXhyrmKoH2AFbgxK+hTEkw30MVXRdvnL+sd6Apwbcm3Txm8HBaZvkhke+78adwQ/MoQwkbyzpLaqEdErcqbBc2oj5dlJRPphtxjGoyCcDsMd/Wb/zC+DGR5Gn1VFjygZnKSkUhQq3JzghGy78bSxNEw04U1RzCmW7Cmp2LsnCgYUscpKh6L+iS2YaqHCLS8KjUWzHGeiS0SQGmdaFNQ70cKBqEBbBpBkIbDceTHdIJ7W8sDSzDBw5SqrYTk/KnFvzby5o7oKPdG9jpXgUeMiECALHjPr/vpDrbFCk96P5vvJ4ccY=';
/** Whether this process has WebAssembly: `node --jitless` has none. */
const webAssemblyAvailable = typeof WebAssembly === 'object';
let compressor;
function instantiate() {
    const module = new WebAssembly.Module(Buffer.from(SHA256_MODULE, 'base64'));
    return new WebAssembly.Instance(module, {}).exports;
}
/** The SHA-256 of `data`, in lower-case hex. Meant for documents of up to some 64 KiB. */
function sha256Hex(data) {
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

;// CONCATENATED MODULE: ./src/oci/blob/digest.ts



// node:crypto is loaded with the first layer hashed, not for configs and manifests (sha256.ts).
const createHash = (algorithm) => (0,lazy_builtins/* crypto */.Et)().createHash(algorithm);
const SHA256_PREFIX = 'sha256:';
/** Documents up to this size are hashed without node:crypto (see sha256.ts). */
const SMALL_DOCUMENT = 64 * 1024;
function sha256Digest(data) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    // Once a layer has loaded node:crypto, it takes the rest: it is faster, and V8 recompiles the
    // WebAssembly function on a worker thread once some 10 KiB have gone through it.
    if (bytes.length <= SMALL_DOCUMENT && webAssemblyAvailable && !(0,lazy_builtins/* cryptoLoaded */.P1)())
        return SHA256_PREFIX + sha256Hex(bytes);
    return SHA256_PREFIX + createHash('sha256').update(bytes).digest('hex');
}
/** Hashes bytes as they pass, so a stream is hashed in the same pass that uses it. */
class DigestCounter {
    hash = createHash('sha256');
    result;
    bytes = 0;
    update(chunk) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
    }
    /** The digest of everything seen; asking again gives the same answer. */
    digest() {
        this.result ??= SHA256_PREFIX + this.hash.digest('hex');
        return this.result;
    }
}
async function sha256File(path, start = 0, end) {
    const counter = new DigestCounter();
    const stream = (0,external_node_fs_.createReadStream)(path, { start, end, highWaterMark: READ_CHUNK });
    for await (const chunk of stream)
        counter.update(chunk);
    return { digest: counter.digest(), size: counter.bytes };
}
/**
 * The size of every file read. Fresh memory is what a push pays most for on a VM (a page fault
 * per 4 KiB: reading 200 MB in 1 MiB chunks took 0.56 s here, in 256 KiB chunks 0.15 s), and
 * buffers of this size are recycled by the allocator instead of mapped anew each time.
 */
const READ_CHUNK = 256 * 1024;
/** Digests as the OCI image spec writes them for the algorithms it registers: lower-case hex only. */
const DIGEST_FORMS = {
    sha256: /^sha256:[0-9a-f]{64}$/,
    sha512: /^sha512:[0-9a-f]{128}$/,
};
/**
 * Whether a digest read from outside (a layout, a manifest, a registry) is well formed, so it can
 * name a file or a URL path: `sha256:` and 64 lower-case hex digits (or `sha512:` and 128). A
 * value like `sha256:../../secret` must never become a path.
 */
function isDigest(value, algorithms = ['sha256']) {
    if (typeof value !== 'string')
        return false;
    const algorithm = value.slice(0, value.indexOf(':'));
    return algorithms.includes(algorithm) && (DIGEST_FORMS[algorithm]?.test(value) ?? false);
}
/** A digest as JSON shows it, cut short: for messages about values that are not digests. */
function showDigest(value) {
    const shown = JSON.stringify(value) ?? String(value);
    return shown.length > 90 ? `${shown.slice(0, 87)}…` : shown;
}


/***/ }),

/***/ 9217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ EMPTY_CONFIG),
/* harmony export */   Ap: () => (/* binding */ MEDIA_TYPE),
/* harmony export */   El: () => (/* binding */ HEADER),
/* harmony export */   YX: () => (/* binding */ ANNOTATION),
/* harmony export */   dY: () => (/* binding */ MANIFEST_ACCEPT)
/* harmony export */ });
/** Media types and header names of the OCI distribution and image specs; never bare strings. */
const MEDIA_TYPE = {
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerConfig: 'application/vnd.docker.container.image.v1+json',
    dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayer: 'application/vnd.oci.image.layer.v1.tar',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    ociEmpty: 'application/vnd.oci.empty.v1+json',
    /** The artifactType of a qcow2 disk image pushed by hypernix. */
    qcow2Artifact: 'application/vnd.hypernix.disk-image.qcow2',
    qcow2Layer: 'application/vnd.hypernix.disk-image.qcow2',
};
const HEADER = {
    contentType: 'content-type',
    contentLength: 'content-length',
    contentRange: 'content-range',
    dockerContentDigest: 'docker-content-digest',
    location: 'location',
    range: 'range',
    retryAfter: 'retry-after',
    wwwAuthenticate: 'www-authenticate',
    authorization: 'authorization',
    apiVersion: 'docker-distribution-api-version',
};
/** What we accept when reading a manifest by tag: every single-image and index form. */
const MANIFEST_ACCEPT = [
    MEDIA_TYPE.ociManifest,
    MEDIA_TYPE.dockerManifest,
    MEDIA_TYPE.ociIndex,
    MEDIA_TYPE.dockerManifestList,
].join(', ');
/** The OCI empty descriptor: `{}`, the config of an artifact that has none. */
const EMPTY_CONFIG = {
    mediaType: MEDIA_TYPE.ociEmpty,
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
    data: 'e30=',
};
/** Annotation keys hypernix writes (OCI descriptors): on artifacts, and on image layers. */
const ANNOTATION = {
    title: 'org.opencontainers.image.title',
    outPath: 'vnd.hypernix.nix.out-path',
    /** The digest of a layer's or file's bytes before compression: an image layer's diff_id. */
    uncompressedDigest: 'vnd.hypernix.uncompressed.digest',
    uncompressedSize: 'vnd.hypernix.uncompressed.size',
    /** On an image manifest: the config whose diff_ids its layers' uncompressedDigest repeat. */
    diffIdsOf: 'vnd.hypernix.diff-ids.of',
};


/***/ }),

/***/ 3465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ ConsoleReporter)
/* harmony export */ });
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4537);

/** The CLI's reporter: plain lines on stderr, so stdout stays free for --json. */
class ConsoleReporter {
    options;
    secrets = [];
    constructor(options = {}) {
        this.options = options;
    }
    write(text) {
        let safe = text;
        for (const secret of this.secrets)
            safe = safe.split(secret).join('***');
        (this.options.stream ?? process.stderr).write(`${safe}\n`);
    }
    info(message) {
        if (!this.options.quiet)
            this.write(message);
    }
    warning(message, location) {
        this.write(`warning: ${at(location)}${message}`);
    }
    error(message, location) {
        this.write(`error: ${at(location)}${message}`);
    }
    debug(message) {
        if (this.options.verbose)
            this.write(`debug: +${Math.round(performance.now())} ms ${message}`);
    }
    async group(title, body) {
        this.info(`── ${title}`);
        return body();
    }
    /** A terminal runs no workflow commands: the lines are printed as they are. */
    untrusted(body) {
        return body();
    }
    addPath(directory) {
        process.env.PATH = `${directory}:${process.env.PATH ?? ''}`;
    }
    mask(secret) {
        if (!secret)
            return;
        (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .rememberSecret */ .G)(secret);
        this.secrets.push(secret);
    }
}
function at(location) {
    if (!location)
        return '';
    return `${location.file}:${location.line}${location.column ? `:${location.column}` : ''}: `;
}


/***/ }),

/***/ 4132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ childEnvironment)
/* harmony export */ });
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4537);

/**
 * What a child process (nix-build, nix, nix-store, a streamLayeredImage script, zstd, the Nix
 * installer) may see of our environment. A derivation can read the evaluator's environment with
 * `builtins.getEnv`, and a builder without a sandbox inherits Nix's, so anything passed here can
 * end up in the world-readable store. Children therefore get only what they need:
 *
 * - PATH, HOME, USER, LOGNAME, SHELL, TMPDIR/TMP/TEMP, TERM, TZ, LANG, LANGUAGE, LC_*: to run
 *   at all, find their config and temp space, and print readable text;
 * - NIX_* (NIX_PATH, NIX_REMOTE, NIX_CONF_DIR, NIX_SSL_CERT_FILE, NIX_SSHOPTS, NIX_STORE_DIR, …)
 *   and XDG_*: how the user configured Nix;
 * - LIBVIRT_*: which libvirt virsh and virt-install talk to, on a hypervisor run locally;
 * - SSL_CERT_FILE, SSL_CERT_DIR, CURL_CA_BUNDLE and the proxy variables: how Nix reaches its
 *   substituters and fetchers (a proxy URL may hold the user's own proxy login; Nix needs it);
 * - GITHUB_* except tokens: the public context of the run (repository, sha, ref), which impure
 *   builds sometimes read. ACTIONS_* (the runner's cache and runtime tokens) and RUNNER_* do not
 *   pass.
 *
 * Never passed, whatever the name: INPUT_* (every action input: any may hold a secret),
 * HYPERNIX_REGISTRY_PASSWORD, anything named like a token, password or secret, and any variable
 * whose value holds a secret this process masked.
 */
const PASSED = [
    /^(PATH|HOME|USER|LOGNAME|SHELL|TMPDIR|TMP|TEMP|TERM|TZ|LANG|LANGUAGE)$/,
    /^LC_[A-Z_]+$/,
    /^NIX_[A-Za-z0-9_]+$/,
    /^XDG_[A-Z_]+$/,
    /^LIBVIRT_[A-Z_]+$/,
    /^(SSL_CERT_FILE|SSL_CERT_DIR|CURL_CA_BUNDLE)$/,
    /^(http|https|ftp|all|no)_proxy$/i,
    /^GITHUB_[A-Z0-9_]+$/,
];
const NEVER = /TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|^INPUT_|^HYPERNIX_REGISTRY_PASSWORD$/i;
// Shorter masked values would drop variables by chance; the runner masks them in logs anyway.
const MIN_SECRET = 4;
function childEnvironment(extra = {}, env = process.env) {
    const secrets = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .knownSecrets */ .x)().filter((secret) => secret.length >= MIN_SECRET);
    const result = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined || NEVER.test(name))
            continue;
        if (!PASSED.some((pattern) => pattern.test(name)))
            continue;
        if (secrets.some((secret) => value.includes(secret)))
            continue;
        result[name] = value;
    }
    return { ...result, ...extra };
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

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Et: () => (/* binding */ crypto),
/* harmony export */   P1: () => (/* binding */ cryptoLoaded),
/* harmony export */   Qk: () => (/* binding */ childProcess),
/* harmony export */   w5: () => (/* binding */ zlib)
/* harmony export */ });
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_0__);

// Built-ins that a push to a registry may never use, or uses only once the registry is
// answering, are loaded on first use instead of at start-up: a push that has nothing to send is
// mostly start-up, and loading node:crypto took 10 to 25 ms here, node:child_process 2 to 6 ms,
// node:zlib 5 to 7 ms.
const require = (0,node_module__WEBPACK_IMPORTED_MODULE_0__.createRequire)(import.meta.url);
const childProcess = () => require('node:child_process');
let loadedCrypto;
const crypto = () => (loadedCrypto ??= require('node:crypto'));
/** Whether node:crypto has been loaded (by crypto()) yet. */
const cryptoLoaded = () => loadedCrypto !== undefined;
const zlib = () => require('node:zlib');


/***/ }),

/***/ 4537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ rememberSecret),
/* harmony export */   x: () => (/* binding */ knownSecrets)
/* harmony export */ });
/**
 * The secret values this process has masked, so that no child process is handed a variable
 * holding one (see childEnvironment). Reporters' mask() and the action's input readers add to it.
 */
const secrets = new Set();
function rememberSecret(value) {
    if (value)
        secrets.add(value);
}
function knownSecrets() {
    return [...secrets];
}


/***/ }),

/***/ 91:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ stopwatch)
/* harmony export */ });
/**
 * A stopwatch: the function it returns gives the seconds since it was started. It reads
 * process.hrtime, not performance.now(): the first use of `performance` loads Node's perf_hooks,
 * about 2.5 ms here, which a push that has nothing to send notices.
 */
function stopwatch() {
    const start = process.hrtime.bigint();
    return () => Number(process.hrtime.bigint() - start) / 1e9;
}


/***/ })

};
