export const id = 367;
export const ids = [367];
export const modules = {

/***/ 9367:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  endProcess: () => (/* reexport */ endProcess),
  installLastResort: () => (/* reexport */ installLastResort),
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: MAIN_HELP

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/cli/version.ts



/**
 * The kit's version, read from its package.json (found upwards from this module, so it works from
 * dist/cli/index.js and from src/ alike): one place to change it, the release script's.
 */
function kitVersion(moduleUrl = import.meta.url) {
    let dir = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(moduleUrl));
    for (;;) {
        const file = (0,external_node_path_.join)(dir, 'package.json');
        if ((0,external_node_fs_.existsSync)(file)) {
            try {
                const manifest = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
                if (manifest.name === 'hypernix' && typeof manifest.version === 'string')
                    return manifest.version;
            }
            catch {
                // not ours or not JSON: keep looking upwards
            }
        }
        const parent = (0,external_node_path_.dirname)(dir);
        if (parent === dir)
            return 'unknown';
        dir = parent;
    }
}

;// CONCATENATED MODULE: ./src/util/last-resort.ts

// A failure nobody awaited (an unhandled rejection) or nobody caught must still end a run the
// way every other failure does: one line, no stack trace. Node's default prints the stack.
let installed = false;
let claimed = false;
/**
 * Whether the caller is the first to report the failure of this run. The entry point and the
 * last-resort handler both ask, so a run never ends with two error lines.
 */
function claimFailureLine() {
    if (!installed)
        return true; // a library caller (a test) reports every failure
    if (claimed)
        return false;
    claimed = true;
    return true;
}
/**
 * Installs handlers that turn an unhandled rejection or uncaught exception into `report`'s one
 * line, then `end` the process. A failure after the run's own error line only ends it.
 */
function installLastResort(report, end) {
    installed = true;
    const handle = (reason) => {
        if (claimFailureLine())
            report((0,errors/* describeError */.Uc)(reason));
        void end();
    };
    process.on('unhandledRejection', handle);
    process.on('uncaughtException', handle);
}

;// CONCATENATED MODULE: ./src/util/end-process.ts
// How the `hypernix` command and the action bundles end their process.
/**
 * Ends the process with `code` once standard output and error are flushed (a runner reads its
 * workflow commands there). Not process.exit(): on Node 24 (24.21 included) that can hang for
 * ever (nodejs/node#54918). It joins V8's worker threads, and a background compile that waits
 * for the main thread to collect garbage then never ends (some cold pushes hung here that way;
 * bench/push/README.md, "The end"). The end of the event loop has a variant of the same
 * deadlock (in DrainTasks). Replacing the process image instead (execve, Node 22.15+) ends
 * every thread at once; a shell exits with the code. It skips Node's own teardown
 * too, which nothing here needs: files are closed by then, and the kernel frees the rest.
 */
async function endProcess(code) {
    const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    const execve = process.execve;
    const status = Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1;
    if (execve && process.platform !== 'win32') {
        try {
            // process.execve announces itself with an ExperimentalWarning on the next tick, which
            // never comes: the process is replaced first.
            execve('/bin/sh', ['sh', '-c', `exit ${status}`], {});
        }
        catch {
            // No /bin/sh, or the call refused: the usual exit, which almost always works.
        }
    }
    process.exit(status);
}

;// CONCATENATED MODULE: ./src/cli/cli.ts






const MAIN_HELP = `hypernix: build NixOS qcow2 and Nix container images the way the hypernix actions do

Usage:
  hypernix build --kind KIND (--file FILE [--attr ATTR] [--arg NAME=EXPR]... [--argstr NAME=VALUE]...
                              | --flake INSTALLABLE) [--json] [-- NIX_ARGS...]
  hypernix push ARCHIVE REF [--tag TAG]... [--plain-http] [--json]
  hypernix artifact push FILE REF [--tag TAG]... | hypernix artifact pull REF FILE
  hypernix cache restore|save (--dir DIR | --gha) --key KEY [PATH...]
  hypernix deploy plan|apply|destroy -f hypernix.yaml [--json]
  hypernix help [COMMAND]
  hypernix --version

Commands:
  build    build an image with Nix and report its out path, qcow2 or archive, and sizes
  push     push a docker archive to a registry, sending only the layers it lacks
  artifact push a qcow2 disk image as an OCI artifact, or pull one back
  cache    save and restore new /nix/store paths in a cache directory or the Actions cache
  deploy   make the VMs of hypernix.yaml on a libvirt hypervisor (plan, apply, destroy)

Run 'hypernix COMMAND --help' for the options of a command.
`;
/**
 * Each command is loaded only when it runs: a push does not pay for loading what a build or an
 * install of Nix needs (start-up is most of the time of a push that has nothing to send).
 */
const COMMANDS = {
    build: async () => (await Promise.all(/* import() */[__webpack_require__.e(311), __webpack_require__.e(722), __webpack_require__.e(765), __webpack_require__.e(794)]).then(__webpack_require__.bind(__webpack_require__, 3626))).buildCommand,
    push: async () => (await Promise.all(/* import() */[__webpack_require__.e(137), __webpack_require__.e(958), __webpack_require__.e(722), __webpack_require__.e(795)]).then(__webpack_require__.bind(__webpack_require__, 2795))).pushCommand,
    artifact: async () => (await Promise.all(/* import() */[__webpack_require__.e(137), __webpack_require__.e(958), __webpack_require__.e(875)]).then(__webpack_require__.bind(__webpack_require__, 8875))).artifactCommand,
    cache: async () => (await Promise.all(/* import() */[__webpack_require__.e(311), __webpack_require__.e(765), __webpack_require__.e(637)]).then(__webpack_require__.bind(__webpack_require__, 4637))).cacheCommand,
    deploy: async () => (await Promise.all(/* import() */[__webpack_require__.e(311), __webpack_require__.e(815), __webpack_require__.e(137), __webpack_require__.e(193)]).then(__webpack_require__.bind(__webpack_require__, 5193))).deployCommand,
};
const unknownCommand = (name) => new usage/* UsageError */.e(`unknown command ${JSON.stringify(name)}; see 'hypernix --help'`);
async function runCommand(name, argv, io) {
    const command = await COMMANDS[name]();
    return command(argv, io);
}
/** Runs the command line; returns the exit code (0 done, 1 failed, 2 bad usage). */
async function runCli(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
    const [command, ...rest] = argv;
    try {
        switch (command) {
            case undefined:
            case '-h':
            case '--help':
            case 'help':
                if (rest[0] !== undefined) {
                    if (!(rest[0] in COMMANDS))
                        throw unknownCommand(rest[0]);
                    return await runCommand(rest[0], ['--help'], io);
                }
                io.stdout.write(MAIN_HELP);
                return 0;
            case '-V':
            case '--version':
                io.stdout.write(`hypernix ${kitVersion()}\n`);
                return 0;
            default:
                if (!(command in COMMANDS))
                    throw unknownCommand(command);
                return await runCommand(command, rest, io);
        }
    }
    catch (error) {
        if (error instanceof errors/* HypernixError */.iD) {
            for (const line of error.details)
                io.stderr.write(`${line}\n`);
        }
        if (claimFailureLine())
            io.stderr.write(`hypernix: ${(0,errors/* describeError */.Uc)(error)}\n`);
        return error instanceof usage/* UsageError */.e || error instanceof errors/* InputError */.dz ? 2 : 1;
    }
}


/***/ }),

/***/ 7485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ parseCommandLine),
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);


/** A command line that cannot be understood; exit code 2. */
class UsageError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .HypernixError */ .iD {
    name = 'UsageError';
}
/** node:util parseArgs, with its errors turned into one line in the kit's own words. */
function parseCommandLine(args, options, command) {
    try {
        return (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args, options, allowPositionals: true, strict: true, tokens: false });
    }
    catch (error) {
        throw new UsageError(`${describeParseError(error)}; see 'hypernix ${command} --help'`, {
            cause: error,
        });
    }
}
/** Node's messages quote options with their value placeholders; users get the option alone. */
function describeParseError(error) {
    const { code, message } = error;
    const option = /'(-{1,2}[^' ]+)/.exec(message ?? '')?.[1] ?? 'an option';
    switch (code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
            return `unknown option ${option}`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            return /argument missing/.test(message ?? '')
                ? `option ${option} needs a value`
                : `option ${option} takes no value`;
        case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
            return 'unexpected argument';
        default:
            return (message ?? String(error)).split('\n')[0] ?? 'cannot read the command line';
    }
}


/***/ }),

/***/ 17:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   iD: () => (/* binding */ HypernixError)
/* harmony export */ });
/**
 * Errors a user can act on. Every domain throws a subclass with a one-line, user-facing message;
 * the entry points print that line and nothing else (no stack trace).
 */
class HypernixError extends Error {
    name = 'HypernixError';
    /** Where in the user's files the problem is, when known: becomes an annotation. */
    location;
    /** Lines that help (a failed builder's last log lines), shown before the one-line message. */
    details = [];
    constructor(message, options) {
        super(message, options);
    }
}
/** A bad input, option or config value. The message names the input and what was expected. */
class InputError extends HypernixError {
    name = 'InputError';
}
/** Turns any thrown value into one line for a user: our own errors as they are, others briefly. */
function describeError(error) {
    if (error instanceof HypernixError)
        return error.message;
    if (error instanceof Error) {
        const code = error.code;
        return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
    }
    if (typeof error === 'string')
        return error;
    try {
        return `unexpected error: ${JSON.stringify(error)}`;
    }
    catch {
        return `unexpected error: ${String(error)}`;
    }
}


/***/ })

};
