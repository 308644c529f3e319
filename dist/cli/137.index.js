export const id = 137;
export const ids = [137];
export const modules = {

/***/ 1057:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zc: () => (/* binding */ REGISTRY_OPTIONS),
  m6: () => (/* binding */ connectTo),
  kf: () => (/* binding */ readPassword),
  xy: () => (/* binding */ readPushOptions),
  Zm: () => (/* binding */ tagsToPush)
});

// EXTERNAL MODULE: ./src/oci/blob/compression.ts
var blob_compression = __webpack_require__(5031);
// EXTERNAL MODULE: ./src/oci/registry/reference.ts
var reference = __webpack_require__(6812);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/config/input-readers.ts
var input_readers = __webpack_require__(6951);
;// CONCATENATED MODULE: ./src/config/push.ts




const MANIFEST_FORMATS = ['docker', 'oci'];
const PUSH_INPUT_NAMES = {
    push: 'push',
    image: 'image',
    tags: 'tags',
    registryUsername: 'registry-username',
    registryPassword: 'registry-password',
    compression: 'compression',
    compressionLevel: 'compression-level',
    concurrency: 'concurrency',
    mountFrom: 'mount-from',
    manifestFormat: 'manifest-format',
    plainHttp: 'plain-http',
};
const PUSH_CLI_OPTIONS = {
    push: '--push',
    image: 'REF',
    tags: '--tag',
    registryUsername: '--username',
    registryPassword: '--password-stdin',
    compression: '--compression',
    compressionLevel: '--compression-level',
    concurrency: '--concurrency',
    mountFrom: '--mount-from',
    manifestFormat: '--manifest-format',
    plainHttp: '--plain-http',
};
function readReference(value) {
    const text = (0,input_readers/* readOptionalString */.on)(value);
    return text === undefined ? undefined : withoutLabel(() => (0,reference/* parseReference */.F2)(text, 'x'));
}
/**
 * Tags split on spaces, commas and lines, each checked, duplicates dropped. A command-line value
 * (an array entry) holding a line break or another control character is refused whole: on a
 * command line it is a mistake or an attack, never a list.
 */
function readTags(value) {
    if (Array.isArray(value)) {
        const bad = value.find((entry) => [...entry].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f));
        if (bad !== undefined) {
            throw new input_readers/* FieldProblem */.k4(`a tag cannot hold a line break or control character; got ${JSON.stringify(bad.slice(0, 80))}`);
        }
    }
    const tags = (0,input_readers/* readList */.LD)(value)
        .flatMap((entry) => entry.split(/[\s,]+/))
        .filter(Boolean);
    for (const tag of tags)
        withoutLabel(() => (0,reference/* validateTag */.z7)(tag, 'x'));
    return [...new Set(tags)];
}
/** Runs a reference check whose InputError names a placeholder, as a FieldProblem without it. */
function withoutLabel(check) {
    try {
        return check();
    }
    catch (error) {
        throw new input_readers/* FieldProblem */.k4(error.message.replace(/^x: /, ''), { cause: error });
    }
}
/**
 * Reads the push inputs: the first problem becomes one InputError naming the input as the user
 * knows it. Layers are gzip-compressed by default; a qcow2 artifact is sent as it is by default
 * (`defaultCompression: 'none'`), as a disk image is mostly compressed or sparse already.
 *
 * Plain functions rather than a zod schema: the push command loads no zod (start-up is most of
 * the time of a push that has nothing to send).
 */
function parsePushConfig(raw, labels, defaults = { compression: 'gzip' }) {
    const read = (field, reader) => {
        try {
            return reader();
        }
        catch (error) {
            if (!(error instanceof input_readers/* FieldProblem */.k4))
                throw error;
            throw new errors/* InputError */.dz(`${labels[field]}: ${error.message}`, { cause: error });
        }
    };
    const problem = (field, message) => new errors/* InputError */.dz(`${labels[field]}: ${message}`);
    // In the order of the inputs: the first problem is the one reported.
    const push = read('push', () => (0,input_readers/* readBoolean */.Vf)(raw.push, false));
    const image = read('image', () => readReference(raw.image));
    const tags = read('tags', () => readTags(raw.tags));
    const registryUsername = (0,input_readers/* readOptionalString */.on)(raw.registryUsername);
    const registryPassword = raw.registryPassword ? raw.registryPassword : undefined;
    const chosen = read('compression', () => (0,input_readers/* readOptionalEnum */.O_)(blob_compression/* COMPRESSIONS */._7, raw.compression));
    const compression = chosen ?? defaults.compression;
    // `auto`: gzip's level follows the link (adaptive-level); else a number, the same bytes each time,
    // in the compression's own range (none takes any level of the others, and ignores it).
    const autoLevel = raw.compressionLevel === 'auto';
    const levels = compression === 'none' ? { min: 0, max: 22 } : blob_compression/* LEVELS */.A_[compression];
    const compressionLevel = autoLevel
        ? undefined
        : read('compressionLevel', () => (0,input_readers/* readOptionalInteger */.N2)(raw.compressionLevel, levels.min, levels.max));
    const concurrency = read('concurrency', () => (0,input_readers/* readOptionalInteger */.N2)(raw.concurrency, 1, 64));
    const mountFrom = read('mountFrom', () => readReference(raw.mountFrom));
    const manifestFormat = read('manifestFormat', () => (0,input_readers/* readOptionalEnum */.O_)(MANIFEST_FORMATS, raw.manifestFormat));
    const plainHttp = read('plainHttp', () => (0,input_readers/* readBoolean */.Vf)(raw.plainHttp, false));
    if (push && !image) {
        throw problem('image', 'required when push is true: the repository to push to, e.g. ghcr.io/owner/name');
    }
    if (registryPassword && !registryUsername) {
        throw problem('registryUsername', 'required with a registry password');
    }
    if (manifestFormat === 'docker' && compression !== 'gzip') {
        throw problem('manifestFormat', `docker manifests have gzip layers only; use oci with ${compression}`);
    }
    if (mountFrom && image && mountFrom.registry !== image.registry) {
        throw problem('mountFrom', `must be on the same registry as the image (${image.registry})`);
    }
    return {
        push,
        image,
        tags,
        registryUsername,
        registryPassword,
        compression,
        level: compressionLevel ?? (0,blob_compression/* defaultLevel */.Qx)(compression, image?.registry),
        levelRange: autoLevel ? (0,blob_compression/* autoLevelRange */.hU)(compression, image?.registry) : undefined,
        concurrency: concurrency ?? 4,
        mountFrom,
        manifestFormat,
        plainHttp,
    };
}
function pushLabelsFor(surface) {
    const names = surface === 'action' ? PUSH_INPUT_NAMES : PUSH_CLI_OPTIONS;
    const kind = surface === 'action' ? 'input' : 'option';
    return Object.fromEntries(Object.entries(names).map(([field, name]) => [
        field,
        name === 'REF' ? 'argument REF' : `${kind} '${name}'`,
    ]));
}
/**
 * The default tags of a push from a workflow: the commit SHA and the branch (or tag) name, made
 * into valid tags (`feature/x` becomes `feature-x`).
 */
function defaultTags(env = process.env) {
    const tags = [];
    if (env.GITHUB_SHA)
        tags.push(env.GITHUB_SHA);
    const ref = env.GITHUB_REF_NAME;
    if (ref) {
        const tag = ref
            .replace(/[^A-Za-z0-9_.-]/g, '-')
            .replace(/^[.-]+/, '')
            .slice(0, 128);
        if (tag)
            tags.push(tag);
    }
    return tags;
}

// EXTERNAL MODULE: ./src/publish/registry-login.ts + 1 modules
var registry_login = __webpack_require__(4242);
;// CONCATENATED MODULE: ./src/util/read-bounded.ts
/**
 * All of `source` (a pipe: standard input), refused with `tooLarge()` past `limit` bytes rather
 * than held whatever its size.
 */
async function readBounded(source, limit, tooLarge) {
    const chunks = [];
    let size = 0;
    for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (size > limit)
            throw tooLarge();
        chunks.push(bytes);
    }
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
;// CONCATENATED MODULE: ./src/cli/registry-options.ts





/** The options every command that talks to a registry takes, with one meaning everywhere. */
const REGISTRY_OPTIONS = {
    'plain-http': { type: 'boolean' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
};
/**
 * The registry password: from standard input with --password-stdin (never from the command line,
 * where other users of the machine could read it), else from HYPERNIX_REGISTRY_PASSWORD.
 */
async function readPassword(fromStdin, username) {
    if (!fromStdin)
        return process.env.HYPERNIX_REGISTRY_PASSWORD;
    if (!username)
        throw new usage/* UsageError */.e('--password-stdin needs --username USER');
    // A password, not a file: refuse a runaway pipe rather than hold it all.
    const input = await readBounded(process.stdin, 64 * 1024, () => new usage/* UsageError */.e('--password-stdin: standard input is over 64 KiB'));
    const password = input.toString('utf8').replace(/\r?\n$/, '');
    if (password === '')
        throw new usage/* UsageError */.e('--password-stdin: standard input was empty');
    return password;
}
/**
 * REF and the shared push options read through the push configuration (the action's rules), the
 * password from standard input or the environment; `extra` holds a command's own fields.
 */
async function readPushOptions(ref, values, extra = {}, defaults) {
    const password = await readPassword(values['password-stdin'], values.username);
    const config = parsePushConfig({
        push: true,
        image: ref,
        tags: values.tag ?? [],
        registryUsername: values.username,
        registryPassword: password,
        compression: values.compression,
        compressionLevel: values['compression-level'],
        plainHttp: values['plain-http'] ?? false,
        ...extra,
    }, pushLabelsFor('cli'), defaults);
    return config; // push: true requires the image
}
/** REF's own tag and the --tag options (split and checked by the configuration), once each. */
function tagsToPush(image, config) {
    const tags = [...new Set([...(image.tag ? [image.tag] : []), ...config.tags])];
    if (tags.length === 0)
        throw new usage/* UsageError */.e(`argument REF: give a tag (${(0,reference/* formatReference */.FH)(image)}:TAG) or --tag`);
    return tags;
}
/** The registry of REF, with the credentials the options gave. */
function connectTo(config, reporter) {
    return (0,registry_login/* connectRegistry */.g)({
        registry: config.image.registry,
        username: config.registryUsername,
        password: config.registryPassword,
        plainHttp: config.plainHttp,
    }, reporter);
}


/***/ }),

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
/* harmony export */   A_: () => (/* binding */ LEVELS),
/* harmony export */   MB: () => (/* binding */ compressionOf),
/* harmony export */   Qx: () => (/* binding */ defaultLevel),
/* harmony export */   UD: () => (/* binding */ plainWhenIncompressible),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   bt: () => (/* binding */ transformChunks),
/* harmony export */   e: () => (/* binding */ compressor),
/* harmony export */   hU: () => (/* binding */ autoLevelRange),
/* harmony export */   ni: () => (/* binding */ decompressor),
/* harmony export */   sG: () => (/* binding */ layerMediaType),
/* harmony export */   uZ: () => (/* binding */ manifestFormatFor)
/* harmony export */ });
/* unused harmony exports DEFAULT_LEVEL, LINK_GZIP_LEVEL */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_child_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4132);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9217);





const COMPRESSIONS = ['gzip', 'zstd', 'none'];
/** The levels each compression takes: zlib's and zstd's. */
const LEVELS = {
    gzip: { min: 1, max: 9 },
    zstd: { min: 1, max: 22 },
};
/** Fast levels by default: a layer is compressed on every push that lacks it, read far fewer times. */
const DEFAULT_LEVEL = { gzip: 1, zstd: 3, none: 0 };
/**
 * gzip's default level for a registry beyond loopback, where the link is the limit: level 5
 * stored 2.5 % fewer bytes than level 1 of 60 MB of real files (28.2 MB, skopeo 28.9) at the
 * same time over 100 Mbit/s (2.72 s against 2.78 s), its blocks deflated on every core.
 */
const LINK_GZIP_LEVEL = 5;
function beyondLoopback(registry) {
    return registry !== undefined && !/^(127\.|localhost(:|$)|\[::1\])/.test(registry);
}
/** The default level for a push to `registry` (host[:port]). */
function defaultLevel(compression, registry) {
    return compression === 'gzip' && beyondLoopback(registry)
        ? LINK_GZIP_LEVEL
        : DEFAULT_LEVEL[compression];
}
/**
 * `compression-level: auto`: gzip's level beyond loopback follows the link (adaptive-level):
 * from 3, down to 1 while the link waits for the compressor, up to LINK_GZIP_LEVEL while
 * compressed bytes wait for the link. Not the default: a layer's blob then depends on the push's
 * timing, so the same image pushed under a new tag could get new digests (and a deploy by digest
 * would roll for nothing); a fixed level makes the same bytes every time. bench/push/README.md
 * (round 2) has the trade: 1 Gbit/s a quarter faster than a fixed 5, 100 Mbit/s within 3 %.
 * On loopback the CPU is the limit: level 1 throughout.
 */
function autoLevelRange(compression, registry) {
    if (compression !== 'gzip' || !beyondLoopback(registry))
        return undefined;
    return { min: 1, start: 3, max: LINK_GZIP_LEVEL };
}
/**
 * A compressing transform. gzip and zstd run on Node's thread pool, so layers compressed in
 * parallel use every core; zstd falls back to the zstd program on Node without it (before 22.15).
 */
function compressor(compression, level) {
    if (compression === 'gzip')
        return node_zlib__WEBPACK_IMPORTED_MODULE_1__.createGzip({ level, memLevel: 9, chunkSize: 256 * 1024 });
    const z = node_zlib__WEBPACK_IMPORTED_MODULE_1__;
    if (z.createZstdCompress) {
        const levelKey = z.constants.ZSTD_c_compressionLevel;
        return z.createZstdCompress({ params: { [levelKey]: level } });
    }
    return programTransform('zstd', ['-q', '-c', `-${level}`]);
}
function decompressor(compression) {
    if (compression === 'gzip')
        return node_zlib__WEBPACK_IMPORTED_MODULE_1__.createGunzip();
    const z = node_zlib__WEBPACK_IMPORTED_MODULE_1__;
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
    const child = node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn(program, args, {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: (0,_util_child_env_js__WEBPACK_IMPORTED_MODULE_3__/* .childEnvironment */ .Q)(),
    });
    return node_stream__WEBPACK_IMPORTED_MODULE_2__.Duplex.from({
        writable: child.stdin,
        readable: child.stdout,
    });
}
/** The layer media type for a compression in each manifest format. */
function layerMediaType(compression, format) {
    if (format === 'docker')
        return _media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .MEDIA_TYPE */ .Ap.dockerLayerGzip;
    if (compression === 'gzip')
        return _media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .MEDIA_TYPE */ .Ap.ociLayerGzip;
    if (compression === 'zstd')
        return _media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .MEDIA_TYPE */ .Ap.ociLayerZstd;
    return _media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .MEDIA_TYPE */ .Ap.ociLayer;
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
        mediaType === _media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .MEDIA_TYPE */ .Ap.dockerLayerGzip)
        return 'gzip';
    if (mediaType === _media_types_js__WEBPACK_IMPORTED_MODULE_4__/* .MEDIA_TYPE */ .Ap.ociLayer || mediaType.endsWith('.tar'))
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

/***/ 6909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   CG: () => (/* binding */ showDigest),
/* harmony export */   Q3: () => (/* binding */ sha256File),
/* harmony export */   VR: () => (/* binding */ DigestCounter),
/* harmony export */   Z5: () => (/* binding */ SHA256_PREFIX),
/* harmony export */   sI: () => (/* binding */ sha256Digest),
/* harmony export */   vA: () => (/* binding */ READ_CHUNK)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);


const SHA256_PREFIX = 'sha256:';
function sha256Digest(data) {
    return SHA256_PREFIX + (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
}
/** Hashes bytes as they pass, so a stream is hashed in the same pass that uses it. */
class DigestCounter {
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
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
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path, { start, end, highWaterMark: READ_CHUNK });
    for await (const chunk of stream)
        counter.update(chunk);
    return { digest: counter.digest(), size: counter.bytes };
}
/**
 * The size of every file read. Fresh memory is what a push pays most for on a VM (a page fault
 * per 4 KiB), and buffers of this size are recycled by the allocator instead of mapped anew each
 * time, where larger ones are not (bench/push/README.md, "Fresh memory").
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

/***/ 7693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Du: () => (/* binding */ DEFAULT_DEADLINE),
/* harmony export */   R: () => (/* binding */ deadlineSignal),
/* harmony export */   Zs: () => (/* binding */ transferDeadlineFromEnv)
/* harmony export */ });
/* unused harmony exports deadlineMs, TransferDeadlineError */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8014);


const DEFAULT_DEADLINE = { floorMs: 60_000, bytesPerSecond: 1 << 20 };
function deadlineMs(bytes, deadline) {
    return Math.ceil(deadline.floorMs + (Math.max(0, bytes) / deadline.bytesPerSecond) * 1000);
}
/** A transfer that passed its deadline: not retried (a registry that slow would be again). */
class TransferDeadlineError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl {
    name = 'TransferDeadlineError';
}
/**
 * The deadline the environment sets (HYPERNIX_TRANSFER_FLOOR_SECONDS, HYPERNIX_TRANSFER_MIN_RATE
 * in bytes per second), else the default: for a slow link, or a test that cannot wait a minute.
 */
function transferDeadlineFromEnv(env) {
    const read = (name, fallback) => {
        const raw = env[name];
        if (raw === undefined || raw === '')
            return fallback;
        const value = Number(raw);
        if (!Number.isFinite(value) || value <= 0)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${name}: expected a positive number, got ${JSON.stringify(raw)}`);
        return value;
    };
    return {
        floorMs: read('HYPERNIX_TRANSFER_FLOOR_SECONDS', DEFAULT_DEADLINE.floorMs / 1000) * 1000,
        bytesPerSecond: read('HYPERNIX_TRANSFER_MIN_RATE', DEFAULT_DEADLINE.bytesPerSecond),
    };
}
/**
 * A signal that fails a request at its deadline with one line naming the registry and the
 * request (a blob's path names its digest). `clear` once the request and its body are done.
 */
function deadlineSignal(registry, request, bytes, deadline) {
    const ms = deadlineMs(bytes, deadline);
    const controller = new AbortController();
    const shown = new URL(request.url).pathname;
    const timer = setTimeout(() => controller.abort(new TransferDeadlineError(`registry ${registry}: ${request.method} ${shown} did not finish within ${Math.round(ms / 1000)} s (the deadline for ${bytes} bytes)`)), ms);
    timer.unref();
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
}


/***/ }),

/***/ 8014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   rN: () => (/* binding */ registryErrorDetail),
/* harmony export */   w4: () => (/* binding */ RegistryAuthError)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);

/** A registry answered something other than what the distribution spec promises. */
class RegistryError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD {
    status;
    name = 'RegistryError';
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
    }
}
/** The registry refused the credentials (or their absence) for a scope. */
class RegistryAuthError extends RegistryError {
    name = 'RegistryAuthError';
}
/** What the registry said in its JSON error body ({"errors":[{"code","message"}]}), briefly. */
async function registryErrorDetail(response) {
    let text;
    try {
        text = await response.text();
    }
    catch {
        return '';
    }
    try {
        const body = JSON.parse(text);
        const first = body.errors?.[0];
        if (first)
            return [first.code, first.message].filter(Boolean).join(': ');
    }
    catch {
        // not JSON: fall through to the raw text
    }
    return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}


/***/ }),

/***/ 6812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   q9: () => (/* binding */ isSha256Digest),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony export ImageReferenceError */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);

/**
 * An image reference, parsed as the distribution spec and Docker's reference grammar define it:
 * [registry[:port]/]repository[:tag][@digest]. Built from named parts so each can be read alone.
 */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = `${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])`;
const REGISTRY = `${HOST}(?::[0-9]+)?`;
const REPOSITORY_RE = new RegExp(`^${REPOSITORY}$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const DIGEST_RE = new RegExp(`^${DIGEST}$`);
const REGISTRY_RE = new RegExp(`^${REGISTRY}$`);
/** Whether `text` is a sha256 digest as registries write them (`sha256:` and 64 hex digits). */
const isSha256Digest = (text) => DIGEST_RE.test(text);
const DOCKER_HUB = 'registry-1.docker.io';
class ImageReferenceError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz {
    name = 'ImageReferenceError';
}
/** A first path part is a registry when it has a dot, a port, or is localhost (Docker's rule). */
function looksLikeRegistry(part) {
    return part.includes('.') || part.includes(':') || part === 'localhost' || part.startsWith('[');
}
function parseReference(text, label = 'reference') {
    const fail = (why) => {
        throw new ImageReferenceError(`${label}: ${why}; got ${JSON.stringify(text)}`);
    };
    const input = text.trim();
    if (input === '')
        fail('expected an image reference such as ghcr.io/owner/name:tag');
    if (/\s/.test(input))
        fail('not a valid image reference: it contains whitespace (expected registry/repository[:tag])');
    let rest = input;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST_RE.test(digest))
            fail('the digest must be sha256: followed by 64 lowercase hex characters');
    }
    const slash = rest.indexOf('/');
    let registry = DOCKER_HUB;
    if (slash > 0 && looksLikeRegistry(rest.slice(0, slash))) {
        registry = rest.slice(0, slash);
        rest = rest.slice(slash + 1);
        if (!REGISTRY_RE.test(registry))
            fail(`${JSON.stringify(registry)} is not a registry host[:port]`);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG_RE.test(tag))
            fail('a tag is 1-128 characters of letters, digits, _ . and -, not starting with . or -');
    }
    if (rest === '')
        fail('the repository name is empty');
    if (rest !== rest.toLowerCase())
        fail('the repository name must be lowercase');
    if (!REPOSITORY_RE.test(rest))
        fail('the repository name has characters or separators the registry refuses');
    if (registry === 'docker.io' || registry === 'index.docker.io')
        registry = DOCKER_HUB;
    const repository = registry === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
    return { registry, repository, tag, digest };
}
function validateTag(tag, label = 'tags') {
    if (!TAG_RE.test(tag)) {
        throw new ImageReferenceError(`${label}: a tag is 1-128 characters of letters, digits, _ . and -, not starting with . or -; got ${JSON.stringify(tag)}`);
    }
    return tag;
}
function formatReference(reference) {
    const base = `${reference.registry}/${reference.repository}`;
    if (reference.digest)
        return `${base}@${reference.digest}`;
    return reference.tag ? `${base}:${reference.tag}` : base;
}


/***/ }),

/***/ 5211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ RegistryClient),
  a: () => (/* binding */ scopeFor)
});

// EXTERNAL MODULE: ./src/oci/registry/errors.ts
var errors = __webpack_require__(8014);
// EXTERNAL MODULE: ./src/oci/media-types.ts
var media_types = __webpack_require__(9217);
;// CONCATENATED MODULE: ./src/oci/registry/auth.ts


/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (quoted or bare values). */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match)
        return undefined;
    const scheme = match[1].toLowerCase();
    if (scheme !== 'basic' && scheme !== 'bearer')
        return undefined;
    const params = {};
    for (const part of match[2].matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
        params[part[1].toLowerCase()] = (part[2] ?? part[3] ?? '').replace(/\\(.)/g, '$1');
    }
    return { scheme, realm: params.realm, service: params.service, scope: params.scope };
}
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;
/**
 * Whether credentials may go to this URL: over HTTPS, or over plain HTTP to this machine only
 * (loopback), whoever named the URL: the user (the registry) or a registry (its token realm).
 */
function mayCarryCredentials(url) {
    return (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)));
}
/** A URL for messages: origin and path, never a query or user info. */
const shownUrl = (url) => `${url.origin}${url.pathname}`;
/**
 * Authorization for one registry: learns its scheme from the first 401, then sends Basic
 * credentials or a Bearer token for the scope (fetched from the realm and cached per scope until
 * shortly before it expires). The password only ever goes into an Authorization header.
 */
class RegistryAuth {
    registry;
    credentials;
    sendRequest;
    reporter;
    origin;
    scheme;
    tokens = new Map();
    fetching = new Map();
    constructor(registry, credentials, sendRequest, reporter, 
    /** The registry's own origin: a realm elsewhere is said in verbose output. */
    origin) {
        this.registry = registry;
        this.credentials = credentials;
        this.sendRequest = sendRequest;
        this.reporter = reporter;
        this.origin = origin;
    }
    /** The header to send for a scope, when the scheme is known; undefined before the first 401. */
    async header(scope) {
        if (!this.scheme)
            return undefined;
        if (this.scheme.scheme === 'basic')
            return this.basic();
        const cached = this.tokens.get(scope);
        if (cached && cached.expiresAt > Date.now())
            return `Bearer ${cached.value}`;
        // Requests that start together share one token request.
        let fetching = this.fetching.get(scope);
        if (!fetching) {
            fetching = this.fetchToken(scope).finally(() => this.fetching.delete(scope));
            this.fetching.set(scope, fetching);
        }
        return `Bearer ${await fetching}`;
    }
    /**
     * Takes a 401's challenge and the authorization the refused request carried (none, when it left
     * before the scheme was known: several do at the start of a push). Returns the authorization to
     * retry with, or undefined when a retry would send the same thing again.
     */
    async retryAuthorization(response, scope, sent) {
        const challenge = parseChallenge(response.headers.get(media_types/* HEADER */.El.wwwAuthenticate));
        if (!challenge)
            return undefined;
        this.scheme = challenge;
        // A refused token lacks the scope or has expired: ask for a new one.
        if (sent !== undefined && sent === `Bearer ${this.tokens.get(scope)?.value}`)
            this.tokens.delete(scope);
        const next = await this.header(scope);
        return next !== undefined && next !== sent ? next : undefined;
    }
    basic() {
        if (!this.credentials)
            return undefined;
        const { username, password } = this.credentials;
        return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    async fetchToken(scope) {
        const realm = this.scheme?.realm;
        if (!realm)
            throw new errors/* RegistryAuthError */.w4(`registry ${this.registry} asked for a bearer token but named no realm`);
        const url = URL.canParse(realm) ? new URL(realm) : undefined;
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
            throw new errors/* RegistryAuthError */.w4(`registry ${this.registry} named the token realm ${JSON.stringify(realm.slice(0, 200))}, not an http(s) URL`);
        if (this.scheme?.service)
            url.searchParams.set('service', this.scheme.service);
        for (const part of scope.split(' ').filter(Boolean))
            url.searchParams.append('scope', part);
        const basic = this.basic();
        if (basic && !mayCarryCredentials(url))
            throw new errors/* RegistryAuthError */.w4(`registry ${this.registry} sends its token requests to ${shownUrl(url)} over plain HTTP; refusing to send the credentials there (HTTPS or a loopback realm only)`);
        if (this.origin && url.origin !== this.origin)
            this.reporter?.debug(`registry ${this.registry} has its token realm on another origin: ${shownUrl(url)}${basic ? ' (the credentials go there)' : ''}`);
        const response = await this.sendRequest({
            method: 'GET',
            url: url.toString(),
            headers: basic ? { [media_types/* HEADER */.El.authorization]: basic } : {},
            idleTimeoutMs: 30_000,
        });
        if (response.status < 200 || response.status > 299) {
            await response.discard();
            const who = this.credentials
                ? `user ${JSON.stringify(this.credentials.username)}`
                : 'anonymous access';
            throw new errors/* RegistryAuthError */.w4(`registry ${this.registry} refused ${who} for scope ${scope} (token endpoint answered ${response.status})`, response.status);
        }
        const body = await response.json();
        const token = body.token ?? body.access_token;
        if (!token)
            throw new errors/* RegistryAuthError */.w4(`registry ${this.registry}: the token endpoint returned no token`);
        // Renew 10 s early so a token never expires in the middle of a request.
        const lifetime = Math.max(30, body.expires_in ?? 60) * 1000;
        this.tokens.set(scope, { value: token, expiresAt: Date.now() + lifetime - 10_000 });
        return token;
    }
}

// EXTERNAL MODULE: ./src/oci/registry/retry-policy.ts
var retry_policy = __webpack_require__(6294);
;// CONCATENATED MODULE: ./src/oci/registry/request-failure.ts


const NETWORK_REASONS = {
    ECONNREFUSED: 'connection refused (is the registry running, and is this its address?)',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name could not be looked up',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EPIPE: 'the connection was closed while sending',
};
/** The errno code of a network failure anywhere in an error's cause chain. */
function networkCode(error) {
    for (let current = error; current;) {
        if (typeof current.code === 'string' && current.code in NETWORK_REASONS)
            return current.code;
        current = current.cause;
    }
    return undefined;
}
/** Nobody listens there, or there is no such host: not something a retry changes soon. */
function isUnreachable(error) {
    const code = networkCode(error);
    return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH';
}
/**
 * A request's failure as one line: the registry, the request, what went wrong in words, and how
 * many tries were made. Errors that are neither the registry's nor the network's pass as they are.
 */
function requestFailure(registry, error, method, path, tries) {
    const after = tries > 1 ? ` (after ${tries} tries)` : '';
    if (error instanceof errors/* RegistryError */.gl) {
        return tries > 1
            ? new errors/* RegistryError */.gl(`${error.message}${after}`, error.status, { cause: error })
            : error;
    }
    const code = networkCode(error);
    if (!code && !(0,retry_policy/* isRetryableError */.$d)(error))
        return error;
    const where = path.startsWith('http') ? new URL(path).pathname : path.split('?')[0];
    const reason = code ? (NETWORK_REASONS[code] ?? code) : (0,retry_policy/* describeRetry */.eV)(error);
    return new errors/* RegistryError */.gl(`registry ${registry}: ${method} ${where}: ${reason}${after}`, undefined, {
        cause: error,
    });
}
/**
 * A response that is not what was expected, as an error: retryable (5xx, 429, 408) for the
 * retry loop, refused credentials named as such, anything else with what the registry said.
 */
async function responseFailure(registry, hasCredentials, method, url, scope, response) {
    const described = (0,retry_policy/* describeResponse */.Xg)(method, url, response);
    if ((0,retry_policy/* isRetryableStatus */.PS)(response.status)) {
        await response.discard();
        throw new retry_policy/* RetryableResponseError */.q6(response.status, (0,retry_policy/* retryAfterOf */.sT)(response), described);
    }
    const detail = await (0,errors/* registryErrorDetail */.rN)(response);
    if (response.status === 401 || response.status === 403) {
        const who = hasCredentials
            ? 'the given credentials'
            : 'anonymous access (no credentials given)';
        throw new errors/* RegistryAuthError */.w4(`registry ${registry} refused ${who} for scope ${scope}: ${response.status}${detail ? ` ${detail}` : ''}`, response.status);
    }
    throw new errors/* RegistryError */.gl(`registry ${registry}: ${described}${detail ? `: ${detail}` : ''}`, response.status);
}
function describeNetworkError(error) {
    const code = error.code ?? error.cause?.code;
    const message = error.message ?? String(error);
    return code && !message.includes(code) ? `${message} (${code})` : message;
}

// EXTERNAL MODULE: ./src/oci/registry/deadline.ts
var deadline = __webpack_require__(7693);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/oci/http/http1.ts
// HTTP/1.1 on the wire (RFC 9112), as much as a registry client needs: a request's head, and an
// incremental parser of a response's head and body framing (Content-Length, chunked, or until
// the connection closes). No sockets here; transport.ts drives it.
/** The most bytes a response's head (status line and headers) may take. */
const MAX_HEAD_BYTES = 64 << 10;
/** The most bytes one chunk-size or trailer line may take. */
const MAX_LINE_BYTES = 4 << 10;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible characters, spaces and tabs; no CR, LF or NUL (no header injection).
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/**
 * Where a URL's server is: its host as a socket takes it (an IPv6 literal without brackets, in
 * lower case, as URL writes it) and its port (the scheme's default when none is written).
 */
function endpointOf(url) {
    return {
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    };
}
/** No byte moved either way for the idle timeout: worth another try. */
class StallError extends Error {
    name = 'StallError';
}
/** A response that breaks HTTP/1.1: the connection cannot be trusted any further. */
class HttpProtocolError extends Error {
    name = 'HttpProtocolError';
}
/** The request line and headers, ready for the socket. Rejects names and values that could smuggle a header. */
function requestHead(method, target, headers) {
    if (!TOKEN.test(method))
        throw new TypeError(`invalid HTTP method ${JSON.stringify(method)}`);
    if (!/^[\x21-\x7e]+$/.test(target))
        throw new TypeError(`invalid request target ${JSON.stringify(target)}`);
    let head = `${method} ${target} HTTP/1.1\r\n`;
    for (const [name, value] of Object.entries(headers)) {
        if (!TOKEN.test(name))
            throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
        if (!FIELD_VALUE.test(value))
            throw new TypeError(`invalid value for header ${name}`);
        head += `${name}: ${value}\r\n`;
    }
    return Buffer.from(`${head}\r\n`, 'latin1');
}
/**
 * Reads one response from the bytes fed to it, in whatever pieces they arrive, and calls its
 * events: `head` once the head is in (interim 1xx answers skipped), `body` with pieces of the
 * decoded body (views of the fed bytes, not copies), then `end`. Throws HttpProtocolError on a
 * malformed response.
 */
class ResponseParser {
    method;
    events;
    pendingHead = [];
    pendingHeadBytes = 0;
    framing;
    chunkState = 'size';
    chunkRemaining = 0;
    line = [];
    lineBytes = 0;
    done = false;
    // The end is announced once the bytes fed with it are all counted (see trailing).
    endPending = false;
    keepAlive = false;
    /** The response's Keep-Alive header, if any (the server's own idle limit). */
    keepAliveHeader;
    /** Bytes that came after the end of the response (nothing should). */
    trailing = 0;
    constructor(method, events) {
        this.method = method;
        this.events = events;
    }
    get complete() {
        return this.done;
    }
    /**
     * Whether the connection may carry another request: the response is whole, delimited by its
     * length or chunks rather than by the connection closing, and the server keeps it alive.
     */
    get reusable() {
        return this.done && this.keepAlive && this.framing?.kind !== 'close' && this.trailing === 0;
    }
    feed(data) {
        let rest = data;
        while (rest !== undefined && rest.length > 0) {
            if (this.done) {
                this.trailing += rest.length;
                break;
            }
            rest = this.framing === undefined ? this.feedHead(rest) : this.feedBody(rest);
        }
        this.announceEnd();
    }
    announceEnd() {
        if (!this.endPending)
            return;
        this.endPending = false;
        this.events.end();
    }
    /** The connection closed: ends a body read until close, or says what was cut short. */
    finish() {
        if (this.done)
            return;
        if (this.framing?.kind === 'close') {
            this.end();
            this.announceEnd();
            return;
        }
        throw new IncompleteResponseError(this.framing === undefined
            ? 'the connection closed before the response came'
            : this.framing.kind === 'length'
                ? `the connection closed with ${this.framing.remaining} bytes of the response body still to come`
                : 'the connection closed in the middle of a chunked response body', this.framing !== undefined || this.pendingHeadBytes > 0);
    }
    feedHead(data) {
        // The end of the head may straddle pieces: search from just before the new bytes.
        const previous = this.pendingHeadBytes;
        this.pendingHead.push(data);
        this.pendingHeadBytes += data.length;
        const joined = this.pendingHead.length === 1 ? data : Buffer.concat(this.pendingHead, this.pendingHeadBytes);
        const end = joined.indexOf(HEAD_END, Math.max(0, previous - 3));
        if (end < 0) {
            if (this.pendingHeadBytes > MAX_HEAD_BYTES)
                throw new HttpProtocolError(`response head larger than ${MAX_HEAD_BYTES} bytes`);
            this.pendingHead = [joined];
            return undefined;
        }
        if (end > MAX_HEAD_BYTES)
            throw new HttpProtocolError(`response head larger than ${MAX_HEAD_BYTES} bytes`);
        this.pendingHead = [];
        this.pendingHeadBytes = 0;
        const head = parseHead(joined.toString('latin1', 0, end));
        const rest = joined.subarray(end + 4);
        // 1xx answers (100 Continue, 103 Early Hints) precede the real one; 101 we never ask for.
        if (head.status >= 100 && head.status < 200) {
            if (head.status === 101)
                throw new HttpProtocolError('unexpected 101 Switching Protocols');
            return rest;
        }
        this.framing = framingOf(this.method, head);
        // Both framings at once may be a smuggling attempt: read it, but close after (RFC 9112 6.3).
        const ambiguous = head.headers.has('transfer-encoding') && head.headers.has('content-length');
        this.keepAlive = head.keepAlive && !ambiguous;
        this.keepAliveHeader = head.headers.get('keep-alive');
        this.events.head(head);
        if (this.framing.kind === 'length' && this.framing.remaining === 0)
            this.end();
        return rest;
    }
    feedBody(data) {
        const framing = this.framing;
        if (framing.kind === 'close') {
            this.events.body(data);
            return undefined;
        }
        if (framing.kind === 'length') {
            const take = Math.min(framing.remaining, data.length);
            framing.remaining -= take;
            this.events.body(take === data.length ? data : data.subarray(0, take));
            if (framing.remaining === 0)
                this.end();
            return data.subarray(take);
        }
        return this.feedChunked(data);
    }
    feedChunked(data) {
        let offset = 0;
        while (offset < data.length && !this.done) {
            if (this.chunkState === 'data') {
                const take = Math.min(this.chunkRemaining, data.length - offset);
                this.events.body(data.subarray(offset, offset + take));
                offset += take;
                this.chunkRemaining -= take;
                if (this.chunkRemaining === 0)
                    this.chunkState = 'data-end';
                continue;
            }
            const lineEnd = this.readLine(data, offset);
            if (lineEnd === undefined)
                return undefined;
            const line = lineEnd.line;
            offset = lineEnd.next;
            if (this.chunkState === 'data-end') {
                if (line !== '')
                    throw new HttpProtocolError('chunk not followed by CRLF');
                this.chunkState = 'size';
            }
            else if (this.chunkState === 'size') {
                const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line);
                if (!size)
                    throw new HttpProtocolError(`invalid chunk size line ${JSON.stringify(line)}`);
                this.chunkRemaining = Number.parseInt(size[1], 16);
                this.chunkState = this.chunkRemaining === 0 ? 'trailers' : 'data';
            }
            else if (line === '') {
                this.end(); // trailers are read and dropped: nothing here needs them
            }
        }
        return data.subarray(offset);
    }
    /** A CRLF-terminated line from `data` at `offset`, joined with what earlier pieces held. */
    readLine(data, offset) {
        const lf = data.indexOf(0x0a, offset);
        if (lf < 0) {
            this.line.push(data.subarray(offset));
            this.lineBytes += data.length - offset;
            if (this.lineBytes > MAX_LINE_BYTES)
                throw new HttpProtocolError(`chunked body line longer than ${MAX_LINE_BYTES} bytes`);
            return undefined;
        }
        this.line.push(data.subarray(offset, lf + 1));
        const whole = Buffer.concat(this.line).toString('latin1');
        this.line = [];
        this.lineBytes = 0;
        if (!whole.endsWith('\r\n'))
            throw new HttpProtocolError('chunked body line not ended by CRLF');
        return { line: whole.slice(0, -2), next: lf + 1 };
    }
    end() {
        this.done = true;
        this.endPending = true;
    }
}
/**
 * The connection closed before the response was whole. `partial`: some of it had come, so the
 * server did take the request (unlike a kept-alive connection the server had already closed).
 */
class IncompleteResponseError extends Error {
    partial;
    name = 'IncompleteResponseError';
    // What node:http says of a connection gone in the middle: callers retry on it.
    code = 'ECONNRESET';
    constructor(message, partial) {
        super(message);
        this.partial = partial;
    }
}
function parseHead(text) {
    const lines = text.split(CRLF.toString('latin1'));
    const statusLine = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: (.*))?$/.exec(lines[0]);
    if (!statusLine)
        throw new HttpProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(lines[0].slice(0, 80))}`);
    const headers = new Map();
    for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon);
        if (colon <= 0 || !TOKEN.test(name))
            throw new HttpProtocolError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
        const key = name.toLowerCase();
        const value = line.slice(colon + 1).trim();
        const earlier = headers.get(key);
        headers.set(key, earlier === undefined ? value : `${earlier}, ${value}`);
    }
    const connection = (headers.get('connection') ?? '').toLowerCase();
    const http10 = statusLine[1] === '0';
    return {
        status: Number(statusLine[2]),
        statusText: statusLine[3] ?? '',
        headers,
        keepAlive: http10 ? /\bkeep-alive\b/.test(connection) : !/\bclose\b/.test(connection),
    };
}
/** How the body is delimited (RFC 9112 section 6.3). */
function framingOf(method, head) {
    if (method === 'HEAD' || head.status === 204 || head.status === 304)
        return { kind: 'length', remaining: 0 };
    const transferEncoding = head.headers.get('transfer-encoding');
    if (transferEncoding !== undefined) {
        const codings = transferEncoding
            .toLowerCase()
            .split(',')
            .map((coding) => coding.trim());
        return codings.at(-1) === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
    }
    const contentLength = head.headers.get('content-length');
    if (contentLength !== undefined) {
        const values = new Set(contentLength.split(',').map((value) => value.trim()));
        const [only] = values;
        if (values.size !== 1 || !/^\d{1,15}$/.test(only))
            throw new HttpProtocolError(`invalid Content-Length ${JSON.stringify(contentLength)}`);
        return { kind: 'length', remaining: Number(only) };
    }
    return { kind: 'close' };
}

;// CONCATENATED MODULE: ./src/oci/http/proxy.ts
// Forward proxies from the environment, as Go's clients (skopeo, crane) read them: HTTPS_PROXY
// for https URLs, HTTP_PROXY for http ones (either in lower case too), NO_PROXY for the hosts
// that go direct, and loopback always direct. HTTPS goes through CONNECT tunnels (tunnel, here);
// plain HTTP is forwarded by the proxy (see connection-pool.ts).


/** The proxy for `url`, or undefined to connect directly. Throws on a proxy URL it cannot use. */
function proxyFor(url, env = process.env) {
    const https = url.protocol === 'https:';
    const name = https ? 'HTTPS_PROXY' : 'HTTP_PROXY';
    // Upper case first, an empty value counting as unset, as Go's clients read them.
    const value = (env[name] || env[name.toLowerCase()] || '').trim();
    if (!value || isLoopback(url))
        return undefined;
    if (bypassed(url, env.NO_PROXY || env.no_proxy || ''))
        return undefined;
    let proxy;
    try {
        proxy = new URL(value.includes('://') ? value : `http://${value}`);
    }
    catch {
        throw new TypeError(`${name} is not a URL (expected http://HOST:PORT)`);
    }
    if (proxy.protocol !== 'http:')
        throw new TypeError(`${name} must be an http:// proxy URL, not ${proxy.protocol}//`);
    const shown = `http://${proxy.host}`;
    let user;
    let password;
    try {
        user = decodeURIComponent(proxy.username);
        password = decodeURIComponent(proxy.password);
    }
    catch {
        throw new TypeError(`${name} has a malformed %-escape in its credentials`);
    }
    return {
        ...endpointOf(proxy),
        shown,
        ...(user || password
            ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
            : {}),
    };
}
/** localhost and loopback addresses, which a proxy elsewhere could not reach. */
function isLoopback(url) {
    const { host } = endpointOf(url);
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if (external_node_net_.isIPv4(host))
        return host.startsWith('127.');
    return external_node_net_.isIPv6(host) && (host === '::1' || /^::ffff:127\./.test(host));
}
/**
 * NO_PROXY: `*` for every host, else entries separated by commas: a name matches itself and its
 * subdomains (a leading `.` or `*.` means the same), an address itself, a CIDR block (10.0.0.0/8)
 * the addresses in it; any of them with an optional `:port`.
 */
function bypassed(url, noProxy) {
    const { host, port: portNumber } = endpointOf(url);
    const port = String(portNumber);
    for (const raw of noProxy.split(',')) {
        const entry = raw.trim().toLowerCase();
        if (entry === '*')
            return true;
        if (!entry)
            continue;
        const [name, entryPort] = splitHostPort(entry);
        if (entryPort !== undefined && entryPort !== port)
            continue;
        if (name.includes('/')) {
            if (inBlock(host, name))
                return true;
            continue;
        }
        const bare = name.replace(/^\*?\./, '');
        if (host === bare || host.endsWith(`.${bare}`))
            return true;
    }
    return false;
}
function splitHostPort(entry) {
    const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return [bracketed[1], bracketed[2]];
    const parts = entry.split(':');
    // One colon: name and port. More: an IPv6 address (with a port only in brackets).
    return parts.length === 2 ? [parts[0], parts[1]] : [entry, undefined];
}
function inBlock(host, cidr) {
    const [address = '', bits = ''] = cidr.split('/');
    const family = external_node_net_.isIP(address);
    if (family === 0 || external_node_net_.isIP(host) !== family || !/^\d+$/.test(bits))
        return false;
    const block = new external_node_net_.BlockList();
    const type = family === 4 ? 'ipv4' : 'ipv6';
    block.addSubnet(address, Number(bits), type);
    return block.check(host, type);
}
/**
 * Opens a CONNECT tunnel to host:port through `proxy`: the socket, once the proxy said 200.
 * Fails when the proxy stays silent for `timeoutMs`, or on `signal`.
 */
function tunnel(proxy, host, port, options = {}) {
    const { signal, timeoutMs = 60_000 } = options;
    const target = `${external_node_net_.isIPv6(host) ? `[${host}]` : host}:${port}`;
    return new Promise((resolve, reject) => {
        signal?.throwIfAborted();
        const socket = external_node_net_.connect({ host: proxy.host, port: proxy.port, noDelay: true });
        let answer = Buffer.alloc(0);
        const onAbort = () => fail(signal.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        const fail = (error) => {
            signal?.removeEventListener('abort', onAbort);
            socket.on('error', () => undefined).destroy();
            reject(error);
        };
        socket.setTimeout(timeoutMs, () => fail(new StallError(`proxy ${proxy.shown} did not answer CONNECT ${target} within ${timeoutMs / 1000} s`)));
        socket.once('error', (error) => fail(Object.assign(new Error(`proxy ${proxy.shown}: ${error.message}`), {
            cause: error,
            code: error.code,
        })));
        socket.once('end', () => fail(Object.assign(new Error(`proxy ${proxy.shown} closed the connection to ${target}`), {
            code: 'ECONNRESET',
        })));
        socket.on('data', (chunk) => {
            answer = Buffer.concat([answer, chunk]);
            const end = answer.indexOf('\r\n\r\n');
            if (end < 0) {
                if (answer.length > 16 << 10)
                    fail(new Error(`proxy ${proxy.shown} sent a bad answer`));
                return;
            }
            const status = /^HTTP\/1\.[01] (\d{3})([^\r\n]*)/.exec(answer.toString('latin1', 0, end));
            if (status?.[1] !== '200') {
                fail(new Error(`proxy ${proxy.shown} refused to connect to ${target}: ${status ? `${status[1]}${status[2]}` : 'not an HTTP answer'}`));
                return;
            }
            if (end + 4 < answer.length) {
                fail(new Error(`proxy ${proxy.shown} sent bytes before the tunnel was open`));
                return;
            }
            signal?.removeEventListener('abort', onAbort);
            socket.removeAllListeners('data').removeAllListeners('error').removeAllListeners('end');
            socket.removeAllListeners('timeout').setTimeout(0);
            // Until its user listens: an error in between must not crash the process.
            socket.on('error', () => undefined);
            resolve(socket);
        });
        socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n` +
            (proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '') +
            '\r\n');
    });
}

;// CONCATENATED MODULE: ./src/oci/http/connection-pool.ts
// Kept-alive connections per origin: the many small requests of a push (HEAD, PUT manifest)
// reuse connections rather than open one each.



/** At most this many connections to one origin at a time; more requests wait for one. */
const MAX_PER_ORIGIN = 16;
/** An idle connection is closed after this long unused: servers drop theirs too. */
const IDLE_CLOSE_MS = 15_000;
// TLS is loaded for the first HTTPS connection only: a push to a registry on loopback or a LAN
// over plain HTTP does not pay for loading it.
let tls;
const noop = () => undefined;
class ConnectionPool {
    origins = new Map();
    // Which sockets go to a forwarding proxy, so that a reused one keeps saying so.
    forwards = new WeakMap();
    /**
     * A connection to `url`'s origin: an idle one, a new one, or the next one to come free.
     * `timeoutMs` bounds a proxy's answer to CONNECT.
     */
    async acquire(url, signal, timeoutMs = 60_000) {
        const key = url.origin;
        let origin = this.origins.get(key);
        if (!origin)
            this.origins.set(key, (origin = { idle: [], open: 0, waiting: [] }));
        for (;;) {
            if (signal?.aborted) {
                origin.waiting.shift()?.(); // a turn this waiter was given goes to the next one
                signal.throwIfAborted();
            }
            const socket = origin.idle.pop();
            if (socket) {
                if (socket.destroyed || socket.readyState !== 'open') {
                    socket.destroy(); // closing as we looked: its 'close' frees its place
                    continue;
                }
                socket.removeAllListeners('timeout').removeAllListeners('data');
                socket.off('error', noop).off('end', socket.destroy);
                socket.setTimeout(0);
                socket.ref();
                const forward = this.forwards.get(socket);
                return { socket, origin: key, reused: true, ...(forward ? { forward } : {}) };
            }
            if (origin.open < MAX_PER_ORIGIN) {
                origin.open += 1;
                try {
                    const { socket: fresh, forward } = await connect(url, signal, timeoutMs);
                    fresh.once('close', () => this.closed(key));
                    if (forward)
                        this.forwards.set(fresh, forward);
                    return { socket: fresh, origin: key, reused: false, ...(forward ? { forward } : {}) };
                }
                catch (error) {
                    this.closed(key);
                    throw error;
                }
            }
            await waitTurn(origin, signal);
        }
    }
    /**
     * Hands a connection back: kept for the next request when `reusable`, closed otherwise. A
     * kept connection holds no reference on the event loop, so it never keeps a process alive.
     */
    release(connection, reusable, serverIdleMs) {
        const { socket } = connection;
        const origin = this.origins.get(connection.origin);
        if (!reusable || socket.destroyed || serverIdleMs === 0) {
            socket.on('error', noop).destroy();
            return;
        }
        // While idle: the server closing it, or sending what no request asked for, ends it.
        socket.on('error', noop).on('end', socket.destroy);
        socket.on('data', () => socket.destroy());
        // Closed before the server's own limit would close it under a request.
        socket.setTimeout(Math.min(IDLE_CLOSE_MS, serverIdleMs ?? IDLE_CLOSE_MS), () => socket.destroy());
        socket.resume(); // a body read under backpressure may have left it paused
        socket.unref();
        origin.idle.push(socket);
        origin.waiting.shift()?.();
    }
    closed(key) {
        const origin = this.origins.get(key);
        origin.open -= 1;
        origin.idle = origin.idle.filter((socket) => !socket.destroyed);
        origin.waiting.shift()?.();
    }
}
function waitTurn(origin, signal) {
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            origin.waiting = origin.waiting.filter((waiter) => waiter !== turn);
            reject(signal.reason);
        };
        const turn = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        };
        origin.waiting.push(turn);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/**
 * Opens a TCP (or TLS) connection, through the proxy the environment names (see proxyFor): a
 * CONNECT tunnel for HTTPS, and for plain HTTP a connection to the proxy, which forwards each
 * request (as Go's clients do; many proxies allow CONNECT to port 443 only). A direct one is
 * returned at once, still connecting: what is written meanwhile goes out when it is up, and a
 * failure to connect comes as its 'error'.
 */
async function connect(url, signal, timeoutMs) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new TypeError(`unsupported protocol ${url.protocol}`);
    const { host, port } = endpointOf(url);
    const proxy = proxyFor(url);
    if (url.protocol === 'http:') {
        if (!proxy)
            return { socket: external_node_net_.connect({ host, port, noDelay: true }) };
        const socket = external_node_net_.connect({ host: proxy.host, port: proxy.port, noDelay: true });
        return {
            socket,
            forward: proxy.authorization ? { authorization: proxy.authorization } : {},
        };
    }
    const tunnelled = proxy ? await tunnel(proxy, host, port, { signal, timeoutMs }) : undefined;
    try {
        const { connect: connectTls } = await (tls ??= Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1692, 23)));
        const socket = connectTls({
            ...(tunnelled ? { socket: tunnelled, host } : { host, port }),
            // SNI names a host, never an address.
            ...(external_node_net_.isIP(host) ? {} : { servername: host }),
            ALPNProtocols: ['http/1.1'],
        }).setNoDelay(true);
        return { socket };
    }
    catch (error) {
        tunnelled?.destroy();
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/oci/http/transport.ts




const pool = new ConnectionPool();
/**
 * One HTTP exchange: resolves once the response's head is in, with its body to read. No
 * redirects and no retries of answers: the registry client decides those. The one retry here is
 * of a bodiless GET or HEAD on a kept-alive connection that the server had closed before it got
 * the request, the way browsers and Go's client do.
 */
async function send(request) {
    const url = new URL(request.url);
    const headers = headersOf(request, url);
    const replayable = request.body === undefined && (request.method === 'GET' || request.method === 'HEAD');
    for (;;) {
        const connection = await pool.acquire(url, request.signal, request.idleTimeoutMs);
        const head = headFor(request.method, url, headers, connection.forward);
        const progress = { responseBytes: 0 };
        try {
            return await exchange(connection, head, request, progress);
        }
        catch (error) {
            if (!(replayable && connection.reused && progress.responseBytes === 0 && isDrop(error)))
                throw error;
        }
    }
}
/** The request line names the path, or the whole URL for a forwarding proxy (RFC 9112 3.2.2). */
function headFor(method, url, headers, forward) {
    if (!forward)
        return requestHead(method, url.pathname + url.search, headers);
    const target = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
    return requestHead(method, target, {
        ...headers,
        ...(forward.authorization ? { 'proxy-authorization': forward.authorization } : {}),
    });
}
/** The connection was reset or closed under the request. */
function isDrop(error) {
    const code = error.code;
    return code === 'ECONNRESET' || code === 'EPIPE';
}
/** Headers framing and routing the message are the transport's own; callers set the rest. */
const RESERVED_HEADERS = new Set([
    'host',
    'content-length',
    'transfer-encoding',
    'connection',
    'proxy-authorization',
]);
function headersOf(request, url) {
    const headers = { host: url.host, 'user-agent': 'hypernix' };
    for (const [name, value] of Object.entries(request.headers ?? {})) {
        const key = name.toLowerCase();
        if (RESERVED_HEADERS.has(key))
            throw new TypeError(`header ${name} is set by the transport`);
        headers[key] = value;
    }
    const body = request.body;
    if (body !== undefined)
        headers['content-length'] = String(body.length);
    else if (!['GET', 'HEAD', 'DELETE'].includes(request.method))
        headers['content-length'] = '0';
    return headers;
}
/** How long a response that came before its request was all written waits for that write. */
const LATE_WRITE_GRACE_MS = 50;
const transport_noop = () => undefined;
/** Writes the request on `connection` and reads its response; the connection goes back to the pool after. */
function exchange(connection, head, request, progress) {
    const { signal } = request;
    if (signal?.aborted) {
        pool.release(connection, true); // untouched: fit for the next request
        return Promise.reject(abortError(signal));
    }
    return new Promise((resolve, reject) => {
        new Exchange(connection, request, progress, resolve, reject).start(head);
    });
}
/**
 * One exchange under way: its socket's events move it on, until the response is all read (the
 * connection goes back to the pool) or it fails (the connection is closed). The handlers are
 * made once per exchange; a chunk in either direction allocates nothing here.
 */
class Exchange {
    connection;
    request;
    progress;
    resolve;
    reject;
    socket;
    idle;
    source;
    parser;
    body;
    settled = false;
    /** Settles once every byte of the request has been taken by the socket, or could not be. */
    written = Promise.resolve(false);
    constructor(connection, request, progress, resolve, reject) {
        this.connection = connection;
        this.request = request;
        this.progress = progress;
        this.resolve = resolve;
        this.reject = reject;
        this.socket = connection.socket;
        this.idle = request.idleTimeoutMs ?? 60_000;
        this.source =
            request.body === undefined || Buffer.isBuffer(request.body)
                ? undefined
                : request.body.stream();
        this.parser = new ResponseParser(request.method, {
            head: (responseHead) => {
                this.body = new ResponseBody(this.socket, () => {
                    if (!this.parser.complete)
                        this.finish(new Error('response body abandoned'));
                });
                this.resolve(responseOf(request.url, responseHead, this.body));
            },
            body: (chunk) => {
                if (!this.body.push(chunk))
                    this.socket.pause();
            },
            end: () => {
                this.body?.push(null);
                this.finish();
            },
        });
    }
    /** Listens to the socket and writes the request on it. */
    start(head) {
        const { socket, request } = this;
        socket.on('data', this.onData).on('end', this.onEnd).on('error', this.fail);
        socket.on('close', this.onClose);
        socket.setTimeout(this.idle, this.onTimeout);
        request.signal?.addEventListener('abort', this.onAbort, { once: true });
        if (socket.isPaused())
            socket.resume();
        this.written = writeRequest(socket, head, request.body, this.source).then(() => true, (error) => {
            // A response may have come first (a registry refusing a body stops reading it).
            if (!this.parser.complete)
                this.fail(error);
            return false;
        });
    }
    finish(error) {
        if (this.settled)
            return;
        this.settled = true;
        const { socket } = this;
        socket.off('data', this.onData).off('end', this.onEnd).off('close', this.onClose);
        socket.off('error', this.fail).off('timeout', this.onTimeout);
        this.request.signal?.removeEventListener('abort', this.onAbort);
        if (error) {
            // The socket may still report its own failure after this: nobody else listens.
            socket.on('error', transport_noop).destroy();
            this.source?.destroy?.();
            if (this.body)
                this.body.destroy(error);
            else
                this.reject(error);
            return;
        }
        // The rest of the request may still fail to go out: that is for releaseAfterWrite.
        socket.on('error', transport_noop);
        const { connection, written, parser } = this;
        void releaseAfterWrite(connection, written, parser.reusable, keepAliveMsOf(parser));
    }
    fail = (error) => this.finish(error);
    onData = (chunk) => {
        this.progress.responseBytes += chunk.length;
        try {
            this.parser.feed(chunk);
        }
        catch (error) {
            this.fail(error);
        }
    };
    onEnd = () => {
        try {
            this.parser.finish();
        }
        catch (error) {
            this.fail(error);
        }
    };
    onClose = () => {
        if (!this.parser.complete)
            this.onEnd();
    };
    onTimeout = () => this.fail(new StallError(`no progress for ${this.idle / 1000} s on ${this.request.method} ${new URL(this.request.url).pathname}`));
    onAbort = () => this.fail(abortError(this.request.signal));
}
/**
 * Hands the connection back once the request is known to be all written. A response can come
 * before that (a registry refusing a body it did not read): the connection is kept only if the
 * rest of the request then goes out at once, as Go's client decides; otherwise the server might
 * read the rest of the body as the next request.
 */
async function releaseAfterWrite(connection, written, reusable, keepAliveMs) {
    let timer;
    const late = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), LATE_WRITE_GRACE_MS);
        timer.unref();
    });
    const sent = await Promise.race([written, late]);
    clearTimeout(timer);
    connection.socket.off('error', transport_noop);
    pool.release(connection, reusable && sent && connection.socket.writableLength === 0, keepAliveMs);
}
/** The server's own idle limit (`Keep-Alive: timeout=N`), less a second, in milliseconds. */
function keepAliveMsOf(parser) {
    const seconds = /\btimeout=(\d+)/i.exec(parser.keepAliveHeader ?? '')?.[1];
    return seconds === undefined ? undefined : Math.max(0, Number(seconds) - 1) * 1000;
}
/** The head and body, each chunk handed to the socket, and taken, before the next is asked for. */
async function writeRequest(socket, head, body, source) {
    if (body === undefined || Buffer.isBuffer(body)) {
        // One write, one packet: head and bytes together.
        await write(socket, body ? Buffer.concat([head, body]) : head);
        return;
    }
    let remaining = body.length;
    const headWritten = write(socket, head);
    headWritten.catch(() => undefined); // awaited below; a closed socket fails the next write too
    for await (const chunk of source) {
        remaining -= chunk.length;
        if (remaining < 0)
            break;
        // Handed over, and taken, before the next chunk is asked for: the producer may refill it.
        await write(socket, chunk);
    }
    await headWritten;
    if (remaining !== 0)
        throw new Error(`request body did not match the ${body.length} bytes announced`);
}
function write(socket, chunk) {
    return new Promise((resolve, reject) => {
        if (socket.destroyed) {
            reject(new Error('the connection closed while the request was being sent'));
            return;
        }
        const onClose = () => reject(new Error('the connection closed while the request was being sent'));
        socket.once('close', onClose);
        socket.write(chunk, (error) => {
            socket.off('close', onClose);
            if (error)
                reject(error);
            else
                resolve();
        });
    });
}
function abortError(signal) {
    return signal.reason instanceof Error
        ? signal.reason
        : Object.assign(new Error('the request was abandoned'), { name: 'AbortError' });
}
/** A response body read from the socket, pausing it while the reader is behind. */
class ResponseBody extends external_node_stream_.Readable {
    socket;
    onDestroy;
    constructor(socket, onDestroy) {
        super();
        this.socket = socket;
        this.onDestroy = onDestroy;
        // A body nobody reads (yet) must not crash the process when its connection fails: readers
        // still get the error from reading, or from `errored`.
        this.on('error', transport_noop);
    }
    _read() {
        if (this.socket.isPaused())
            this.socket.resume();
    }
    _destroy(error, callback) {
        this.onDestroy();
        callback(error);
    }
}
function responseOf(url, head, body) {
    return {
        status: head.status,
        statusText: head.statusText,
        url,
        headers: { get: (name) => head.headers.get(name.toLowerCase()) ?? null },
        body,
        text: async () => (await readAll(body, 16 << 20)).toString('utf8'),
        buffer: (limit = 64 << 20) => readAll(body, limit),
        json: async () => JSON.parse((await readAll(body, 16 << 20)).toString('utf8')),
        discard: async () => {
            body.resume();
            await new Promise((done) => {
                if (body.readableEnded || body.destroyed)
                    done();
                else
                    body
                        .once('end', done)
                        .once('close', done)
                        .once('error', () => done());
            });
        },
    };
}
async function readAll(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) {
            body.destroy();
            throw new Error(`response body larger than ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: ./src/oci/blob/digest.ts
var blob_digest = __webpack_require__(6909);
;// CONCATENATED MODULE: ./src/oci/registry/registry-client.ts








const MAX_REDIRECTS = 5;
/** The scope a repository operation needs, as the token spec writes it. */
const scopeFor = (repository, actions) => `repository:${repository}:${actions}`;
/**
 * A client of one registry following the OCI distribution spec: auth (anonymous, Basic, Bearer
 * per scope), retries with backoff on 408/429/5xx and dropped connections (honouring
 * Retry-After), redirects for blob reads, and typed errors that name the registry.
 */
class RegistryClient {
    registry;
    baseUrl;
    auth;
    retry;
    idleTimeoutMs;
    deadline;
    reporter;
    hasCredentials;
    /** Whether the registry has answered anything yet: a refused first contact is not retried. */
    answered = false;
    /** Retry reasons already shown: parallel requests failing alike print one warning. */
    shownRetries = new Set();
    constructor(options) {
        this.registry = options.registry;
        this.baseUrl = `${options.plainHttp ? 'http' : 'https'}://${options.registry}`;
        this.auth = new RegistryAuth(options.registry, options.credentials, async (request) => {
            const limit = this.deadlineFor(request.method, request.url, {});
            const response = await send({
                ...request,
                idleTimeoutMs: this.idleTimeoutMs,
                signal: limit.signal,
            }).catch((error) => {
                limit.clear();
                throw error;
            });
            response.body.once('close', limit.clear);
            return response;
        }, options.reporter, new URL(this.baseUrl).origin);
        this.retry = options.retry ?? retry_policy/* DEFAULT_RETRY */.vI;
        this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
        this.deadline = options.deadline ?? deadline/* DEFAULT_DEADLINE */.Du;
        this.reporter = options.reporter;
        this.hasCredentials = options.credentials !== undefined;
    }
    url(path) {
        return path.startsWith('http://') || path.startsWith('https://')
            ? path
            : `${this.baseUrl}${path}`;
    }
    /**
     * One request with auth and, unless told otherwise, retries. Resolves with a response whose
     * status is one of `expect`; anything else becomes a RegistryError naming the registry.
     */
    async exchange(method, path, options) {
        const attempt = async () => {
            const limit = this.deadlineFor(method, path, options);
            const signal = options.signal
                ? AbortSignal.any([options.signal, limit.signal])
                : limit.signal;
            try {
                const response = await this.hops(method, path, options, signal);
                this.answered = true;
                // The deadline covers reading the body too, and ends with it.
                response.body.once('close', limit.clear);
                return response;
            }
            catch (error) {
                limit.clear();
                throw error;
            }
        };
        if (options.retry === false)
            return attempt().catch((error) => {
                throw this.failure(error, method, path, 1);
            });
        return (0,retry_policy/* withRetries */.LH)(attempt, {
            policy: this.retry,
            // A registry that never answered and refuses the connection is not there (yet): six tries
            // would only delay the one line that matters.
            worthRetrying: (error) => this.answered || !isUnreachable(error),
            onRetry: (why, delay, count) => this.showRetry(why, delay, count),
            onGiveUp: (error, tries) => this.failure(error, method, path, tries),
        });
    }
    showRetry(why, delayMs, attempt) {
        const line = `${this.registry}: ${why}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.retry.attempts})`;
        if (this.shownRetries.has(why))
            this.reporter?.debug(line);
        else {
            this.shownRetries.add(why);
            this.reporter?.warning(line);
        }
    }
    /** A failure as one line naming the registry, the request and how many tries were made. */
    failure(error, method, path, tries) {
        return requestFailure(this.registry, error, method, path, tries);
    }
    /** One request, after the 401 of an auth challenge and the redirects of reads. */
    async hops(method, path, options, signal) {
        let url = this.url(path);
        for (let hop = 0, authTries = 0;;) {
            const authorization = sameOrigin(url, this.baseUrl)
                ? await this.auth.header(options.scope)
                : undefined;
            if (authorization?.startsWith('Basic ') && !mayCarryCredentials(new URL(url)))
                throw new errors/* RegistryAuthError */.w4(`refusing to send the credentials for ${this.registry} over plain HTTP; use HTTPS or a loopback registry`);
            const response = await send({
                method,
                url,
                headers: {
                    ...options.headers,
                    ...(authorization ? { [media_types/* HEADER */.El.authorization]: authorization } : {}),
                },
                body: options.body,
                idleTimeoutMs: this.idleTimeoutMs,
                signal,
            });
            if (options.expect.includes(response.status))
                return response;
            if (response.status === 401 && authTries === 0) {
                authTries += 1;
                // The refusal's body waits meanwhile (it is read for the message if no retry comes).
                const retryWith = await this.auth
                    .retryAuthorization(response, options.scope, authorization)
                    .catch(async (error) => {
                    await response.discard();
                    throw error;
                });
                if (retryWith !== undefined) {
                    await response.discard();
                    continue;
                }
            }
            const location = response.headers.get(media_types/* HEADER */.El.location);
            if ([301, 302, 303, 307, 308].includes(response.status) &&
                location &&
                (method === 'GET' || method === 'HEAD')) {
                if ((hop += 1) > MAX_REDIRECTS)
                    throw new errors/* RegistryError */.gl(`${this.registry}: too many redirects for ${method} ${path}`);
                await response.discard();
                url = new URL(location, url).toString();
                continue;
            }
            return this.fail(method, url, options.scope, response);
        }
    }
    /** A signal that fires at the deadline of a request (see deadlineSignal). */
    deadlineFor(method, path, options) {
        const bytes = options.transferBytes ?? options.body?.length ?? 0;
        return (0,deadline/* deadlineSignal */.R)(this.registry, { method, url: this.url(path) }, bytes, this.deadline);
    }
    fail(method, url, scope, response) {
        return responseFailure(this.registry, this.hasCredentials, method, url, scope, response);
    }
    /** GET /v2/: is this a registry at all, and can we reach it? */
    async ping(scope) {
        let response;
        try {
            response = await this.exchange('GET', '/v2/', { scope, expect: [200] });
        }
        catch (error) {
            if (error instanceof errors/* RegistryError */.gl && error.status === 404) {
                throw new errors/* RegistryError */.gl(`${this.baseUrl} is not an OCI registry (GET /v2/ answered 404)`, 404, { cause: error });
            }
            if (error instanceof errors/* RegistryError */.gl)
                throw error;
            throw new errors/* RegistryError */.gl(`cannot reach registry ${this.baseUrl}: ${describeNetworkError(error)}`, undefined, { cause: error });
        }
        const type = response.headers.get(media_types/* HEADER */.El.contentType) ?? '';
        const apiVersion = response.headers.get(media_types/* HEADER */.El.apiVersion);
        await response.discard();
        if (!apiVersion && !type.includes('json')) {
            throw new errors/* RegistryError */.gl(`${this.baseUrl} is not an OCI registry (GET /v2/ answered 200 with ${type || 'no content type'} and no Docker-Distribution-API-Version)`);
        }
    }
    /** HEAD a blob: its size when the repository has it, undefined when not. */
    async blobSize(repository, digest, scope = scopeFor(repository, 'pull')) {
        const response = await this.exchange('HEAD', `/v2/${repository}/blobs/${digest}`, {
            scope,
            expect: [200, 404],
        });
        await response.discard();
        if (response.status === 404)
            return undefined;
        return Number(response.headers.get(media_types/* HEADER */.El.contentLength) ?? 0);
    }
    /** Reads a manifest by tag or digest; undefined when there is none. Verifies a digest reference. */
    async getManifest(repository, reference, scope = scopeFor(repository, 'pull')) {
        const response = await this.exchange('GET', `/v2/${repository}/manifests/${reference}`, {
            scope,
            headers: { accept: media_types/* MANIFEST_ACCEPT */.dY },
            expect: [200, 404],
        });
        if (response.status === 404) {
            await response.discard();
            return undefined;
        }
        const bytes = await response.buffer(4 << 20);
        const digest = (0,blob_digest/* sha256Digest */.sI)(bytes);
        if (reference.startsWith('sha256:') && reference !== digest) {
            throw new errors/* RegistryError */.gl(`registry ${this.registry} sent manifest ${digest} for ${repository}@${reference}`);
        }
        const mediaType = (response.headers.get(media_types/* HEADER */.El.contentType) ?? '').split(';')[0]?.trim() || mediaTypeOf(bytes);
        return { mediaType, digest, bytes };
    }
    /**
     * PUTs a manifest under a tag or digest and checks the digest the registry computed against
     * `digest` (the caller's, when it has hashed these bytes already).
     */
    async putManifest(repository, reference, bytes, mediaType, digest = (0,blob_digest/* sha256Digest */.sI)(bytes)) {
        const response = await this.exchange('PUT', `/v2/${repository}/manifests/${reference}`, {
            scope: scopeFor(repository, 'pull,push'),
            headers: { [media_types/* HEADER */.El.contentType]: mediaType },
            body: bytes,
            expect: [201, 200],
        });
        const told = response.headers.get(media_types/* HEADER */.El.dockerContentDigest);
        await response.discard();
        if (told && told !== digest) {
            throw new errors/* RegistryError */.gl(`registry ${this.registry} stored manifest ${repository}:${reference} as ${told}, not ${digest}`);
        }
        return digest;
    }
    /** The repository's tags (one page of up to 1000); none when the repository does not exist. */
    async listTags(repository) {
        const response = await this.exchange('GET', `/v2/${repository}/tags/list?n=1000`, {
            scope: scopeFor(repository, 'pull'),
            expect: [200, 404],
        });
        if (response.status === 404) {
            await response.discard();
            return [];
        }
        const body = await response.json();
        return body.tags ?? [];
    }
    /** Reads a small blob (a config) whole and checks its digest. */
    async getBlob(repository, digest, limit = 16 << 20) {
        const response = await this.exchange('GET', `/v2/${repository}/blobs/${digest}`, {
            scope: scopeFor(repository, 'pull'),
            expect: [200],
            transferBytes: limit,
        });
        const bytes = await response.buffer(limit);
        if ((0,blob_digest/* sha256Digest */.sI)(bytes) !== digest)
            throw new errors/* RegistryError */.gl(`registry ${this.registry} sent blob ${digest} with other content`);
        return bytes;
    }
    /**
     * Starts a blob download, from byte `start` on when resuming (206 expected then). `size`, the
     * blob's declared size, sets the deadline of the download.
     */
    async openBlob(repository, digest, start = 0, size) {
        return this.exchange('GET', `/v2/${repository}/blobs/${digest}`, {
            scope: scopeFor(repository, 'pull'),
            transferBytes: size === undefined ? undefined : size - start,
            headers: start > 0 ? { [media_types/* HEADER */.El.range]: `bytes=${start}-` } : {},
            expect: start > 0 ? [206, 200] : [200],
        });
    }
}
function sameOrigin(a, b) {
    return new URL(a).origin === new URL(b).origin;
}
function mediaTypeOf(bytes) {
    try {
        return JSON.parse(bytes.toString('utf8')).mediaType ?? '';
    }
    catch {
        return '';
    }
}


/***/ }),

/***/ 6294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ isRetryableError),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   Xg: () => (/* binding */ describeResponse),
/* harmony export */   cn: () => (/* binding */ IncompleteTransferError),
/* harmony export */   eV: () => (/* binding */ describeRetry),
/* harmony export */   q6: () => (/* binding */ RetryableResponseError),
/* harmony export */   sT: () => (/* binding */ retryAfterOf),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony exports retryAfterMs, backoffMs */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9217);


const DEFAULT_RETRY = {
    attempts: 6,
    baseDelayMs: 250,
    maxDelayMs: 8_000,
    maxRetryAfterMs: 60_000,
};
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ENETUNREACH',
    'EAI_AGAIN',
]);
function isRetryableStatus(status) {
    return RETRYABLE_STATUS.has(status);
}
/** A dropped or reset connection, a stalled transfer: worth another try. */
function isRetryableError(error) {
    for (let current = error; current;) {
        if (current.code && RETRYABLE_CODES.has(current.code))
            return true;
        if (['TimeoutError', 'StallError', 'IncompleteTransferError'].includes(current.name ?? ''))
            return true;
        current = current.cause;
    }
    return false;
}
/** Retry-After as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
function retryAfterMs(header, now = Date.now()) {
    if (!header)
        return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0)
        return seconds * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** Exponential backoff with full jitter, so many runners retrying do not retry together. */
function backoffMs(attempt, policy, random = Math.random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.round(random() * ceiling);
}
/** A transfer that ended before all its bytes arrived: resumable. */
class IncompleteTransferError extends Error {
    name = 'IncompleteTransferError';
}
class RetryableResponseError extends Error {
    status;
    retryAfter;
    description;
    name = 'RetryableResponseError';
    constructor(status, retryAfter, description) {
        super(description);
        this.status = status;
        this.retryAfter = retryAfter;
        this.description = description;
    }
}
/**
 * Runs `operation` until it succeeds, retrying network failures and RetryableResponseError with
 * backoff (honouring Retry-After). Other errors pass straight through.
 */
async function withRetries(operation, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY;
    for (let attempt = 0;; attempt += 1) {
        try {
            return await operation({ attempt });
        }
        catch (error) {
            const retryable = (error instanceof RetryableResponseError || isRetryableError(error)) &&
                (options.worthRetrying?.(error) ?? true);
            const giveUp = () => (options.onGiveUp ? options.onGiveUp(error, attempt + 1) : error);
            if (!retryable || attempt + 1 >= policy.attempts)
                throw giveUp();
            const told = error instanceof RetryableResponseError ? error.retryAfter : undefined;
            if (told !== undefined && told > policy.maxRetryAfterMs)
                throw giveUp();
            const delay = told ?? backoffMs(attempt, policy);
            options.onRetry?.(describeRetry(error), delay, attempt + 1);
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(delay);
        }
    }
}
function describeRetry(error) {
    if (error instanceof RetryableResponseError)
        return error.description;
    const code = error.cause?.code ?? error.code;
    return code ?? error.message ?? String(error);
}
/** Headers for a response-less summary: status and a header or two, for messages. */
function describeResponse(method, url, response) {
    const path = new URL(url).pathname;
    return `${method} ${path} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}
function retryAfterOf(response) {
    return retryAfterMs(response.headers.get(_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .HEADER */ .El.retryAfter));
}


/***/ }),

/***/ 4242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ connectRegistry)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/oci/registry/reference.ts
var reference = __webpack_require__(6812);
;// CONCATENATED MODULE: ./src/oci/registry/credentials.ts





/** The keys docker login writes for a registry: its host, and Docker Hub's historical URL. */
function configKeys(registry) {
    if (registry === reference/* DOCKER_HUB */.Xb)
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', reference/* DOCKER_HUB */.Xb];
    return [registry, `https://${registry}`, `http://${registry}`];
}
/**
 * Credentials for a registry from a docker config.json ($DOCKER_CONFIG/config.json or
 * ~/.docker/config.json), as `docker login` writes them. Credential helpers are programs we do
 * not run; the result says so, so the caller can tell the user.
 */
async function credentialsFromDockerConfig(registry, env = process.env) {
    const path = (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker'), 'config.json');
    let text;
    try {
        // Read synchronously: a few bytes, before the push's first request, where a thread-pool
        // round trip would wait for the busy main thread.
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        const { code, message } = error;
        if (code === 'ENOENT')
            return { path };
        throw new errors/* InputError */.dz(`docker config ${path}: cannot be read (${code ?? message})`, {
            cause: error,
        });
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch (error) {
        throw new errors/* InputError */.dz(`docker config ${path}: not valid JSON`, { cause: error });
    }
    for (const key of configKeys(registry)) {
        const entry = config.auths?.[key];
        if (!entry)
            continue;
        if (entry.username && entry.password)
            return { credentials: { username: entry.username, password: entry.password }, path };
        if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0) {
                return {
                    credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) },
                    path,
                };
            }
        }
    }
    const helper = config.credHelpers?.[registry] ?? config.credsStore;
    return { helper, path };
}

// EXTERNAL MODULE: ./src/oci/registry/deadline.ts
var deadline = __webpack_require__(7693);
// EXTERNAL MODULE: ./src/oci/registry/registry-client.ts + 6 modules
var registry_client = __webpack_require__(5211);
;// CONCATENATED MODULE: ./src/publish/registry-login.ts




const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;
/**
 * A client for a registry with the credentials to use: the given ones, else docker login's
 * config.json, else (ghcr.io only) the job's GITHUB_TOKEN, else anonymous. Secrets are masked
 * before anything can print them, and never sent over plain HTTP beyond loopback.
 */
async function connectRegistry(options, reporter) {
    let credentials;
    if (options.username && options.password) {
        credentials = { username: options.username, password: options.password };
    }
    else {
        const fromConfig = await credentialsFromDockerConfig(options.registry);
        if (fromConfig.credentials) {
            credentials = fromConfig.credentials;
            reporter.info(`Using the credentials for ${options.registry} in ${fromConfig.path}`);
        }
        else if (fromConfig.helper) {
            reporter.warning(`${fromConfig.path} keeps the credentials for ${options.registry} in the credential helper "${fromConfig.helper}", which hypernix does not run; pass registry-username and registry-password`);
        }
        else if (options.registry === 'ghcr.io' && options.github?.token) {
            credentials = {
                username: options.github.actor || 'github-actions',
                password: options.github.token,
            };
            reporter.info('Using the job token (GITHUB_TOKEN) for ghcr.io');
        }
    }
    if (credentials)
        reporter.mask(credentials.password);
    if (credentials && options.plainHttp && !LOOPBACK.test(options.registry)) {
        throw new errors/* InputError */.dz(`refusing to send credentials for ${options.registry} over plain HTTP; use HTTPS or a loopback registry`);
    }
    return new registry_client/* RegistryClient */.b({
        registry: options.registry,
        credentials,
        plainHttp: options.plainHttp,
        deadline: (0,deadline/* transferDeadlineFromEnv */.Zs)(process.env),
        reporter,
    });
}


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


/***/ })

};
