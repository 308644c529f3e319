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
/* harmony import */ var _config_push_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3648);
/* harmony import */ var _oci_artifact_push_artifact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3313);
/* harmony import */ var _oci_artifact_pull_artifact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4504);
/* harmony import */ var _oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6812);
/* harmony import */ var _publish_registry_login_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4242);
/* harmony import */ var _report_console_reporter_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3465);
/* harmony import */ var _util_format_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(2693);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(17);
/* harmony import */ var _registry_options_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1356);
/* harmony import */ var _usage_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7485);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_9___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_9__);











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
    ..._registry_options_js__WEBPACK_IMPORTED_MODULE_7__/* .REGISTRY_OPTIONS */ .z,
};
async function artifactCommand(argv, io) {
    const [verb, ...rest] = argv;
    const { values, positionals } = (0,_usage_js__WEBPACK_IMPORTED_MODULE_8__/* .parseCommandLine */ .D)(rest, OPTIONS, 'artifact');
    if (values.help || verb === '--help' || verb === '-h') {
        io.stdout.write(ARTIFACT_HELP);
        return 0;
    }
    if (verb === undefined)
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`give a subcommand, push or pull; see 'hypernix artifact --help'`);
    if (verb !== 'push' && verb !== 'pull')
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`unknown artifact command ${JSON.stringify(verb)}; see 'hypernix artifact --help'`);
    if (positionals.length !== 2) {
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`expected ${verb === 'push' ? 'FILE and REF' : 'REF and FILE'}; see 'hypernix artifact --help'`);
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
    const password = await (0,_registry_options_js__WEBPACK_IMPORTED_MODULE_7__/* .readPassword */ .k)(values['password-stdin'], values.username);
    const reporter = new _report_console_reporter_js__WEBPACK_IMPORTED_MODULE_5__/* .ConsoleReporter */ .l({ verbose: values.verbose, stream: io.stderr });
    const config = (0,_config_push_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePushConfig */ .S5)({
        push: true,
        image: ref,
        tags: values.tag ?? [],
        registryUsername: values.username,
        registryPassword: password,
        compression: values.compression,
        compressionLevel: values['compression-level'],
        plainHttp: values['plain-http'] ?? false,
    }, (0,_config_push_js__WEBPACK_IMPORTED_MODULE_0__/* .pushLabelsFor */ .pM)('cli'), { compression: 'none' });
    const image = config.image ?? (0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .parseReference */ .F2)(ref);
    const client = await (0,_publish_registry_login_js__WEBPACK_IMPORTED_MODULE_4__/* .connectRegistry */ .g)({
        registry: image.registry,
        username: config.registryUsername,
        password: config.registryPassword,
        plainHttp: config.plainHttp,
    }, reporter);
    return { config, image, client, reporter };
}
/** A qcow2 disk image starts with these four bytes (QEMU's header magic). */
const QCOW2_MAGIC = Buffer.from('QFI\xfb', 'latin1');
/** The artifact is a disk image, as the help says: a regular file that really is qcow2. */
async function checkDiskImage(file) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_9__.stat)(file).catch(() => undefined);
    if (!info?.isFile())
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .dz(`argument FILE: ${file} is not a file`);
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_9__.open)(file, 'r');
    try {
        const head = Buffer.alloc(4);
        const { bytesRead } = await handle.read(head, 0, 4, 0);
        if (bytesRead < 4 || !head.equals(QCOW2_MAGIC))
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .dz(`argument FILE: ${file} is not a qcow2 disk image (it does not start with QEMU's QFI\\xfb magic); convert it with qemu-img convert -O qcow2`);
    }
    finally {
        await handle.close();
    }
}
async function artifactPush(file, { config, image, client, reporter }, values, io) {
    const tags = [...new Set([...(image.tag ? [image.tag] : []), ...config.tags])];
    if (tags.length === 0)
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`argument REF: give a tag (${(0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .formatReference */ .FH)(image)}:TAG) or --tag`);
    const result = await (0,_oci_artifact_push_artifact_js__WEBPACK_IMPORTED_MODULE_1__/* .pushArtifact */ .X)(file, {
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
        : `Pushed ${output['qcow2-ref']} (${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(result.size)}, sent ${(0,_util_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(result.pushedBytes)})\n`);
    return 0;
}
async function artifactPull(file, { image, client, reporter }, values, io) {
    const reference = image.digest ?? image.tag;
    if (!reference)
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .e(`argument REF: give a tag or a digest (${(0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .formatReference */ .FH)(image)}:TAG or @sha256:…)`);
    const result = await (0,_oci_artifact_pull_artifact_js__WEBPACK_IMPORTED_MODULE_2__/* .pullArtifact */ .O)(client, image.repository, reference, file, reporter);
    io.stdout.write(values.json
        ? `${JSON.stringify({ path: result.path, digest: result.digest, 'downloaded-bytes': String(result.downloadedBytes) })}\n`
        : `Pulled ${(0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .formatReference */ .FH)(image)} (${result.digest}) into ${result.path}\n`);
    return 0;
}


/***/ }),

/***/ 1356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ readPassword),
/* harmony export */   z: () => (/* binding */ REGISTRY_OPTIONS)
/* harmony export */ });
/* harmony import */ var _usage_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7485);

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
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('--password-stdin needs --username USER');
    const chunks = [];
    let size = 0;
    for await (const chunk of process.stdin) {
        size += chunk.length;
        // A password, not a file: refuse a runaway pipe rather than hold it all.
        if (size > 64 * 1024)
            throw new _usage_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('--password-stdin: standard input is over 64 KiB');
        chunks.push(chunk);
    }
    const password = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
    if (password === '')
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('--password-stdin: standard input was empty');
    return password;
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

/***/ 3648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S5: () => (/* binding */ parsePushConfig),
/* harmony export */   pM: () => (/* binding */ pushLabelsFor)
/* harmony export */ });
/* unused harmony exports PUSH_INPUT_NAMES, PUSH_CLI_OPTIONS, defaultTags */
/* harmony import */ var _oci_blob_compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5031);
/* harmony import */ var _oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6812);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17);
/* harmony import */ var _input_readers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6951);




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
    const text = (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readOptionalString */ .on)(value);
    return text === undefined ? undefined : withoutLabel(() => (0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .parseReference */ .F2)(text, 'x'));
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
            throw new _input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .FieldProblem */ .k4(`a tag cannot hold a line break or control character; got ${JSON.stringify(bad.slice(0, 80))}`);
        }
    }
    const tags = (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readList */ .LD)(value)
        .flatMap((entry) => entry.split(/[\s,]+/))
        .filter(Boolean);
    for (const tag of tags)
        withoutLabel(() => (0,_oci_registry_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .validateTag */ .z7)(tag, 'x'));
    return [...new Set(tags)];
}
/** Runs a reference check whose InputError names a placeholder, as a FieldProblem without it. */
function withoutLabel(check) {
    try {
        return check();
    }
    catch (error) {
        throw new _input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .FieldProblem */ .k4(error.message.replace(/^x: /, ''), { cause: error });
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
            if (!(error instanceof _input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .FieldProblem */ .k4))
                throw error;
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${labels[field]}: ${error.message}`, { cause: error });
        }
    };
    const problem = (field, message) => new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`${labels[field]}: ${message}`);
    // In the order of the inputs: the first problem is the one reported.
    const push = read('push', () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readBoolean */ .Vf)(raw.push, false));
    const image = read('image', () => readReference(raw.image));
    const tags = read('tags', () => readTags(raw.tags));
    const registryUsername = (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readOptionalString */ .on)(raw.registryUsername);
    const registryPassword = raw.registryPassword ? raw.registryPassword : undefined;
    const chosen = read('compression', () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readOptionalEnum */ .O_)(_oci_blob_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .COMPRESSIONS */ ._7, raw.compression));
    const compressionLevel = read('compressionLevel', () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readOptionalInteger */ .N2)(raw.compressionLevel, 0, 22));
    const concurrency = read('concurrency', () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readOptionalInteger */ .N2)(raw.concurrency, 1, 64));
    const mountFrom = read('mountFrom', () => readReference(raw.mountFrom));
    const manifestFormat = read('manifestFormat', () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readOptionalEnum */ .O_)(MANIFEST_FORMATS, raw.manifestFormat));
    const plainHttp = read('plainHttp', () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readBoolean */ .Vf)(raw.plainHttp, false));
    if (push && !image) {
        throw problem('image', 'required when push is true: the repository to push to, e.g. ghcr.io/owner/name');
    }
    if (registryPassword && !registryUsername) {
        throw problem('registryUsername', 'required with a registry password');
    }
    const compression = chosen ?? defaults.compression;
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
        level: compressionLevel ?? _oci_blob_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_LEVEL */ .DY[compression],
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
