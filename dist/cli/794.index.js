export const id = 794;
export const ids = [794];
export const modules = {

/***/ 3626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BUILD_HELP: () => (/* binding */ BUILD_HELP),
  buildCommand: () => (/* binding */ buildCommand)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./src/config/parse-helpers.ts
var parse_helpers = __webpack_require__(3185);
;// CONCATENATED MODULE: ./src/nix/target.ts
/** What a build makes: the kinds of image the kit knows and checks its result against. */
const BUILD_KINDS = ['qcow2', 'container', 'derivation'];

;// CONCATENATED MODULE: ./src/config/build.ts




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
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/process.ts
var util_process = __webpack_require__(2017);
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

// EXTERNAL MODULE: ./src/util/stopwatch.ts
var stopwatch = __webpack_require__(91);
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
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const result = await reporter.group(`nix build: ${describeTarget(request.target)}`, async () => {
        reporter.info(`$ ${[program, ...args].map(quoteForLog).join(' ')}`);
        // Builders print what they like: nothing they print may act as a workflow command.
        return reporter.untrusted(() => (0,util_process/* run */.e)(program, args, {
            cwd,
            onStderrLine: (line) => {
                tracker.feed(line);
                reporter.info(line);
            },
        }));
    });
    const seconds = elapsed();
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

// EXTERNAL MODULE: ./src/nix/path-info.ts
var path_info = __webpack_require__(4237);
;// CONCATENATED MODULE: ./src/nix/closure.ts

/**
 * The closure size of store paths in bytes: the NAR sizes of every path they reference, each
 * counted once.
 */
async function closureSize(nix, paths) {
    const infos = await (0,path_info/* queryPathInfos */.zN)(nix, paths, true);
    return infos.reduce((sum, info) => sum + info.narSize, 0);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/nix/locate.ts + 1 modules
var locate = __webpack_require__(1471);
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
    const toolCache = await Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(805)]).then(__webpack_require__.bind(__webpack_require__, 9805));
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
        const result = await reporter.untrusted(() => (0,util_process/* run */.e)('/bin/sh', [script, '--no-daemon', '--no-channel-add'], {
            onStderrLine: (line) => reporter.info(line),
            onStdoutLine: (line) => reporter.info(line),
            env: { NIX_INSTALLER_NO_MODIFY_PROFILE: '1' },
        }));
        if (result.code !== 0) {
            throw new NixInstallError(`the Nix installer exited with ${result.code}: ${result.stderrTail.at(-1) ?? 'no output'}`);
        }
    });
    const binDir = await (0,locate/* findNixBinDir */.bv)({ ...process.env, PATH: (0,locate/* wellKnownNixDirs */.nM)().join(':') });
    if (!binDir) {
        throw new NixInstallError(`the Nix installer finished but no nix was found in ${(0,locate/* wellKnownNixDirs */.nM)().join(', ')}`);
    }
    reporter.addPath(binDir);
    const installation = await (0,locate/* inspectNix */.Yk)(binDir);
    reporter.info(`Installed ${installation.version.text} in ${binDir}`);
    return installation;
}

// EXTERNAL MODULE: ./src/oci/formats/archive-format.ts
var archive_format = __webpack_require__(3338);
// EXTERNAL MODULE: ./src/oci/formats/docker-archive.ts
var docker_archive = __webpack_require__(3615);
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
    if ((await (0,archive_format/* sniffFile */.xQ)(candidate)) !== 'qcow2') {
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
    const format = await (0,archive_format/* sniffFile */.xQ)(outPath);
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
        const summary = await (0,docker_archive/* inspectDockerArchive */.dN)((0,archive_format/* openTarStream */.eY)(outPath, format), outPath);
        return {
            path: outPath,
            size: info.size,
            format,
            layers: summary.images[0]?.Layers.length ?? 0,
            repoTags: summary.images.flatMap((image) => image.RepoTags ?? []),
        };
    }
    catch (error) {
        if (error instanceof docker_archive/* DockerArchiveError */.Xp) {
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
    const existing = await (0,locate/* findNixBinDir */.bv)();
    if (existing) {
        if (!(process.env.PATH ?? '').split(':').includes(existing))
            reporter.addPath(existing);
        return (0,locate/* locateNix */.WH)(reporter);
    }
    if (!config.installNix)
        return (0,locate/* locateNix */.WH)(reporter); // throws the message naming the installers
    return installNix({ url: config.nixInstallerUrl ?? DEFAULT_NIX_INSTALLER_URL, sha256: config.nixInstallerSha256 }, reporter);
}
async function buildImage(config, reporter, options) {
    const nix = options.nix ?? (await ensureNix(config, reporter));
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

// EXTERNAL MODULE: ./src/report/console-reporter.ts
var console_reporter = __webpack_require__(3465);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(2693);
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
        rows.push(['qcow2', `${result.qcow2.path} (${(0,format/* formatBytes */.z3)(result.qcow2.size)})`]);
    if (result.archive) {
        const layers = result.archive.layers !== undefined ? `, ${result.archive.layers} layers` : '';
        const tags = result.archive.repoTags?.length ? `, ${result.archive.repoTags.join(' ')}` : '';
        rows.push([
            'Archive',
            `${result.archive.path} (${result.archive.format}, ${(0,format/* formatBytes */.z3)(result.archive.size)}${layers}${tags})`,
        ]);
    }
    rows.push(['Closure size', (0,format/* formatBytes */.z3)(result.closureSize)]);
    rows.push(['Build time', (0,format/* formatSeconds */.Xo)(result.buildSeconds)]);
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

// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
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
    const { values, positionals } = (0,usage/* parseCommandLine */.D)(own, OPTIONS, 'build');
    if (values.help) {
        io.stdout.write(BUILD_HELP);
        return 0;
    }
    if (positionals.length > 0) {
        throw new usage/* UsageError */.e(`unexpected argument ${JSON.stringify(positionals[0])}; see 'hypernix build --help'`);
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
    const reporter = new console_reporter/* ConsoleReporter */.l({ verbose: values.verbose, stream: io.stderr });
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


/***/ })

};
