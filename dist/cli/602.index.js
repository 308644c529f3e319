export const id = 602;
export const ids = [602];
export const modules = {

/***/ 2602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: MAIN_HELP

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./src/config/parse-helpers.ts
var parse_helpers = __webpack_require__(3185);
;// CONCATENATED MODULE: ./src/config/build.ts


const BUILD_KINDS = ['qcow2', 'container', 'derivation'];
/** The default Nix release tarball for `install-nix: true` (the official single-user installer). */
const DEFAULT_NIX_INSTALLER_URL = 'https://releases.nixos.org/nix/nix-2.28.4/nix-2.28.4-x86_64-linux.tar.xz';
const BUILD_INPUT_NAMES = {
    kind: 'kind',
    file: 'file',
    attribute: 'attribute',
    args: 'args',
    argstrs: 'argstrs',
    flake: 'flake',
    nixArgs: 'nix-args',
    workingDirectory: 'working-directory',
    installNix: 'install-nix',
    nixInstallerUrl: 'nix-installer-url',
    nixInstallerSha256: 'nix-installer-sha256',
};
const BUILD_CLI_OPTIONS = {
    kind: '--kind',
    file: '--file',
    attribute: '--attr',
    args: '--arg',
    argstrs: '--argstr',
    flake: '--flake',
    nixArgs: '--nix-arg',
    workingDirectory: '--working-directory',
    installNix: '--install-nix',
    nixInstallerUrl: '--nix-installer-url',
    nixInstallerSha256: '--nix-installer-sha256',
};
/** Nix identifiers, as the `--arg NAME` of nix-build accepts them. */
const NIX_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const nameValueList = parse_helpers/* listInput */.dt.transform((entries, ctx) => {
    const parsed = [];
    for (const entry of entries) {
        const equals = entry.indexOf('=');
        const name = equals > 0 ? entry.slice(0, equals).trim() : '';
        if (!NIX_IDENTIFIER.test(name)) {
            ctx.addIssue({
                code: 'custom',
                message: `expected name=value with a Nix identifier as name; got ${(0,parse_helpers/* shown */.SP)(entry)}`,
            });
            return core/* NEVER */.tm;
        }
        parsed.push({ name, value: entry.slice(equals + 1) });
    }
    return parsed;
});
const nixArgsInput = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())])
    .optional()
    .transform((value, ctx) => {
    if (value === undefined)
        return [];
    if (Array.isArray(value))
        return value;
    const words = (0,parse_helpers/* splitWords */.yM)(value);
    if (!Array.isArray(words)) {
        ctx.addIssue({ code: 'custom', message: `${words.error} in ${(0,parse_helpers/* shown */.SP)(value)}` });
        return core/* NEVER */.tm;
    }
    return words;
});
const sha256Input = parse_helpers/* optionalString */.sx.refine((value) => value === undefined || /^[0-9a-f]{64}$/.test(value), { message: 'expected 64 lowercase hex characters (a sha256)' });
const urlInput = parse_helpers/* optionalString */.sx.refine((value) => value === undefined || /^(https?|file):\/\//.test(value), { message: 'expected an http(s):// or file:// URL' });
const buildSchema = schemas/* object */.Ikc({
    kind: (0,parse_helpers/* enumInput */.gX)(BUILD_KINDS),
    file: parse_helpers/* optionalString */.sx,
    attribute: parse_helpers/* optionalString */.sx,
    args: nameValueList,
    argstrs: nameValueList,
    flake: parse_helpers/* optionalString */.sx,
    nixArgs: nixArgsInput,
    workingDirectory: parse_helpers/* optionalString */.sx,
    installNix: (0,parse_helpers/* booleanInput */.tE)(false),
    nixInstallerUrl: urlInput,
    nixInstallerSha256: sha256Input,
})
    .superRefine((config, ctx) => {
    if (config.file && config.flake) {
        ctx.addIssue({
            code: 'custom',
            path: ['flake'],
            message: `give either a file (with an attribute) or a flake installable, not both`,
        });
    }
    else if (!config.file && !config.flake) {
        ctx.addIssue({
            code: 'custom',
            path: ['file'],
            message: 'required: a Nix file to build (or a flake installable instead)',
        });
    }
    if (config.flake) {
        for (const field of ['attribute', 'args', 'argstrs']) {
            const value = config[field];
            if (value !== undefined && (!Array.isArray(value) || value.length > 0)) {
                ctx.addIssue({
                    code: 'custom',
                    path: [field],
                    message: 'applies to a file build only; a flake installable names its attribute itself',
                });
            }
        }
    }
});
function buildTarget(config) {
    return config.flake
        ? { type: 'flake', installable: config.flake }
        : {
            type: 'file',
            file: config.file,
            attribute: config.attribute,
            args: config.args,
            argstrs: config.argstrs,
        };
}
function parseBuildConfig(raw, labels = labelsFor('action')) {
    return (0,parse_helpers/* parseWith */.Ku)(buildSchema, raw, (field) => labels[field] ?? field);
}
function labelsFor(surface) {
    const names = surface === 'action' ? BUILD_INPUT_NAMES : BUILD_CLI_OPTIONS;
    const kind = surface === 'action' ? 'input' : 'option';
    return Object.fromEntries(Object.entries(names).map(([field, name]) => [field, `${kind} '${name}'`]));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/util/process.ts

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
 * Resolves with the exit code; rejects only when the program cannot be started.
 */
function run(command, args, options = {}) {
    const tailLimit = options.stderrTailLines ?? 200;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
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

;// CONCATENATED MODULE: ./src/nix/build-log.ts
/**
 * Follows Nix's stderr during a build and keeps the last lines each derivation's builder printed,
 * so a failure can show the failing builder's own output rather than Nix's noise.
 *
 * nix-build prints "building '/nix/store/…-name.drv'..." and then the builder's raw lines;
 * `nix build -L` prefixes each builder line with "name> ".
 */
class BuildLogTracker {
    keep;
    byName = new Map();
    current;
    constructor(keep = 25) {
        this.keep = keep;
    }
    feed(line) {
        const started = /^building '(\/nix\/store\/[^']+\.drv)'/.exec(line);
        if (started?.[1]) {
            this.current = derivationName(started[1]);
            return;
        }
        const prefixed = /^([A-Za-z0-9+._?=-]+)> (.*)$/.exec(line);
        if (prefixed?.[1] !== undefined && prefixed[2] !== undefined) {
            this.append(prefixed[1], prefixed[2]);
            return;
        }
        if (this.current && !isNixMessage(line))
            this.append(this.current, line);
    }
    /** The last lines of the builder of `drvPath`, oldest first. */
    tailFor(drvPath) {
        if (!drvPath)
            return [];
        return [...(this.byName.get(derivationName(drvPath)) ?? [])];
    }
    append(name, line) {
        const lines = this.byName.get(name) ?? [];
        lines.push(line);
        if (lines.length > this.keep)
            lines.shift();
        this.byName.set(name, lines);
    }
}
/** "/nix/store/hash-nginx-1.2.drv" → "nginx-1.2", the name `nix build -L` prefixes lines with. */
function derivationName(drvPath) {
    const base = drvPath.split('/').pop() ?? drvPath;
    return base.replace(/^[0-9a-z]{32}-/, '').replace(/\.drv$/, '');
}
function isNixMessage(line) {
    return (/^error:/.test(line) ||
        /^these \d+ (derivations|paths) will be/.test(line) ||
        /^this (derivation|path) will be/.test(line) ||
        /^ {2}\/nix\/store\//.test(line) ||
        /^copying path /.test(line));
}

;// CONCATENATED MODULE: ./src/nix/failure.ts

/** A failed Nix evaluation or build, with what a user needs to find the cause. */
class NixBuildError extends errors/* HypernixError */.iD {
    failure;
    name = 'NixBuildError';
    constructor(message, failure) {
        super(message);
        this.failure = failure;
        this.location = failure.location;
        if (failure.kind === 'build' && failure.logTail.length > 0) {
            const what = failure.derivation ?? 'the builder';
            this.details = [
                `Last ${failure.logTail.length} lines of the log of ${what}:`,
                ...failure.logTail,
            ];
        }
    }
}
const EVAL_LOCATION = /\bat (\/[^:\n]+|«[^»]+»[^:\n]*):(\d+):(\d+):?/;
// Nix ≤ 2.19: "builder for '/nix/store/…drv' failed with exit code 3"
// Nix ≥ 2.20: "Cannot build '/nix/store/…drv'." followed by "Reason: builder failed …"
const FAILED_DERIVATION = /(?:builder for|Cannot build|build of|dependency of)\s+['‘]?(\/nix\/store\/[^'’\s]+\.drv)['’]?/;
const ERROR_LINE = /^error:\s*(.*)$/;
// Nix prints the builder's last lines as "       > text" inside its error message.
const QUOTED_LOG = /^\s+> ?(.*)$/;
/**
 * Reads Nix's stderr after a failure. Exit 100 (nix-build) or a "builder … failed" line means the
 * build failed; anything else with exit 1 is an evaluation error. The last lines of the builder's
 * log come from what was streamed, or from the lines Nix quotes in its message.
 */
function parseNixFailure(exitCode, stderr, builderLines) {
    const errorIndex = stderr.findIndex((line) => ERROR_LINE.test(line));
    const errorBlock = errorIndex >= 0 ? stderr.slice(errorIndex) : stderr.slice(-20);
    const summary = (errorIndex >= 0
        ? ERROR_LINE.exec(stderr[errorIndex])?.[1]
        : stderr.at(-1))?.trim() || `Nix exited with code ${exitCode}`;
    const derivationLine = errorBlock.map((line) => FAILED_DERIVATION.exec(line)).find(Boolean);
    const isBuild = exitCode === 100 || exitCode === 101 || exitCode === 102 || Boolean(derivationLine);
    if (isBuild) {
        const quoted = errorBlock
            .map((line) => QUOTED_LOG.exec(line)?.[1])
            .filter((line) => line !== undefined);
        return {
            kind: 'build',
            summary,
            derivation: derivationLine?.[1],
            logTail: (builderLines.length > 0 ? builderLines : quoted).slice(-25),
            exitCode,
        };
    }
    const locationMatch = errorBlock.map((line) => EVAL_LOCATION.exec(line)).find(Boolean);
    const location = locationMatch
        ? {
            file: locationMatch[1],
            line: Number(locationMatch[2]),
            column: Number(locationMatch[3]),
        }
        : undefined;
    return { kind: 'evaluation', summary, location, logTail: [], exitCode };
}
function failureMessage(failure) {
    if (failure.kind === 'build') {
        const named = failure.derivation && !failure.summary.includes(failure.derivation);
        return `Nix build failed${named ? ` in ${failure.derivation}` : ''}: ${failure.summary}`;
    }
    const where = failure.location
        ? ` at ${failure.location.file}:${failure.location.line}:${failure.location.column ?? 0}`
        : '';
    return `Nix evaluation failed${where}: ${failure.summary}`;
}

;// CONCATENATED MODULE: ./src/nix/build.ts







const FLAKES = ['--extra-experimental-features', 'nix-command flakes'];
function nixBuildCommand(nix, request, resolvedFile) {
    const { target } = request;
    const link = request.outLink ? ['--out-link', request.outLink] : ['--no-out-link'];
    if (target.type === 'file') {
        const args = [resolvedFile ?? target.file, ...link];
        if (target.attribute)
            args.push('--attr', target.attribute);
        for (const arg of target.args)
            args.push('--arg', arg.name, arg.value);
        for (const arg of target.argstrs)
            args.push('--argstr', arg.name, arg.value);
        return { program: nix.program('nix-build'), args: [...args, ...request.nixArgs] };
    }
    const output = nix.capabilities.printOutPaths ? ['--print-out-paths'] : ['--json'];
    const flakeLink = request.outLink ? ['--out-link', request.outLink] : ['--no-link'];
    return {
        program: nix.program('nix'),
        args: [
            ...FLAKES,
            'build',
            target.installable,
            ...flakeLink,
            '--print-build-logs',
            ...output,
            ...request.nixArgs,
        ],
    };
}
/** Reads the out paths from what Nix printed: one per line, or `nix build --json`. */
function parseOutPaths(stdout) {
    const text = stdout.trim();
    if (text.startsWith('[')) {
        const parsed = JSON.parse(text);
        return parsed.flatMap((entry) => Object.values(entry.outputs ?? {}));
    }
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('/'));
}
async function resolveFile(request, cwd) {
    if (request.target.type !== 'file')
        return undefined;
    const { file } = request.target;
    // Channel-style paths (<nixpkgs/…>) and URLs are Nix's to resolve.
    if (/^<.+>$/.test(file) || /^[a-z]+:\/\//.test(file))
        return file;
    const path = (0,external_node_path_.isAbsolute)(file) ? file : (0,external_node_path_.resolve)(cwd, file);
    try {
        await (0,promises_.stat)(path);
    }
    catch {
        throw new errors/* InputError */.dz(`${request.labels.file}: ${path} does not exist`);
    }
    return path;
}
async function resolveWorkingDirectory(request) {
    const cwd = (0,external_node_path_.resolve)(request.workingDirectory ?? '.');
    const info = await (0,promises_.stat)(cwd).catch(() => undefined);
    if (!info?.isDirectory()) {
        throw new errors/* InputError */.dz(`${request.labels.workingDirectory}: ${cwd} is not a directory`);
    }
    return cwd;
}
/**
 * Runs the build with the builder's output streamed into a log group. A failure becomes a
 * NixBuildError that tells evaluation from build, with the location or the failing derivation.
 */
async function runNixBuild(nix, request, reporter) {
    const cwd = await resolveWorkingDirectory(request);
    const file = await resolveFile(request, cwd);
    const { program, args } = nixBuildCommand(nix, request, file);
    const tracker = new BuildLogTracker();
    const started = performance.now();
    const result = await reporter.group(`nix build: ${describeTarget(request.target)}`, async () => {
        reporter.info(`$ ${[program, ...args].map(quoteForLog).join(' ')}`);
        return run(program, args, {
            cwd,
            onStderrLine: (line) => {
                tracker.feed(line);
                reporter.info(line);
            },
        });
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.code !== 0) {
        const failure = parseNixFailure(result.code, result.stderrTail, []);
        if (failure.kind === 'build') {
            const streamed = tracker.tailFor(failure.derivation);
            if (streamed.length > 0)
                failure.logTail = streamed;
        }
        else if (request.target.type === 'file' &&
            request.target.attribute &&
            /attribute '.*' in selection path .* not found/.test(failure.summary)) {
            throw new errors/* InputError */.dz(`${request.labels.attribute}: ${failure.summary} in ${file}`);
        }
        if (failure.location)
            failure.location = mapFlakeSource(failure.location, request.target, cwd);
        throw new NixBuildError(failureMessage(failure), failure);
    }
    const outPaths = parseOutPaths(result.stdout);
    if (outPaths.length === 0) {
        throw new errors/* HypernixError */.iD(`Nix built ${describeTarget(request.target)} but printed no out path`);
    }
    return { outPaths, seconds, command: [program, ...args] };
}
/**
 * Nix evaluates a local flake from a copy in the store (/nix/store/…-source/), so its errors point
 * there. Point them back at the user's checkout: the git top level the copy was made from, or the
 * flake's own directory outside git.
 */
function mapFlakeSource(location, target, cwd) {
    const copy = /^\/nix\/store\/[0-9a-z]{32}-source\/(.*)$/.exec(location.file);
    if (!copy?.[1] || target.type !== 'flake')
        return location;
    const ref = target.installable.split('#')[0] ?? '';
    const local = /^(?:path:|git\+file:\/\/)?([./][^?]*)/.exec(ref || '.');
    if (!local?.[1])
        return location;
    const flakeDir = (0,external_node_path_.resolve)(cwd, local[1]);
    return { ...location, file: (0,external_node_path_.join)(gitTopLevel(flakeDir) ?? flakeDir, copy[1]) };
}
function gitTopLevel(dir) {
    for (let current = dir;; current = (0,external_node_path_.dirname)(current)) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(current, '.git')))
            return current;
        if ((0,external_node_path_.dirname)(current) === current)
            return undefined;
    }
}
function describeTarget(target) {
    if (target.type === 'flake')
        return target.installable;
    return target.attribute ? `${target.file} -A ${target.attribute}` : target.file;
}
function quoteForLog(word) {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./src/nix/closure.ts


/**
 * The closure size of store paths in bytes: the NAR sizes of every path they reference, each
 * counted once, from `nix path-info --recursive --json` (an array before Nix 2.19, an object
 * keyed by path after).
 */
async function closureSize(nix, paths) {
    const result = await run(nix.program('nix'), [
        '--extra-experimental-features',
        'nix-command',
        'path-info',
        '--json',
        '--recursive',
        ...paths,
    ]);
    if (result.code !== 0) {
        throw new errors/* HypernixError */.iD(`nix path-info failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`);
    }
    const parsed = JSON.parse(result.stdout);
    const entries = Array.isArray(parsed)
        ? parsed.map((info, index) => [info.path ?? String(index), info])
        : Object.entries(parsed);
    const sizes = new Map(entries.map(([path, info]) => [path, info.narSize ?? 0]));
    let total = 0;
    for (const size of sizes.values())
        total += size;
    return total;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
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
    const result = await run(nix, ['--version']);
    if (result.code !== 0) {
        throw new errors/* HypernixError */.iD(`${nix} --version failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`);
    }
    const version = parseNixVersion(result.stdout);
    if (!atLeast(version, MINIMUM_NIX.major, MINIMUM_NIX.minor)) {
        throw new errors/* HypernixError */.iD(`${version.text} is too old: hypernix needs Nix ${MINIMUM_NIX.major}.${MINIMUM_NIX.minor} or newer`);
    }
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

;// CONCATENATED MODULE: ./src/nix/install.ts








class NixInstallError extends errors/* HypernixError */.iD {
    name = 'NixInstallError';
}
const TOOL_NAME = 'nix-installer';
/**
 * The tool-cache version key for a URL: the Nix version in the file name when there is one,
 * so a runner's cache holds each release once; a hash of the URL otherwise.
 */
function installerCacheVersion(url) {
    const match = /nix-(\d+\.\d+\.\d+)/.exec(url);
    if (match?.[1])
        return match[1];
    const digest = (0,external_node_crypto_.createHash)('sha256').update(url).digest('hex').slice(0, 12);
    return `0.0.0-url.${digest}`;
}
function extractFlags(url) {
    if (/\.(tar\.xz|txz)$/.test(url))
        return 'xJ';
    if (/\.(tar\.gz|tgz)$/.test(url))
        return 'xz';
    if (/\.tar\.zst$/.test(url))
        return '--zstd -x';
    if (/\.tar$/.test(url))
        return 'x';
    throw new NixInstallError(`input 'nix-installer-url': expected a Nix release tarball (.tar.xz, .tar.gz, .tar.zst or .tar); got ${JSON.stringify(url)}`);
}
async function sha256File(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** tool-cache needs these; the CLI may run outside a runner, so give them a home of our own. */
function ensureToolCacheEnv() {
    const base = (0,external_node_path_.join)(process.env.XDG_CACHE_HOME || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'hypernix');
    process.env.RUNNER_TOOL_CACHE ||= (0,external_node_path_.join)(base, 'tool-cache');
    process.env.RUNNER_TEMP ||= (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'hypernix');
}
async function findInstallScript(dir) {
    const direct = (0,external_node_path_.join)(dir, 'install');
    if (await exists(direct))
        return direct;
    for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && (await exists((0,external_node_path_.join)(dir, entry.name, 'install')))) {
            return (0,external_node_path_.join)(dir, entry.name, 'install');
        }
    }
    throw new NixInstallError(`the Nix tarball has no install script (looked in ${dir} and one level down)`);
}
async function exists(path) {
    try {
        await (0,promises_.stat)(path);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Installs Nix single-user from a release tarball: download once per version into the runner's
 * tool cache, verify, extract, run the official installer, then put the profile on PATH.
 */
async function installNix(options, reporter) {
    ensureToolCacheEnv();
    // Loaded here: only an install needs tool-cache (and its HTTP client).
    const toolCache = await __webpack_require__.e(/* import() */ 991).then(__webpack_require__.bind(__webpack_require__, 5991));
    const version = installerCacheVersion(options.url);
    let extracted = toolCache.find(TOOL_NAME, version);
    if (extracted) {
        reporter.info(`Nix installer ${version} found in the tool cache`);
    }
    else {
        const flags = extractFlags(options.url);
        reporter.info(`Downloading the Nix installer from ${options.url}`);
        let archive;
        try {
            archive = await toolCache.downloadTool(options.url);
        }
        catch (error) {
            throw new NixInstallError(`cannot download the Nix installer from ${options.url}: ${(0,errors/* describeError */.Uc)(error)}`, {
                cause: error,
            });
        }
        if (options.sha256) {
            const actual = await sha256File(archive);
            if (actual !== options.sha256) {
                throw new NixInstallError(`the Nix installer from ${options.url} has sha256 ${actual}, not the expected ${options.sha256}; nothing was installed`);
            }
        }
        const target = await toolCache.extractTar(archive, undefined, flags.split(' '));
        extracted = await toolCache.cacheDir(target, TOOL_NAME, version);
    }
    const script = await findInstallScript(extracted);
    await (0,promises_.mkdir)((0,external_node_path_.join)((0,external_node_os_.homedir)(), '.config', 'nix'), { recursive: true });
    await reporter.group('Installing Nix', async () => {
        const result = await run('/bin/sh', [script, '--no-daemon', '--no-channel-add'], {
            onStderrLine: (line) => reporter.info(line),
            onStdoutLine: (line) => reporter.info(line),
            env: { ...process.env, NIX_INSTALLER_NO_MODIFY_PROFILE: '1' },
        });
        if (result.code !== 0) {
            throw new NixInstallError(`the Nix installer exited with ${result.code}: ${result.stderrTail.at(-1) ?? 'no output'}`);
        }
    });
    const binDir = await findNixBinDir({ ...process.env, PATH: wellKnownNixDirs().join(':') });
    if (!binDir) {
        throw new NixInstallError(`the Nix installer finished but no nix was found in ${wellKnownNixDirs().join(', ')}`);
    }
    reporter.addPath(binDir);
    const installation = await inspectNix(binDir);
    reporter.info(`Installed ${installation.version.text} in ${binDir}`);
    return installation;
}

// EXTERNAL MODULE: ./src/oci/compression.ts
var oci_compression = __webpack_require__(2115);
;// CONCATENATED MODULE: ./src/oci/digest.ts


const SHA256_PREFIX = 'sha256:';
function sha256Digest(data) {
    return SHA256_PREFIX + (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
/** Hashes bytes as they pass, so a stream is hashed in the same pass that uses it. */
class DigestCounter {
    hash = (0,external_node_crypto_.createHash)('sha256');
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
async function digest_sha256File(path, start = 0, end) {
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

;// CONCATENATED MODULE: ./src/oci/archive-format.ts




/** Looks at a file's first bytes: compression magic, tar's "ustar", qcow2's "QFI\xfb", "#!". */
async function sniffFile(path) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const head = Buffer.alloc(512);
        const { bytesRead } = await handle.read(head, 0, 512, 0);
        return sniffBytes(head.subarray(0, bytesRead));
    }
    finally {
        await handle.close();
    }
}
function sniffBytes(head) {
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
        return 'tar.gz';
    if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528)
        return 'tar.zst';
    if (head.length >= 4 && head.toString('latin1', 0, 4) === 'QFI\xfb')
        return 'qcow2';
    if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar')
        return 'tar';
    if (head.length >= 2 && head.toString('latin1', 0, 2) === '#!')
        return 'stream';
    return 'unknown';
}
/** The uncompressed tar bytes of an archive file, decompressed as they are read. */
function openTarStream(path, format) {
    const file = (0,external_node_fs_.createReadStream)(path, { highWaterMark: READ_CHUNK });
    if (format === 'tar')
        return file;
    const tar = (0,oci_compression/* decompressor */.ni)(format === 'tar.gz' ? 'gzip' : 'zstd');
    // pipe() does not pass errors on: a read error must end the stream the reader consumes.
    file.on('error', (error) => tar.destroy(error));
    return file.pipe(tar);
}

;// CONCATENATED MODULE: ./src/oci/byte-reader.ts
/**
 * Reads exact byte counts from a stream of chunks, one pass, holding at most one chunk beyond
 * what the caller asked for. The tar reader builds on it.
 */
class ByteReader {
    buffered = [];
    bufferedBytes = 0;
    done = false;
    iterator;
    /** Bytes handed out or skipped so far: the offset of the next byte in the stream. */
    position = 0;
    constructor(source) {
        this.iterator = source[Symbol.asyncIterator]();
    }
    async fill() {
        if (this.done)
            return false;
        const next = await this.iterator.next();
        if (next.done) {
            this.done = true;
            return false;
        }
        const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
        if (chunk.length > 0) {
            this.buffered.push(chunk);
            this.bufferedBytes += chunk.length;
        }
        return true;
    }
    /** Up to `count` bytes; fewer only at the end of the stream. */
    async read(count) {
        while (this.bufferedBytes < count && (await this.fill()))
            ;
        const all = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered);
        const taken = all.subarray(0, Math.min(count, all.length));
        const rest = all.subarray(taken.length);
        this.buffered = rest.length > 0 ? [rest] : [];
        this.bufferedBytes = rest.length;
        this.position += taken.length;
        return taken;
    }
    /** The next `count` bytes as they arrive, without holding them all. */
    async *take(count) {
        let remaining = count;
        while (remaining > 0) {
            if (this.bufferedBytes === 0 && !(await this.fill()))
                return;
            const head = this.buffered.shift();
            if (!head)
                continue;
            const piece = head.length > remaining ? head.subarray(0, remaining) : head;
            if (head.length > remaining)
                this.buffered.unshift(head.subarray(remaining));
            this.bufferedBytes -= piece.length;
            this.position += piece.length;
            remaining -= piece.length;
            yield piece;
        }
    }
    /** Skips `count` bytes; returns how many there were. */
    async skip(count) {
        let skipped = 0;
        for await (const piece of this.take(count))
            skipped += piece.length;
        return skipped;
    }
    async close() {
        this.done = true;
        await this.iterator.return?.();
    }
}

;// CONCATENATED MODULE: ./src/oci/tar.ts


const BLOCK = 512;
class TarFormatError extends errors/* HypernixError */.iD {
    name = 'TarFormatError';
}
function field(header, offset, length) {
    const raw = header.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}
function numeric(header, offset, length) {
    const first = header[offset];
    if (first & 0x80) {
        // GNU base-256 for values that do not fit in octal (files of 8 GiB and more).
        let value = 0;
        for (let i = offset + 1; i < offset + length; i += 1)
            value = value * 256 + header[i];
        return value;
    }
    const text = field(header, offset, length).trim();
    return text === '' ? 0 : parseInt(text, 8);
}
function checksumOk(header) {
    const stored = numeric(header, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i += 1)
        sum += i >= 148 && i < 156 ? 32 : header[i];
    return sum === stored;
}
/**
 * The state that extended headers (PAX 'x', GNU long names 'L' and 'K') carry over to the next
 * real entry. Shared by the streaming reader and the seeking indexer.
 */
class ExtendedHeaderState {
    pax = {};
    longName;
    longLink;
    /** Whether a type flag announces an extended header rather than an entry. */
    static isExtended(flag) {
        return flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
    }
    /** The size of the next entry's data, which a PAX header may override. */
    sizeOf(header) {
        return this.pax.size !== undefined ? Number(this.pax.size) : numeric(header, 124, 12);
    }
    take(flag, data) {
        if (flag === 'x')
            this.pax = parsePax(data);
        if (flag === 'L')
            this.longName = data.toString('utf8').replace(/\0+$/, '');
        if (flag === 'K')
            this.longLink = data.toString('utf8').replace(/\0+$/, '');
    }
    /** The entry's name and link, with any extended header applied; then forgets them. */
    resolve(header) {
        const prefix = field(header, 345, 155);
        const baseName = field(header, 0, 100);
        const name = this.pax.path ?? this.longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
        const linkName = this.pax.linkpath ?? this.longLink ?? field(header, 157, 100);
        this.pax = {};
        this.longName = undefined;
        this.longLink = undefined;
        return { name, linkName };
    }
}
function parsePax(data) {
    const records = {};
    let offset = 0;
    while (offset < data.length) {
        const space = data.indexOf(0x20, offset);
        if (space === -1)
            break;
        const length = parseInt(data.subarray(offset, space).toString('utf8'), 10);
        if (!Number.isFinite(length) || length <= 0)
            break;
        const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
        const equals = record.indexOf('=');
        if (equals > 0)
            records[record.slice(0, equals)] = record.slice(equals + 1);
        offset += length;
    }
    return records;
}
function typeOf(flag) {
    if (flag === '0' || flag === '' || flag === '7')
        return 'file';
    if (flag === '5')
        return 'directory';
    if (flag === '2')
        return 'symlink';
    if (flag === '1')
        return 'hardlink';
    return 'other';
}
const padding = (size) => (BLOCK - (size % BLOCK)) % BLOCK;
/**
 * Reads a tar stream entry by entry in one pass (ustar, GNU long names, PAX headers). Nothing is
 * extracted; each entry's content is streamed to whoever asks and skipped otherwise.
 */
async function* readTar(source) {
    const reader = new ByteReader(source);
    const extended = new ExtendedHeaderState();
    let entries = 0;
    try {
        for (;;) {
            const header = await reader.read(BLOCK);
            if (header.length === 0 && entries === 0)
                throw new TarFormatError('empty input, not a tar archive');
            if (header.length === 0)
                return; // some writers omit the end-of-archive blocks
            if (header.length < BLOCK)
                throw new TarFormatError('truncated tar header');
            if (header.every((byte) => byte === 0))
                return;
            if (!checksumOk(header)) {
                throw new TarFormatError(entries === 0
                    ? 'not a tar archive (bad header checksum)'
                    : `corrupt tar header at byte ${reader.position - BLOCK}`);
            }
            entries += 1;
            const flag = field(header, 156, 1);
            const size = extended.sizeOf(header);
            if (ExtendedHeaderState.isExtended(flag)) {
                const data = Buffer.concat(await collect(reader.take(size)));
                await reader.skip(padding(size));
                if (data.length < size)
                    throw new TarFormatError('truncated tar archive');
                extended.take(flag, data);
                continue;
            }
            const { name, linkName } = extended.resolve(header);
            let consumed = 0;
            const body = async function* () {
                for await (const piece of reader.take(size - consumed)) {
                    consumed += piece.length;
                    yield piece;
                }
            };
            yield {
                name,
                size,
                type: typeOf(flag),
                linkName,
                content: body,
                readAll: async (limit = 64 * 1024 * 1024) => {
                    if (size > limit)
                        throw new TarFormatError(`${name} is ${size} bytes, more than the ${limit} expected`);
                    return Buffer.concat(await collect(body()));
                },
            };
            if (consumed < size)
                consumed += await reader.skip(size - consumed);
            if (consumed < size)
                throw new TarFormatError(`truncated tar archive: ${name} ends early`);
            await reader.skip(padding(size));
        }
    }
    finally {
        await reader.close();
    }
}
async function collect(pieces) {
    const out = [];
    for await (const piece of pieces)
        out.push(piece);
    return out;
}

;// CONCATENATED MODULE: ./src/oci/docker-archive.ts


class DockerArchiveError extends errors/* HypernixError */.iD {
    name = 'DockerArchiveError';
}
function parseManifest(text, source) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new DockerArchiveError(`${source}: manifest.json is not valid JSON`);
    }
    const valid = Array.isArray(parsed) &&
        parsed.length > 0 &&
        parsed.every((image) => typeof image === 'object' &&
            image !== null &&
            typeof image.Config === 'string' &&
            Array.isArray(image.Layers) &&
            image.Layers.every((layer) => typeof layer === 'string'));
    if (!valid) {
        throw new DockerArchiveError(`${source}: manifest.json is not a docker-archive manifest (expected [{"Config", "RepoTags", "Layers"}])`);
    }
    return parsed;
}
/**
 * Reads a docker archive's tar stream once and checks that it is one: a manifest.json naming a
 * config and layers that are all in the archive. Layer bytes are skipped, never held.
 */
async function inspectDockerArchive(tar, source) {
    const entrySizes = new Map();
    let images;
    try {
        for await (const entry of readTar(tar)) {
            const name = entry.name.replace(/^\.\//, '');
            if (entry.type === 'file')
                entrySizes.set(name, entry.size);
            if (name === 'manifest.json')
                images = parseManifest((await entry.readAll(16 << 20)).toString('utf8'), source);
        }
    }
    catch (error) {
        if (error instanceof TarFormatError)
            throw new DockerArchiveError(`${source}: ${error.message}`, { cause: error });
        if (error instanceof DockerArchiveError)
            throw error;
        throw new DockerArchiveError(`${source}: cannot read the archive: ${error.message}`, { cause: error });
    }
    if (!images) {
        throw new DockerArchiveError(`${source}: not a docker archive (no manifest.json in the tar)`);
    }
    for (const image of images) {
        for (const name of [image.Config, ...image.Layers]) {
            if (!entrySizes.has(name)) {
                throw new DockerArchiveError(`${source}: manifest.json names ${name}, which is not in the archive`);
            }
        }
    }
    return { images, entrySizes };
}

;// CONCATENATED MODULE: ./src/nix/outputs.ts






class OutputLayoutError extends errors/* HypernixError */.iD {
    name = 'OutputLayoutError';
}
/** The file names a NixOS disk image gets: nixos-generators' and make-disk-image's, then any. */
const PREFERRED_QCOW2 = 'nixos.qcow2';
async function qcow2Candidates(dir, depth) {
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    const here = entries
        .filter((entry) => !entry.isDirectory() && entry.name.endsWith('.qcow2'))
        .map((entry) => (0,external_node_path_.join)(dir, entry.name));
    if (here.length > 0 || depth === 0)
        return here;
    const below = await Promise.all(entries
        .filter((entry) => entry.isDirectory())
        .map((entry) => qcow2Candidates((0,external_node_path_.join)(dir, entry.name), depth - 1)));
    return below.flat();
}
/**
 * Finds the qcow2 in a NixOS image build: the out path itself, `nixos.qcow2` (nixos-generators'
 * `config.system.build.qcow`), or the one `*.qcow2` that nixpkgs' image modules write
 * (`system.build.images.qemu`). The file must really be qcow2, not only be named so.
 */
async function findQcow2(outPath) {
    const info = await (0,promises_.stat)(outPath);
    let candidate;
    if (info.isDirectory()) {
        const found = await qcow2Candidates(outPath, 1);
        const preferred = found.find((path) => path.endsWith(`/${PREFERRED_QCOW2}`));
        if (preferred)
            candidate = preferred;
        else if (found.length === 1)
            candidate = found[0];
        else if (found.length === 0) {
            throw new OutputLayoutError(`kind is qcow2, but the build output ${outPath} holds no qcow2 disk image (looked for nixos.qcow2 and *.qcow2)`);
        }
        else {
            throw new OutputLayoutError(`the build output ${outPath} holds several qcow2 images (${found.join(', ')}); build one image per step`);
        }
    }
    else {
        candidate = outPath;
    }
    if ((await sniffFile(candidate)) !== 'qcow2') {
        throw new OutputLayoutError(`kind is qcow2, but ${candidate} is not a qcow2 disk image`);
    }
    return { path: candidate, size: (await (0,promises_.stat)(candidate)).size };
}
const NOT_AN_ARCHIVE = 'expected a docker archive (.tar, .tar.gz or .tar.zst, as dockerTools.buildLayeredImage and buildImage write) or a streamLayeredImage script';
/**
 * Checks a container build's output: a docker archive (read through once, layers skipped) or a
 * streamLayeredImage script (executable, not run here: running it writes the whole image).
 */
async function findDockerArchive(outPath) {
    const info = await (0,promises_.stat)(outPath);
    if (info.isDirectory()) {
        throw new OutputLayoutError(`kind is container, but the build output ${outPath} is a directory; ${NOT_AN_ARCHIVE}`);
    }
    const format = await sniffFile(outPath);
    if (format === 'stream') {
        try {
            await (0,promises_.access)(outPath, external_node_fs_.constants.X_OK);
        }
        catch {
            throw new OutputLayoutError(`${outPath} starts with #! but is not executable; ${NOT_AN_ARCHIVE}`);
        }
        return { path: outPath, size: info.size, format };
    }
    if (format !== 'tar' && format !== 'tar.gz' && format !== 'tar.zst') {
        throw new OutputLayoutError(`kind is container, but ${outPath} is not a docker archive; ${NOT_AN_ARCHIVE}`);
    }
    try {
        const summary = await inspectDockerArchive(openTarStream(outPath, format), outPath);
        return {
            path: outPath,
            size: info.size,
            format,
            layers: summary.images[0]?.Layers.length ?? 0,
            repoTags: summary.images.flatMap((image) => image.RepoTags ?? []),
        };
    }
    catch (error) {
        if (error instanceof DockerArchiveError) {
            throw new OutputLayoutError(`kind is container, but ${error.message}`, { cause: error });
        }
        throw error;
    }
}
async function findImageOutputs(kind, outPath) {
    if (kind === 'qcow2')
        return { qcow2: await findQcow2(outPath) };
    if (kind === 'container')
        return { archive: await findDockerArchive(outPath) };
    return {};
}

;// CONCATENATED MODULE: ./src/build/build-image.ts






/** Finds Nix, or installs it when the config says so; otherwise fails naming the installers. */
async function ensureNix(config, reporter) {
    const existing = await findNixBinDir();
    if (existing) {
        if (!(process.env.PATH ?? '').split(':').includes(existing))
            reporter.addPath(existing);
        return locateNix(reporter);
    }
    if (!config.installNix)
        return locateNix(reporter); // throws the message naming the installers
    return installNix({ url: config.nixInstallerUrl ?? DEFAULT_NIX_INSTALLER_URL, sha256: config.nixInstallerSha256 }, reporter);
}
async function buildImage(config, reporter, options) {
    const nix = await ensureNix(config, reporter);
    const target = buildTarget(config);
    const built = await runNixBuild(nix, {
        target,
        nixArgs: config.nixArgs,
        workingDirectory: config.workingDirectory,
        outLink: options.outLink,
        labels: options.labels,
    }, reporter);
    const outPath = built.outPaths[0];
    const [outputs, size] = await Promise.all([
        findImageOutputs(config.kind, outPath),
        closureSize(nix, built.outPaths),
    ]);
    return {
        kind: config.kind,
        target: describeTarget(target),
        outPath,
        outPaths: built.outPaths,
        ...outputs,
        closureSize: size,
        buildSeconds: built.seconds,
        nixVersion: nix.version.text,
    };
}

;// CONCATENATED MODULE: ./src/report/console-reporter.ts
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
    addPath(directory) {
        process.env.PATH = `${directory}:${process.env.PATH ?? ''}`;
    }
    mask(secret) {
        if (secret)
            this.secrets.push(secret);
    }
}
function at(location) {
    if (!location)
        return '';
    return `${location.file}:${location.line}${location.column ? `:${location.column}` : ''}: `;
}

;// CONCATENATED MODULE: ./src/util/format.ts
/** Human-readable sizes in binary units, as `du -h` and Nix print them. */
function format_formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}
function formatSeconds(seconds) {
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

;// CONCATENATED MODULE: ./src/report/build-summary.ts

/** The action's outputs, by name, as strings: one place that maps a result to outputs. */
const BUILD_OUTPUT_NAMES = (/* unused pure expression or super */ null && ([
    'out-path',
    'qcow2',
    'archive',
    'archive-format',
    'closure-size',
    'build-seconds',
]));
function buildOutputs(result) {
    return {
        'out-path': result.outPath,
        qcow2: result.qcow2?.path ?? '',
        archive: result.archive?.path ?? '',
        'archive-format': result.archive?.format ?? '',
        'closure-size': String(result.closureSize),
        'build-seconds': result.buildSeconds.toFixed(1),
    };
}
/** Rows of what was built, shared by the job summary (a table) and the terminal (aligned text). */
function buildSummaryRows(result) {
    const rows = [
        ['Kind', result.kind],
        ['Built', result.target],
        ['Out path', result.outPaths.join(' ')],
    ];
    if (result.qcow2)
        rows.push(['qcow2', `${result.qcow2.path} (${format_formatBytes(result.qcow2.size)})`]);
    if (result.archive) {
        const layers = result.archive.layers !== undefined ? `, ${result.archive.layers} layers` : '';
        const tags = result.archive.repoTags?.length ? `, ${result.archive.repoTags.join(' ')}` : '';
        rows.push([
            'Archive',
            `${result.archive.path} (${result.archive.format}, ${format_formatBytes(result.archive.size)}${layers}${tags})`,
        ]);
    }
    rows.push(['Closure size', format_formatBytes(result.closureSize)]);
    rows.push(['Build time', formatSeconds(result.buildSeconds)]);
    rows.push(['Nix', result.nixVersion]);
    return rows;
}
function buildSummaryText(result) {
    const rows = buildSummaryRows(result);
    const width = Math.max(...rows.map(([name]) => name.length));
    return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}
/** The job summary: a Markdown table, readable as text in a terminal and rendered on GitHub. */
function buildSummaryMarkdown(result) {
    const cell = (text) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const rows = buildSummaryRows(result).map(([name, value]) => `| ${cell(name)} | ${cell(value)} |`);
    return ['### hypernix build-image', '', '| What | Value |', '| --- | --- |', ...rows, ''].join('\n');
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/cli/usage.ts


/** A command line that cannot be understood; exit code 2. */
class UsageError extends errors/* HypernixError */.iD {
    name = 'UsageError';
}
/** node:util parseArgs, with its errors turned into one line naming the option. */
function parseCommandLine(args, options, command) {
    try {
        return (0,external_node_util_.parseArgs)({ args, options, allowPositionals: true, strict: true, tokens: false });
    }
    catch (error) {
        const message = error.message
            .split('\n')[0]
            ?.replace(/\. To specify a positional.*$/, '');
        throw new UsageError(`${message}; run 'hypernix ${command} --help'`, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/build.ts





const BUILD_HELP = `Usage: hypernix build --kind KIND (--file FILE [--attr ATTR] | --flake INSTALLABLE) [options] [-- NIX_ARGS...]

Builds an image with Nix, checks its layout, and reports the same outputs as the
hypernix/build-image action (out-path, qcow2, archive, archive-format, closure-size, build-seconds).

What to build:
  --kind KIND               qcow2, container or derivation
  --file FILE               a Nix file, built with nix-build
  --attr ATTR               the attribute of FILE to build
  --arg NAME=EXPR           pass --arg NAME EXPR to nix-build (repeatable)
  --argstr NAME=VALUE       pass --argstr NAME VALUE to nix-build (repeatable)
  --flake INSTALLABLE       a flake installable instead of a file,
                            e.g. .#nixosConfigurations.k8s.config.system.build.images.qemu

Options:
  --nix-arg ARG             one more argument for Nix (repeatable); or put them after --
  --working-directory DIR   resolve FILE and the flake from DIR
  --out-link PATH           keep a GC root at PATH (default: none, like --no-out-link)
  --install-nix             install Nix from --nix-installer-url when it is missing
  --nix-installer-url URL   a Nix release tarball (nix-VERSION-SYSTEM.tar.xz)
  --nix-installer-sha256 H  the tarball's sha256
  --json                    print the outputs as one JSON object on stdout
  -v, --verbose             print debug lines
  -h, --help                show this help

Exit codes: 0 built, 1 the build failed, 2 bad options.
`;
const OPTIONS = {
    kind: { type: 'string' },
    file: { type: 'string' },
    attr: { type: 'string' },
    arg: { type: 'string', multiple: true },
    argstr: { type: 'string', multiple: true },
    flake: { type: 'string' },
    'nix-arg': { type: 'string', multiple: true },
    'working-directory': { type: 'string' },
    'out-link': { type: 'string' },
    'install-nix': { type: 'boolean' },
    'nix-installer-url': { type: 'string' },
    'nix-installer-sha256': { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
};
async function buildCommand(argv, io) {
    const dashDash = argv.indexOf('--');
    const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
    const passThrough = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
    const { values, positionals } = parseCommandLine(own, OPTIONS, 'build');
    if (values.help) {
        io.stdout.write(BUILD_HELP);
        return 0;
    }
    if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; run 'hypernix build --help'`);
    }
    const labels = labelsFor('cli');
    const config = parseBuildConfig({
        kind: values.kind,
        file: values.file,
        attribute: values.attr,
        args: values.arg ?? [],
        argstrs: values.argstr ?? [],
        flake: values.flake,
        nixArgs: [...(values['nix-arg'] ?? []), ...passThrough],
        workingDirectory: values['working-directory'],
        installNix: values['install-nix'] ?? false,
        nixInstallerUrl: values['nix-installer-url'],
        nixInstallerSha256: values['nix-installer-sha256'],
    }, labels);
    const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
    const result = await buildImage(config, reporter, {
        outLink: values['out-link'],
        labels: {
            file: labels.file,
            attribute: labels.attribute,
            workingDirectory: labels.workingDirectory,
        },
    });
    io.stdout.write(values.json ? `${JSON.stringify(buildOutputs(result))}\n` : `${buildSummaryText(result)}\n`);
    return 0;
}

// EXTERNAL MODULE: ./src/oci/media-types.ts
var media_types = __webpack_require__(9217);
;// CONCATENATED MODULE: ./src/oci/errors.ts

/** A registry answered something other than what the distribution spec promises. */
class RegistryError extends errors/* HypernixError */.iD {
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

;// CONCATENATED MODULE: ./src/oci/auth.ts


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
/**
 * Authorization for one registry: learns its scheme from the first 401, then sends Basic
 * credentials or a Bearer token for the scope (fetched from the realm and cached per scope until
 * shortly before it expires). The password only ever goes into an Authorization header.
 */
class RegistryAuth {
    registry;
    credentials;
    sendRequest;
    scheme;
    tokens = new Map();
    fetching = new Map();
    constructor(registry, credentials, sendRequest) {
        this.registry = registry;
        this.credentials = credentials;
        this.sendRequest = sendRequest;
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
            throw new RegistryAuthError(`registry ${this.registry} asked for a bearer token but named no realm`);
        const url = new URL(realm);
        if (this.scheme?.service)
            url.searchParams.set('service', this.scheme.service);
        for (const part of scope.split(' ').filter(Boolean))
            url.searchParams.append('scope', part);
        const basic = this.basic();
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
            throw new RegistryAuthError(`registry ${this.registry} refused ${who} for scope ${scope} (token endpoint answered ${response.status})`, response.status);
        }
        const body = await response.json();
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryAuthError(`registry ${this.registry}: the token endpoint returned no token`);
        // Renew 10 s early so a token never expires in the middle of a request.
        const lifetime = Math.max(30, body.expires_in ?? 60) * 1000;
        this.tokens.set(scope, { value: token, expiresAt: Date.now() + lifetime - 10_000 });
        return token;
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/oci/http.ts


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
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CLOSED',
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
        if (current.name === 'TypeError' &&
            /fetch failed|terminated/.test(String(current.message))) {
            // undici wraps socket errors in "fetch failed"; the cause says which.
            if (!current.cause)
                return true;
        }
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
            const retryable = error instanceof RetryableResponseError || isRetryableError(error);
            if (!retryable || attempt + 1 >= policy.attempts)
                throw error;
            const told = error instanceof RetryableResponseError ? error.retryAfter : undefined;
            if (told !== undefined && told > policy.maxRetryAfterMs)
                throw error;
            const delay = told ?? backoffMs(attempt, policy);
            options.onRetry?.(describeRetry(error), delay, attempt + 1);
            await (0,external_node_timers_promises_.setTimeout)(delay);
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
    return retryAfterMs(response.headers.get(media_types/* HEADER */.El.retryAfter));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/oci/transport.ts



class StallError extends Error {
    name = 'StallError';
}
// Keep-alive pools: the many small requests of a push (HEAD, PUT manifest) reuse connections.
const agents = {
    http: new external_node_http_.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new external_node_https_.Agent({ keepAlive: true, maxSockets: 16 }),
};
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
/**
 * One HTTP exchange on node:http(s) with keep-alive, a streamed body both ways and an idle
 * timeout. No redirects, no retries: the registry client decides those.
 */
function send(request) {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const transport = isHttps ? external_node_https_ : external_node_http_;
    const headers = { 'user-agent': 'hypernix', ...request.headers };
    const body = request.body;
    if (Buffer.isBuffer(body))
        headers['content-length'] = String(body.length);
    else if (body?.length !== undefined)
        headers['content-length'] = String(body.length);
    else if (body === undefined && !['GET', 'HEAD', 'DELETE'].includes(request.method))
        headers['content-length'] = '0';
    return new Promise((resolve, reject) => {
        const outgoing = transport.request(url, {
            method: request.method,
            headers,
            agent: isHttps ? agents.https : agents.http,
        });
        const idle = request.idleTimeoutMs ?? 60_000;
        outgoing.setTimeout(idle, () => outgoing.destroy(new StallError(`no progress for ${idle / 1000} s on ${request.method} ${url.pathname}`)));
        outgoing.on('error', reject);
        outgoing.on('response', (incoming) => {
            const response = {
                status: incoming.statusCode ?? 0,
                statusText: incoming.statusMessage ?? '',
                url: request.url,
                headers: {
                    get(name) {
                        const value = incoming.headers[name.toLowerCase()];
                        if (value === undefined)
                            return null;
                        return Array.isArray(value) ? value.join(', ') : value;
                    },
                },
                body: incoming,
                text: async () => (await readAll(incoming, 16 << 20)).toString('utf8'),
                buffer: (limit = 64 << 20) => readAll(incoming, limit),
                json: async () => JSON.parse((await readAll(incoming, 16 << 20)).toString('utf8')),
                discard: async () => {
                    incoming.resume();
                    await new Promise((done) => {
                        if (incoming.complete || incoming.destroyed)
                            done();
                        else
                            incoming
                                .once('end', done)
                                .once('close', done)
                                .once('error', () => done());
                    });
                },
            };
            resolve(response);
        });
        if (body === undefined)
            outgoing.end();
        else if (Buffer.isBuffer(body))
            outgoing.end(body);
        else {
            (0,external_node_stream_promises_.pipeline)(body.stream(), outgoing).catch((error) => {
                outgoing.destroy(error);
                reject(error);
            });
        }
    });
}

;// CONCATENATED MODULE: ./src/oci/registry-client.ts






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
    reporter;
    hasCredentials;
    constructor(options) {
        this.registry = options.registry;
        this.baseUrl = `${options.plainHttp ? 'http' : 'https'}://${options.registry}`;
        this.auth = new RegistryAuth(options.registry, options.credentials, (request) => send({ ...request, idleTimeoutMs: this.idleTimeoutMs }));
        this.retry = options.retry ?? DEFAULT_RETRY;
        this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
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
            let url = this.url(path);
            for (let hop = 0, authTries = 0;;) {
                const authorization = sameOrigin(url, this.baseUrl)
                    ? await this.auth.header(options.scope)
                    : undefined;
                const response = await send({
                    method,
                    url,
                    headers: {
                        ...options.headers,
                        ...(authorization ? { [media_types/* HEADER */.El.authorization]: authorization } : {}),
                    },
                    body: options.body,
                    idleTimeoutMs: this.idleTimeoutMs,
                });
                if (options.expect.includes(response.status))
                    return response;
                if (response.status === 401 && authTries === 0) {
                    authTries += 1;
                    const retryWith = await this.auth.retryAuthorization(response, options.scope, authorization);
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
                        throw new RegistryError(`${this.registry}: too many redirects for ${method} ${path}`);
                    await response.discard();
                    url = new URL(location, url).toString();
                    continue;
                }
                return this.fail(method, url, options.scope, response);
            }
        };
        if (options.retry === false)
            return attempt();
        return withRetries(attempt, {
            policy: this.retry,
            onRetry: (why, delay, count) => this.reporter?.warning(`${this.registry}: ${why}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${count + 1} of ${this.retry.attempts})`),
        });
    }
    async fail(method, url, scope, response) {
        const described = describeResponse(method, url, response);
        if (isRetryableStatus(response.status)) {
            await response.discard();
            throw new RetryableResponseError(response.status, retryAfterOf(response), `${described}`);
        }
        const detail = await registryErrorDetail(response);
        if (response.status === 401 || response.status === 403) {
            const who = this.hasCredentials
                ? 'the given credentials'
                : 'anonymous access (no credentials given)';
            throw new RegistryAuthError(`registry ${this.registry} refused ${who} for scope ${scope}: ${response.status}${detail ? ` ${detail}` : ''}`, response.status);
        }
        throw new RegistryError(`registry ${this.registry}: ${described}${detail ? `: ${detail}` : ''}`, response.status);
    }
    /** GET /v2/: is this a registry at all, and can we reach it? */
    async ping(scope) {
        let response;
        try {
            response = await this.exchange('GET', '/v2/', { scope, expect: [200] });
        }
        catch (error) {
            if (error instanceof RegistryError && error.status === 404) {
                throw new RegistryError(`${this.baseUrl} is not an OCI registry (GET /v2/ answered 404)`, 404, { cause: error });
            }
            if (error instanceof RegistryError)
                throw error;
            throw new RegistryError(`cannot reach registry ${this.baseUrl}: ${describeNetworkError(error)}`, undefined, { cause: error });
        }
        const type = response.headers.get(media_types/* HEADER */.El.contentType) ?? '';
        const apiVersion = response.headers.get(media_types/* HEADER */.El.apiVersion);
        await response.discard();
        if (!apiVersion && !type.includes('json')) {
            throw new RegistryError(`${this.baseUrl} is not an OCI registry (GET /v2/ answered 200 with ${type || 'no content type'} and no Docker-Distribution-API-Version)`);
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
        const digest = sha256Digest(bytes);
        if (reference.startsWith('sha256:') && reference !== digest) {
            throw new RegistryError(`registry ${this.registry} sent manifest ${digest} for ${repository}@${reference}`);
        }
        const mediaType = (response.headers.get(media_types/* HEADER */.El.contentType) ?? '').split(';')[0]?.trim() || mediaTypeOf(bytes);
        return { mediaType, digest, bytes };
    }
    /** PUTs a manifest under a tag or digest and checks the digest the registry computed. */
    async putManifest(repository, reference, bytes, mediaType) {
        const digest = sha256Digest(bytes);
        const response = await this.exchange('PUT', `/v2/${repository}/manifests/${reference}`, {
            scope: scopeFor(repository, 'pull,push'),
            headers: { [media_types/* HEADER */.El.contentType]: mediaType },
            body: bytes,
            expect: [201, 200],
        });
        const told = response.headers.get(media_types/* HEADER */.El.dockerContentDigest);
        await response.discard();
        if (told && told !== digest) {
            throw new RegistryError(`registry ${this.registry} stored manifest ${repository}:${reference} as ${told}, not ${digest}`);
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
        });
        const bytes = await response.buffer(limit);
        if (sha256Digest(bytes) !== digest)
            throw new RegistryError(`registry ${this.registry} sent blob ${digest} with other content`);
        return bytes;
    }
    /** Starts a blob download, from byte `start` on when resuming (206 expected then). */
    async openBlob(repository, digest, start = 0) {
        return this.exchange('GET', `/v2/${repository}/blobs/${digest}`, {
            scope: scopeFor(repository, 'pull'),
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
function describeNetworkError(error) {
    const code = error.code ?? error.cause?.code;
    const message = error.message ?? String(error);
    return code && !message.includes(code) ? `${message} (${code})` : message;
}

;// CONCATENATED MODULE: ./src/oci/known-layers.ts




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
async function readRegistryState(client, target, sources, reporter) {
    const [, state] = await Promise.all([
        client.ping(scopeFor(target, 'pull,push')),
        learnKnownLayers(client, target, sources, reporter),
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
async function learnKnownLayers(client, target, sources, reporter) {
    const state = {
        candidates: new Map(),
        tagDigests: new Map(),
        configsInTarget: new Set(),
    };
    // The tag list comes along in the first round, for when the target's own tags name nothing.
    const tagList = client.listTags(target).catch(() => []);
    const found = await learnFrom(client, target, sources, state, reporter);
    if (!found) {
        const read = new Set(sources.filter((source) => source.repository === target).map((source) => source.reference));
        const more = extraTags(await tagList, read).map((reference) => ({
            repository: target,
            reference,
        }));
        if (more.length > 0) {
            reporter.debug(`the target tags are new; reading ${more.map((source) => source.reference).join(', ')}`);
            await learnFrom(client, target, more, state, reporter, false);
        }
    }
    return state;
}
/** Reads the sources into `state`; says whether any manifest of the target repository was found. */
async function learnFrom(client, target, sources, state, reporter, recordTags = true) {
    let found = false;
    const results = await Promise.allSettled(sources.map((source) => layersOf(client, source)));
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
 * for zstd gets zstd layers) and allowed in the manifest format; one of the target's own first.
 */
function usableLayers(state, want) {
    const usable = new Map();
    for (const [diffId, list] of state.candidates) {
        const fitting = list.filter((layer) => (0,oci_compression/* compressionOf */.MB)(layer.mediaType) === want.compression &&
            (want.format !== 'docker' || layer.mediaType === media_types/* MEDIA_TYPE */.Ap.dockerLayerGzip));
        const chosen = fitting.find((layer) => layer.inTarget) ?? fitting[0];
        if (chosen)
            usable.set(diffId, chosen);
    }
    return usable;
}
async function layersOf(client, source) {
    const scope = scopeFor(source.repository, 'pull');
    const pairs = new Map();
    const result = (manifestDigest, configDigest) => ({
        pairs,
        manifestDigest,
        configDigest,
    });
    let manifest = await client.getManifest(source.repository, source.reference, scope);
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
    const config = JSON.parse((await client.getBlob(source.repository, json.config.digest)).toString('utf8'));
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length === json.layers.length)
        json.layers.forEach((layer, index) => pairs.set(diffIds[index], layer));
    return result(manifestDigest, json.config.digest);
}

// EXTERNAL MODULE: ./src/oci/reference.ts
var oci_reference = __webpack_require__(2148);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/oci/blob-upload.ts





/** Compressed layers up to this size are held in memory and sent in one PUT with a known digest. */
const MONOLITHIC_LIMIT = 32 << 20;
/** Larger blobs go in PATCH chunks of this size; one chunk per upload is held to resume from. */
const CHUNK_SIZE = 32 << 20;
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}
function locationOf(client, response) {
    const location = response.headers.get(media_types/* HEADER */.El.location);
    if (!location)
        throw new RegistryError(`registry ${client.registry} started an upload but sent no Location`);
    return new URL(location, client.baseUrl).toString();
}
/** The end of the registry's `Range: 0-N` (bytes it holds = N + 1); 0 when it holds none. */
function receivedBytes(response) {
    const range = response.headers.get(media_types/* HEADER */.El.range);
    const match = range ? /(\d+)-(\d+)/.exec(range) : null;
    return match ? Number(match[2]) + 1 : 0;
}
/**
 * The registry no longer knows an upload session after a dropped connection (Docker's
 * distribution invalidates a session whose bytes were written in part), so it cannot be resumed:
 * the blob must be sent again from its start.
 */
class UploadSessionLostError extends RegistryError {
    name = 'UploadSessionLostError';
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
/**
 * Opens an upload session, asking the registry to mount the blob from another repository when
 * `from` is given: 201 means mounted (nothing to send), 202 an upload session to use instead.
 */
async function startUpload(client, repository, mount) {
    const query = mount
        ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}`
        : '';
    const scope = mount
        ? `${scopeFor(repository, 'pull,push')} ${scopeFor(mount.from, 'pull')}`
        : scopeFor(repository, 'pull,push');
    const response = await client.exchange('POST', `/v2/${repository}/blobs/uploads/${query}`, {
        scope,
        expect: [201, 202],
    });
    await response.discard();
    if (response.status === 201 && mount)
        return { mounted: true };
    return { mounted: false, location: locationOf(client, response) };
}
/** Sends a whole blob with a known digest: POST for a session (unless given), then one PUT. */
async function uploadBlob(client, repository, digest, content, session) {
    // Pieces are sent as they are: joining tens of MiB into one new buffer costs more than the send.
    const pieces = Array.isArray(content) ? content : [content];
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const body = { stream: () => external_node_stream_.Readable.from(pieces, { objectMode: false }), length };
    const scope = scopeFor(repository, 'pull,push');
    // A retried PUT needs a fresh session: the failed one may be half-written or gone.
    let location = session;
    await withRetries(async () => {
        location ??= (await startUpload(client, repository)).location;
        const target = location;
        location = undefined;
        const response = await client.exchange('PUT', withDigest(target, digest), {
            scope,
            headers: { [media_types/* HEADER */.El.contentType]: 'application/octet-stream' },
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
    static async start(client, repository, chunkSize = CHUNK_SIZE) {
        const session = (await startUpload(client, repository));
        return new ChunkedUpload(client, repository, session.location, chunkSize);
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
        await withRetries(async () => {
            const response = await this.client.exchange('PUT', withDigest(this.location, digest), {
                scope: this.scope,
                expect: [201],
                retry: false,
            });
            await response.discard();
        });
    }
    get scope() {
        return scopeFor(this.repository, 'pull,push');
    }
    async flush() {
        // The pieces go out as they are: joining 32 MiB into a new buffer costs more than sending.
        const pieces = this.pending;
        const length = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
        const start = this.offset;
        let skip = 0;
        await withRetries(async ({ attempt }) => {
            if (attempt > 0) {
                // Ask where the registry stands, and send only what it lacks.
                const held = await this.status();
                if (held < start || held > start + length) {
                    throw new RegistryError(`registry ${this.client.registry} holds ${held} bytes of an upload that should hold ${start}; cannot resume`);
                }
                skip = held - start;
                if (skip === length)
                    return;
            }
            const body = skipBytes(pieces, skip);
            const response = await this.client.exchange('PATCH', this.location, {
                scope: this.scope,
                headers: {
                    [media_types/* HEADER */.El.contentType]: 'application/octet-stream',
                    [media_types/* HEADER */.El.contentRange]: `${start + skip}-${start + length - 1}`,
                },
                body: { stream: () => external_node_stream_.Readable.from(body), length: length - skip },
                expect: [202],
                retry: false,
            });
            await response.discard();
            this.location = locationOf(this.client, response);
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
            throw new UploadSessionLostError(`registry ${this.client.registry} lost the upload session after a dropped connection`, 404);
        }
        const next = response.headers.get(media_types/* HEADER */.El.location);
        if (next)
            this.location = new URL(next, this.client.baseUrl).toString();
        return receivedBytes(response);
    }
}

;// CONCATENATED MODULE: ./src/oci/tar-index.ts


/**
 * Lists a plain tar file's entries with the offsets of their data, reading only the 512-byte
 * headers: a 1 GB image is indexed in a few hundred small reads, and its layers can then be read
 * in parallel, or not at all.
 */
async function indexTarFile(path) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        return await indexOpenTar(handle);
    }
    finally {
        await handle.close();
    }
}
async function readAt(handle, position, length) {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
}
async function indexOpenTar(handle) {
    const { size: fileSize } = await handle.stat();
    const entries = new Map();
    const extended = new ExtendedHeaderState();
    let position = 0;
    for (;;) {
        const header = await readAt(handle, position, BLOCK);
        if (header.length === 0)
            break;
        if (header.length < BLOCK)
            throw new TarFormatError('truncated tar header');
        if (header.every((byte) => byte === 0))
            break;
        if (!checksumOk(header)) {
            throw new TarFormatError(position === 0
                ? 'not a tar archive (bad header checksum)'
                : `corrupt tar header at byte ${position}`);
        }
        const flag = field(header, 156, 1);
        const size = extended.sizeOf(header);
        const dataStart = position + BLOCK;
        if (dataStart + size > fileSize)
            throw new TarFormatError('truncated tar archive');
        if (ExtendedHeaderState.isExtended(flag)) {
            extended.take(flag, await readAt(handle, dataStart, size));
        }
        else {
            const { name } = extended.resolve(header);
            entries.set(name.replace(/^\.\//, ''), { name, type: typeOf(flag), offset: dataStart, size });
        }
        position = dataStart + size + padding(size);
    }
    return entries;
}

;// CONCATENATED MODULE: ./src/oci/oci-layout.ts










class OciLayoutError extends errors/* HypernixError */.iD {
    name = 'OciLayoutError';
}
async function isOciLayoutDirectory(path) {
    return (await (0,promises_.stat)((0,external_node_path_.join)(path, 'oci-layout')).catch(() => undefined))?.isFile() ?? false;
}
function layoutDirectory(path) {
    return {
        describe: path,
        read: (name) => (0,promises_.readFile)((0,external_node_path_.join)(path, name)),
        open: (name) => (0,external_node_fs_.createReadStream)((0,external_node_path_.join)(path, name), { highWaterMark: READ_CHUNK }),
        has: async (name) => (await (0,promises_.stat)((0,external_node_path_.join)(path, name)).catch(() => undefined)) !== undefined,
    };
}
/** A plain tar holding an OCI layout, or undefined when the tar is something else. */
async function layoutTar(path) {
    const index = await indexTarFile(path);
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
            ? (0,external_node_fs_.createReadStream)(path, { start: offset, end: offset + size - 1, highWaterMark: READ_CHUNK })
            : (0,external_node_fs_.createReadStream)('/dev/null');
    };
    return {
        describe: path,
        open,
        read: async (name) => {
            const chunks = [];
            for await (const chunk of open(name))
                chunks.push(chunk);
            return Buffer.concat(chunks);
        },
        has: async (name) => index.has(name),
    };
}
const blobPath = (digest) => `blobs/${digest.replace(':', '/')}`;
async function readJson(files, name, digest) {
    if (!(await files.has(name)))
        throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
    const bytes = await files.read(name);
    if (digest && sha256Digest(bytes) !== digest) {
        throw new OciLayoutError(`${files.describe}: ${name} does not have the digest ${digest} its descriptor names`);
    }
    try {
        return { json: JSON.parse(bytes.toString('utf8')), bytes };
    }
    catch {
        throw new OciLayoutError(`${files.describe}: ${name} is not valid JSON`);
    }
}
/**
 * Pushes an image from an OCI image layout as it is: its blobs are already compressed, so they
 * are sent byte for byte (digests checked as they go) and the manifest keeps its digest.
 */
async function pushOciLayout(files, options) {
    const started = performance.now();
    const { client, repository, reporter } = options;
    const state = await readRegistryState(client, repository, stateSources(repository, options.tags), reporter);
    const { json: index } = await readJson(files, 'index.json');
    let descriptor = index.manifests?.[0];
    if (!descriptor)
        throw new OciLayoutError(`${files.describe}: index.json lists no manifest`);
    if (descriptor.mediaType === media_types/* MEDIA_TYPE */.Ap.ociIndex ||
        descriptor.mediaType === media_types/* MEDIA_TYPE */.Ap.dockerManifestList) {
        const { json: nested } = await readJson(files, blobPath(descriptor.digest), descriptor.digest);
        descriptor =
            nested.manifests?.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? nested.manifests?.[0];
        if (!descriptor)
            throw new OciLayoutError(`${files.describe}: the image index lists no manifest`);
    }
    const { json: manifest, bytes: manifestBytes } = await readJson(files, blobPath(descriptor.digest), descriptor.digest);
    if (!manifest.config || !manifest.layers)
        throw new OciLayoutError(`${files.describe}: ${descriptor.digest} is not an image manifest`);
    const blobs = [manifest.config, ...manifest.layers];
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
        configDigest: manifest.config.digest,
        layers,
        pushedBytes: layers.reduce((sum, layer) => sum + layer.sentBytes, 0),
        reusedBytes: layers.reduce((sum, layer) => sum + (layer.action === 'pushed' ? 0 : layer.size), 0),
        seconds: (performance.now() - started) / 1000,
    };
}
async function copyBlob(files, blob, index, options) {
    const started = performance.now();
    const { client, repository } = options;
    const report = (action, sentBytes) => ({
        index,
        diffId: '',
        digest: blob.digest,
        mediaType: blob.mediaType,
        size: blob.size,
        sentBytes,
        action,
        seconds: (performance.now() - started) / 1000,
    });
    if ((await client.blobSize(repository, blob.digest, scopeFor(repository, 'pull,push'))) !==
        undefined)
        return report('present', 0);
    const name = blobPath(blob.digest);
    if (!(await files.has(name)))
        throw new OciLayoutError(`${files.describe}: the layout has no ${name}`);
    const mismatch = () => new OciLayoutError(`${files.describe}: ${name} does not have the digest its name says; nothing was tagged`);
    if (blob.size <= MONOLITHIC_LIMIT) {
        const bytes = await files.read(name);
        if (sha256Digest(bytes) !== blob.digest)
            throw mismatch();
        await uploadBlob(client, repository, blob.digest, bytes);
        return report('pushed', bytes.length);
    }
    for (let attempt = 1;; attempt += 1) {
        try {
            const upload = await ChunkedUpload.start(client, repository);
            const counter = new DigestCounter();
            for await (const chunk of files.open(name)) {
                counter.update(chunk);
                await upload.write(chunk);
            }
            if (counter.digest() !== blob.digest)
                throw mismatch();
            await upload.finish(blob.digest);
            return report('pushed', counter.bytes);
        }
        catch (error) {
            if (!(error instanceof UploadSessionLostError) || attempt >= 3)
                throw error;
            client.reporter?.warning(`${error.message}; sending ${name} again from its start`);
        }
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/oci/gzip-stored.ts


/** Deflate's stored blocks hold at most 65535 bytes each. */
const MAX_STORED = 0xffff;
// gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS unix — as zlib writes it.
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** Node's crc32 (22.2+, 20.15+); without it stored gzip falls back to zlib at level 0. */
const crc32 = external_node_zlib_.crc32;
/**
 * A gzip stream of stored (uncompressed) deflate blocks: what gzip makes of data that does not
 * compress, at the cost of a copy and a CRC instead of a deflate pass that gains nothing
 * (zlib at level 1 moves random bytes at about 40 MB/s here; this at memory speed).
 */
class StoredGzip extends external_node_stream_.Transform {
    checksum;
    crc = 0;
    length = 0;
    started = false;
    /** Bytes short of a full block, carried over so block boundaries never depend on chunking. */
    pending = Buffer.alloc(0);
    constructor(checksum) {
        super();
        this.checksum = checksum;
    }
    _transform(chunk, _encoding, callback) {
        this.crc = this.checksum(chunk, this.crc);
        this.length = (this.length + chunk.length) % 2 ** 32;
        const total = this.pending.length + chunk.length;
        const blocks = Math.floor(total / MAX_STORED);
        if (blocks === 0) {
            this.pending = Buffer.concat([this.pending, chunk]);
            return callback();
        }
        // One output buffer per input chunk (one copy, few pieces downstream): the header once, then
        // each full block as a 5-byte block header and its bytes. A short tail waits for more input,
        // so block boundaries never depend on how the input was chunked.
        const head = this.started ? 0 : HEADER.length;
        const out = Buffer.allocUnsafe(head + blocks * (5 + MAX_STORED));
        let at = 0;
        if (!this.started) {
            at = HEADER.copy(out, 0);
            this.started = true;
        }
        let used = 0; // bytes of `chunk` consumed
        for (let block = 0; block < blocks; block += 1) {
            at = writeBlockHeader(out, at, MAX_STORED, false);
            let room = MAX_STORED;
            if (block === 0 && this.pending.length > 0) {
                at += this.pending.copy(out, at);
                room -= this.pending.length;
            }
            at += chunk.copy(out, at, used, used + room);
            used += room;
        }
        this.pending = Buffer.from(chunk.subarray(used));
        callback(null, out);
    }
    _flush(callback) {
        const head = this.started ? 0 : HEADER.length;
        const out = Buffer.allocUnsafe(head + 5 + this.pending.length + 8);
        let at = this.started ? 0 : HEADER.copy(out, 0);
        at = writeBlockHeader(out, at, this.pending.length, true);
        at += this.pending.copy(out, at);
        out.writeUInt32LE(this.crc >>> 0, at);
        out.writeUInt32LE(this.length, at + 4);
        callback(null, out);
    }
}
/** Writes a stored block's header (final flag, LEN, NLEN) at `at`; returns the next offset. */
function writeBlockHeader(out, at, size, final) {
    out[at] = final ? 0x01 : 0x00;
    out.writeUInt16LE(size, at + 1);
    out.writeUInt16LE(~size & 0xffff, at + 3);
    return at + 5;
}
/** How much of a layer's start is compressed on trial to decide whether the layer compresses. */
const SAMPLE_BYTES = 64 * 1024;
/**
 * Whether a sample of a layer is worth deflating: if level 1 saves under 5 % of it, the layer
 * is most likely compressed or random data already. Deterministic, so a layer always gets the
 * same bytes (and digest) however often it is pushed.
 */
function worthDeflating(sample) {
    const head = sample.subarray(0, SAMPLE_BYTES);
    if (head.length === 0)
        return true;
    return external_node_zlib_.deflateRawSync(head, { level: 1 }).length < head.length * 0.95;
}

;// CONCATENATED MODULE: ./src/oci/image-config.ts


const HEX_NAME = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/;
/**
 * Reads a config from an archive, checking its digest against its file name where the name is a
 * digest (dockerTools and `docker save` name it so) and that it lists one diff_id per layer.
 */
function readImageConfig(bytes, name, layerCount, source) {
    const digest = sha256Digest(bytes);
    const named = HEX_NAME.exec(name)?.[1];
    if (named && `sha256:${named}` !== digest) {
        throw new DockerArchiveError(`${source}: the config ${name} has digest ${digest}, not the one its name says`);
    }
    let diffIds;
    try {
        diffIds = JSON.parse(bytes.toString('utf8')).rootfs
            ?.diff_ids;
    }
    catch {
        throw new DockerArchiveError(`${source}: the config ${name} is not valid JSON`);
    }
    if (!Array.isArray(diffIds) ||
        !diffIds.every((id) => typeof id === 'string' && /^sha256:[a-f0-9]{64}$/.test(id))) {
        throw new DockerArchiveError(`${source}: the config ${name} has no valid rootfs.diff_ids`);
    }
    if (diffIds.length !== layerCount) {
        throw new DockerArchiveError(`${source}: manifest.json lists ${layerCount} layers but the config ${diffIds.length} diff_ids`);
    }
    return { bytes, digest, diffIds: diffIds };
}
/** The uncompressed digest a layer's path announces (`<hex>/layer.tar`, `blobs/sha256/<hex>`). */
function diffIdFromPath(path) {
    const match = /(?:^|\/)([a-f0-9]{64})(?:\/layer\.tar|\.tar)?$/.exec(path);
    return match ? `sha256:${match[1]}` : undefined;
}

;// CONCATENATED MODULE: ./src/oci/push-image.ts













class LayerDigestError extends errors/* HypernixError */.iD {
    name = 'LayerDigestError';
}
/** Runs at most `limit` of the tasks at once, in order of start, and keeps their order. */
async function mapLimited(items, limit, task) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next;
            next += 1;
            results[index] = await task(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
/**
 * Pushes a docker archive as dockerTools writes it: each layer compressed, hashed and uploaded in
 * one pass (in parallel for a tar file), layers the registry already holds skipped before any
 * compression, every digest checked, and the tags set only after every blob is in.
 */
async function pushDockerArchive(source, options) {
    const started = performance.now();
    const { client, repository, reporter } = options;
    const format = (0,oci_compression/* manifestFormatFor */.uZ)(options.compression, options.manifestFormat);
    const mediaType = (0,oci_compression/* layerMediaType */.sG)(options.compression, format);
    const learnt = await (options.registryState ??
        readRegistryState(client, repository, stateSources(repository, options.tags, options.mountFrom), reporter));
    const known = usableLayers(learnt, { compression: options.compression, format });
    reporter.debug(`the registry holds ${known.size} layers of earlier pushes`);
    const pusher = new LayerPusher(options, mediaType, known);
    // The config goes up beside the layers as soon as it is read (a tar file's is read first).
    let configUpload = Promise.resolve();
    const onConfig = (config) => {
        if (learnt.configsInTarget.has(config.digest))
            return;
        configUpload = uploadBlob(client, repository, config.digest, config.bytes);
        configUpload.catch(() => undefined); // awaited below, after the layers
    };
    const { config, layers } = source.type === 'file'
        ? await pushFromFile(source.path, pusher, options.concurrency, onConfig)
        : await pushFromStream(source, pusher, options.concurrency, onConfig);
    await configUpload;
    reporter.debug(`push: ${layers.length} layers and the config in the registry`);
    const manifest = buildManifest(format, config, layers);
    const manifestMediaType = format === 'docker' ? media_types/* MEDIA_TYPE */.Ap.dockerManifest : media_types/* MEDIA_TYPE */.Ap.ociManifest;
    const digest = sha256Of(manifest);
    const references = options.tags.length > 0 ? options.tags : [digest];
    for (const reference of references) {
        // A tag that already names this very manifest is left as it is: a re-run changes nothing.
        if (learnt.tagDigests.get(reference) === digest) {
            reporter.info(`${repository}:${reference} is already ${digest}; unchanged`);
            continue;
        }
        await client.putManifest(repository, reference, manifest, manifestMediaType);
    }
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
        seconds: (performance.now() - started) / 1000,
    };
}
function sha256Of(bytes) {
    const counter = new DigestCounter();
    counter.update(bytes);
    return counter.digest();
}
function firstImage(manifestBytes, source) {
    const images = parseManifest(manifestBytes.toString('utf8'), source);
    return images[0];
}
/** A plain tar: index its headers, read manifest and config, then push layers in parallel. */
async function pushFromFile(path, pusher, concurrency, onConfig) {
    let index;
    try {
        index = await indexTarFile(path);
    }
    catch (error) {
        if (error instanceof TarFormatError)
            throw new DockerArchiveError(`${path}: ${error.message}`, { cause: error });
        throw error;
    }
    const entry = (name) => {
        const found = index.get(name.replace(/^\.\//, ''));
        if (!found)
            throw new DockerArchiveError(`${path}: manifest.json names ${name}, which is not in the archive`);
        return found;
    };
    const read = async (name) => {
        const { offset, size } = entry(name);
        const chunks = [];
        if (size > 0)
            for await (const chunk of (0,external_node_fs_.createReadStream)(path, { start: offset, end: offset + size - 1 }))
                chunks.push(chunk);
        return Buffer.concat(chunks);
    };
    if (!index.has('manifest.json'))
        throw new DockerArchiveError(`${path}: not a docker archive (no manifest.json in the tar)`);
    const image = firstImage(await read('manifest.json'), path);
    const config = readImageConfig(await read(image.Config), image.Config, image.Layers.length, path);
    onConfig(config);
    const jobs = image.Layers.map((layerPath, layerIndex) => {
        const { offset, size } = entry(layerPath);
        return {
            index: layerIndex,
            path: layerPath,
            diffId: config.diffIds[layerIndex],
            open: () => size > 0
                ? (0,external_node_fs_.createReadStream)(path, {
                    start: offset,
                    end: offset + size - 1,
                    highWaterMark: READ_CHUNK,
                })
                : emptyStream(),
        };
    });
    const layers = await mapLimited(jobs, concurrency, (job) => pusher.push(job));
    return { config, layers };
}
function emptyStream() {
    return (0,external_node_fs_.createReadStream)('/dev/null');
}
/**
 * A compressed archive or a streamLayeredImage script: one pass, in tar order. Layers come
 * before manifest.json, so each is processed as it passes (by the digest its path announces) and
 * checked against the config's diff_ids at the end, before anything is tagged.
 */
async function pushFromStream(source, pusher, concurrency, onConfig) {
    const small = new Map();
    const processed = new Map();
    const inFlight = new Set();
    const stream = source.open();
    try {
        for await (const entry of readTar(stream)) {
            if (entry.type !== 'file')
                continue;
            const name = entry.name.replace(/^\.\//, '');
            const announced = diffIdFromPath(name);
            if (!announced && entry.size <= 16 << 20) {
                small.set(name, await entry.readAll());
                continue;
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
        if (error instanceof TarFormatError)
            throw new DockerArchiveError(`${source.describe}: ${error.message}`, { cause: error });
        throw error;
    }
    finally {
        stream.destroy();
    }
    const manifestBytes = small.get('manifest.json');
    if (!manifestBytes)
        throw new DockerArchiveError(`${source.describe}: not a docker archive (no manifest.json in the tar)`);
    const image = firstImage(manifestBytes, source.describe);
    const configBytes = small.get(image.Config.replace(/^\.\//, ''));
    if (!configBytes)
        throw new DockerArchiveError(`${source.describe}: manifest.json names ${image.Config}, which is not in the archive`);
    const config = readImageConfig(configBytes, image.Config, image.Layers.length, source.describe);
    onConfig(config);
    const layers = [];
    for (const [index, path] of image.Layers.entries()) {
        const done = processed.get(path.replace(/^\.\//, ''));
        if (!done)
            throw new DockerArchiveError(`${source.describe}: manifest.json names ${path}, which is not in the archive`);
        const expected = config.diffIds[index];
        if (done.computedDiffId !== expected) {
            throw new LayerDigestError(`${source.describe}: layer ${path} has digest ${done.computedDiffId}, but the config lists ${expected}; nothing was tagged`);
        }
        layers.push({ ...(await done.report), index });
    }
    return { config, layers };
}
/** Pushes one layer: reuse what the registry has, else compress, hash and upload in one pass. */
class LayerPusher {
    options;
    mediaType;
    known;
    constructor(options, mediaType, known) {
        this.options = options;
        this.mediaType = mediaType;
        this.known = known;
    }
    /** A layer of a tar file: known ones are never read. */
    async push(job) {
        const started = performance.now();
        const reused = await this.tryReuse(job.diffId, job.index, started);
        if (reused)
            return reused;
        // A file can be read again: when the registry loses an upload session, send the layer anew.
        for (let attempt = 1;; attempt += 1) {
            try {
                const { computedDiffId, upload } = await this.consume(job.open(), undefined);
                if (computedDiffId !== job.diffId) {
                    throw new LayerDigestError(`layer ${job.path} has digest ${computedDiffId}, but the config lists ${job.diffId}; nothing was tagged`);
                }
                return { ...(await upload()), index: job.index };
            }
            catch (error) {
                if (!(error instanceof UploadSessionLostError) || attempt >= 3)
                    throw error;
                this.options.reporter.warning(`${error.message}; sending layer ${job.index + 1} again from its start`);
            }
        }
    }
    /**
     * Reads a layer's bytes once. When `announced` names a layer the registry holds, the bytes are
     * only hashed (to check the announcement); otherwise they are compressed and hashed, and held
     * (up to MONOLITHIC_LIMIT) or streamed in chunks. `upload` then finishes the blob.
     */
    async consume(content, announced) {
        const started = performance.now();
        const diff = new DigestCounter();
        const knownLayer = announced ? this.known.get(announced) : undefined;
        if (announced && knownLayer) {
            for await (const chunk of content)
                diff.update(chunk);
            const computedDiffId = diff.digest();
            return {
                computedDiffId,
                upload: async () => {
                    const reused = computedDiffId === announced ? await this.tryReuse(announced, 0, started) : undefined;
                    if (reused)
                        return reused;
                    throw new LayerDigestError(`a layer announced as ${announced} has digest ${computedDiffId}; nothing was tagged`);
                },
            };
        }
        const { client, repository, compression, level } = this.options;
        const packed = new DigestCounter();
        const held = [];
        let heldBytes = 0;
        let chunked;
        const hashed = async function* (source) {
            for await (const chunk of source) {
                diff.update(chunk);
                yield chunk;
            }
        };
        const sink = async (source) => {
            for await (const chunk of source) {
                packed.update(chunk);
                if (chunked) {
                    await chunked.write(chunk);
                    continue;
                }
                held.push(chunk);
                heldBytes += chunk.length;
                if (heldBytes > MONOLITHIC_LIMIT) {
                    chunked = await ChunkedUpload.start(client, repository);
                    for (const piece of held.splice(0))
                        await chunked.write(piece);
                }
            }
        };
        if (compression === 'none') {
            await (0,external_node_stream_promises_.pipeline)(content, hashed, sink);
        }
        else {
            const { head, rest } = await peek(content, SAMPLE_BYTES);
            await (0,external_node_stream_promises_.pipeline)(rest, hashed, layerCompressor(compression, level, head), sink);
        }
        const computedDiffId = diff.digest();
        const digest = packed.digest();
        const size = packed.bytes;
        const report = (action, sentBytes) => ({
            index: 0,
            diffId: computedDiffId,
            digest,
            mediaType: this.mediaType,
            size,
            sentBytes,
            action,
            seconds: (performance.now() - started) / 1000,
        });
        return {
            computedDiffId,
            upload: async () => {
                if (chunked) {
                    await chunked.finish(digest);
                    return report('pushed', size);
                }
                // The same bytes compressed the same way may be there already (from another tag's push).
                if ((await client.blobSize(repository, digest, `repository:${repository}:pull,push`)) !==
                    undefined) {
                    return report('present', 0);
                }
                await uploadBlob(client, repository, digest, held);
                return report('pushed', size);
            },
        };
    }
    /** Reuses a blob the registry holds for this diff_id: present in the target, or mounted. */
    async tryReuse(diffId, index, started) {
        const known = this.known.get(diffId);
        if (!known)
            return undefined;
        const { client, repository } = this.options;
        const report = (action) => ({
            index,
            diffId,
            digest: known.digest,
            mediaType: known.mediaType,
            size: known.size,
            sentBytes: 0,
            action,
            seconds: (performance.now() - started) / 1000,
        });
        if (known.inTarget)
            return report('reused');
        if ((await client.blobSize(repository, known.digest, `repository:${repository}:pull,push`)) !==
            undefined)
            return report('reused');
        const mount = await startUpload(client, repository, {
            digest: known.digest,
            from: known.repository,
        });
        if (mount.mounted)
            return report('mounted');
        // The registry could not mount (202): it opened an upload instead, which we leave unused.
        return undefined;
    }
}
/**
 * The compressor for one layer. A gzip layer whose first bytes do not deflate is written as
 * gzip's stored blocks: the same media type and a valid gzip stream, without a deflate pass that
 * would cost most of the push and gain nothing.
 */
function layerCompressor(compression, level, head) {
    if (compression === 'gzip' && crc32 && !worthDeflating(head))
        return new StoredGzip(crc32);
    return (0,oci_compression/* compressor */.e)(compression, level);
}
/** Reads a stream's first `bytes` (or all of a shorter one) and gives them back with the rest. */
async function peek(source, bytes) {
    const iterator = source[Symbol.asyncIterator]();
    const seen = [];
    let seenBytes = 0;
    let done = false;
    while (seenBytes < bytes) {
        const next = await iterator.next();
        if (next.done) {
            done = true;
            break;
        }
        seen.push(next.value);
        seenBytes += next.value.length;
    }
    const rest = async function* () {
        yield* seen;
        if (done)
            return;
        for (let next = await iterator.next(); !next.done; next = await iterator.next())
            yield next.value;
    };
    return { head: Buffer.concat(seen), rest: rest() };
}
function buildManifest(format, config, layers) {
    const manifest = {
        schemaVersion: 2,
        mediaType: format === 'docker' ? media_types/* MEDIA_TYPE */.Ap.dockerManifest : media_types/* MEDIA_TYPE */.Ap.ociManifest,
        config: {
            mediaType: format === 'docker' ? media_types/* MEDIA_TYPE */.Ap.dockerConfig : media_types/* MEDIA_TYPE */.Ap.ociConfig,
            size: config.bytes.length,
            digest: config.digest,
        },
        layers: layers.map((layer) => ({
            mediaType: layer.mediaType,
            size: layer.size,
            digest: layer.digest,
        })),
    };
    return Buffer.from(JSON.stringify(manifest));
}

;// CONCATENATED MODULE: ./src/publish/archive-source.ts






const NOT_AN_IMAGE = 'expected a .tar, .tar.gz or .tar.zst docker archive, a streamLayeredImage script, or an OCI image layout';
/**
 * Opens what the build produced as a source of image layers: a plain tar file is read in
 * parallel by offsets; a gzip/zstd archive, a streamLayeredImage script (run, its stdout read)
 * or standard input ('-') is read once as a stream; an OCI layout's blobs are sent as they are.
 */
async function openArchive(path, label) {
    if (path === '-')
        return { type: 'stream', open: () => process.stdin, describe: 'standard input' };
    const info = await (0,promises_.stat)(path).catch(() => undefined);
    if (!info)
        throw new errors/* InputError */.dz(`${label}: ${path} does not exist`);
    if (info.isDirectory()) {
        if (await isOciLayoutDirectory(path))
            return { type: 'oci-layout', files: layoutDirectory(path) };
        throw new errors/* InputError */.dz(`${label}: ${path} is a directory, not an OCI image layout (it has no oci-layout file)`);
    }
    const format = await sniffFile(path);
    switch (format) {
        case 'tar': {
            const layout = await layoutTar(path).catch(() => undefined);
            return layout ? { type: 'oci-layout', files: layout } : { type: 'file', path };
        }
        case 'tar.gz':
        case 'tar.zst':
            return { type: 'stream', open: () => openTarStream(path, format), describe: path };
        case 'stream':
            return {
                type: 'stream',
                describe: path,
                open: () => {
                    const child = (0,external_node_child_process_.spawn)(path, [], { stdio: ['ignore', 'pipe', 'inherit'] });
                    child.on('error', (error) => child.stdout.destroy(error));
                    child.on('close', (code) => {
                        if (code) {
                            child.stdout.destroy(new errors/* InputError */.dz(`${path} (a streamLayeredImage script) exited with ${code}`));
                        }
                    });
                    return child.stdout;
                },
            };
        default:
            throw new errors/* InputError */.dz(`${label}: ${path} is not an image (${NOT_AN_IMAGE})`);
    }
}
/** Pushes an image from whichever source it is. */
function pushImageSource(source, options) {
    if (source.type === 'oci-layout') {
        const { client, repository, tags, reporter, registryState } = options;
        return pushOciLayout(source.files, { client, repository, tags, reporter, registryState });
    }
    return pushDockerArchive(source, options);
}

;// CONCATENATED MODULE: ./src/oci/credentials.ts





/** The keys docker login writes for a registry: its host, and Docker Hub's historical URL. */
function configKeys(registry) {
    if (registry === oci_reference/* DOCKER_HUB */.Xb)
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', oci_reference/* DOCKER_HUB */.Xb];
    return [registry, `https://${registry}`, `http://${registry}`];
}
/**
 * Credentials for a registry from a docker config.json ($DOCKER_CONFIG/config.json or
 * ~/.docker/config.json), as `docker login` writes them. Credential helpers are programs we do
 * not run; the result says so, so the caller can tell the user.
 */
async function credentialsFromDockerConfig(registry, env = process.env) {
    const path = (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker'), 'config.json');
    let config;
    try {
        config = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { path };
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
    return new RegistryClient({
        registry: options.registry,
        credentials,
        plainHttp: options.plainHttp,
        reporter,
    });
}

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
function throughput(bytes, seconds) {
    return seconds > 0 ? `${format_formatBytes(bytes / seconds)}/s` : '-';
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
        `Sent ${formatBytes(result.pushedBytes)}, reused ${formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${throughput(result.pushedBytes, result.seconds)}).`,
        '',
    ].join('\n');
}
function pushSummaryText(registry, result) {
    const lines = result.layers.map((layer) => `  ${String(layer.index + 1).padStart(3)}  ${layer.digest.slice(0, 19)}  ${format_formatBytes(layer.size).padStart(10)}  ${layer.action}`);
    return [
        `Pushed ${imageRef(registry, result)}${result.tags.length ? ` (${result.tags.join(', ')})` : ''}`,
        ...lines,
        `Sent ${format_formatBytes(result.pushedBytes)}, reused ${format_formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${throughput(result.pushedBytes, result.seconds)})`,
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
        `Blob \`${result.blobDigest}\`, ${formatBytes(result.size)}; sent ${formatBytes(result.pushedBytes)} in ${result.seconds.toFixed(2)} s (${throughput(result.pushedBytes, result.seconds)}).`,
        '',
    ].join('\n');
}

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
async function readPassword(fromStdin) {
    if (!fromStdin)
        return process.env.HYPERNIX_REGISTRY_PASSWORD;
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
}

;// CONCATENATED MODULE: ./src/cli/commands/push.ts








const PUSH_HELP = `Usage: hypernix push ARCHIVE REF [--tag TAG]... [options]

Pushes a docker archive (.tar, .tar.gz, .tar.zst, a streamLayeredImage script, or - for
standard input) to a registry without a Docker daemon. REF is registry/repository[:tag].
Layers the registry already has are neither compressed nor sent.

Options:
  --tag TAG                 one more tag (repeatable); REF's own tag counts too
  --compression C           gzip (default), zstd or none
  --compression-level N     gzip 1-9 (default 1), zstd 1-22 (default 3)
  --concurrency N           layers worked on at once (default 4)
  --mount-from REF          another repository of the registry to mount known layers from
  --manifest-format F       docker (default with gzip) or oci
  --plain-http              talk HTTP, not HTTPS (a registry on loopback or a trusted LAN)
  --username USER           with the password on standard input (--password-stdin) or in
  --password-stdin          HYPERNIX_REGISTRY_PASSWORD; else docker login's config.json
  --json                    print image-ref, digest, pushed-bytes, reused-bytes as JSON
  -h, --help                show this help
`;
const push_OPTIONS = {
    tag: { type: 'string', multiple: true },
    compression: { type: 'string' },
    'compression-level': { type: 'string' },
    concurrency: { type: 'string' },
    'mount-from': { type: 'string' },
    'manifest-format': { type: 'string' },
    ...REGISTRY_OPTIONS,
};
async function pushCommand(argv, io) {
    const { values, positionals } = parseCommandLine(argv, push_OPTIONS, 'push');
    if (values.help) {
        io.stdout.write(PUSH_HELP);
        return 0;
    }
    if (positionals.length !== 2) {
        throw new UsageError(`expected ARCHIVE and REF; run 'hypernix push --help'`);
    }
    const [archivePath, ref] = positionals;
    const image = (0,oci_reference/* parseReference */.F2)(ref, 'argument REF');
    const mountFrom = values['mount-from']
        ? (0,oci_reference/* parseReference */.F2)(values['mount-from'], "option '--mount-from'")
        : undefined;
    const tags = [...new Set([...(image.tag ? [image.tag] : []), ...(values.tag ?? [])])];
    if (tags.length === 0) {
        throw new UsageError(`argument REF: give a tag (${(0,oci_reference/* formatReference */.FH)(image)}:TAG) or --tag`);
    }
    const password = await readPassword(values['password-stdin']);
    const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
    const client = await connectRegistry({
        registry: image.registry,
        username: values.username,
        password,
        plainHttp: values['plain-http'] ?? false,
    }, reporter);
    const mount = mountFrom ? mountSource(mountFrom, tags) : undefined;
    // Reading what the registry holds writes nothing, so it starts now and runs while the schemas
    // load and check every option (most of the time of a push that has little to send).
    const registryState = readRegistryState(client, image.repository, stateSources(image.repository, tags, mount), reporter);
    registryState.catch(() => undefined); // awaited by the push; a bad option may end the run first
    const { parsePushConfig, pushLabelsFor } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3648));
    const config = parsePushConfig({
        push: true,
        image: ref,
        tags: values.tag ?? [],
        registryUsername: values.username,
        registryPassword: password,
        compression: values.compression,
        compressionLevel: values['compression-level'],
        concurrency: values.concurrency,
        mountFrom: values['mount-from'],
        manifestFormat: values['manifest-format'],
        plainHttp: values['plain-http'] ?? false,
    }, pushLabelsFor('cli'));
    const source = await openArchive(archivePath, 'argument ARCHIVE');
    const result = await pushImageSource(source, {
        client,
        repository: image.repository,
        tags,
        compression: config.compression,
        level: config.level,
        concurrency: config.parallelism,
        manifestFormat: config.manifestFormat,
        mountFrom: mount,
        registryState,
        reporter,
    });
    io.stdout.write(values.json
        ? `${JSON.stringify(pushOutputs(image.registry, result))}\n`
        : `${pushSummaryText(image.registry, result)}\n`);
    return 0;
}

// EXTERNAL MODULE: ./src/config/push.ts
var push = __webpack_require__(3648);
;// CONCATENATED MODULE: ./src/oci/artifact.ts












/** Annotations of a disk image artifact: its file name, Nix out path, and uncompressed digest. */
const ANNOTATION = {
    title: 'org.opencontainers.image.title',
    outPath: 'vnd.hypernix.nix.out-path',
    uncompressedDigest: 'vnd.hypernix.uncompressed.digest',
    uncompressedSize: 'vnd.hypernix.uncompressed.size',
};
class ArtifactError extends errors/* HypernixError */.iD {
    name = 'ArtifactError';
}
function layerMediaTypeFor(compression) {
    return compression === 'none' ? media_types/* MEDIA_TYPE */.Ap.qcow2Layer : `${media_types/* MEDIA_TYPE */.Ap.qcow2Layer}+${compression}`;
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
            layer.annotations?.[ANNOTATION.uncompressedDigest] === uncompressed)
            return layer;
    }
    return undefined;
}
/**
 * Pushes a file (a qcow2 disk image of several GiB) as an OCI artifact: one blob, compressed or
 * not, in an image manifest with an artifactType and the empty config, then tags it.
 */
async function pushArtifact(file, options) {
    const started = performance.now();
    const { client, repository, reporter } = options;
    await client.ping(scopeFor(repository, 'pull,push'));
    const mediaType = layerMediaTypeFor(options.compression);
    const uncompressed = await digest_sha256File(file);
    let blob = await previousBlob(options, uncompressed.digest, mediaType);
    let pushedBytes = 0;
    if (blob) {
        reporter.info(`${(0,external_node_path_.basename)(file)} is unchanged since the last push (${blob.digest})`);
    }
    else if (options.compression === 'none') {
        blob = { mediaType, digest: uncompressed.digest, size: uncompressed.size };
        if ((await client.blobSize(repository, blob.digest, scopeFor(repository, 'pull,push'))) ===
            undefined) {
            pushedBytes = await uploadFile(client, repository, file, blob.digest, uncompressed.size);
        }
    }
    else {
        const algorithm = options.compression;
        const packed = await restartingUpload(client, file, async () => {
            const upload = await ChunkedUpload.start(client, repository);
            const counter = new DigestCounter();
            await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(file, { highWaterMark: READ_CHUNK }), (0,oci_compression/* compressor */.e)(algorithm, options.level), async (source) => {
                for await (const chunk of source) {
                    counter.update(chunk);
                    await upload.write(chunk);
                }
            });
            await upload.finish(counter.digest());
            return counter;
        });
        blob = { mediaType, digest: packed.digest(), size: packed.bytes };
        pushedBytes = packed.bytes;
    }
    const title = (0,external_node_path_.basename)(file);
    const annotations = {
        [ANNOTATION.title]: title,
        ...(options.outPath ? { [ANNOTATION.outPath]: options.outPath } : {}),
    };
    const layer = {
        mediaType,
        digest: blob.digest,
        size: blob.size,
        annotations: {
            ...annotations,
            [ANNOTATION.uncompressedDigest]: uncompressed.digest,
            [ANNOTATION.uncompressedSize]: String(uncompressed.size),
        },
    };
    if ((await client.blobSize(repository, media_types/* EMPTY_CONFIG */.$v.digest, scopeFor(repository, 'pull,push'))) ===
        undefined) {
        await uploadBlob(client, repository, media_types/* EMPTY_CONFIG */.$v.digest, Buffer.from('{}'));
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: media_types/* MEDIA_TYPE */.Ap.ociManifest,
        artifactType: media_types/* MEDIA_TYPE */.Ap.qcow2Artifact,
        config: {
            mediaType: media_types/* EMPTY_CONFIG */.$v.mediaType,
            digest: media_types/* EMPTY_CONFIG */.$v.digest,
            size: media_types/* EMPTY_CONFIG */.$v.size,
        },
        layers: [layer],
        annotations,
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    let digest = '';
    for (const tag of options.tags)
        digest = await client.putManifest(repository, tag, bytes, media_types/* MEDIA_TYPE */.Ap.ociManifest);
    if (options.tags.length === 0) {
        const counter = new DigestCounter();
        counter.update(bytes);
        digest = await client.putManifest(repository, counter.digest(), bytes, media_types/* MEDIA_TYPE */.Ap.ociManifest);
    }
    return {
        repository,
        digest,
        tags: options.tags,
        blobDigest: blob.digest,
        pushedBytes,
        size: blob.size,
        seconds: (performance.now() - started) / 1000,
    };
}
/** Uploads a file whose digest is known: in one PUT when small, else in resumable chunks. */
async function uploadFile(client, repository, file, digest, size) {
    if (size <= MONOLITHIC_LIMIT) {
        const handle = await (0,promises_.open)(file, 'r');
        try {
            await uploadBlob(client, repository, digest, await handle.readFile());
        }
        finally {
            await handle.close();
        }
        return size;
    }
    return restartingUpload(client, file, async () => {
        const upload = await ChunkedUpload.start(client, repository);
        for await (const chunk of (0,external_node_fs_.createReadStream)(file, { highWaterMark: READ_CHUNK })) {
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
            if (!(error instanceof UploadSessionLostError) || attempt >= 3)
                throw error;
            client.reporter?.warning(`${error.message}; sending ${(0,external_node_path_.basename)(file)} again from its start`);
        }
    }
}
/**
 * Pulls a disk image artifact by tag or digest into `destination` atomically: downloaded to
 * `<destination>.part` (kept across failures and resumed with Range), its digest verified,
 * decompressed if need be, then renamed into place. Nothing appears at `destination` unless whole.
 */
async function pullArtifact(client, repository, reference, destination, reporter) {
    const started = performance.now();
    const manifest = await client.getManifest(repository, reference);
    if (!manifest)
        throw new ArtifactError(`registry ${client.registry} has no ${repository}:${reference}`);
    const json = JSON.parse(manifest.bytes.toString('utf8'));
    const layer = json.layers?.[0];
    if (json.artifactType !== media_types/* MEDIA_TYPE */.Ap.qcow2Artifact || !layer || json.layers?.length !== 1) {
        throw new ArtifactError(`${client.registry}/${repository}:${reference} is not a qcow2 artifact (artifactType ${JSON.stringify(json.artifactType ?? null)})`);
    }
    const partial = `${destination}.part`;
    const downloadedBytes = await downloadBlob(client, repository, layer, partial, reporter);
    const compression = layer.mediaType === media_types/* MEDIA_TYPE */.Ap.qcow2Layer ? 'none' : (0,oci_compression/* compressionOf */.MB)(layer.mediaType);
    if (!compression)
        throw new ArtifactError(`unknown disk image media type ${layer.mediaType}`);
    if (compression === 'none') {
        await (0,promises_.rename)(partial, destination);
    }
    else {
        const unpacked = `${destination}.unpacked`;
        try {
            const check = new DigestCounter();
            await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(partial), (0,oci_compression/* decompressor */.ni)(compression), async function* (source) {
                for await (const chunk of source) {
                    check.update(chunk);
                    yield chunk;
                }
            }, (0,external_node_fs_.createWriteStream)(unpacked));
            const expected = layer.annotations?.[ANNOTATION.uncompressedDigest];
            if (expected && check.digest() !== expected) {
                throw new ArtifactError(`the disk image unpacked to ${check.digest()}, not the ${expected} it was pushed as`);
            }
            await syncFile(unpacked);
            await (0,promises_.rename)(unpacked, destination);
            await (0,promises_.rm)(partial, { force: true });
        }
        finally {
            await (0,promises_.rm)(unpacked, { force: true });
        }
    }
    return {
        digest: manifest.digest,
        blobDigest: layer.digest,
        downloadedBytes,
        size: layer.size,
        seconds: (performance.now() - started) / 1000,
        path: destination,
    };
}
async function syncFile(path) {
    const handle = await (0,promises_.open)(path, 'r+');
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
/** Downloads a blob to `partial`, resuming from what is there, and verifies its digest. */
async function downloadBlob(client, repository, blob, partial, reporter) {
    let downloaded = 0;
    await withRetries(async () => {
        const have = (await (0,promises_.stat)(partial).catch(() => undefined))?.size ?? 0;
        if (have > blob.size)
            await (0,promises_.rm)(partial, { force: true });
        const start = have > blob.size ? 0 : have;
        if (start < blob.size) {
            const response = await client.openBlob(repository, blob.digest, start);
            // A registry that ignores Range sends everything again: start the file over.
            const append = start > 0 && response.status === 206;
            const output = (0,external_node_fs_.createWriteStream)(partial, { flags: append ? 'a' : 'w' });
            await (0,external_node_stream_promises_.pipeline)(response.body, async function* (source) {
                for await (const chunk of source) {
                    downloaded += chunk.length;
                    yield chunk;
                }
            }, output);
        }
        const { digest, size } = await digest_sha256File(partial);
        if (size !== blob.size)
            throw new IncompleteTransferError(`download ended at ${size} of ${blob.size} bytes`);
        if (digest !== blob.digest) {
            await (0,promises_.rm)(partial, { force: true });
            throw new RegistryError(`the blob downloaded from ${client.registry} has digest ${digest}, not ${blob.digest}; removed it`);
        }
        await syncFile(partial);
    }, {
        onRetry: (why, delay) => reporter.warning(`${client.registry}: download of ${blob.digest.slice(0, 19)}… broke (${why}); resuming in ${(delay / 1000).toFixed(1)} s`),
    });
    return downloaded;
}

;// CONCATENATED MODULE: ./src/cli/commands/artifact.ts










const ARTIFACT_HELP = `Usage: hypernix artifact push FILE REF [--tag TAG]... [options]
       hypernix artifact pull REF FILE [options]

push: pushes a disk image (qcow2) as an OCI artifact: one blob in a manifest with
      artifactType application/vnd.hypernix.disk-image.qcow2. An unchanged file is not sent.
pull: fetches it by tag or digest into FILE atomically (FILE.part, resumed with Range after a
      broken download, digest verified, then renamed).

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
const artifact_OPTIONS = {
    tag: { type: 'string', multiple: true },
    compression: { type: 'string' },
    'compression-level': { type: 'string' },
    'out-path': { type: 'string' },
    ...REGISTRY_OPTIONS,
};
async function artifactCommand(argv, io) {
    const [verb, ...rest] = argv;
    const { values, positionals } = parseCommandLine(rest, artifact_OPTIONS, 'artifact');
    if (values.help || verb === '--help' || verb === '-h' || verb === undefined) {
        io.stdout.write(ARTIFACT_HELP);
        return 0;
    }
    if (verb !== 'push' && verb !== 'pull')
        throw new UsageError(`unknown artifact command ${JSON.stringify(verb)}; run 'hypernix artifact --help'`);
    if (positionals.length !== 2) {
        throw new UsageError(`expected ${verb === 'push' ? 'FILE and REF' : 'REF and FILE'}; run 'hypernix artifact --help'`);
    }
    const [file, ref] = (verb === 'push' ? positionals : [positionals[1], positionals[0]]);
    const password = await readPassword(values['password-stdin']);
    const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
    const config = (0,push.parsePushConfig)({
        push: true,
        image: ref,
        tags: values.tag ?? [],
        registryUsername: values.username,
        registryPassword: password,
        compression: values.compression,
        compressionLevel: values['compression-level'],
        plainHttp: values['plain-http'] ?? false,
    }, (0,push.pushLabelsFor)('cli'), { compression: 'none' });
    const image = config.image ?? (0,oci_reference/* parseReference */.F2)(ref);
    const client = await connectRegistry({
        registry: image.registry,
        username: config.registryUsername,
        password: config.registryPassword,
        plainHttp: config.plainHttp,
    }, reporter);
    if (verb === 'push') {
        const info = await (0,promises_.stat)(file).catch(() => undefined);
        if (!info?.isFile())
            throw new errors/* InputError */.dz(`argument FILE: ${file} is not a file`);
        const tags = [...new Set([...(image.tag ? [image.tag] : []), ...config.tags])];
        if (tags.length === 0)
            throw new UsageError(`argument REF: give a tag (${(0,oci_reference/* formatReference */.FH)(image)}:TAG) or --tag`);
        const result = await pushArtifact(file, {
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
            : `Pushed ${output['qcow2-ref']} (${format_formatBytes(result.size)}, sent ${format_formatBytes(result.pushedBytes)})\n`);
        return 0;
    }
    const reference = image.digest ?? image.tag;
    if (!reference)
        throw new UsageError(`argument REF: give a tag or a digest (${(0,oci_reference/* formatReference */.FH)(image)}:TAG or @sha256:…)`);
    const result = await pullArtifact(client, image.repository, reference, file, reporter);
    io.stdout.write(values.json
        ? `${JSON.stringify({ path: result.path, digest: result.digest, 'downloaded-bytes': String(result.downloadedBytes) })}\n`
        : `Pulled ${(0,oci_reference/* formatReference */.FH)(image)} (${result.digest}) into ${result.path}\n`);
    return 0;
}

;// CONCATENATED MODULE: ./src/cli/cli.ts





const VERSION = '0.1.0';
const MAIN_HELP = `hypernix: build NixOS qcow2 and Nix container images the way the hypernix actions do

Usage:
  hypernix build --kind KIND (--file FILE [--attr ATTR] [--arg NAME=EXPR]... [--argstr NAME=VALUE]...
                              | --flake INSTALLABLE) [--json] [-- NIX_ARGS...]
  hypernix push ARCHIVE REF [--tag TAG]... [--plain-http] [--json]
  hypernix artifact push FILE REF [--tag TAG]... | hypernix artifact pull REF FILE
  hypernix help [COMMAND]
  hypernix --version

Commands:
  build    build an image with Nix and report its out path, qcow2 or archive, and sizes
  push     push a docker archive to a registry, sending only the layers it lacks
  artifact push a qcow2 disk image as an OCI artifact, or pull one back

Run 'hypernix COMMAND --help' for the options of a command.
`;
/** Runs the command line; returns the exit code (0 done, 1 failed, 2 bad usage). */
async function runCli(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
    const [command, ...rest] = argv;
    try {
        switch (command) {
            case undefined:
            case '-h':
            case '--help':
            case 'help':
                io.stdout.write(rest[0] === 'build'
                    ? BUILD_HELP
                    : rest[0] === 'push'
                        ? PUSH_HELP
                        : rest[0] === 'artifact'
                            ? ARTIFACT_HELP
                            : MAIN_HELP);
                return 0;
            case '-V':
            case '--version':
                io.stdout.write(`hypernix ${VERSION}\n`);
                return 0;
            case 'build':
                return await buildCommand(rest, io);
            case 'push':
                return await pushCommand(rest, io);
            case 'artifact':
                return await artifactCommand(rest, io);
            default:
                throw new UsageError(`unknown command ${JSON.stringify(command)}; run 'hypernix --help'`);
        }
    }
    catch (error) {
        if (error instanceof errors/* HypernixError */.iD) {
            for (const line of error.details)
                io.stderr.write(`${line}\n`);
        }
        io.stderr.write(`hypernix: ${(0,errors/* describeError */.Uc)(error)}\n`);
        return error instanceof UsageError || error instanceof errors/* InputError */.dz ? 2 : 1;
    }
}


/***/ }),

/***/ 3185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ep: () => (/* binding */ optionalEnumInput),
/* harmony export */   Ku: () => (/* binding */ parseWith),
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   gX: () => (/* binding */ enumInput),
/* harmony export */   sx: () => (/* binding */ optionalString),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   yM: () => (/* binding */ splitWords)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8532);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);


/** YAML 1.2 core booleans, as GitHub documents for boolean inputs. */
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/** Quotes a received value for an error message, shortened so one line stays one line. */
function shown(value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
    return JSON.stringify(short);
}
const booleanInput = (defaultValue) => zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()])
    .optional()
    .transform((value, ctx) => {
    if (value === undefined || value === '')
        return defaultValue;
    if (typeof value === 'boolean')
        return value;
    if (TRUE.has(value))
        return true;
    if (FALSE.has(value))
        return false;
    ctx.addIssue({ code: 'custom', message: `expected true or false; got ${shown(value)}` });
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
});
const enumInput = (values) => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP({ error: () => `required; expected one of ${values.join(', ')}` })
    .transform((value, ctx) => {
    if (values.includes(value))
        return value;
    if (value.trim() === '') {
        ctx.addIssue({ code: 'custom', message: `required; expected one of ${values.join(', ')}` });
        return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
    }
    ctx.addIssue({
        code: 'custom',
        message: `expected one of ${values.join(', ')}; got ${shown(value)}`,
    });
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
});
/** An enum input that may be left empty ('' or absent means undefined: the caller's default). */
const optionalEnumInput = (values) => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .optional()
    .transform((value, ctx) => {
    if (value === undefined || value.trim() === '')
        return undefined;
    if (values.includes(value))
        return value;
    ctx.addIssue({
        code: 'custom',
        message: `expected one of ${values.join(', ')}; got ${shown(value)}`,
    });
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
});
/** An optional string input: GitHub passes unset inputs as '', so '' means absent. */
const optionalString = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
/**
 * Splits a multi-line input into entries: one per line, blank lines and `#` comments dropped.
 * The CLI passes arrays, which are taken as they are.
 */
const listInput = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())])
    .optional()
    .transform((value) => {
    if (value === undefined)
        return [];
    const items = Array.isArray(value) ? value : value.split(/\r?\n/);
    return items.map((item) => item.trim()).filter((item) => item !== '' && !item.startsWith('#'));
});
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

/***/ 3648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parsePushConfig: () => (/* binding */ parsePushConfig),
/* harmony export */   pushLabelsFor: () => (/* binding */ pushLabelsFor)
/* harmony export */ });
/* unused harmony exports PUSH_INPUT_NAMES, PUSH_CLI_OPTIONS, defaultTags */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8532);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9691);
/* harmony import */ var _oci_compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2115);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2148);
/* harmony import */ var _parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3185);





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
const integer = (min, max) => _parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .optionalString */ .sx.transform((value, ctx) => {
    if (value === undefined)
        return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({
            code: 'custom',
            message: `expected a whole number from ${min} to ${max}; got ${(0,_parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .shown */ .SP)(value)}`,
        });
        return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
    }
    return number;
});
const reference = _parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .optionalString */ .sx.transform((value, ctx) => {
    if (value === undefined)
        return undefined;
    try {
        return (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseReference */ .F2)(value, 'x');
    }
    catch (error) {
        ctx.addIssue({ code: 'custom', message: error.message.replace(/^x: /, '') });
        return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
    }
});
const pushSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .object */ .Ikc({
    push: (0,_parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .booleanInput */ .tE)(false),
    image: reference,
    tags: _parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .listInput */ .dt.transform((entries, ctx) => {
        const tags = entries.flatMap((entry) => entry.split(/[\s,]+/)).filter(Boolean);
        for (const tag of tags) {
            try {
                (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .validateTag */ .z7)(tag, 'x');
            }
            catch (error) {
                ctx.addIssue({ code: 'custom', message: error.message.replace(/^x: /, '') });
                return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
            }
        }
        return [...new Set(tags)];
    }),
    registryUsername: _parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .optionalString */ .sx,
    registryPassword: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .optional()
        .transform((value) => (value ? value : undefined)),
    compression: (0,_parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .optionalEnumInput */ .Ep)(_oci_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .COMPRESSIONS */ ._7),
    compressionLevel: integer(0, 22),
    concurrency: integer(1, 64),
    mountFrom: reference,
    manifestFormat: (0,_parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .optionalEnumInput */ .Ep)(['docker', 'oci']),
    plainHttp: (0,_parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .booleanInput */ .tE)(false),
})
    .superRefine((config, ctx) => {
    if (config.push && !config.image) {
        ctx.addIssue({
            code: 'custom',
            path: ['image'],
            message: 'required when push is true: the repository to push to, e.g. ghcr.io/owner/name',
        });
    }
    if (config.registryPassword && !config.registryUsername) {
        ctx.addIssue({
            code: 'custom',
            path: ['registryUsername'],
            message: 'required with a registry password',
        });
    }
    if (config.manifestFormat === 'docker' && config.compression !== 'gzip') {
        ctx.addIssue({
            code: 'custom',
            path: ['manifestFormat'],
            message: `docker manifests have gzip layers only; use oci with ${config.compression}`,
        });
    }
    if (config.mountFrom && config.image && config.mountFrom.registry !== config.image.registry) {
        ctx.addIssue({
            code: 'custom',
            path: ['mountFrom'],
            message: `must be on the same registry as the image (${config.image.registry})`,
        });
    }
});
/**
 * Reads the push inputs. Layers are gzip-compressed by default; a qcow2 artifact is sent as it is
 * by default (`defaultCompression: 'none'`), as a disk image is mostly compressed or sparse already.
 */
function parsePushConfig(raw, labels, defaults = { compression: 'gzip' }) {
    const parsed = (0,_parse_helpers_js__WEBPACK_IMPORTED_MODULE_3__/* .parseWith */ .Ku)(pushSchema, raw, (field) => labels[field] ?? field);
    const compression = parsed.compression ?? defaults.compression;
    if (parsed.manifestFormat === 'docker' && compression !== 'gzip') {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${labels.manifestFormat}: docker manifests have gzip layers only; use oci with ${compression}`);
    }
    return {
        ...parsed,
        compression,
        level: parsed.compressionLevel ?? _oci_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_LEVEL */ .DY[compression],
        parallelism: parsed.concurrency ?? 4,
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

/***/ 2115:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DY: () => (/* binding */ DEFAULT_LEVEL),
/* harmony export */   MB: () => (/* binding */ compressionOf),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   e: () => (/* binding */ compressor),
/* harmony export */   ni: () => (/* binding */ decompressor),
/* harmony export */   sG: () => (/* binding */ layerMediaType),
/* harmony export */   uZ: () => (/* binding */ manifestFormatFor)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_2__);
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
        return node_zlib__WEBPACK_IMPORTED_MODULE_2__.createGzip({ level, memLevel: 9, chunkSize: 256 * 1024 });
    const z = node_zlib__WEBPACK_IMPORTED_MODULE_2__;
    if (z.createZstdCompress) {
        const levelKey = z.constants.ZSTD_c_compressionLevel;
        return z.createZstdCompress({ params: { [levelKey]: level } });
    }
    return programTransform('zstd', ['-q', '-c', `-${level}`]);
}
function decompressor(compression) {
    if (compression === 'gzip')
        return node_zlib__WEBPACK_IMPORTED_MODULE_2__.createGunzip();
    const z = node_zlib__WEBPACK_IMPORTED_MODULE_2__;
    if (z.createZstdDecompress)
        return z.createZstdDecompress();
    return programTransform('zstd', ['-q', '-d', '-c']);
}
/** A child process as a duplex stream: stdin in, stdout out. */
function programTransform(program, args) {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    return node_stream__WEBPACK_IMPORTED_MODULE_1__.Duplex.from({
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
/** Which compression a layer media type means. */
function compressionOf(mediaType) {
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
/** Docker's schema 2 has gzip layers only; zstd and uncompressed layers need an OCI manifest. */
function manifestFormatFor(compression, requested) {
    if (compression !== 'gzip')
        return 'oci';
    return requested ?? 'docker';
}


/***/ }),

/***/ 9217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $v: () => (/* binding */ EMPTY_CONFIG),
/* harmony export */   Ap: () => (/* binding */ MEDIA_TYPE),
/* harmony export */   El: () => (/* binding */ HEADER),
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


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony export ReferenceError */
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
const DOCKER_HUB = 'registry-1.docker.io';
class ReferenceError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz {
    name = 'ReferenceError';
}
/** A first path part is a registry when it has a dot, a port, or is localhost (Docker's rule). */
function looksLikeRegistry(part) {
    return part.includes('.') || part.includes(':') || part === 'localhost' || part.startsWith('[');
}
function parseReference(text, label = 'reference') {
    const fail = (why) => {
        throw new ReferenceError(`${label}: ${why}; got ${JSON.stringify(text)}`);
    };
    const input = text.trim();
    if (input === '')
        fail('expected an image reference such as ghcr.io/owner/name:tag');
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
        throw new ReferenceError(`${label}: a tag is 1-128 characters of letters, digits, _ . and -, not starting with . or -; got ${JSON.stringify(tag)}`);
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
