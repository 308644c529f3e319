export const id = 765;
export const ids = [765];
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

/***/ 3185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ku: () => (/* binding */ parseWith),
/* harmony export */   SP: () => (/* reexport safe */ _input_readers_js__WEBPACK_IMPORTED_MODULE_1__.SP),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   gX: () => (/* binding */ enumInput),
/* harmony export */   sx: () => (/* binding */ optionalString),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   yM: () => (/* binding */ splitWords)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8532);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2311);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _input_readers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6951);




/** Runs a reader of input-readers.ts inside a zod transform: its problem becomes the issue. */
function reading(ctx, read) {
    try {
        return read();
    }
    catch (error) {
        if (!(error instanceof _input_readers_js__WEBPACK_IMPORTED_MODULE_1__/* .FieldProblem */ .k4))
            throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
    }
}
const booleanInput = (defaultValue) => zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()])
    .optional()
    .transform((value, ctx) => reading(ctx, () => (0,_input_readers_js__WEBPACK_IMPORTED_MODULE_1__/* .readBoolean */ .Vf)(value, defaultValue)));
const enumInput = (values) => zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: () => `required; expected one of ${values.join(', ')}` })
    .transform((value, ctx) => {
    if (values.includes(value))
        return value;
    if (value.trim() === '') {
        ctx.addIssue({ code: 'custom', message: `required; expected one of ${values.join(', ')}` });
        return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
    }
    ctx.addIssue({
        code: 'custom',
        message: `expected one of ${values.join(', ')}; got ${(0,_input_readers_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(value)}`,
    });
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
});
/** An optional string input: GitHub passes unset inputs as '', so '' means absent. */
const optionalString = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().optional().transform(_input_readers_js__WEBPACK_IMPORTED_MODULE_1__/* .readOptionalString */ .on);
/** A multi-line input's entries (see readList); the CLI passes arrays. */
const listInput = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP())])
    .optional()
    .transform(_input_readers_js__WEBPACK_IMPORTED_MODULE_1__/* .readList */ .LD);
/**
 * Splits a command-line fragment into words the way a POSIX shell would quote them (single and
 * double quotes, backslash escapes) but with no expansion of any kind: the words go to Nix as
 * an argument array, never through a shell.
 */
function splitWords(text) {
    const words = [];
    let current = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < text.length; i += 1) {
        const char = text[i];
        if (quote === "'") {
            if (char === "'")
                quote = undefined;
            else
                current += char;
        }
        else if (quote === '"') {
            if (char === '"')
                quote = undefined;
            else if (char === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
                current += text[i + 1];
                i += 1;
            }
            else
                current += char;
        }
        else if (char === "'" || char === '"') {
            quote = char;
            inWord = true;
        }
        else if (char === '\\' && i + 1 < text.length) {
            current += text[i + 1];
            i += 1;
            inWord = true;
        }
        else if (/\s/.test(char)) {
            if (inWord)
                words.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += char;
            inWord = true;
        }
    }
    if (quote)
        return { error: `unterminated ${quote} quote` };
    if (inWord)
        words.push(current);
    return words;
}
/**
 * Parses raw values with a schema and turns the first problem into one InputError line that
 * names the input as the user knows it.
 */
function parseWith(schema, raw, labelOf) {
    const result = schema.safeParse(raw);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    if (!issue)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('invalid input');
    const field = issue.path.length > 0 ? String(issue.path[0]) : '';
    const label = field ? labelOf(field) : 'inputs';
    throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${label}: ${issue.message}`, { cause: result.error });
}


/***/ }),

/***/ 1471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bv: () => (/* binding */ findNixBinDir),
  Yk: () => (/* binding */ inspectNix),
  WH: () => (/* binding */ locateNix),
  nM: () => (/* binding */ wellKnownNixDirs)
});

// UNUSED EXPORTS: NIX_MISSING_MESSAGE, NixNotFoundError, installationAt

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/process.ts
var util_process = __webpack_require__(2017);
;// CONCATENATED MODULE: ./src/nix/version.ts

const MINIMUM_NIX = { major: 2, minor: 4 };
/**
 * Reads `nix --version`. Forks print their own name first ("nix (Determinate Nix 3.8.2) 2.30.1",
 * "nix (Lix, like Nix) 2.91.1"); the Nix version is the last number on the line.
 */
function parseNixVersion(output) {
    const line = output.trim().split('\n')[0] ?? '';
    const matches = [...line.matchAll(/(\d+)\.(\d+)(?:\.(\d+))?/g)];
    const last = matches.at(-1);
    if (!last)
        throw new errors/* HypernixError */.iD(`cannot read the Nix version from ${JSON.stringify(line)}`);
    let major = Number(last[1]);
    let minor = Number(last[2]);
    // Lix numbers itself 2.90+ but forked from Nix 2.18: treat it as what it is compatible with.
    if (/\bLix\b/.test(line) && major === 2 && minor >= 90)
        minor = 18;
    if (major < 2)
        major = 2;
    return { major, minor, patch: Number(last[3] ?? 0), text: line };
}
function atLeast(version, major, minor) {
    return version.major > major || (version.major === major && version.minor >= minor);
}
function capabilitiesOf(version) {
    return {
        printOutPaths: atLeast(version, 2, 9),
        pathInfoJsonIsObject: atLeast(version, 2, 19),
    };
}

;// CONCATENATED MODULE: ./src/nix/locate.ts






class NixNotFoundError extends errors/* HypernixError */.iD {
    name = 'NixNotFoundError';
}
/**
 * Where Nix lives when an earlier step installed it but this process's PATH predates it:
 * the single-user profile, the multi-user default profile, and NixOS's system profile.
 */
function wellKnownNixDirs(home = (0,external_node_os_.homedir)()) {
    return [
        (0,external_node_path_.join)(home, '.nix-profile', 'bin'),
        '/nix/var/nix/profiles/default/bin',
        '/run/current-system/sw/bin',
    ];
}
async function isExecutable(path) {
    try {
        await (0,promises_.access)(path, promises_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** Finds the directory holding nix and nix-build: PATH first, then the well-known profiles. */
async function findNixBinDir(env = process.env) {
    const pathDirs = (env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean);
    for (const dir of [...pathDirs, ...wellKnownNixDirs(env.HOME || (0,external_node_os_.homedir)())]) {
        if ((await isExecutable((0,external_node_path_.join)(dir, 'nix'))) && (await isExecutable((0,external_node_path_.join)(dir, 'nix-build')))) {
            return dir;
        }
    }
    return undefined;
}
async function inspectNix(binDir) {
    const nix = (0,external_node_path_.join)(binDir, 'nix');
    const result = await (0,util_process/* run */.e)(nix, ['--version']);
    if (result.code !== 0) {
        throw new errors/* HypernixError */.iD(`${nix} --version failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`);
    }
    const version = parseNixVersion(result.stdout);
    if (!atLeast(version, MINIMUM_NIX.major, MINIMUM_NIX.minor)) {
        throw new errors/* HypernixError */.iD(`${version.text} is too old: hypernix needs Nix ${MINIMUM_NIX.major}.${MINIMUM_NIX.minor} or newer`);
    }
    return installationAt(binDir, version);
}
/** The installation in binDir whose `nix --version` said `version` (inspectNix's answer). */
function installationAt(binDir, version) {
    return {
        binDir,
        version,
        capabilities: capabilitiesOf(version),
        program: (name) => (0,external_node_path_.join)(binDir, name),
    };
}
const NIX_MISSING_MESSAGE = 'Nix is not installed on this runner: add cachix/install-nix-action or ' +
    'DeterminateSystems/nix-installer-action before this step, or set install-nix: true';
async function locateNix(reporter) {
    const binDir = await findNixBinDir();
    if (!binDir)
        throw new NixNotFoundError(NIX_MISSING_MESSAGE);
    const installation = await inspectNix(binDir);
    reporter.info(`Using ${installation.version.text} from ${binDir}`);
    return installation;
}


/***/ }),

/***/ 4237:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xy: () => (/* binding */ batches),
/* harmony export */   _9: () => (/* binding */ buildInputs),
/* harmony export */   fI: () => (/* binding */ validPaths),
/* harmony export */   zN: () => (/* binding */ queryPathInfos)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2017);


/**
 * Path infos of store paths, with their closures when `recursive`. `nix path-info --json` prints
 * an array before Nix 2.19 and an object keyed by path after; both are read here.
 */
async function queryPathInfos(nix, paths, recursive) {
    if (paths.length === 0)
        return [];
    const args = [
        '--extra-experimental-features',
        'nix-command',
        'path-info',
        '--json',
        ...(recursive ? ['--recursive'] : []),
        '--',
        ...paths,
    ];
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)(nix.program('nix'), args);
    if (result.code !== 0) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD(`nix path-info failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`);
    }
    const parsed = JSON.parse(result.stdout);
    const entries = Array.isArray(parsed)
        ? parsed.map((info) => [info.path ?? '', info])
        : Object.entries(parsed);
    return entries
        .filter((entry) => entry[1] !== null && entry[0] !== '')
        .map(([path, info]) => ({
        path,
        narHash: info.narHash ?? '',
        narSize: info.narSize ?? 0,
        references: info.references ?? [],
        ultimate: info.ultimate ?? false,
        signatures: info.signatures ?? [],
    }));
}
/**
 * The build-time inputs of store paths that exist in this store: the outputs of every derivation
 * in the closure of the paths' derivers (what a rebuild would need), sources included, .drv files
 * not. Paths whose deriver is unknown contribute nothing.
 */
async function buildInputs(nix, paths) {
    const derivers = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)(nix.program('nix-store'), ['--query', '--deriver', '--', ...paths]);
    if (derivers.code !== 0)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD(`nix-store --query --deriver failed: ${derivers.stderrTail.at(-1) ?? ''}`);
    const drvs = derivers.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.endsWith('.drv'));
    const valid = [];
    for (const drv of drvs) {
        // A deriver may have been collected since; then only the runtime closure is cached.
        if ((await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)(nix.program('nix-store'), ['--check-validity', '--', drv])).code === 0)
            valid.push(drv);
    }
    if (valid.length === 0)
        return [];
    const closure = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)(nix.program('nix-store'), [
        '--query',
        '--requisites',
        '--include-outputs',
        '--',
        ...valid,
    ]);
    if (closure.code !== 0)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD(`nix-store --query --requisites failed: ${closure.stderrTail.at(-1) ?? ''}`);
    return closure.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('/') && !line.endsWith('.drv'));
}
/** Which of these paths are valid in the store (or in another store, a chroot store). */
async function validPaths(nix, paths, store) {
    const invalid = new Set();
    for (const batch of batches(paths)) {
        const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)(nix.program('nix-store'), [
            ...(store ? ['--store', store] : []),
            '--check-validity',
            '--print-invalid',
            '--',
            ...batch,
        ]);
        for (const line of result.stdout.split('\n'))
            if (line.trim())
                invalid.add(line.trim());
    }
    return new Set(paths.filter((path) => !invalid.has(path)));
}
// Kept well under Linux's 2 MiB for arguments plus environment; larger sets go in batches.
const MAX_ARGUMENT_BYTES = 512 * 1024;
/**
 * Splits paths into argument lists that fit a command line, keeping their order (references
 * first, so each batch finds what it refers to in an earlier one).
 */
function batches(paths, limit = MAX_ARGUMENT_BYTES) {
    const result = [];
    let current = [];
    let size = 0;
    for (const path of paths) {
        if (current.length > 0 && size + path.length + 1 > limit) {
            result.push(current);
            current = [];
            size = 0;
        }
        current.push(path);
        size += path.length + 1;
    }
    if (current.length > 0)
        result.push(current);
    return result;
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

/***/ 2017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ run)
/* harmony export */ });
/* unused harmony export SpawnError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _child_env_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4132);


/** Thrown when the program itself cannot be started (not found, not executable). */
class SpawnError extends Error {
    command;
    code;
    name = 'SpawnError';
    constructor(command, code, options) {
        super(`cannot run ${command}: ${code ?? 'spawn failed'}`, options);
        this.command = command;
        this.code = code;
    }
}
/**
 * Runs a program from an argument array (never through a shell) and streams its output by lines.
 * Resolves with the exit code; rejects only when the program cannot be started. The child sees
 * only childEnvironment(): no input, password or masked value of ours.
 */
function run(command, args, options = {}) {
    const tailLimit = options.stderrTailLines ?? 200;
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, {
            cwd: options.cwd,
            env: (0,_child_env_js__WEBPACK_IMPORTED_MODULE_1__/* .childEnvironment */ .Q)(options.env),
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        const stderrTail = [];
        const stdoutLines = lineSplitter((line) => options.onStdoutLine?.(line));
        const stderrLines = lineSplitter((line) => {
            stderrTail.push(line);
            if (stderrTail.length > tailLimit)
                stderrTail.shift();
            options.onStderrLine?.(line);
        });
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', (chunk) => {
            stdout += chunk;
            stdoutLines.push(chunk);
        });
        child.stderr.on('data', (chunk) => stderrLines.push(chunk));
        child.on('error', (error) => reject(new SpawnError(command, error.code, { cause: error })));
        child.on('close', (code, signal) => {
            stdoutLines.flush();
            stderrLines.flush();
            resolve({ code: code ?? (signal ? 128 : 1), stdout, stderrTail });
        });
        child.stdin.on('error', () => undefined); // a child that exits early closes its stdin
        child.stdin.end(options.input ?? '');
    });
}
function lineSplitter(onLine) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            let newline = pending.indexOf('\n');
            while (newline >= 0) {
                onLine(pending.slice(0, newline).replace(/\r$/, ''));
                pending = pending.slice(newline + 1);
                newline = pending.indexOf('\n');
            }
        },
        flush() {
            if (pending)
                onLine(pending);
            pending = '';
        },
    };
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
