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
/* harmony import */ var _registry_options_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3724);
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
