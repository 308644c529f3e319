export const id = 33;
export const ids = [33];
export const modules = {

/***/ 9033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openDeploy: () => (/* binding */ openDeploy)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/util/dirname-shim.ts


// ssh2's poly1305 (compiled Emscripten) reads `__dirname`, which an ESM bundle does not define;
// import this module before anything that loads ssh2 (LAB.md: Node toolchain facts).
globalThis.__dirname ??= (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(5472);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
;// CONCATENATED MODULE: ./src/util/limiter.ts
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

;// CONCATENATED MODULE: ./src/hosts/quote.ts

// Characters a POSIX shell never treats specially in a word. `=` is left out on purpose: an
// unquoted first word `a=b` would be read as a variable assignment, not as a command. A word may
// not start with `-`: sshd runs `$SHELL -c LINE`, and dash reads a LINE starting with `-` as its
// own options (`sh -c '-rf …'` fails with "Illegal option -r").
const PLAIN_WORD = /^[A-Za-z0-9_@%+,./:][A-Za-z0-9_@%+,./:-]*$/;
/**
 * Quotes one argument for a POSIX shell: single quotes, where nothing is special, and each
 * embedded `'` written as `'\''` (close, escaped quote, reopen). Plain words stay as they are.
 * A NUL byte cannot be carried by a C string on the far side, so it is refused, not dropped.
 */
function quoteArg(arg) {
    if (arg.includes('\0')) {
        throw new errors/* InputError */.dz(`command argument ${JSON.stringify(arg)} contains a NUL byte`);
    }
    if (PLAIN_WORD.test(arg))
        return arg;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
}
/**
 * Turns an argument vector into one command line for a remote POSIX shell (what `ssh` and
 * ssh2's `exec` hand to the user's login shell), so that the far side sees exactly `argv`.
 */
function shellCommand(argv) {
    if (argv.length === 0)
        throw new errors/* InputError */.dz('a command needs at least a program name');
    return argv.map(quoteArg).join(' ');
}

;// CONCATENATED MODULE: ./src/hosts/errors.ts


/** Longest command shown in an error line; the rest is cut with an ellipsis. */
const SHOWN_COMMAND_CHARS = 240;
/** Stderr lines kept as an error's details. */
const DETAIL_LINES = 20;
/** Replaces every secret in `text` with `***` (longest first, so a secret's prefix leaks nothing). */
function redact(text, secrets = []) {
    let out = text;
    for (const secret of [...secrets]
        .filter((s) => s.length > 0)
        .sort((a, b) => b.length - a.length)) {
        out = out.split(secret).join('***');
    }
    return out;
}
/**
 * A command as one printable line: quoted like the remote shell sees it, secrets redacted,
 * control characters escaped (an argument with a newline must not split the error line), cut short.
 */
function showCommand(argv, secrets = []) {
    const line = argv.map((arg) => quoteArg(redact(arg, secrets).replace(/\0/g, '\\0'))).join(' ');
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    const printable = line.replace(/[\x00-\x1f\x7f]/g, (c) => c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    return printable.length > SHOWN_COMMAND_CHARS
        ? `${printable.slice(0, SHOWN_COMMAND_CHARS)}…`
        : printable;
}
/** Any failure on a host: its one-line message starts with the host's name. */
class HostError extends errors/* HypernixError */.iD {
    host;
    name = 'HostError';
    constructor(host, message, options) {
        super(`${host}: ${message}`, options);
        this.host = host;
        if (options?.details)
            this.details = [...options.details];
    }
}
function describeFailure(failure) {
    switch (failure.kind) {
        case 'exit':
            return `exited with code ${failure.code}`;
        case 'signal':
            return `was killed by signal ${failure.signal}`;
        case 'timeout':
            return `timed out after ${formatSeconds(failure.timeoutMs)} and was stopped`;
        case 'output':
            return `wrote more than ${failure.maxBytes} bytes of output and was stopped`;
        case 'spawn':
            return `could not start: ${failure.reason}`;
        case 'lost':
            // Never re-run: the command may have started on the far side.
            return `lost its connection while running (${failure.reason}); it may or may not have run`;
    }
}
function formatSeconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
/** A command that failed on a host: names the host, the command (redacted) and how it ended. */
class HostCommandError extends HostError {
    failure;
    name = 'HostCommandError';
    command;
    constructor(host, argv, failure, options = {}) {
        const command = showCommand(argv, options.secrets);
        const details = lastLines(redact(options.stderr ?? '', options.secrets), DETAIL_LINES);
        // The command's own last word, in the one line a user reads (the rest stays in details).
        const said = details
            .findLast((line) => line.trim() !== '')
            ?.trim()
            .slice(0, 200);
        super(host, `command \`${command}\` ${describeFailure(failure)}${said ? `: ${said}` : ''}`, {
            cause: options.cause,
            details,
        });
        this.failure = failure;
        this.command = command;
    }
}
/** The host could not be reached, refused us, or showed a host key that is not pinned. */
class HostConnectError extends HostError {
    address;
    name = 'HostConnectError';
    /** True when trying again cannot help (a refused private key). */
    permanent = false;
    constructor(host, 
    /** `address:port` as dialled. */
    address, reason, options) {
        super(host, `cannot connect to ${address}: ${reason}`, options);
        this.address = address;
    }
}
/** A host key that is not pinned: the message shows the fingerprint the server presented. */
class HostKeyError extends HostConnectError {
    presented;
    name = 'HostKeyError';
    constructor(host, address, reason, 
    /** The presented key's `SHA256:…` fingerprint, when the server got as far as showing one. */
    presented) {
        super(host, address, reason);
        this.presented = presented;
    }
}
/** A file transfer or file read that failed its checks (size, sha256), leaving nothing behind. */
class HostFileError extends HostError {
    name = 'HostFileError';
}
/** The last `count` non-empty lines of `text`, each cut to 500 characters. */
function lastLines(text, count) {
    return text
        .split('\n')
        .map((line) => line.replace(/\r$/, ''))
        .filter((line) => line.trim() !== '')
        .slice(-count)
        .map((line) => (line.length > 500 ? `${line.slice(0, 500)}…` : line));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/hosts/known-hosts.ts


// Host key types ssh2 can verify. Others (security keys, DSA) are skipped with a note.
const KEY_TYPES = new Set([
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'ssh-rsa',
]);
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_LINE_CHARS = 16 * 1024;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
/** `SHA256:…` of a public key blob, the way OpenSSH prints it (base64 without padding). */
function keyFingerprint(blob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
/** The type named inside an SSH public key blob (its first length-prefixed string). */
function blobKeyType(blob) {
    if (blob.length < 4)
        return undefined;
    const length = blob.readUInt32BE(0);
    if (length === 0 || length > 64 || 4 + length > blob.length)
        return undefined;
    const type = blob.subarray(4, 4 + length).toString('latin1');
    return /^[a-z0-9@.-]+$/.test(type) ? type : undefined;
}
/** The signature algorithms to offer for host keys of these types (RSA keys sign with SHA-2). */
function hostKeyAlgorithms(types) {
    const algorithms = new Set();
    for (const type of types) {
        if (type === 'ssh-rsa')
            for (const a of ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])
                algorithms.add(a);
        else
            algorithms.add(type);
    }
    return [...algorithms];
}
/**
 * A pin from a fingerprint: `SHA256:…`, optionally preceded by its key type
 * (`ssh-ed25519 SHA256:…`) so that the connection can offer only that type.
 */
function parseFingerprint(text, source = 'fingerprint') {
    const words = text.trim().split(/\s+/);
    const [type, fingerprint] = words.length === 2 ? words : [undefined, words[0]];
    if (words.length > 2 || !fingerprint || !FINGERPRINT.test(fingerprint)) {
        throw new errors/* InputError */.dz(`${source} ${JSON.stringify(text.slice(0, 100))} is not a host key fingerprint: expected "SHA256:" and 43 base64 characters, optionally after the key type`);
    }
    if (type !== undefined && !KEY_TYPES.has(type)) {
        throw new errors/* InputError */.dz(`${source}: key type ${JSON.stringify(type.slice(0, 40))} is not one of ${[...KEY_TYPES].join(', ')}`);
    }
    return { type, fingerprint, source };
}
/** A pin from a public key line (`ssh-ed25519 AAAA… comment`), such as a guest's host key file. */
function parsePublicKey(text, source = 'public key') {
    const words = text.trim().split(/\s+/);
    if (words.length < 2)
        throw new errors/* InputError */.dz(`${source}: expected "KEYTYPE BASE64KEY [comment]"`);
    return pinFromKey(words[0], words[1], source);
}
function pinFromKey(type, base64, source) {
    if (!KEY_TYPES.has(type)) {
        throw new errors/* InputError */.dz(`${source}: key type ${JSON.stringify(type.slice(0, 40))} is not one of ${[...KEY_TYPES].join(', ')}`);
    }
    const blob = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64') : undefined;
    if (!blob || blobKeyType(blob) !== type) {
        throw new errors/* InputError */.dz(`${source}: the ${type} key is not valid base64 of a ${type} public key`);
    }
    return { type, fingerprint: keyFingerprint(blob), source };
}
/**
 * known_hosts text (OpenSSH's format): `HOSTS KEYTYPE BASE64 [comment]` lines, hosts as plain
 * patterns (`*`, `?`, `!negation`, `[host]:port`) or hashed (`|1|salt|hash`), `#` comments.
 * `@revoked` keys are refused for their hosts; `@cert-authority` lines (certificates are not
 * supported) and key types ssh2 cannot check are skipped and listed in `ignored`. Anything else
 * malformed is refused with its line number. The text is untrusted: size and lines are bounded.
 */
class KnownHosts {
    ignored = [];
    entries = [];
    static parse(text, origin = 'known_hosts') {
        if (Buffer.byteLength(text) > MAX_TEXT_BYTES) {
            throw new errors/* InputError */.dz(`${origin} is larger than ${MAX_TEXT_BYTES} bytes`);
        }
        const known = new KnownHosts();
        text.split('\n').forEach((raw, index) => known.parseLine(raw, `${origin} line ${index + 1}`));
        return known;
    }
    parseLine(raw, where) {
        const line = raw.replace(/\r$/, '').trim();
        if (line === '' || line.startsWith('#'))
            return;
        if (line.length > MAX_LINE_CHARS)
            throw new errors/* InputError */.dz(`${where} is longer than ${MAX_LINE_CHARS} characters`);
        const words = line.split(/\s+/);
        let marker;
        if (words[0].startsWith('@'))
            marker = words.shift();
        if (marker !== undefined && marker !== '@revoked' && marker !== '@cert-authority') {
            throw new errors/* InputError */.dz(`${where}: unknown marker ${JSON.stringify(marker.slice(0, 40))}; expected @revoked or @cert-authority`);
        }
        if (words.length < 3)
            throw new errors/* InputError */.dz(`${where}: expected "HOSTS KEYTYPE BASE64KEY [comment]"`);
        const [hosts, type, base64] = words;
        if (marker === '@cert-authority') {
            this.ignored.push(`${where}: @cert-authority skipped (host certificates are not supported)`);
            return;
        }
        if (!KEY_TYPES.has(type)) {
            this.ignored.push(`${where}: key type ${JSON.stringify(type.slice(0, 40))} skipped (not supported)`);
            return;
        }
        const patterns = hosts.split(',');
        for (const pattern of patterns)
            checkPattern(pattern, where);
        this.entries.push({
            patterns,
            marker: marker === '@revoked' ? 'revoked' : undefined,
            key: pinFromKey(type, base64, where),
        });
    }
    /** The pins for a host as dialled (its name or address and port). */
    pinsFor(hostname, port) {
        const name = port === 22 ? hostname : `[${hostname}]:${port}`;
        const pins = { keys: [], revoked: [] };
        for (const entry of this.entries) {
            if (!matchesHost(entry.patterns, name))
                continue;
            (entry.marker === 'revoked' ? pins.revoked : pins.keys).push(entry.key);
        }
        return pins;
    }
}
function checkPattern(pattern, where) {
    if (pattern.startsWith('|')) {
        const parts = pattern.split('|');
        const ok = parts.length === 4 &&
            parts[1] === '1' &&
            Buffer.from(parts[2], 'base64').length === 20 &&
            Buffer.from(parts[3], 'base64').length === 20;
        if (!ok)
            throw new errors/* InputError */.dz(`${where}: hashed host ${JSON.stringify(pattern.slice(0, 80))} is not |1|SALT|HASH`);
    }
    else if (pattern === '' || pattern === '!' || /[\s\0]/.test(pattern)) {
        throw new errors/* InputError */.dz(`${where}: empty or malformed host pattern`);
    }
}
/** OpenSSH's rule: some pattern matches and no negated pattern does. */
function matchesHost(patterns, name) {
    let matched = false;
    for (const pattern of patterns) {
        if (pattern.startsWith('!')) {
            if (wildcardMatch(pattern.slice(1), name))
                return false;
        }
        else if (pattern.startsWith('|')) {
            if (hashedMatch(pattern, name))
                matched = true;
        }
        else if (wildcardMatch(pattern, name)) {
            matched = true;
        }
    }
    return matched;
}
function hashedMatch(pattern, name) {
    const [, , salt, hash] = pattern.split('|');
    const computed = (0,external_node_crypto_.createHmac)('sha1', Buffer.from(salt, 'base64')).update(name).digest();
    const expected = Buffer.from(hash, 'base64');
    return expected.length === computed.length && (0,external_node_crypto_.timingSafeEqual)(expected, computed);
}
/** `*` and `?` globbing, case-insensitive like OpenSSH host names; linear, no regex built. */
function wildcardMatch(pattern, name) {
    const p = pattern.toLowerCase();
    const n = name.toLowerCase();
    let pi = 0;
    let ni = 0;
    let star = -1;
    let mark = 0;
    while (ni < n.length) {
        if (pi < p.length && (p[pi] === '?' || p[pi] === n[ni])) {
            pi += 1;
            ni += 1;
        }
        else if (pi < p.length && p[pi] === '*') {
            star = pi;
            mark = ni;
            pi += 1;
        }
        else if (star >= 0) {
            pi = star + 1;
            mark += 1;
            ni = mark;
        }
        else {
            return false;
        }
    }
    while (pi < p.length && p[pi] === '*')
        pi += 1;
    return pi === p.length;
}

;// CONCATENATED MODULE: ./src/hosts/host-key-check.ts


/** Resolves a HostKeySource into the pins for one dialled address. */
function resolvePins(source, address, port) {
    const known = typeof source.knownHosts === 'string'
        ? KnownHosts.parse(source.knownHosts, 'known hosts')
        : source.knownHosts;
    const pins = known ? known.pinsFor(address, port) : { keys: [], revoked: [] };
    for (const [index, pin] of (source.pins ?? []).entries()) {
        if (typeof pin !== 'string') {
            pins.keys.push(pin);
            continue;
        }
        const origin = `host key pin ${index + 1}`;
        pins.keys.push(/^\S+\s+AAAA/.test(pin.trim()) ? parsePublicKey(pin, origin) : parseFingerprint(pin, origin));
    }
    return { ...pins, ignored: known?.ignored ?? [] };
}
/** The host key algorithms to offer: only the pinned types, unless a bare fingerprint is pinned. */
function offeredAlgorithms(pins) {
    if (pins.keys.length === 0 || pins.keys.some((key) => key.type === undefined))
        return undefined;
    return hostKeyAlgorithms(pins.keys.map((key) => key.type));
}
/**
 * Checks a presented host key blob against the pins; records what was seen and why it was
 * refused in `seen` (ssh2 only reports "Host denied", the user needs the fingerprint).
 */
function checkHostKey(pins, where, blob, seen) {
    const fingerprint = keyFingerprint(blob);
    const type = blobKeyType(blob) ?? 'unknown type';
    const shown = `${fingerprint} (${type})`;
    const revoked = pins.revoked.find((pin) => pin.fingerprint === fingerprint);
    let refusal;
    if (revoked) {
        refusal = `host key ${shown} is revoked (${revoked.source})`;
    }
    else if (pins.keys.length === 0) {
        refusal = `host key ${shown} is unknown: no key is pinned for ${where}; check it out of band and pin it`;
    }
    else if (!pins.keys.some((pin) => pin.fingerprint === fingerprint && (!pin.type || pin.type === type))) {
        const expected = pins.keys.map((pin) => `${pin.fingerprint} (${pin.source})`).join(', ');
        refusal = `host key ${shown} does not match the pinned ${expected}: the key changed or this is another machine`;
    }
    seen.key = { type, fingerprint, refusal };
    return refusal === undefined;
}
/** Refuses a private key we cannot use before any connection, without echoing it. */
function privateKeyError(host, origin, reason) {
    return new errors/* InputError */.dz(`${host}: private key from ${origin} cannot be used: ${reason}`);
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/oci/blob/digest.ts


const SHA256_PREFIX = 'sha256:';
function sha256Digest(data) {
    return SHA256_PREFIX + (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
/** Hashes bytes as they pass, so a stream is hashed in the same pass that uses it. */
class digest_DigestCounter {
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
    const counter = new digest_DigestCounter();
    const stream = (0,external_node_fs_.createReadStream)(path, { start, end, highWaterMark: digest_READ_CHUNK });
    for await (const chunk of stream)
        counter.update(chunk);
    return { digest: counter.digest(), size: counter.bytes };
}
/**
 * The size of every file read. Fresh memory is what a push pays most for on a VM (a page fault
 * per 4 KiB), and buffers of this size are recycled by the allocator instead of mapped anew each
 * time, where larger ones are not (bench/push/README.md, "Fresh memory").
 */
const digest_READ_CHUNK = 256 * 1024;
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

;// CONCATENATED MODULE: ./src/hosts/local-files.ts









const DEFAULT_READ_MAX_BYTES = 1024 * 1024;
/** Files the kit writes are private unless the caller says otherwise. */
const DEFAULT_FILE_MODE = 0o600;
/** A hidden, unique name next to `path`: same directory, so the final rename is atomic. */
function tempSibling(path) {
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.hypernix-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
}
/** A pass-through stream that hashes what goes through it. */
function hashingStream() {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    const stream = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            hash.update(chunk);
            bytes += chunk.length;
            done(null, chunk);
        },
    });
    let digest;
    return { stream, digest: () => (digest ??= hash.digest('hex')), bytes: () => bytes };
}
/** sha256 hex of a local file, read in one pass (the registry client's file hash, unprefixed). */
async function local_files_sha256File(path) {
    return (await digest_sha256File(path)).digest.slice(SHA256_PREFIX.length);
}
/**
 * Writes `source` to a temporary sibling of `path` (created new, never following an existing
 * file), checks the bytes on disk against the bytes sent, then renames into place. On any
 * failure the temporary file is removed: nothing half written is left under either name.
 */
async function writeLocalAtomically(host, path, source, options = {}) {
    const temp = tempSibling(path);
    const mode = options.mode ?? DEFAULT_FILE_MODE;
    try {
        const handle = await (0,promises_.open)(temp, 'wx', mode);
        const sent = hashingStream();
        try {
            await (0,external_node_stream_promises_.pipeline)(source, sent.stream, (0,external_node_fs_.createWriteStream)('', { fd: handle.fd, autoClose: false }));
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await (0,promises_.chmod)(temp, mode); // the umask may have narrowed the mode given to open
        const written = await local_files_sha256File(temp);
        const digest = sent.digest();
        if (written !== digest) {
            throw new HostFileError(host, `${path}: sha256 of the written file ${written} differs from what was sent ${digest}`);
        }
        if (options.sha256 !== undefined && options.sha256 !== digest) {
            throw new HostFileError(host, `${path}: sha256 ${digest} differs from the expected ${options.sha256}`);
        }
        await (0,promises_.rename)(temp, path);
        return digest;
    }
    catch (error) {
        await (0,promises_.rm)(temp, { force: true }).catch(() => undefined);
        if (error instanceof HostFileError)
            throw error;
        throw new HostFileError(host, `cannot write ${path}: ${(0,errors/* describeError */.Uc)(error)}`, {
            cause: error,
        });
    }
}
/** Reads a local file, refusing one over `maxBytes` (also a special file that never ends). */
async function readLocalBounded(host, path, maxBytes) {
    let handle;
    try {
        handle = await (0,promises_.open)(path, 'r');
    }
    catch (error) {
        throw new HostFileError(host, `cannot read ${path}: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
    }
    try {
        const buffer = Buffer.alloc(maxBytes + 1);
        let filled = 0;
        while (filled < buffer.length) {
            const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
            if (bytesRead === 0)
                break;
            filled += bytesRead;
        }
        if (filled > maxBytes) {
            throw new HostFileError(host, `${path} is larger than the ${maxBytes} bytes allowed`);
        }
        return buffer.subarray(0, filled);
    }
    catch (error) {
        if (error instanceof HostFileError)
            throw error;
        throw new HostFileError(host, `cannot read ${path}: ${(0,errors/* describeError */.Uc)(error)}`, { cause: error });
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/hosts/output.ts

/** Defaults shared by every Host. */
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Stderr is kept only as a tail: enough for an error's details, bounded whatever a host sends. */
const STDERR_KEEP_BYTES = 64 * 1024;
/** A streamed line longer than this is logged in pieces (a host may send no newline at all). */
const STREAM_LINE_BYTES = 8 * 1024;
/**
 * Collects a command's output within bounds: stdout up to `maxBytes` (past it `overflowed` turns
 * true and the caller stops the command), stderr as a bounded tail, and, when streaming, each
 * line to the reporter as `[host] line`, secrets redacted.
 */
class OutputCollector {
    maxBytes;
    stdoutChunks = [];
    stdoutBytes = 0;
    stderrTail = Buffer.alloc(0);
    lines;
    overflowed = false;
    constructor(maxBytes, stream) {
        this.maxBytes = maxBytes;
        if (stream) {
            const emit = (line) => stream.reporter.info(`[${stream.host}] ${redact(line, stream.secrets)}`);
            this.lines = { out: new LineBuffer(emit), err: new LineBuffer(emit) };
        }
    }
    /** Takes a stdout chunk; returns false once the cap is passed (the chunk is not kept). */
    stdout(chunk) {
        if (this.overflowed)
            return false;
        if (this.stdoutBytes + chunk.length > this.maxBytes) {
            this.overflowed = true;
            return false;
        }
        this.stdoutBytes += chunk.length;
        this.stdoutChunks.push(chunk);
        this.lines?.out.push(chunk);
        return true;
    }
    stderr(chunk) {
        const joined = Buffer.concat([this.stderrTail, chunk]);
        this.stderrTail =
            joined.length > STDERR_KEEP_BYTES ? joined.subarray(-STDERR_KEEP_BYTES) : joined;
        this.lines?.err.push(chunk);
    }
    /** Ends streaming (flushes partial lines) and returns what was kept. */
    finish() {
        this.lines?.out.flush();
        this.lines?.err.flush();
        return { stdout: Buffer.concat(this.stdoutChunks), stderr: this.stderrTail.toString('utf8') };
    }
}
/** Splits a byte stream into lines (UTF-8 kept whole across chunks), bounded per line. */
class LineBuffer {
    emit;
    pending = Buffer.alloc(0);
    constructor(emit) {
        this.emit = emit;
    }
    push(chunk) {
        let data = Buffer.concat([this.pending, chunk]);
        let newline = data.indexOf(0x0a);
        while (newline >= 0) {
            this.emit(data.subarray(0, newline).toString('utf8').replace(/\r$/, ''));
            data = data.subarray(newline + 1);
            newline = data.indexOf(0x0a);
        }
        while (data.length > STREAM_LINE_BYTES) {
            this.emit(data.subarray(0, STREAM_LINE_BYTES).toString('utf8'));
            data = data.subarray(STREAM_LINE_BYTES);
        }
        this.pending = Buffer.from(data);
    }
    flush() {
        if (this.pending.length > 0)
            this.emit(this.pending.toString('utf8'));
        this.pending = Buffer.alloc(0);
    }
}

;// CONCATENATED MODULE: ./src/hosts/ssh-channel.ts


/** Thrown when the channel could not even be opened: nothing ran, so the caller may retry. */
class ChannelNotOpened extends Error {
    name = 'ChannelNotOpened';
}
/**
 * The server refused to open the session channel (OpenSSH: MaxSessions, counted until it has
 * closed a finished session, which can lag the client's view): nothing ran, retry shortly.
 */
class ChannelRefused extends Error {
    failure;
    name = 'ChannelRefused';
    constructor(failure) {
        super(failure.message);
        this.failure = failure;
    }
}
/**
 * Runs one command on its own channel of an open connection: stdin written then closed, output
 * bounded, a deadline that signals KILL and closes the channel. Resolves with the raw stdout.
 * A connection that drops while the command runs is a failure, never a reason to run it again.
 */
function runChannel(run) {
    const { options, host, argv } = run;
    const secrets = options.secrets ?? [];
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const output = new OutputCollector(maxBytes, options.stream ? { reporter: run.reporter, host, secrets } : undefined);
    const fail = (failure, cause) => new HostCommandError(host, argv, failure, { secrets, stderr: output.finish().stderr, cause });
    return new Promise((resolve, reject) => {
        let channel;
        let settled = false;
        const settle = (error, result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            run.client.removeListener('close', onLost);
            if (error)
                reject(error);
            else
                resolve(result);
        };
        const stop = (failure) => {
            if (channel) {
                try {
                    channel.signal('KILL');
                }
                catch {
                    // the channel may already be gone
                }
                channel.close();
            }
            settle(fail(failure));
        };
        const onLost = () => settle(fail({ kind: 'lost', reason: 'connection closed' }));
        const timer = setTimeout(() => stop({ kind: 'timeout', timeoutMs }), timeoutMs);
        run.client.once('close', onLost);
        try {
            run.client.exec(run.command, (error, opened) => {
                if (error) {
                    // The session channel or the exec request was refused: the command did not start.
                    const failure = fail({ kind: 'spawn', reason: error.message }, error);
                    const refused = typeof error.reason === 'number';
                    settle(refused ? new ChannelRefused(failure) : failure);
                    return;
                }
                channel = opened;
                if (settled)
                    return void opened.close();
                wire(opened, { run, output, maxBytes, stop, settle, fail });
            });
        }
        catch (error) {
            // ssh2 throws "Not connected" synchronously: nothing was sent.
            settled = true;
            clearTimeout(timer);
            run.client.removeListener('close', onLost);
            reject(new ChannelNotOpened(error instanceof Error ? error.message : String(error)));
        }
    });
}
/** Connects an opened channel's streams and events to the run's bounds and outcome. */
function wire(opened, c) {
    const { run, output, maxBytes, stop, settle, fail } = c;
    const { options } = run;
    let exit;
    if (run.stdout) {
        opened.pipe(run.stdout);
    }
    else {
        opened.on('data', (chunk) => {
            if (!output.stdout(chunk))
                stop({ kind: 'output', maxBytes });
        });
    }
    opened.stderr.on('data', (chunk) => output.stderr(chunk));
    opened.on('exit', (code, signal) => {
        exit = { code, signal };
    });
    opened.on('close', () => {
        const { stdout, stderr } = output.finish();
        if (!exit)
            return settle(fail({ kind: 'lost', reason: 'the channel closed without an exit status' }));
        if (exit.signal)
            return settle(fail({ kind: 'signal', signal: exit.signal }));
        const code = exit.code ?? 1;
        if (code !== 0 && !(options.okCodes ?? []).includes(code)) {
            return settle(fail({ kind: 'exit', code }));
        }
        settle(undefined, { code, stdout, stderr });
    });
    if (run.stdin)
        run.stdin.pipe(opened);
    else
        opened.end(options.input === undefined ? undefined : Buffer.from(options.input));
}

;// CONCATENATED MODULE: ./src/hosts/ssh-connect.ts
// ssh2 is CommonJS: Node's ESM loader sees only its default export.



/** A connect error that trying again cannot fix (host key, authentication). */
function isPermanent(error) {
    return error instanceof HostKeyError || (error instanceof HostConnectError && error.permanent);
}
/**
 * Opens one SSH connection: host key checked against the pins (only their types offered),
 * public-key authentication, keepalive on, the whole handshake bounded by the connect timeout.
 * Every failure becomes one HostConnectError line naming host and address.
 */
function dial(options) {
    const client = new (lib_default()).Client();
    const seen = {};
    const algorithms = offeredAlgorithms(options.pins);
    return new Promise((resolve, reject) => {
        let done = false;
        const finish = (error) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            if (error) {
                client.removeAllListeners('ready');
                client.on('error', () => undefined); // late errors of a connection given up on
                client.destroy();
                options.sock?.destroy();
                reject(error);
            }
            else {
                resolve(client);
            }
        };
        const timer = setTimeout(() => finish(connectError(options, `no answer within ${options.connectTimeoutMs / 1000} s`, false)), options.connectTimeoutMs);
        client.once('ready', () => finish());
        client.once('error', (error) => finish(translate(options, error, seen.key, algorithms)));
        client.connect({
            host: options.address,
            port: options.port,
            sock: options.sock,
            username: options.username,
            privateKey: options.privateKey,
            passphrase: options.passphrase,
            readyTimeout: options.connectTimeoutMs + 1_000, // ours fires first, with a better message
            keepaliveInterval: options.keepaliveIntervalMs,
            keepaliveCountMax: options.keepaliveCountMax,
            hostVerifier: (blob) => checkHostKey(options.pins, `${options.address}:${options.port}`, blob, seen),
            ...(algorithms ? { algorithms: { serverHostKey: algorithms } } : {}),
        });
    });
}
function connectError(options, reason, permanent) {
    const error = new HostConnectError(options.host, options.where, reason);
    error.permanent = permanent;
    return error;
}
function translate(options, error, key, algorithms) {
    if (key?.refusal)
        return new HostKeyError(options.host, options.where, key.refusal, key.fingerprint);
    if (/no matching host key format/.test(error.message)) {
        return new HostKeyError(options.host, options.where, `the server offers none of the pinned host key types (${(algorithms ?? []).join(', ')})`);
    }
    if (error.level === 'client-authentication') {
        return connectError(options, `the server refused the private key for user ${JSON.stringify(options.username)}`, true);
    }
    const code = error.code ? ` (${error.code})` : '';
    const reason = error.code === 'ECONNREFUSED' ? 'connection refused' : `${error.message.split('\n')[0]}`;
    return connectError(options, `${reason}${code && !reason.includes(error.code) ? code : ''}`, false);
}

;// CONCATENATED MODULE: ./src/hosts/ssh-files.ts








// Transfers of large images may take long; commands around them are quick.
const TRANSFER_TIMEOUT_MS = 60 * 60 * 1000;
// Renames the verified temporary file into place with its mode, in one remote command. The
// script is constant; paths and mode arrive as positional parameters, never inside it.
const INSTALL_SCRIPT = 'chmod "$1" -- "$2" && mv -f -- "$2" "$3"';
// Writes stdin to a new file only (noclobber), private until installed.
const CAT_IN_SCRIPT = 'umask 077 && set -C && cat > "$1"';
function remoteTemp(path) {
    return external_node_path_.posix.join(external_node_path_.posix.dirname(path), `.${external_node_path_.posix.basename(path)}.hypernix-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
}
/** The sha256 of a remote file, computed on the far side by `sha256sum`. */
async function remoteSha256(ops, path) {
    const { stdout } = await ops.run(['sha256sum', '--', path], { maxOutputBytes: 64 * 1024 });
    const match = /^\\?([0-9a-f]{64}) /.exec(stdout.toString('utf8'));
    if (!match)
        throw new HostFileError(ops.name, `sha256sum of ${path} printed no digest`);
    return match[1];
}
/**
 * Sends `source` to `path`: a temporary sibling first (SFTP when there is one, else `cat` over
 * exec), its sha256 computed on the far side and compared with what was sent, then renamed into
 * place. On any failure the temporary file is removed and nothing is left at `path`.
 */
async function sendFile(ops, source, path, mode = DEFAULT_FILE_MODE) {
    const temp = remoteTemp(path);
    const sent = hashingStream();
    try {
        const sftp = await ops.sftp();
        if (sftp) {
            try {
                await (0,external_node_stream_promises_.pipeline)(source, sent.stream, sftp.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
            }
            finally {
                sftp.end();
            }
        }
        else {
            const stdin = new external_node_stream_.PassThrough();
            const piping = (0,external_node_stream_promises_.pipeline)(source, sent.stream, stdin);
            await ops.run(['sh', '-c', CAT_IN_SCRIPT, 'hypernix-upload', temp], { timeoutMs: TRANSFER_TIMEOUT_MS }, { stdin });
            await piping;
        }
        const far = await remoteSha256(ops, temp);
        const digest = sent.digest();
        if (far !== digest) {
            throw new HostFileError(ops.name, `${path}: sha256 on the host ${far} differs from what was sent ${digest}; nothing was installed`);
        }
        await ops.run(['sh', '-c', INSTALL_SCRIPT, 'hypernix-install', (mode & 0o7777).toString(8), temp, path], {});
        return far;
    }
    catch (error) {
        await ops.run(['rm', '-f', '--', temp], { timeoutMs: 30_000 }).catch(() => undefined);
        if (error instanceof HostFileError || error instanceof HostCommandError)
            throw error;
        throw new HostFileError(ops.name, `cannot write ${path}: ${(0,errors/* describeError */.Uc)(error)}`, {
            cause: error,
        });
    }
}
function uploadFile(ops, localPath, path, mode) {
    return sendFile(ops, (0,external_node_fs_.createReadStream)(localPath), path, mode);
}
function writeRemoteFile(ops, path, content, mode) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    return sendFile(ops, external_node_stream_.Readable.from([bytes]), path, mode);
}
/**
 * Fetches `path` into `localPath`: the far side's sha256 first (checked against `expected` before
 * any byte moves), then the bytes, whose sha256 must match it; written locally through a
 * temporary file, renamed only once verified.
 */
async function downloadFile(ops, path, localPath, expected) {
    if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
        throw new HostFileError(ops.name, `expected sha256 ${JSON.stringify(expected.slice(0, 80))} is not 64 lowercase hex digits`);
    }
    const far = await remoteSha256(ops, path);
    if (expected !== undefined && far !== expected) {
        throw new HostFileError(ops.name, `${path}: sha256 ${far} differs from the expected ${expected}`);
    }
    const sftp = await ops.sftp();
    if (sftp) {
        try {
            return await writeLocalAtomically(ops.name, localPath, sftp.createReadStream(path), {
                sha256: far,
            });
        }
        finally {
            sftp.end();
        }
    }
    const stdout = new external_node_stream_.PassThrough();
    const writing = writeLocalAtomically(ops.name, localPath, stdout, { sha256: far });
    try {
        await ops.run(['cat', '--', path], { timeoutMs: TRANSFER_TIMEOUT_MS }, { stdout });
    }
    catch (error) {
        stdout.destroy(error);
        await writing.catch(() => undefined);
        throw error;
    }
    return writing;
}
/** Reads a remote file, refusing one over `maxBytes` (the host's bytes are untrusted). */
async function readRemoteFile(ops, path, maxBytes) {
    try {
        return (await ops.run(['cat', '--', path], { maxOutputBytes: maxBytes, timeoutMs: 120_000 }))
            .stdout;
    }
    catch (error) {
        if (error instanceof HostCommandError && error.failure.kind === 'output') {
            throw new HostFileError(ops.name, `${path} is larger than the ${maxBytes} bytes allowed`);
        }
        if (error instanceof HostCommandError && error.failure.kind === 'exit') {
            throw new HostFileError(ops.name, `cannot read ${path}: ${error.details.at(-1) ?? 'cat failed'}`, { cause: error });
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/hosts/ssh-host.ts











/** How often a channel the server refused is asked for again before the command fails. */
const CHANNEL_RETRIES = 5;
/**
 * A host over SSH (ssh2): one connection, reused through channels, opened on first use and
 * opened again (with backoff) when it dropped between commands. A command that may have
 * started is never run a second time.
 */
class SshHost {
    options;
    name;
    port;
    key;
    pins;
    channels;
    client;
    connecting;
    connectedOnce = false;
    closed = false;
    ops;
    constructor(options) {
        this.options = options;
        this.name = options.name;
        this.port = options.port ?? 22;
        const origin = 'path' in options.privateKey ? options.privateKey.path : 'the given text';
        const text = 'path' in options.privateKey ? readKeyFile(this.name, origin) : options.privateKey.text;
        maskKey(options.reporter, text, options.passphrase);
        this.key = Buffer.from(text);
        const parsed = lib_default().utils.parseKey(this.key, options.passphrase);
        if (parsed instanceof Error)
            throw privateKeyError(this.name, origin, parsed.message.split('\n')[0]);
        const pins = resolvePins(options.hostKeys, options.address, this.port);
        for (const note of pins.ignored)
            options.reporter.debug(note);
        this.pins = pins;
        this.channels = limiter(options.maxChannels ?? 8);
        this.ops = {
            name: this.name,
            run: (argv, execOptions, io) => this.run(argv, execOptions, io),
            sftp: () => this.sftp(),
        };
    }
    /** Where the host is dialled, for messages. */
    get where() {
        const base = `${this.options.address}:${this.port}`;
        return this.options.jump ? `${base} through ${this.options.jump.name}` : base;
    }
    async exec(argv, options = {}) {
        const { code, stdout, stderr } = await this.run(argv, options);
        return { code, stdout: stdout.toString('utf8'), stderr };
    }
    async writeFile(path, content, options = {}) {
        await writeRemoteFile(this.ops, path, content, options.mode);
    }
    readFile(path, options = {}) {
        return readRemoteFile(this.ops, path, options.maxBytes ?? DEFAULT_READ_MAX_BYTES);
    }
    upload(localPath, remotePath, options = {}) {
        return uploadFile(this.ops, localPath, remotePath, options.mode);
    }
    download(remotePath, localPath, options = {}) {
        return downloadFile(this.ops, remotePath, localPath, options.sha256);
    }
    /** A TCP stream to `address:port` as seen from this host: how a jump works. */
    async forwardOut(address, port, forName) {
        const client = await this.connection();
        return new Promise((resolve, reject) => {
            try {
                client.forwardOut('127.0.0.1', 0, address, port, (error, stream) => {
                    if (error) {
                        reject(new HostConnectError(forName, `${address}:${port} through ${this.name}`, `the tunnel was refused (${error.message})`));
                    }
                    else {
                        resolve(stream);
                    }
                });
            }
            catch (error) {
                reject(new HostConnectError(forName, `${address}:${port} through ${this.name}`, (0,errors/* describeError */.Uc)(error)));
            }
        });
    }
    async close() {
        this.closed = true;
        const client = this.client ?? (await this.connecting?.catch(() => undefined));
        this.client = undefined;
        client?.end();
    }
    /** One command on a channel; reconnects first when the connection is known to be gone. */
    run(argv, options, io = {}) {
        for (const secret of options.secrets ?? [])
            if (secret)
                this.options.reporter.mask(secret);
        const command = shellCommand(argv);
        return this.channels(async () => {
            for (let attempt = 0;; attempt += 1) {
                const client = await this.connection();
                try {
                    return await runChannel({
                        client,
                        host: this.name,
                        argv,
                        command,
                        options,
                        reporter: this.options.reporter,
                        ...io,
                    });
                }
                catch (error) {
                    // Retried only when nothing ran: a refused channel (a few times, after a pause), or
                    // "not connected" once (the request never left this process).
                    if (error instanceof ChannelRefused) {
                        if (attempt >= CHANNEL_RETRIES)
                            throw error.failure;
                        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
                        continue;
                    }
                    if (!(error instanceof ChannelNotOpened) || attempt > 0)
                        throw error;
                    if (this.client === client)
                        this.client = undefined;
                }
            }
        });
    }
    async sftp() {
        if (this.options.transfer === 'exec')
            return undefined;
        const client = await this.connection();
        return new Promise((resolve, reject) => {
            client.sftp((error, sftp) => {
                if (!error)
                    return resolve(sftp);
                if (this.options.transfer === 'sftp') {
                    return reject(new HostError(this.name, `the server offers no SFTP: ${error.message}`));
                }
                this.options.reporter.debug(`[${this.name}] no SFTP (${error.message}); files go over exec`);
                resolve(undefined);
            });
        });
    }
    connection() {
        if (this.closed)
            return Promise.reject(new HostError(this.name, 'the connection was closed'));
        if (this.client)
            return Promise.resolve(this.client);
        this.connecting ??= this.connectWithBackoff().finally(() => {
            this.connecting = undefined;
        });
        return this.connecting;
    }
    async connectWithBackoff() {
        const attempts = this.options.connectAttempts ?? 3;
        const base = this.options.backoffMs ?? 500;
        if (this.connectedOnce)
            this.options.reporter.info(`[${this.name}] connection lost; connecting again`);
        for (let attempt = 1;; attempt += 1) {
            try {
                const client = await this.dialOnce();
                client.on('error', (error) => this.options.reporter.debug(`[${this.name}] ${error.message}`));
                client.once('close', () => {
                    if (this.client === client)
                        this.client = undefined;
                });
                this.client = client;
                this.connectedOnce = true;
                return client;
            }
            catch (error) {
                if (attempt >= attempts || isPermanent(error) || this.closed)
                    throw error;
                const delay = base * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
                this.options.reporter.debug(`[${this.name}] ${(0,errors/* describeError */.Uc)(error)}; trying again in ${Math.round(delay)} ms`);
                await new Promise((resolve) => setTimeout(resolve, delay));
            }
        }
    }
    async dialOnce() {
        const { jump } = this.options;
        const sock = jump
            ? await jump.forwardOut(this.options.address, this.port, this.name)
            : undefined;
        return dial({
            host: this.name,
            address: this.options.address,
            port: this.port,
            username: this.options.username,
            privateKey: this.key,
            passphrase: this.options.passphrase,
            pins: this.pins,
            connectTimeoutMs: this.options.connectTimeoutMs ?? 20_000,
            keepaliveIntervalMs: this.options.keepaliveIntervalMs ?? 10_000,
            keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
            sock,
            where: this.where,
        });
    }
}
function readKeyFile(host, path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw privateKeyError(host, path, (0,errors/* describeError */.Uc)(error));
    }
}
/** Masks the key as a whole and line by line (a log may print one line of it). */
function maskKey(reporter, text, passphrase) {
    reporter.mask(text);
    for (const line of text.split('\n')) {
        if (line.trim().length >= 8 && !line.startsWith('-----'))
            reporter.mask(line.trim());
    }
    if (passphrase)
        reporter.mask(passphrase);
}

;// CONCATENATED MODULE: ./src/cluster/node.ts

/** A cluster step that failed: one line, with per-node lines as details. */
class ClusterError extends errors/* HypernixError */.iD {
    name = 'ClusterError';
    constructor(message, details = [], options) {
        super(message, options);
        this.details = [...details];
    }
}
/** Where the cluster step keeps its files on a node (configs, manifests, markers): root only. */
const STATE_DIR = '/etc/hypernix';
const ADMIN_CONF = '/etc/kubernetes/admin.conf';
const CA_CERT = '/etc/kubernetes/pki/ca.crt';
/** Shapes of kubeadm secrets, hidden from any line even before they are known by value. */
const SECRET_SHAPES = [
    /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g, // bootstrap token
    /sha256:[0-9a-f]{64}/g, // discovery CA hash
    /\b[0-9a-f]{64}\b/g, // certificate key
];
/** A line of kubeadm/kubectl output with anything shaped like a token, hash or key hidden. */
function scrub(line) {
    return SECRET_SHAPES.reduce((text, shape) => text.replace(shape, '***'), line);
}
/** Runs kubectl on the control plane with the admin kubeconfig. */
function kubectl(node, args, timeoutMs = 60_000) {
    return node.host.exec(['kubectl', `--kubeconfig=${ADMIN_CONF}`, ...args], { timeoutMs });
}
/** The node's state directory, made root-only before any secret is written into it. */
async function stateDir(node) {
    await node.host.exec(['mkdir', '-p', '-m', '700', STATE_DIR]);
    return STATE_DIR;
}
/** Text for an error: the first line of what a command said, scrubbed. */
function firstLine(error) {
    const text = error instanceof Error ? error.message : String(error);
    return scrub(text.split('\n')[0] ?? '');
}
/** Why a command failed, for a report line: its last stderr line when it said something. */
function reason(error) {
    const details = error instanceof errors/* HypernixError */.iD ? error.details.filter((l) => l.trim()) : [];
    const last = details.at(-1);
    return last ? scrub(last.trim()) : firstLine(error);
}

;// CONCATENATED MODULE: ./src/cluster/nodes.ts

/** Parses `kubectl get nodes -o json` (untrusted text: only the fields used are read). */
function parseNodes(text) {
    const list = JSON.parse(text);
    return (list.items ?? []).map((item) => {
        const ready = item.status?.conditions?.find((c) => c.type === 'Ready');
        const labels = item.metadata?.labels ?? {};
        const isReady = ready?.status === 'True';
        return {
            name: String(item.metadata?.name ?? ''),
            role: 'node-role.kubernetes.io/control-plane' in labels ? 'control-plane' : 'worker',
            version: String(item.status?.nodeInfo?.kubeletVersion ?? ''),
            ready: isReady,
            why: isReady ? undefined : [ready?.reason, ready?.message].filter(Boolean).join(': '),
        };
    });
}
async function getNodes(controlPlane) {
    const { stdout } = await kubectl(controlPlane, ['get', 'nodes', '-o', 'json']);
    return parseNodes(stdout);
}

;// CONCATENATED MODULE: ./src/cluster/cni.ts



/**
 * The CNI: its pinned manifest applied once (a marker with its sha256 on the control plane), then
 * every node Ready, or a per-node reason why not.
 */
async function applyCni(controlPlane, manifest, reporter) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(manifest).digest('hex');
    const dir = await stateDir(controlPlane);
    const marker = await controlPlane.host
        .readFile(`${dir}/cni.sha256`, { maxBytes: 128 })
        .then((bytes) => bytes.toString().trim())
        .catch(() => '');
    if (marker === digest) {
        reporter.info(`${controlPlane.name}: CNI manifest ${digest.slice(0, 12)} already applied`);
        return false;
    }
    await controlPlane.host.writeFile(`${dir}/cni.yaml`, manifest, { mode: 0o600 });
    try {
        await kubectl(controlPlane, ['apply', '-f', `${dir}/cni.yaml`], 120_000);
    }
    catch (error) {
        throw new ClusterError(`${controlPlane.name}: applying the CNI manifest failed: ${reason(error)}`);
    }
    await controlPlane.host.writeFile(`${dir}/cni.sha256`, `${digest}\n`, { mode: 0o600 });
    reporter.info(`${controlPlane.name}: CNI manifest ${digest.slice(0, 12)} applied`);
    return true;
}
/** Read on a node that is not Ready: what usually keeps a kubelet from Ready. */
const DIAGNOSE = `
[ -n "$(ls -A /etc/cni/net.d 2>/dev/null)" ] || echo "CNI config uninitialized (/etc/cni/net.d is empty)"
[ -n "$(ls -A /opt/cni/bin 2>/dev/null)" ] || echo "/opt/cni/bin is empty"
pidof kubelet >/dev/null 2>&1 || echo "kubelet is not running"
{ journalctl -u kubelet -n 3 --no-pager -o cat 2>/dev/null || tail -n 3 /var/log/kubelet.log 2>/dev/null; } | sed 's/^/kubelet: /'
`;
async function diagnose(node, status) {
    const parts = [];
    if (status?.why)
        parts.push(status.why);
    if (!status)
        parts.push('not registered with the API server');
    if (node) {
        const found = await node.host
            .exec(['sh', '-s'], { input: DIAGNOSE, timeoutMs: 20_000, maxOutputBytes: 16 * 1024 })
            .then((r) => r.stdout
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => l.slice(0, 200)))
            .catch((error) => [`could not look: ${reason(error)}`]);
        parts.push(...found);
    }
    return parts.join('; ') || 'no reason found';
}
/** Polls `get nodes` until every expected node is Ready; on timeout, one line per node. */
async function waitReady(controlPlane, nodes, timeoutMs, reporter) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const statuses = await getNodes(controlPlane);
        const notReady = nodes.filter((node) => !statuses.find((status) => status.name === node.name)?.ready);
        if (notReady.length === 0)
            return statuses;
        if (Date.now() >= deadline) {
            const lines = await Promise.all(notReady.map(async (node) => `${node.name}: not Ready: ${await diagnose(node, statuses.find((s) => s.name === node.name))}`));
            for (const line of lines)
                reporter.error(line);
            throw new ClusterError(`${notReady.length} node(s) not Ready after ${Math.round(timeoutMs / 1000)} s: ${lines[0]}`, lines);
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/cluster/kubeadm-config.ts


/**
 * kubeadm's configuration files (API kubeadm.k8s.io/v1beta4): what the guide typed as flags,
 * written as files so that nothing secret is ever on a command line.
 */
const KUBEADM_API = 'kubeadm.k8s.io/v1beta4';
const documents = (...docs) => docs.map((doc) => (0,dist/* stringify */.As)(doc, { lineWidth: 0 })).join('---\n');
/** InitConfiguration + ClusterConfiguration + the kubelet's cgroup driver. */
function initConfig(spec, inputs) {
    return documents({
        apiVersion: KUBEADM_API,
        kind: 'InitConfiguration',
        localAPIEndpoint: { advertiseAddress: inputs.advertiseAddress, bindPort: 6443 },
        nodeRegistration: { name: inputs.nodeName, criSocket: spec.criSocket },
    }, {
        apiVersion: KUBEADM_API,
        kind: 'ClusterConfiguration',
        kubernetesVersion: inputs.version,
        controlPlaneEndpoint: inputs.endpoint,
        networking: { podSubnet: spec.podSubnet.text, serviceSubnet: spec.serviceSubnet.text },
    }, {
        apiVersion: 'kubelet.config.k8s.io/v1beta1',
        kind: 'KubeletConfiguration',
        cgroupDriver: spec.cgroupDriver,
    });
}
/** A worker's JoinConfiguration: the token and CA hash live only in this 0600 file. */
function joinConfig(spec, inputs) {
    return documents({
        apiVersion: KUBEADM_API,
        kind: 'JoinConfiguration',
        discovery: {
            bootstrapToken: {
                apiServerEndpoint: inputs.endpoint,
                token: inputs.token,
                caCertHashes: [inputs.caCertHash],
            },
        },
        nodeRegistration: { name: inputs.nodeName, criSocket: spec.criSocket },
    });
}
/**
 * kubeadm's discovery hash: `sha256:` and the hex SHA-256 of the CA certificate's
 * SubjectPublicKeyInfo (DER), computed here on the runner from the certificate itself.
 */
function caCertHash(pem) {
    const spki = new external_node_crypto_.X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(spki).digest('hex')}`;
}
/** A bootstrap token as kubeadm makes it: `[a-z0-9]{6}.[a-z0-9]{16}`. */
const TOKEN_RE = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;

;// CONCATENATED MODULE: ./src/cluster/control-plane.ts



const exists = async (node, path) => (await node.host.exec(['test', '-e', path], { okCodes: [1] })).code === 0;
/** Reads what the node is: never initialised, initialised with an API that answers, or half. */
async function controlPlaneState(node) {
    if (await exists(node, ADMIN_CONF)) {
        const ready = await kubectl(node, ['get', '--raw', '/readyz'], 20_000).catch((error) => error);
        if (!(ready instanceof Error))
            return 'initialised';
        return {
            half: `${ADMIN_CONF} exists but the API server does not answer (${firstLine(ready)})`,
        };
    }
    for (const leftover of [CA_CERT, '/etc/kubernetes/manifests/kube-apiserver.yaml'])
        if (await exists(node, leftover))
            return { half: `${leftover} exists but ${ADMIN_CONF} does not` };
    return 'fresh';
}
/** The version to install: the config's, or what the node's kubeadm reports. */
async function version(node, spec) {
    if (spec.kubernetesVersion !== 'from-node')
        return spec.kubernetesVersion;
    const { stdout } = await node.host.exec(['kubeadm', 'version', '-o', 'short']);
    const found = stdout.trim();
    if (!/^v1\.\d+\.\d+$/.test(found))
        throw new ClusterError(`${node.name}: kubeadm version printed ${JSON.stringify(found.slice(0, 40))}; expected v1.X.Y`);
    return found;
}
/** Initialises the control plane when it is fresh; returns whether it did. */
async function ensureControlPlane(node, spec, endpoint, reporter) {
    const state = await controlPlaneState(node);
    if (state === 'initialised') {
        reporter.info(`${node.name}: control plane already initialised; kubeadm init skipped`);
        return false;
    }
    if (state !== 'fresh')
        throw new ClusterError(`${node.name}: half-initialised control plane: ${state.half}; not reset automatically — inspect it, run 'kubeadm reset' there if that is what you want, then apply again`);
    const dir = await stateDir(node);
    const file = `${dir}/kubeadm-init.yaml`;
    const text = initConfig(spec, {
        nodeName: node.name,
        advertiseAddress: node.address,
        endpoint,
        version: await version(node, spec),
    });
    await node.host.writeFile(file, text, { mode: 0o600 });
    reporter.info(`${node.name}: kubeadm init --config ${file}`);
    try {
        // Captured, not streamed: only scrubbed phase lines reach the log.
        const { stdout } = await node.host.exec(['kubeadm', 'init', `--config=${file}`, '--skip-token-print'], { timeoutMs: 15 * 60_000 });
        for (const line of stdout.split('\n'))
            if (/^\[[a-z-]+\]/.test(line))
                reporter.debug(`${node.name}: ${scrub(line)}`);
    }
    catch (error) {
        const details = error instanceof HostCommandError ? error.details.map((line) => scrub(line)) : [];
        throw new ClusterError(`${node.name}: kubeadm init failed: ${firstLine(error)}`, details);
    }
    reporter.info(`${node.name}: control plane initialised`);
    return true;
}

;// CONCATENATED MODULE: ./src/cluster/join.ts



async function createToken(controlPlane, reporter) {
    const { stdout } = await controlPlane.host.exec(['kubeadm', 'token', 'create', '--ttl', '15m', '--description', 'hypernix deploy join'], { timeoutMs: 60_000 });
    const token = stdout.trim().split('\n').at(-1)?.trim() ?? '';
    if (token)
        reporter.mask(token);
    if (!TOKEN_RE.test(token))
        throw new ClusterError(`${controlPlane.name}: kubeadm token create printed no token`);
    return token;
}
const KUBELET_CONF = '/etc/kubernetes/kubelet.conf';
/** A kubelet.conf left from a cluster that is gone (its control plane was replaced): reset. */
async function resetStale(node, reporter) {
    const { code } = await node.host.exec(['test', '-f', KUBELET_CONF], { okCodes: [1] });
    if (code !== 0)
        return;
    reporter.info(`${node.name}: joined to the control plane's old cluster; kubeadm reset`);
    await node.host.exec(['kubeadm', 'reset', '--force'], { timeoutMs: 5 * 60_000 });
}
async function joinOne(node, spec, inputs) {
    const file = `${await stateDir(node)}/kubeadm-join.yaml`;
    const secrets = [inputs.token, inputs.caCertHash];
    await node.host.writeFile(file, joinConfig(spec, { nodeName: node.name, ...inputs }), {
        mode: 0o600,
    });
    try {
        await node.host.exec(['kubeadm', 'join', `--config=${file}`], {
            timeoutMs: 10 * 60_000,
            secrets,
        });
    }
    finally {
        await node.host.exec(['rm', '-f', file]).catch(() => undefined);
    }
}
async function joinWorkers(controlPlane, workers, spec, endpoint, reporter, 
/** The control plane was initialised in this run: a worker's old kubelet.conf is stale. */
options = {}) {
    const known = new Set((await getNodes(controlPlane)).map((node) => node.name));
    const skipped = workers.filter((node) => known.has(node.name)).map((node) => node.name);
    const pending = workers.filter((node) => !known.has(node.name));
    for (const name of skipped)
        reporter.info(`${name}: already a node; join skipped`);
    if (pending.length === 0)
        return { joined: [], skipped, failed: [] };
    const caCert = await controlPlane.host.readFile(CA_CERT, { maxBytes: 64 * 1024 });
    const hash = caCertHash(caCert);
    reporter.mask(hash);
    const token = await createToken(controlPlane, reporter);
    const outcome = { joined: [], skipped, failed: [] };
    try {
        // allSettled: one failed join leaves the others to finish.
        const results = await Promise.allSettled(pending.map(async (node) => {
            if (options.freshCluster)
                await resetStale(node, reporter);
            reporter.info(`${node.name}: kubeadm join ${endpoint}`);
            await joinOne(node, spec, { endpoint, token, caCertHash: hash });
            return node.name;
        }));
        results.forEach((result, index) => {
            const name = pending[index]?.name ?? '';
            if (result.status === 'fulfilled')
                outcome.joined.push(name);
            else
                outcome.failed.push({ node: name, why: reason(result.reason) });
        });
    }
    finally {
        // The token is no use after this run: delete it by its public id.
        await controlPlane.host
            .exec(['kubeadm', 'token', 'delete', token.slice(0, 6)], { secrets: [token] })
            .catch(() => reporter.warning(`${controlPlane.name}: could not delete this run's join token`));
    }
    for (const name of outcome.joined)
        reporter.info(`${name}: joined`);
    for (const { node, why } of outcome.failed)
        reporter.error(`${node}: join failed: ${why}`);
    return outcome;
}

;// CONCATENATED MODULE: ./src/cluster/kubeconfig.ts



/**
 * The admin kubeconfig, fetched from the control plane and written 0600 on the runner (temp
 * file, then rename), its server rewritten to the address the runner reaches. Never printed:
 * its key data is masked as soon as it is read.
 */
async function fetchKubeconfig(controlPlane, server, destination, reporter) {
    const text = (await controlPlane.host.readFile(ADMIN_CONF, { maxBytes: 256 * 1024 })).toString();
    for (const match of text.matchAll(/(?:client-key-data|token|client-certificate-data):\s*(\S+)/g))
        if (match[1])
            reporter.mask(match[1]);
    const doc = (0,dist/* parseDocument */.Tp)(text);
    const clusters = doc.toJS();
    if (doc.errors.length > 0 || !Array.isArray(clusters?.clusters) || clusters.clusters.length === 0)
        throw new ClusterError(`${controlPlane.name}: ${ADMIN_CONF} is not a kubeconfig with clusters`);
    clusters.clusters.forEach((_, index) => doc.setIn(['clusters', index, 'cluster', 'server'], server));
    const temporary = `${destination}.${process.pid}.tmp`;
    const handle = await (0,promises_.open)(temporary, 'wx', 0o600);
    try {
        await handle.writeFile(doc.toString({ lineWidth: 0 }));
        await handle.close();
        await (0,promises_.rename)(temporary, destination);
    }
    catch (error) {
        await handle.close().catch(() => undefined);
        await (0,promises_.rm)(temporary, { force: true });
        throw error;
    }
    reporter.info(`kubeconfig written to ${destination} (0600, server ${server})`);
}

;// CONCATENATED MODULE: ./src/cluster/manifests.ts




/**
 * Manifests read on the runner before anything changes: the CNI's (a file or an https URL,
 * pinned by sha256) and the workload's (files, with every container's image set to the pushed
 * digest). Hostile text: bounded in size, parsed as YAML, never executed.
 */
const MAX_MANIFEST_BYTES = 8 << 20;
async function readBounded(path, what) {
    const info = await (0,promises_.stat)(path).catch(() => undefined);
    if (!info?.isFile())
        throw new errors/* InputError */.dz(`${what}: no such file ${path}`);
    if (info.size > MAX_MANIFEST_BYTES)
        throw new errors/* InputError */.dz(`${what}: ${path} is ${info.size} bytes; at most 8 MiB`);
    return (0,promises_.readFile)(path);
}
async function download(url, what) {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
    if (!response.ok)
        throw new errors/* InputError */.dz(`${what}: GET ${url} answered ${response.status}`);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_MANIFEST_BYTES)
        throw new errors/* InputError */.dz(`${what}: ${url} is over 8 MiB`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_MANIFEST_BYTES)
        throw new errors/* InputError */.dz(`${what}: ${url} is over 8 MiB`);
    return body;
}
/** Parses a multi-document manifest; each document must be a Kubernetes object. */
function parseManifest(text, what) {
    const docs = (0,dist/* parseAllDocuments */.hR)(text);
    const list = Array.isArray(docs) ? docs : [docs];
    const objects = [];
    for (const doc of list) {
        if (doc.errors.length > 0)
            throw new errors/* InputError */.dz(`${what} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
        const value = doc.toJS({ maxAliasCount: 50 });
        if (value === null || value === undefined)
            continue;
        if (typeof value !== 'object' ||
            Array.isArray(value) ||
            !('kind' in value) ||
            !('apiVersion' in value))
            throw new errors/* InputError */.dz(`${what}: expected Kubernetes objects (apiVersion, kind) in every document`);
        objects.push(value);
    }
    if (objects.length === 0)
        throw new errors/* InputError */.dz(`${what}: no Kubernetes object in it`);
    return objects;
}
/** The CNI manifest, checked against its pin and (flannel, calico) the pod subnet. */
async function loadCni(cni, podSubnet, what) {
    const bytes = cni.source.kind === 'url'
        ? await download(cni.source.url, what)
        : await readBounded(cni.source.path, what);
    const digest = (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
    if (digest !== cni.sha256)
        throw new errors/* InputError */.dz(`${what}: sha256 is ${digest}, the config pins ${cni.sha256}`);
    const text = bytes.toString('utf8');
    parseManifest(text, what);
    const network = cni.name === 'flannel'
        ? /"Network":\s*"([0-9./]+)"/.exec(text)?.[1]
        : /^\s*-?\s*name:\s*CALICO_IPV4POOL_CIDR\s*\n\s*value:\s*"?([0-9./]+)"?/m.exec(text)?.[1];
    if (network && network !== podSubnet)
        throw new errors/* InputError */.dz(`${what}: the ${cni.name} manifest's pod network is ${network} but cluster.pod-subnet is ${podSubnet}; make them the same`);
    return text;
}
const POD_SPEC_PATHS = [
    ['spec'],
    ['spec', 'template', 'spec'],
    ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
];
function containersOf(doc) {
    const found = [];
    for (const path of POD_SPEC_PATHS) {
        let node = doc;
        for (const key of path)
            node = node?.[key];
        if (!node || typeof node !== 'object')
            continue;
        for (const key of ['containers', 'initContainers']) {
            const list = node[key];
            if (Array.isArray(list))
                found.push(...list.filter((c) => c && typeof c === 'object'));
        }
    }
    return found;
}
/** The workload's manifests as one text, every container's image set to `image`. */
async function loadWorkload(files, image) {
    const objects = [];
    for (const file of files) {
        const what = `workload manifest ${file}`;
        const docs = parseManifest((await readBounded(file, what)).toString('utf8'), what);
        for (const doc of docs)
            for (const container of containersOf(doc))
                container.image = image;
        objects.push(...docs);
    }
    if (!objects.some((doc) => containersOf(doc).length > 0))
        throw new errors/* InputError */.dz(`cluster.workload.manifests: no container to put ${image} in`);
    return objects.map((doc) => (0,dist/* stringify */.As)(doc, { lineWidth: 0 })).join('---\n');
}

// EXTERNAL MODULE: ./src/cluster/cidr.ts
var cidr = __webpack_require__(7090);
;// CONCATENATED MODULE: ./src/cluster/preflight.ts


/**
 * Checks every node before anything changes, the way kubeadm's own preflight would refuse later
 * and more obscurely: one line per problem, naming the node and the fix.
 */
/** Read-only probe, run by the node's /bin/sh from stdin; prints KEY=VALUE lines. */
const PROBE = `
r() { cat "$1" 2>/dev/null | head -n 1; }
echo "swap=$(tail -n +2 /proc/swaps 2>/dev/null | awk '{print $1}' | tr '\\n' ' ')"
for m in br_netfilter overlay; do
  if [ -d /sys/module/$m ] || grep -qw $m /proc/filesystems 2>/dev/null; then echo "module_$m=yes"; else echo "module_$m=no"; fi
done
echo "ip_forward=$(r /proc/sys/net/ipv4/ip_forward)"
echo "bridge_nf_iptables=$(r /proc/sys/net/bridge/bridge-nf-call-iptables)"
echo "bridge_nf_ip6tables=$(r /proc/sys/net/bridge/bridge-nf-call-ip6tables)"
echo "containerd_systemd_cgroup=$(grep -o 'SystemdCgroup *= *[a-z]*' /etc/containerd/config.toml 2>/dev/null | tail -n 1 | awk -F= '{gsub(/ /,"",$2); print $2}')"
echo "kubelet_cgroup_driver=$(grep -o '^cgroupDriver: *[a-z]*' /var/lib/kubelet/config.yaml 2>/dev/null | awk '{print $2}')"
echo "hostname=$(hostname)"
echo "machine_id=$(r /etc/machine-id)"
echo "product_uuid=$(r /sys/class/dmi/id/product_uuid)"
echo "macs=$(for i in /sys/class/net/*; do [ "\${i##*/}" = lo ] || r $i/address; done | tr '\\n' ' ')"
echo "addresses=$(ip -4 -o addr show 2>/dev/null | awk '$2 != "lo" {print $4}' | tr '\\n' ' ')"
echo "kubeadm=$(kubeadm version -o short 2>/dev/null)"
echo "kubelet=$(kubelet --version 2>/dev/null | awk '{print $2}')"
`;
/** Runs the probe on a host; what it prints is untrusted and only compared. */
async function probe(host, name = host.name) {
    const { stdout } = await host.exec(['sh', '-s'], {
        input: PROBE,
        timeoutMs: 30_000,
        maxOutputBytes: 64 * 1024,
    });
    const values = new Map();
    for (const line of stdout.split('\n')) {
        const at = line.indexOf('=');
        if (at > 0)
            values.set(line.slice(0, at), line.slice(at + 1).trim());
    }
    return { node: name, values };
}
const words = (text) => (text ?? '').split(/\s+/).filter(Boolean);
/** Networks of `A.B.C.D/N` words (ip -o addr), ignoring what does not parse. */
function networksOf(facts) {
    return words(facts.values.get('addresses')).flatMap((word) => {
        const [address = '', prefix = ''] = word.split('/');
        const network = (0,cidr/* networkOf */.Af)(address, Number(prefix));
        return network ? [network] : [];
    });
}
function nodeProblems(facts, spec) {
    const v = (key) => facts.values.get(key) ?? '';
    const n = facts.node;
    const problems = [];
    const swap = words(v('swap'));
    if (swap.length > 0)
        problems.push(`${n}: swap is on (${swap.join(', ')}); fix: swapoff -a and remove it from /etc/fstab`);
    for (const module of ['br_netfilter', 'overlay'])
        if (v(`module_${module}`) !== 'yes')
            problems.push(`${n}: kernel module ${module} is not loaded; fix: modprobe ${module} and list it in /etc/modules-load.d`);
    const sysctls = [
        ['ip_forward', 'net.ipv4.ip_forward'],
        ['bridge_nf_iptables', 'net.bridge.bridge-nf-call-iptables'],
        ['bridge_nf_ip6tables', 'net.bridge.bridge-nf-call-ip6tables'],
    ];
    for (const [key, name] of sysctls)
        if (v(key) !== '1')
            problems.push(`${n}: sysctl ${name} is ${v(key) || 'absent'}; fix: set ${name}=1 in /etc/sysctl.d`);
    const systemd = v('containerd_systemd_cgroup');
    const containerdDriver = systemd === 'true' ? 'systemd' : systemd === 'false' ? 'cgroupfs' : '';
    if (containerdDriver !== spec.cgroupDriver)
        problems.push(`${n}: containerd's SystemdCgroup is ${systemd || 'not set'} but the kubelet's cgroup driver is ${spec.cgroupDriver}; fix: set SystemdCgroup = ${spec.cgroupDriver === 'systemd'} in /etc/containerd/config.toml`);
    const kubelet = v('kubelet_cgroup_driver');
    if (kubelet && kubelet !== spec.cgroupDriver)
        problems.push(`${n}: /var/lib/kubelet/config.yaml has cgroupDriver ${kubelet}, the config asks for ${spec.cgroupDriver}; fix: make them agree (cluster.cgroup-driver)`);
    if (!v('kubeadm') || !v('kubelet'))
        problems.push(`${n}: kubeadm or kubelet is not installed; fix: use an image that has both`);
    for (const [subnet, key] of [
        [spec.podSubnet, 'pod-subnet'],
        [spec.serviceSubnet, 'service-subnet'],
    ]) {
        for (const network of networksOf(facts))
            if ((0,cidr/* overlaps */.$f)(subnet, network))
                problems.push(`${n}: cluster.${key} ${subnet.text} overlaps the node's network ${network.text}; fix: choose a ${key} outside it`);
    }
    return problems;
}
/** Values that must differ between nodes (kubeadm needs them unique; clones share them). */
const UNIQUE = [
    ['hostname', 'hostname'],
    ['machine_id', 'machine-id'],
    ['product_uuid', 'product_uuid'],
];
function crossProblems(all) {
    const problems = [];
    for (const [key, label] of UNIQUE) {
        const seen = new Map();
        for (const facts of all) {
            const value = facts.values.get(key) ?? '';
            const other = value ? seen.get(value) : undefined;
            if (other)
                problems.push(`${facts.node}: ${label} ${value} is also ${other}'s; fix: give every VM its own ${label}`);
            else if (value)
                seen.set(value, facts.node);
        }
    }
    const macs = new Map();
    for (const facts of all)
        for (const mac of words(facts.values.get('macs'))) {
            const other = macs.get(mac);
            if (other && other !== facts.node)
                problems.push(`${facts.node}: MAC ${mac} is also ${other}'s; fix: give every NIC its own MAC`);
            macs.set(mac, facts.node);
        }
    const first = all[0];
    for (const tool of ['kubeadm', 'kubelet']) {
        const expected = first?.values.get(tool);
        for (const facts of all.slice(1)) {
            const version = facts.values.get(tool);
            if (expected && version && version !== expected)
                problems.push(`${facts.node}: ${tool} ${version} differs from ${first?.node}'s ${expected}; fix: install the same version on every node`);
        }
    }
    return problems;
}
/** Every problem found, one line each; `hypervisor` networks must not overlap the subnets. */
function evaluate(all, spec, hypervisor) {
    const problems = all.flatMap((facts) => nodeProblems(facts, spec));
    problems.push(...crossProblems(all));
    const outside = [...(hypervisor ? networksOf(hypervisor) : []), ...spec.hostNetworks];
    for (const [subnet, key] of [
        [spec.podSubnet, 'pod-subnet'],
        [spec.serviceSubnet, 'service-subnet'],
    ])
        for (const network of outside)
            if ((0,cidr/* overlaps */.$f)(subnet, network))
                problems.push(`hypervisor: cluster.${key} ${subnet.text} overlaps ${network.text}, a network the hypervisor is on; fix: choose a ${key} outside it`);
    return [...new Set(problems)];
}
/** Probes every node (and the hypervisor) in parallel; throws with every problem found. */
async function preflight(nodes, spec, hypervisor) {
    const [hv, ...all] = await Promise.all([
        hypervisor ? probe(hypervisor, 'hypervisor') : Promise.resolve(undefined),
        ...nodes.map((node) => probe(node.host, node.name)),
    ]);
    const problems = evaluate(all, spec, hv);
    if (problems.length > 0)
        throw new ClusterError(`preflight found ${problems.length} problem(s), nothing was changed: ${problems[0]}`, problems);
}

;// CONCATENATED MODULE: ./src/cluster/workload.ts

async function applyWorkload(controlPlane, spec, manifest, reporter) {
    const file = `${await stateDir(controlPlane)}/workload.yaml`;
    await controlPlane.host.writeFile(file, manifest, { mode: 0o600 });
    let stdout;
    try {
        ({ stdout } = await kubectl(controlPlane, ['apply', '-f', file], 120_000));
    }
    catch (error) {
        throw new ClusterError(`${controlPlane.name}: applying the workload failed: ${reason(error)}`);
    }
    const objects = stdout
        .split('\n')
        .map((line) => scrub(line.trim()))
        .filter(Boolean);
    for (const line of objects)
        reporter.info(`${controlPlane.name}: ${line}`);
    const changed = objects.some((line) => !/ unchanged$/.test(line));
    const seconds = Math.ceil(spec.readyTimeoutMs / 1000);
    try {
        await kubectl(controlPlane, [
            'wait',
            '--for=condition=Ready',
            'pod',
            '--all',
            '-n',
            spec.namespace,
            `--timeout=${seconds}s`,
        ], spec.readyTimeoutMs + 30_000);
    }
    catch (error) {
        throw new ClusterError(`workload Pods not Ready within ${seconds} s: ${reason(error)}`);
    }
    return { changed, objects };
}
/** `kubectl get --raw PROXY -v=6`: the body on stdout, the status in the request log line. */
async function smokeTest(controlPlane, spec, reporter) {
    const result = await controlPlane.host.exec(['kubectl', '--kubeconfig=/etc/kubernetes/admin.conf', 'get', '--raw', spec.url, '-v=6'], { okCodes: [1], timeoutMs: 60_000, maxOutputBytes: 1 << 20 });
    const logged = /\bGET \S+ (\d{3})\b/.exec(result.stderr)?.[1];
    const status = logged ? Number(logged) : result.code === 0 ? 200 : 0;
    let why;
    if (status !== spec.expectStatus)
        why = `status ${status || 'unknown'}, expected ${spec.expectStatus}`;
    else if (spec.expectBody !== undefined && !result.stdout.includes(spec.expectBody))
        why = `status ${status}, but the body does not contain ${JSON.stringify(spec.expectBody)} (it begins ${JSON.stringify(scrub(result.stdout.slice(0, 80)))})`;
    const outcome = { url: spec.url, status, ok: why === undefined, why };
    reporter.info(`smoke test GET ${spec.url}: ${why ?? `status ${status}, as expected`}`);
    return outcome;
}

;// CONCATENATED MODULE: ./src/cluster/cluster.ts









async function prepareCluster(spec) {
    const cni = await loadCni(spec.cni, spec.podSubnet.text, 'cluster.cni.manifest');
    const work = spec.workload;
    if (work && !work.image)
        throw new errors/* InputError */.dz('cluster.workload.image-from: no image; give registry/repository@sha256:… here or with --image');
    return { spec, cni, workload: work && (await loadWorkload(work.manifests, work.image ?? '')) };
}
function split(nodes) {
    const planes = nodes.filter((node) => node.role === 'control-plane');
    if (planes.length !== 1)
        throw new errors/* InputError */.dz(`cluster: expected exactly one VM with role control-plane; found ${planes.length}`);
    return {
        controlPlane: planes[0],
        workers: nodes.filter((n) => n.role === 'worker'),
    };
}
async function applyCluster(context, prepared) {
    const { nodes, reporter } = context;
    const { spec } = prepared;
    const { controlPlane, workers } = split(nodes);
    const endpoint = spec.controlPlaneEndpoint ?? `${controlPlane.address}:6443`;
    const stages = [];
    const stage = async (name, body, note) => {
        const started = Date.now();
        const value = await reporter.group(`cluster: ${name}`, body);
        stages.push({ name, ms: Date.now() - started, note: note(value) });
        return value;
    };
    await stage('preflight', () => preflight(nodes, spec, context.hypervisor), () => 'passed');
    const initialised = await stage('control plane', () => ensureControlPlane(controlPlane, spec, endpoint, reporter), (done) => (done ? 'kubeadm init' : 'already initialised'));
    const join = await stage('join', () => joinWorkers(controlPlane, workers, spec, endpoint, reporter, {
        freshCluster: initialised,
    }), (o) => `${o.joined.length} joined, ${o.skipped.length} already nodes, ${o.failed.length} failed`);
    const cniChanged = await stage('cni', () => applyCni(controlPlane, prepared.cni, reporter), (applied) => (applied ? `${spec.cni.name} applied` : 'unchanged'));
    const failed = new Set(join.failed.map((f) => f.node));
    const statuses = await stage('nodes ready', () => waitReady(controlPlane, nodes.filter((n) => !failed.has(n.name)), spec.readyTimeoutMs, reporter), (list) => `${list.filter((n) => n.ready).length}/${list.length} Ready`);
    const kubeconfig = spec.kubeconfig;
    await stage('kubeconfig', () => fetchKubeconfig(controlPlane, `https://${endpoint}`, kubeconfig, reporter), () => kubeconfig);
    if (join.failed.length > 0)
        throw new ClusterError(`${join.failed.length} node(s) failed to join (the others are joined): ${join.failed.map((f) => `${f.node}: ${f.why}`).join('; ')}`, join.failed.map((f) => `${f.node}: ${f.why}`));
    const result = {
        controlPlane: controlPlane.address,
        endpoint,
        nodes: statuses,
        kubeconfig,
        join,
        stages,
        changed: initialised || join.joined.length > 0 || cniChanged,
    };
    await workloadStages(controlPlane, prepared, result, stage, reporter);
    return result;
}
/** The workload and its smoke test, on a cluster whose nodes are Ready. */
async function workloadStages(controlPlane, prepared, result, stage, reporter) {
    const { spec } = prepared;
    if (spec.workload && prepared.workload) {
        const { workload: work } = spec;
        const text = prepared.workload;
        result.workload = await stage('workload', () => applyWorkload(controlPlane, work, text, reporter), (o) => (o.changed ? 'applied' : 'unchanged'));
        result.changed ||= result.workload.changed;
    }
    if (spec.smokeTest) {
        const smoke = spec.smokeTest;
        result.smokeTest = await stage('smoke test', () => smokeTest(controlPlane, smoke, reporter), (o) => (o.ok ? `status ${o.status}` : (o.why ?? 'failed')));
        if (!result.smokeTest.ok)
            throw new ClusterError(`smoke test GET ${smoke.url} failed: ${result.smokeTest.why}`);
    }
}

;// CONCATENATED MODULE: ./src/cluster/replace.ts




/**
 * A node around its VM's replacement, run on the control plane: before, cordon, drain and
 * delete the Node (a kubelet cannot register a name the cluster already has, so the new VM could
 * not join otherwise); after, join with a fresh token and wait Ready. A replaced control plane
 * takes the cluster's state with it: the cluster step initialises a new one and the workers
 * rejoin it (join.ts resets their stale kubelet.conf).
 */
/** Whether the control plane has a cluster yet (no cluster: nothing to drain or rejoin). */
async function hasCluster(controlPlane) {
    const { code } = await controlPlane.host.exec(['test', '-f', ADMIN_CONF], { okCodes: [1] });
    return code === 0;
}
async function drainNode(controlPlane, node, spec, reporter) {
    if (node.role === 'control-plane') {
        reporter.warning(`${node.name}: replacing the control plane: its cluster state (etcd, certificates) goes with the old VM; a new cluster is initialised and the workers rejoin it`);
        return;
    }
    if (!(await hasCluster(controlPlane)) || !(await isNode(controlPlane, node.name))) {
        reporter.info(`${node.name}: not a node of the cluster; replaced without draining`);
        return;
    }
    const seconds = Math.round(spec.drainTimeoutMs / 1000);
    await step(node, 'cordon', () => kubectl(controlPlane, ['cordon', node.name]));
    reporter.info(`${node.name}: cordoned; draining (timeout ${seconds} s)`);
    await step(node, 'drain', () => kubectl(controlPlane, [
        'drain',
        node.name,
        '--ignore-daemonsets',
        '--delete-emptydir-data',
        `--timeout=${seconds}s`,
    ], spec.drainTimeoutMs + 60_000), (why) => /timeout|timed out/i.test(why)
        ? `${node.name}: drain did not finish within ${seconds} s: ${why}; the node stays cordoned and nothing was replaced from here on; fix what blocks the eviction (a PodDisruptionBudget?) or raise cluster.drain-timeout, then apply again`
        : undefined);
    await step(node, 'delete node', () => kubectl(controlPlane, ['delete', 'node', node.name]));
    reporter.info(`${node.name}: drained and removed from the cluster; replacing its VM`);
}
async function rejoinNode(controlPlane, node, spec, endpoint, reporter) {
    // The control plane's own VM: the cluster step that follows initialises it.
    if (node.role === 'control-plane' || !(await hasCluster(controlPlane)))
        return;
    const outcome = await joinWorkers(controlPlane, [node], spec, endpoint, reporter);
    const failed = outcome.failed[0];
    if (failed)
        throw new ClusterError(`${node.name}: the replaced VM did not rejoin: ${failed.why}; the workers after it are not replaced`);
    await waitReady(controlPlane, [node], spec.readyTimeoutMs, reporter);
    reporter.info(`${node.name}: replaced, rejoined and Ready`);
}
async function isNode(controlPlane, name) {
    return (await getNodes(controlPlane)).some((node) => node.name === name);
}
/** One kubectl step; a failure is one line naming the node (or the line `explain` gives). */
async function step(node, what, run, explain = () => undefined) {
    try {
        await run();
    }
    catch (error) {
        const why = reason(error);
        throw new ClusterError(explain(why) ??
            `${node.name}: ${what} failed: ${why}; nothing was replaced from here on, apply again once fixed`);
    }
}

;// CONCATENATED MODULE: ./src/deploy/cluster-step.ts




/**
 * The cluster after the VMs: each VM reached over SSH with the host key it printed on its serial
 * console (never a key seen only on the network), the cluster step run on them, hosts closed.
 */
/** Paths in `cluster:` are the config file's, like the other files it names. */
function clusterPaths(spec, fromConfig) {
    const cni = spec.cni.source;
    return {
        ...spec,
        kubeconfig: fromConfig(spec.kubeconfig),
        cni: {
            ...spec.cni,
            source: cni.kind === 'path' ? { kind: 'path', path: fromConfig(cni.path) } : cni,
        },
        workload: spec.workload && {
            ...spec.workload,
            manifests: spec.workload.manifests.map(fromConfig),
        },
    };
}

/** The VMs as cluster nodes, each an SshHost pinned to the keys from its serial console. */
function toNodes(config, vms, access) {
    const { privateKey, reporter } = access;
    if (!privateKey)
        throw new errors/* InputError */.dz(`${config.file}: cluster: the VMs need an SSH key (ssh.key-file or HYPERNIX_SSH_KEY)`);
    return vms.map((vm) => {
        const keys = vm.hostKeys ?? [];
        if (!vm.address || keys.length === 0)
            throw new errors/* InputError */.dz(`cluster: VM ${vm.name} has no address or no host key from its serial console`);
        return {
            name: vm.name,
            role: vm.role,
            address: vm.address,
            host: new SshHost({
                name: vm.name,
                address: vm.address,
                port: config.ssh.port,
                username: config.ssh.user,
                privateKey,
                hostKeys: { pins: keys.map((key) => key.fingerprint) },
                reporter,
                jump: access.jump,
            }),
        };
    });
}
/**
 * The cluster's part in replacing VMs (hypervisor/rollout.ts orders it): each call reaches the
 * control plane and the node over SSH, does its part, and closes them.
 */
function clusterRollout(config, spec, access) {
    const withNodes = async (vm, vms, body) => {
        const plane = vms.find((v) => v.role === 'control-plane');
        if (!plane)
            throw new errors/* InputError */.dz(`${config.file}: cluster: expected a VM with role control-plane`);
        const [controlPlane, node] = toNodes(config, vm === plane ? [plane, plane] : [plane, vm], access);
        const endpoint = spec.controlPlaneEndpoint ?? `${plane.address}:6443`;
        try {
            await body(controlPlane, node, endpoint);
        }
        finally {
            await Promise.all([controlPlane?.host.close(), node?.host.close()]);
        }
    };
    return {
        replaceControlPlane: spec.replaceControlPlane,
        drain: (vm, vms) => withNodes(vm, vms, (cp, node) => drainNode(cp, node, spec, access.reporter)),
        rejoin: (vm, vms) => withNodes(vm, vms, (cp, node, endpoint) => rejoinNode(cp, node, spec, endpoint, access.reporter)),
    };
}
async function runCluster(config, prepared, vms, options) {
    const { reporter } = options;
    const nodes = toNodes(config, vms, options);
    try {
        return await applyCluster({ nodes, hypervisor: options.hypervisor, reporter }, prepared);
    }
    finally {
        await Promise.all(nodes.map((node) => node.host.close()));
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/util/secrets.ts
var util_secrets = __webpack_require__(4537);
;// CONCATENATED MODULE: ./src/util/child-env.ts

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
    const secrets = (0,util_secrets/* knownSecrets */.x)().filter((secret) => secret.length >= MIN_SECRET);
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

;// CONCATENATED MODULE: ./src/hosts/local-host.ts







/** This machine as a Host: programs run directly from their argv (no shell), files on disk. */
class LocalHost {
    name;
    reporter;
    env;
    constructor(options) {
        this.name = options.name ?? 'local';
        this.reporter = options.reporter;
        this.env = options.env ?? childEnvironment();
    }
    exec(argv, options = {}) {
        const secrets = options.secrets ?? [];
        for (const secret of secrets)
            if (secret)
                this.reporter.mask(secret);
        const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const output = new OutputCollector(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, options.stream ? { reporter: this.reporter, host: this.name, secrets } : undefined);
        const fail = (failure, stderr, cause) => new HostCommandError(this.name, argv, failure, { secrets, stderr, cause });
        if (argv.length === 0 || argv.some((arg) => arg.includes('\0'))) {
            return Promise.reject(fail({ kind: 'spawn', reason: 'empty command or NUL byte in an argument' }, ''));
        }
        return new Promise((resolve, reject) => {
            // Its own process group, so that a timeout stops the command's children too.
            const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), {
                env: this.env,
                stdio: 'pipe',
                detached: true,
            });
            let stopped;
            const stop = (failure) => {
                stopped ??= failure;
                try {
                    process.kill(-child.pid, 'SIGKILL');
                }
                catch {
                    child.kill('SIGKILL');
                }
            };
            const timer = setTimeout(() => stop({ kind: 'timeout', timeoutMs }), timeoutMs);
            child.stdout.on('data', (chunk) => {
                if (!output.stdout(chunk))
                    stop({ kind: 'output', maxBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES });
            });
            child.stderr.on('data', (chunk) => output.stderr(chunk));
            child.on('error', (error) => {
                clearTimeout(timer);
                reject(fail({ kind: 'spawn', reason: error.code ?? error.message }, '', error));
            });
            child.on('close', (code, signal) => {
                clearTimeout(timer);
                const { stdout, stderr } = output.finish();
                if (stopped)
                    return reject(fail(stopped, stderr));
                if (signal)
                    return reject(fail({ kind: 'signal', signal }, stderr));
                const exitCode = code ?? 1;
                if (exitCode !== 0 && !(options.okCodes ?? []).includes(exitCode)) {
                    return reject(fail({ kind: 'exit', code: exitCode }, stderr));
                }
                resolve({ code: exitCode, stdout: stdout.toString('utf8'), stderr });
            });
            child.stdin.on('error', () => undefined); // a command that exits early closes its stdin
            child.stdin.end(options.input ?? '');
        });
    }
    async writeFile(path, content, options = {}) {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
        await writeLocalAtomically(this.name, path, external_node_stream_.Readable.from([bytes]), options);
    }
    readFile(path, options = {}) {
        return readLocalBounded(this.name, path, options.maxBytes ?? DEFAULT_READ_MAX_BYTES);
    }
    upload(localPath, remotePath, options = {}) {
        return writeLocalAtomically(this.name, remotePath, (0,external_node_fs_.createReadStream)(localPath), options);
    }
    async download(remotePath, localPath, options = {}) {
        if (options.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(options.sha256)) {
            throw new HostFileError(this.name, `expected sha256 ${JSON.stringify(options.sha256)} is not 64 lowercase hex digits`);
        }
        return writeLocalAtomically(this.name, localPath, (0,external_node_fs_.createReadStream)(remotePath), {
            sha256: options.sha256,
        });
    }
    async close() { }
}

;// CONCATENATED MODULE: ./src/util/stopwatch.ts
/**
 * A stopwatch: the function it returns gives the seconds since it was started. It reads
 * process.hrtime, not performance.now(): the first use of `performance` loads Node's perf_hooks,
 * which a push that has nothing to send would wait for.
 */
function stopwatch_stopwatch() {
    const start = process.hrtime.bigint();
    return () => Number(process.hrtime.bigint() - start) / 1e9;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/oci/media-types.ts
/** Media types and header names of the OCI distribution and image specs; never bare strings. */
const media_types_MEDIA_TYPE = {
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
const media_types_HEADER = {
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
    media_types_MEDIA_TYPE.ociManifest,
    media_types_MEDIA_TYPE.dockerManifest,
    media_types_MEDIA_TYPE.ociIndex,
    media_types_MEDIA_TYPE.dockerManifestList,
].join(', ');
/** The OCI empty descriptor: `{}`, the config of an artifact that has none. */
const media_types_EMPTY_CONFIG = {
    mediaType: media_types_MEDIA_TYPE.ociEmpty,
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
    data: 'e30=',
};
/** Annotation keys hypernix writes (OCI descriptors): on artifacts, and on image layers. */
const media_types_ANNOTATION = {
    title: 'org.opencontainers.image.title',
    outPath: 'vnd.hypernix.nix.out-path',
    /** The digest of a layer's or file's bytes before compression: an image layer's diff_id. */
    uncompressedDigest: 'vnd.hypernix.uncompressed.digest',
    uncompressedSize: 'vnd.hypernix.uncompressed.size',
    /** On an image manifest: the config whose diff_ids its layers' uncompressedDigest repeat. */
    diffIdsOf: 'vnd.hypernix.diff-ids.of',
};

;// CONCATENATED MODULE: ./src/oci/registry/retry-policy.ts


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
async function retry_policy_withRetries(operation, options = {}) {
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
    return retryAfterMs(response.headers.get(media_types_HEADER.retryAfter));
}

;// CONCATENATED MODULE: ./src/oci/registry/errors.ts

/** A registry answered something other than what the distribution spec promises. */
class errors_RegistryError extends errors/* HypernixError */.iD {
    status;
    name = 'RegistryError';
    constructor(message, status, options) {
        super(message, options);
        this.status = status;
    }
}
/** The registry refused the credentials (or their absence) for a scope. */
class RegistryAuthError extends errors_RegistryError {
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
        const challenge = parseChallenge(response.headers.get(media_types_HEADER.wwwAuthenticate));
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
        const url = URL.canParse(realm) ? new URL(realm) : undefined;
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
            throw new RegistryAuthError(`registry ${this.registry} named the token realm ${JSON.stringify(realm.slice(0, 200))}, not an http(s) URL`);
        if (this.scheme?.service)
            url.searchParams.set('service', this.scheme.service);
        for (const part of scope.split(' ').filter(Boolean))
            url.searchParams.append('scope', part);
        const basic = this.basic();
        if (basic && !mayCarryCredentials(url))
            throw new RegistryAuthError(`registry ${this.registry} sends its token requests to ${shownUrl(url)} over plain HTTP; refusing to send the credentials there (HTTPS or a loopback realm only)`);
        if (this.origin && url.origin !== this.origin)
            this.reporter?.debug(`registry ${this.registry} has its token realm on another origin: ${shownUrl(url)}${basic ? ' (the credentials go there)' : ''}`);
        const response = await this.sendRequest({
            method: 'GET',
            url: url.toString(),
            headers: basic ? { [media_types_HEADER.authorization]: basic } : {},
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
    if (error instanceof errors_RegistryError) {
        return tries > 1
            ? new errors_RegistryError(`${error.message}${after}`, error.status, { cause: error })
            : error;
    }
    const code = networkCode(error);
    if (!code && !isRetryableError(error))
        return error;
    const where = path.startsWith('http') ? new URL(path).pathname : path.split('?')[0];
    const reason = code ? (NETWORK_REASONS[code] ?? code) : describeRetry(error);
    return new errors_RegistryError(`registry ${registry}: ${method} ${where}: ${reason}${after}`, undefined, {
        cause: error,
    });
}
/**
 * A response that is not what was expected, as an error: retryable (5xx, 429, 408) for the
 * retry loop, refused credentials named as such, anything else with what the registry said.
 */
async function responseFailure(registry, hasCredentials, method, url, scope, response) {
    const described = describeResponse(method, url, response);
    if (isRetryableStatus(response.status)) {
        await response.discard();
        throw new RetryableResponseError(response.status, retryAfterOf(response), described);
    }
    const detail = await registryErrorDetail(response);
    if (response.status === 401 || response.status === 403) {
        const who = hasCredentials
            ? 'the given credentials'
            : 'anonymous access (no credentials given)';
        throw new RegistryAuthError(`registry ${registry} refused ${who} for scope ${scope}: ${response.status}${detail ? ` ${detail}` : ''}`, response.status);
    }
    throw new errors_RegistryError(`registry ${registry}: ${described}${detail ? `: ${detail}` : ''}`, response.status);
}
function describeNetworkError(error) {
    const code = error.code ?? error.cause?.code;
    const message = error.message ?? String(error);
    return code && !message.includes(code) ? `${message} (${code})` : message;
}

;// CONCATENATED MODULE: ./src/oci/registry/deadline.ts


const DEFAULT_DEADLINE = { floorMs: 60_000, bytesPerSecond: 1 << 20 };
function deadlineMs(bytes, deadline) {
    return Math.ceil(deadline.floorMs + (Math.max(0, bytes) / deadline.bytesPerSecond) * 1000);
}
/** A transfer that passed its deadline: not retried (a registry that slow would be again). */
class TransferDeadlineError extends errors_RegistryError {
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
            throw new errors/* InputError */.dz(`${name}: expected a positive number, got ${JSON.stringify(raw)}`);
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

;// CONCATENATED MODULE: ./src/oci/registry/registry-client.ts








const MAX_REDIRECTS = 5;
/** The scope a repository operation needs, as the token spec writes it. */
const registry_client_scopeFor = (repository, actions) => `repository:${repository}:${actions}`;
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
        this.retry = options.retry ?? DEFAULT_RETRY;
        this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
        this.deadline = options.deadline ?? DEFAULT_DEADLINE;
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
        return retry_policy_withRetries(attempt, {
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
                throw new RegistryAuthError(`refusing to send the credentials for ${this.registry} over plain HTTP; use HTTPS or a loopback registry`);
            const response = await send({
                method,
                url,
                headers: {
                    ...options.headers,
                    ...(authorization ? { [media_types_HEADER.authorization]: authorization } : {}),
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
            const location = response.headers.get(media_types_HEADER.location);
            if ([301, 302, 303, 307, 308].includes(response.status) &&
                location &&
                (method === 'GET' || method === 'HEAD')) {
                if ((hop += 1) > MAX_REDIRECTS)
                    throw new errors_RegistryError(`${this.registry}: too many redirects for ${method} ${path}`);
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
        return deadlineSignal(this.registry, { method, url: this.url(path) }, bytes, this.deadline);
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
            if (error instanceof errors_RegistryError && error.status === 404) {
                throw new errors_RegistryError(`${this.baseUrl} is not an OCI registry (GET /v2/ answered 404)`, 404, { cause: error });
            }
            if (error instanceof errors_RegistryError)
                throw error;
            throw new errors_RegistryError(`cannot reach registry ${this.baseUrl}: ${describeNetworkError(error)}`, undefined, { cause: error });
        }
        const type = response.headers.get(media_types_HEADER.contentType) ?? '';
        const apiVersion = response.headers.get(media_types_HEADER.apiVersion);
        await response.discard();
        if (!apiVersion && !type.includes('json')) {
            throw new errors_RegistryError(`${this.baseUrl} is not an OCI registry (GET /v2/ answered 200 with ${type || 'no content type'} and no Docker-Distribution-API-Version)`);
        }
    }
    /** HEAD a blob: its size when the repository has it, undefined when not. */
    async blobSize(repository, digest, scope = registry_client_scopeFor(repository, 'pull')) {
        const response = await this.exchange('HEAD', `/v2/${repository}/blobs/${digest}`, {
            scope,
            expect: [200, 404],
        });
        await response.discard();
        if (response.status === 404)
            return undefined;
        return Number(response.headers.get(media_types_HEADER.contentLength) ?? 0);
    }
    /** Reads a manifest by tag or digest; undefined when there is none. Verifies a digest reference. */
    async getManifest(repository, reference, scope = registry_client_scopeFor(repository, 'pull')) {
        const response = await this.exchange('GET', `/v2/${repository}/manifests/${reference}`, {
            scope,
            headers: { accept: MANIFEST_ACCEPT },
            expect: [200, 404],
        });
        if (response.status === 404) {
            await response.discard();
            return undefined;
        }
        const bytes = await response.buffer(4 << 20);
        const digest = sha256Digest(bytes);
        if (reference.startsWith('sha256:') && reference !== digest) {
            throw new errors_RegistryError(`registry ${this.registry} sent manifest ${digest} for ${repository}@${reference}`);
        }
        const mediaType = (response.headers.get(media_types_HEADER.contentType) ?? '').split(';')[0]?.trim() || mediaTypeOf(bytes);
        return { mediaType, digest, bytes };
    }
    /**
     * PUTs a manifest under a tag or digest and checks the digest the registry computed against
     * `digest` (the caller's, when it has hashed these bytes already).
     */
    async putManifest(repository, reference, bytes, mediaType, digest = sha256Digest(bytes)) {
        const response = await this.exchange('PUT', `/v2/${repository}/manifests/${reference}`, {
            scope: registry_client_scopeFor(repository, 'pull,push'),
            headers: { [media_types_HEADER.contentType]: mediaType },
            body: bytes,
            expect: [201, 200],
        });
        const told = response.headers.get(media_types_HEADER.dockerContentDigest);
        await response.discard();
        if (told && told !== digest) {
            throw new errors_RegistryError(`registry ${this.registry} stored manifest ${repository}:${reference} as ${told}, not ${digest}`);
        }
        return digest;
    }
    /** The repository's tags (one page of up to 1000); none when the repository does not exist. */
    async listTags(repository) {
        const response = await this.exchange('GET', `/v2/${repository}/tags/list?n=1000`, {
            scope: registry_client_scopeFor(repository, 'pull'),
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
            scope: registry_client_scopeFor(repository, 'pull'),
            expect: [200],
            transferBytes: limit,
        });
        const bytes = await response.buffer(limit);
        if (sha256Digest(bytes) !== digest)
            throw new errors_RegistryError(`registry ${this.registry} sent blob ${digest} with other content`);
        return bytes;
    }
    /**
     * Starts a blob download, from byte `start` on when resuming (206 expected then). `size`, the
     * blob's declared size, sets the deadline of the download.
     */
    async openBlob(repository, digest, start = 0, size) {
        return this.exchange('GET', `/v2/${repository}/blobs/${digest}`, {
            scope: registry_client_scopeFor(repository, 'pull'),
            transferBytes: size === undefined ? undefined : size - start,
            headers: start > 0 ? { [media_types_HEADER.range]: `bytes=${start}-` } : {},
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

;// CONCATENATED MODULE: ./src/oci/registry/upload-session.ts
// An upload session's life: opened (or a blob mounted instead), moved on by the registry's
// Location, deleted when not needed. The uploads themselves are in blob-upload and chunked-upload.



/** A session's Location with the digest that closes it. */
function upload_session_withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}
/** Where a session's next request goes: the Location a response names, else `current`. */
function upload_session_nextLocation(client, response, current) {
    const next = response.headers.get(HEADER.location);
    return next ? new URL(next, client.baseUrl).toString() : current;
}
function upload_session_locationOf(client, response) {
    const location = response.headers.get(HEADER.location);
    if (!location)
        throw new RegistryError(`registry ${client.registry} started an upload but sent no Location`);
    return new URL(location, client.baseUrl).toString();
}
function upload_session_receivedBytes(response) {
    const range = response.headers.get(HEADER.range);
    const match = range ? /(\d+)-(\d+)/.exec(range) : null;
    return match ? Number(match[2]) + 1 : 0;
}
/**
 * The registry no longer knows an upload session after a dropped connection (Docker's
 * distribution invalidates a session whose bytes were written in part), so it cannot be resumed:
 * the blob must be sent again from its start.
 */
class upload_session_UploadSessionLostError extends (/* unused pure expression or super */ null && (RegistryError)) {
    name = 'UploadSessionLostError';
}
/**
 * Opens an upload session, asking the registry to mount the blob from another repository when
 * `from` is given: 201 means mounted (nothing to send), 202 an upload session to use instead.
 */
async function startUpload(client, repository, mount, { retry = true } = {}) {
    const query = mount
        ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}`
        : '';
    const scope = mount
        ? `${scopeFor(repository, 'pull,push')} ${scopeFor(mount.from, 'pull')}`
        : scopeFor(repository, 'pull,push');
    const response = await client.exchange('POST', `/v2/${repository}/blobs/uploads/${query}`, {
        scope,
        expect: [201, 202],
        retry,
    });
    await response.discard();
    if (response.status === 201 && mount)
        return { mounted: true };
    return { mounted: false, location: upload_session_locationOf(client, response) };
}
/** Opens a plain upload session early (see uploadBlob's `session`): its Location. */
function upload_session_openSession(client, repository, options = {}) {
    const session = startUpload(client, repository, undefined, options).then((started) => started.location);
    session.catch(() => undefined); // awaited by whoever uses it; unused when the blob is there
    return session;
}
/**
 * One upload session opened ahead of need, while the registry is still being read, so that the
 * first blob to send need not wait for its POST. The first blob that needs a session takes it;
 * if none does, it is deleted.
 */
class SpareSession {
    client;
    repository;
    session;
    settled = false;
    released = false;
    constructor(client, repository) {
        this.client = client;
        this.repository = repository;
    }
    /** Opens the session (one try: without it, the first layer opens its own); not once released. */
    open() {
        if (this.released || this.session)
            return;
        this.session = upload_session_openSession(this.client, this.repository, { retry: false });
        this.session.then(() => (this.settled = true), () => (this.settled = true));
    }
    /** The session, once: later calls get undefined. */
    take() {
        const session = this.session;
        this.session = undefined;
        return session;
    }
    /**
     * Deletes the session if nobody took it. `waitForOpening`: wait for a POST still unanswered;
     * without it (a push ending with an error to report) such a session is left to the registry
     * to expire.
     */
    async release({ waitForOpening = false } = {}) {
        this.released = true;
        const session = this.take();
        if (!session || (!this.settled && !waitForOpening))
            return;
        const location = await session.catch(() => undefined);
        if (location)
            await upload_session_cancelUpload(this.client, location, scopeFor(this.repository, 'pull,push'));
    }
}
/** Deletes an upload session; a registry that has dropped it already is as good. */
async function upload_session_cancelUpload(client, location, scope) {
    try {
        const response = await client.exchange('DELETE', location, {
            scope,
            expect: [204, 404],
            retry: false,
        });
        await response.discard();
    }
    catch {
        // Left for the registry to expire: nothing refers to it.
    }
}

;// CONCATENATED MODULE: ./src/oci/registry/blob-upload.ts
// Uploads of a whole blob: one PUT with its digest (held bytes, or a file read again for each
// try), or one PATCH while the digest is still being worked out, then the PUT that names it.





/** Compressed layers up to this size are held in memory and sent in one PUT with a known digest. */
const blob_upload_MONOLITHIC_LIMIT = (/* unused pure expression or super */ null && (32 << 20));
/**
 * Sends a whole blob with a known digest: POST for a session, then one PUT. `session`, opened
 * with openSession while the blob was being made, stands in for the first POST.
 */
async function blob_upload_uploadBlob(client, repository, digest, content, session) {
    const body = Buffer.isBuffer(content) || Array.isArray(content) ? heldBody(content) : content;
    const scope = scopeFor(repository, 'pull,push');
    // A retried PUT needs a fresh session: the failed one may be half-written or gone.
    let location;
    let early = session;
    await withRetries(async () => {
        if (early) {
            const opened = early;
            early = undefined;
            location = await opened;
        }
        location ??= await openSession(client, repository);
        const target = location;
        location = undefined;
        const response = await client.exchange('PUT', withDigest(target, digest), {
            scope,
            headers: { [HEADER.contentType]: 'application/octet-stream' },
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
 * Sends a blob that is made again for each try (read from a file) while its digest is still
 * being worked out: one PATCH with all its bytes, then the PUT that names the digest, so that
 * the registry takes the bytes while they are hashed here. `verdict` resolves to the digest, or
 * to undefined to call the upload off (the bytes are not what they should be, say); an upload
 * called off is deleted, never closed. A failed try starts over in a new session. Resolves
 * whether the blob was sent.
 */
async function streamBlob(client, repository, blob, verdict, session) {
    const scope = scopeFor(repository, 'pull,push');
    let early = session;
    // The verdict settles once: its failure (hashing, say) ends the upload, untried again.
    const outcome = verdict.then((digest) => ({ digest }), (error) => ({ error }));
    let failure;
    const sent = await withRetries(async () => {
        const opened = early ?? openSession(client, repository);
        early = undefined;
        const location = await opened;
        const abandon = new AbortController();
        const patch = client.exchange('PATCH', location, {
            scope,
            headers: {
                [HEADER.contentType]: 'application/octet-stream',
                ...(blob.length > 0 ? { [HEADER.contentRange]: `0-${blob.length - 1}` } : {}),
            },
            body: blob,
            expect: [202],
            retry: false,
            signal: abandon.signal,
        });
        patch.catch(() => undefined); // awaited below unless the upload is called off
        // The verdict waits on the body being read (see HashedBody): a PATCH that fails first,
        // before reading it, ends the try rather than the wait going on for ever.
        const decided = await Promise.race([outcome, patch.then(() => outcome)]);
        const digest = 'digest' in decided ? decided.digest : undefined;
        if (digest === undefined) {
            abandon.abort();
            // A PATCH that went through moved the session on: its Location is the one to delete.
            const current = await patch.then(async (response) => {
                await response.discard();
                return nextLocation(client, response, location);
            }, () => location);
            await cancelUpload(client, current, scope);
            if ('error' in decided)
                failure = decided;
            return false;
        }
        const patched = await patch;
        await patched.discard();
        const response = await client.exchange('PUT', withDigest(locationOf(client, patched), digest), {
            scope,
            expect: [201],
            retry: false,
            transferBytes: blob.length,
        });
        await response.discard();
        return true;
    }, {
        onRetry: (why, delay) => client.reporter?.warning(`${client.registry}: upload to ${repository} failed (${why}); sending it again in ${(delay / 1000).toFixed(1)} s`),
    });
    if (failure)
        throw failure.error;
    return sent;
}
/** Pieces are sent as they are: joining tens of MiB into one new buffer costs more than the send. */
function heldBody(content) {
    const pieces = Array.isArray(content) ? content : [content];
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    return { stream: () => Readable.from(pieces, { objectMode: false }), length };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/util/fs-async.ts


// The few file calls a push makes before its first request, as promises over node:fs's callback
// API. Why not node:fs/promises: loading it loads readline and the REPL history with it, and a
// push that has nothing to send is mostly start-up.
const fs_async_openFile = (path) => promisify(open)(path, 'r');
const fs_async_closeFile = (fd) => promisify(close)(fd);
/** Reads up to `length` bytes at `position` into `buffer` from its start; resolves bytes read. */
const fs_async_readAt = (fd, buffer, length, position) => new Promise((resolve, reject) => read(fd, buffer, 0, length, position, (error, bytesRead) => error ? reject(error) : resolve(bytesRead)));
/** Reads into each of `buffers` in turn from `position` (one preadv); resolves bytes read. */
const readvAt = (fd, buffers, position) => new Promise((resolve, reject) => readv(fd, buffers, position, (error, bytesRead) => error ? reject(error) : resolve(bytesRead)));
const fileSize = async (fd) => (await promisify(fstat)(fd)).size;
const statPath = (0,external_node_util_.promisify)(external_node_fs_.stat);
const readBytes = (path) => promisify(readFile)(path);

;// CONCATENATED MODULE: ./src/oci/blob/file-range.ts


/**
 * Reads `size` bytes of a file from `start` into two buffers used over and over. Each chunk is a
 * view of one of them, valid only until the next chunk is asked for: a caller that keeps a chunk
 * must copy it.
 *
 * Why: fresh memory is what reading costs most on a VM (a page fault per 4 KiB), and a read
 * stream allocates a buffer per chunk (bench/push/README.md, "Fresh memory").
 */
function readFileRange(path, start, size) {
    const length = Math.min(READ_CHUNK, Math.max(size, 1));
    let done = 0;
    return readAhead(path, [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)], async (fd, buffer) => {
        if (done >= size)
            return undefined;
        // Each chunk is filled (short reads are read on), so that every read of a range yields
        // the same chunks: HashedBody hashes a body's first chunks from a second read.
        const want = Math.min(buffer.length, size - done);
        let filled = 0;
        while (filled < want) {
            const bytesRead = await readAt(fd, buffer.subarray(filled), want - filled, start + done);
            if (bytesRead === 0)
                throw new Error(`${path}: ended ${size - done} bytes early`);
            filled += bytesRead;
            done += bytesRead;
        }
        return buffer.subarray(0, filled);
    });
}
/**
 * Reads a file chunk by chunk into two buffers in turn: while the caller works on the chunk in
 * one, the next is read into the other. `fill` reads the next chunk into the buffer it is given
 * and returns it (undefined at the end); it is called once the call before it has finished.
 */
async function* readAhead(path, buffers, fill) {
    const fd = await openFile(path);
    let next;
    try {
        let turn = 0;
        next = fill(fd, buffers[turn]);
        for (;;) {
            const chunk = await next;
            if (chunk === undefined)
                return;
            // The caller has let go of the other buffer by asking for this chunk.
            turn = 1 - turn;
            next = fill(fd, buffers[turn]);
            next.catch(() => undefined); // awaited on the next turn, or below
            yield chunk;
        }
    }
    finally {
        // A read still in flight must end before its descriptor is closed (and its number reused).
        await next?.catch(() => undefined);
        await closeFile(fd);
    }
}
/** The pieces after their first `skip` bytes, as views (nothing copied). */
function file_range_skipBytes(pieces, skip) {
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

;// CONCATENATED MODULE: ./src/oci/registry/chunked-upload.ts







/** Larger blobs go in PATCH chunks of this size; one chunk per upload is held to resume from. */
const CHUNK_SIZE = (/* unused pure expression or super */ null && (32 << 20));
/**
 * A layer compressed as it goes starts with chunks this small: over a link, its bytes then leave
 * as soon as they are made instead of after the first 32 MiB (seen: 0.85 s of an idle 100 Mbit/s
 * link at the start of a push). The chunks double from there. 256 KiB, about one deflated block
 * (parallel-gzip): with the deflates taken in turn, 2.75 to 2.78 s against 2.86 to 3.01 s for
 * 1 MiB (60 MB of real files at 100 Mbit/s, 3 runs each).
 */
const FIRST_CHUNK = (/* unused pure expression or super */ null && (256 << 10));
/**
 * PATCHes on their way from this process, and since when (ms) none has been: the link is
 * shared, so it waits for the compressor only when no upload has anything on it.
 */
const chunked_upload_wire = { flying: 0, idleSince: undefined };
/**
 * A chunked upload (PATCH with Content-Range) fed as bytes are produced, so a blob of any size is
 * sent in one pass. The chunk being sent is kept until the registry acknowledges it; after a
 * dropped connection the upload resumes from the registry's Range instead of starting over.
 *
 * One PATCH is in flight while the next chunk fills, so the link never waits for the producer
 * to fill a chunk, nor the producer for the registry's answer. Chunks may start small
 * (`firstChunk`) and double up to `chunkSize`: bytes go on the wire soon after they are made,
 * in few requests. At most two chunks are held: the one in flight and the one filling.
 */
class chunked_upload_ChunkedUpload {
    client;
    repository;
    chunkSize;
    pace;
    location;
    offset = 0;
    pending = [];
    pendingBytes = 0;
    nextChunk;
    /** The PATCH on its way; its failure is thrown by the next write, finish or cancel. */
    inFlight = Promise.resolve();
    /** Whether a PATCH of this upload is on its way. */
    flying = false;
    constructor(client, repository, location, chunkSize, firstChunk, 
    /** Told which side waited at each chunk: the link (full chunk, PATCH still going) or the producer. */
    pace) {
        this.client = client;
        this.repository = repository;
        this.chunkSize = chunkSize;
        this.pace = pace;
        this.location = location;
        this.nextChunk = Math.min(firstChunk, chunkSize);
    }
    /** `session`: one opened with openSession, used instead of a new one. */
    static async start(client, repository, chunkSize = CHUNK_SIZE, session, firstChunk = chunkSize, pace) {
        const location = (await session) ?? (await openSession(client, repository));
        return new chunked_upload_ChunkedUpload(client, repository, location, chunkSize, firstChunk, pace);
    }
    /** Bytes the registry has acknowledged so far. */
    get sent() {
        return this.offset;
    }
    async write(chunk) {
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        if (this.pendingBytes < this.nextChunk)
            return;
        const waited = now();
        const linkBusy = this.flying;
        await this.inFlight; // the one before is acknowledged: offsets follow on
        if (linkBusy)
            this.pace?.waitedForLink(now() - waited);
        // Else the link waited for this chunk, if no upload of the process had a PATCH going.
        else if (chunked_upload_wire.flying === 0 && chunked_upload_wire.idleSince !== undefined)
            this.pace?.waitedForDeflate(waited - chunked_upload_wire.idleSince);
        this.nextChunk = Math.min(this.nextChunk * 2, this.chunkSize);
        this.flying = true;
        chunked_upload_wire.flying += 1;
        this.inFlight = this.flush().finally(() => {
            this.flying = false;
            chunked_upload_wire.flying -= 1;
            if (chunked_upload_wire.flying === 0)
                chunked_upload_wire.idleSince = now();
        });
        this.inFlight.catch(() => undefined); // thrown where it is awaited next
    }
    /** Sends what is pending and closes the upload under its digest. */
    async finish(digest) {
        await this.inFlight;
        if (this.pendingBytes > 0)
            await this.flush();
        await withRetries(async () => {
            // Some registries copy the blob into place here: its deadline is the blob's.
            const response = await this.client.exchange('PUT', withDigest(this.location, digest), {
                scope: this.scope,
                expect: [201],
                retry: false,
                transferBytes: this.offset,
            });
            await response.discard();
        });
    }
    /** Deletes the session: the bytes sent are not to become a blob. */
    async cancel() {
        await this.inFlight.catch(() => undefined);
        this.pending = [];
        this.pendingBytes = 0;
        await cancelUpload(this.client, this.location, this.scope);
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
                    [HEADER.contentType]: 'application/octet-stream',
                    [HEADER.contentRange]: `${start + skip}-${start + length - 1}`,
                },
                body: { stream: () => Readable.from(body), length: length - skip },
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
        this.location = nextLocation(this.client, response, this.location);
        return receivedBytes(response);
    }
}
/** Milliseconds on a monotonic clock (process.hrtime: `performance` would load perf_hooks). */
function now() {
    return Number(process.hrtime.bigint()) / 1e6;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/oci/blob/compression.ts





const COMPRESSIONS = (/* unused pure expression or super */ null && (['gzip', 'zstd', 'none']));
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
function compression_compressor(compression, level) {
    if (compression === 'gzip')
        return zlib.createGzip({ level, memLevel: 9, chunkSize: 256 * 1024 });
    const z = zlib;
    if (z.createZstdCompress) {
        const levelKey = z.constants.ZSTD_c_compressionLevel;
        return z.createZstdCompress({ params: { [levelKey]: level } });
    }
    return programTransform('zstd', ['-q', '-c', `-${level}`]);
}
function decompressor(compression) {
    if (compression === 'gzip')
        return external_node_zlib_.createGunzip();
    const z = external_node_zlib_;
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
    const child = external_node_child_process_.spawn(program, args, {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: childEnvironment(),
    });
    return external_node_stream_.Duplex.from({
        writable: child.stdin,
        readable: child.stdout,
    });
}
/** The layer media type for a compression in each manifest format. */
function layerMediaType(compression, format) {
    if (format === 'docker')
        return MEDIA_TYPE.dockerLayerGzip;
    if (compression === 'gzip')
        return MEDIA_TYPE.ociLayerGzip;
    if (compression === 'zstd')
        return MEDIA_TYPE.ociLayerZstd;
    return MEDIA_TYPE.ociLayer;
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
        mediaType === media_types_MEDIA_TYPE.dockerLayerGzip)
        return 'gzip';
    if (mediaType === media_types_MEDIA_TYPE.ociLayer || mediaType.endsWith('.tar'))
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

;// CONCATENATED MODULE: ./src/oci/blob/block-pipeline.ts
// What parallel gzip and parallel zstd share: a layer cut into blocks of a fixed size, each
// encoded on Node's thread pool, several at once across every layer of the push, and handed on
// in their order. Block boundaries depend only on the input and its block size, so the same
// layer always makes the same bytes (and digest).
/**
 * Encodings running at once across all layers of the process, and the ones waiting their turn
 * (first come, first served). With each of 4 layers queueing its blocks straight onto the
 * thread pool, every layer's first megabyte was ready only once 16 blocks had been deflated
 * side by side: a 100 Mbit/s link sat idle for the first 0.35 s of the push. In turn, the
 * earliest blocks finish first and their bytes leave while the next ones are encoded.
 */
const running = { count: 0, waiting: [] };
async function turn(limit, work) {
    if (running.count >= limit)
        await new Promise((resolve) => running.waiting.push(resolve));
    else
        running.count += 1;
    try {
        return await work();
    }
    finally {
        const next = running.waiting.shift();
        if (next)
            next();
        else
            running.count -= 1;
    }
}
/**
 * Memory for blocks of one size, used again once a block is encoded. A fresh buffer costs the
 * first touch of each of its pages: on a 2-core VM, copying 66 MB into fresh 1 MiB blocks took
 * 250 ms of the main thread in a 1 s push (a CPU profile of a cold push over loopback;
 * bench/push/README.md, round 4).
 */
class block_pipeline_BlockMemory {
    size;
    keep;
    free = [];
    constructor(size, 
    /** At most this many are kept for later: the blocks that are in flight at once. */
    keep) {
        this.size = size;
        this.keep = keep;
    }
    take() {
        return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
    }
    /** A block's memory, once nothing reads it any more; kept when it is a whole block's. */
    give(block) {
        const whole = block.byteOffset === 0 && block.buffer.byteLength === this.size;
        if (whole && this.free.length < this.keep)
            this.free.push(Buffer.from(block.buffer, 0, this.size));
    }
}
/**
 * Cuts chunks of any size into copies of `size` bytes (the last one shorter); `size` may be a
 * function of the block's index, for blocks that grow, or BlockMemory to take them from.
 */
async function* block_pipeline_blocks(source, size) {
    const fresh = size instanceof block_pipeline_BlockMemory
        ? () => size.take()
        : (index) => Buffer.allocUnsafe(typeof size === 'number' ? size : size(index));
    let index = 0;
    let block = fresh(index);
    let filled = 0;
    for await (const chunk of source) {
        // Copied: the source may refill its chunk once the next is asked for.
        for (let used = 0; used < chunk.length;) {
            const copied = chunk.copy(block, filled, used, used + block.length - filled);
            used += copied;
            filled += copied;
            if (filled === block.length) {
                yield block;
                index += 1;
                block = fresh(index);
                filled = 0;
            }
        }
    }
    if (filled > 0)
        yield block.subarray(0, filled);
}
/**
 * Each of `input`'s blocks through `encode`, `parallel` at a time (one more waits its turn, so
 * the pool never idles between two), yielded in order as soon as each is ready. Reading runs
 * ahead of the consumer by at most 2 × parallel blocks, so that many are held, input and
 * output, whatever the layer's size. `encode` is called in the blocks' order.
 */
async function* block_pipeline_encodeInOrder(input, encode, parallel) {
    const ahead = new ReadAhead(2 * Math.max(1, parallel));
    // Read and queued beside the consumer: the first piece leaves once it is encoded, not once
    // the queue is full (which held a layer's first bytes back until 5 blocks had been read).
    const reading = (async () => {
        for await (const block of input) {
            const piece = turn(parallel + 1, encode(block));
            piece.catch(() => undefined); // awaited in order below; the first failure is thrown there
            if (!(await ahead.add(piece)))
                return; // the consumer stopped
        }
    })();
    reading.then(() => ahead.end(), (error) => ahead.end(error));
    try {
        for (let piece = await ahead.next(); piece; piece = await ahead.next())
            yield await piece;
    }
    finally {
        // The reader closes the source at its next block; not awaited, as a stalled source would
        // hold this up.
        ahead.stop();
        reading.catch(() => undefined);
    }
}
/** The pieces between the reader and the consumer: at most `limit`, in order. */
class ReadAhead {
    limit;
    queue = [];
    ended = false;
    stopped = false;
    failure;
    wakeReader;
    wakeConsumer;
    constructor(limit) {
        this.limit = limit;
    }
    /** Queues a piece; waits while the queue is full. False once the consumer has stopped. */
    async add(piece) {
        this.queue.push(piece);
        this.wake('consumer');
        while (this.queue.length >= this.limit && !this.stopped)
            await new Promise((resolve) => (this.wakeReader = resolve));
        return !this.stopped;
    }
    end(error) {
        this.ended = true;
        if (error !== undefined)
            this.failure = { error };
        this.wake('consumer');
    }
    stop() {
        this.stopped = true;
        this.wake('reader');
    }
    /** The next piece, undefined at the end; throws the reader's failure after the pieces before it. */
    async next() {
        while (this.queue.length === 0 && !this.ended)
            await new Promise((resolve) => (this.wakeConsumer = resolve));
        const piece = this.queue.shift();
        this.wake('reader');
        if (piece)
            return piece;
        if (this.failure)
            throw this.failure.error;
        return undefined;
    }
    wake(who) {
        const resolve = who === 'reader' ? this.wakeReader : this.wakeConsumer;
        if (who === 'reader')
            this.wakeReader = undefined;
        else
            this.wakeConsumer = undefined;
        resolve?.();
    }
}

;// CONCATENATED MODULE: ./src/oci/blob/gzip-stored.ts

/** Deflate's stored blocks hold at most 65535 bytes each. */
const gzip_stored_MAX_STORED = 0xffff;
// gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS unix — as zlib writes it.
const gzip_stored_GZIP_HEADER = Buffer.from([
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
]);
/** Node's crc32 (22.2+, 20.15+); without it stored gzip falls back to zlib at level 0. */
const gzip_stored_crc32 = () => zlib.crc32;
/**
 * A gzip stream of stored (uncompressed) deflate blocks: what gzip makes of data that does not
 * compress, at the cost of a copy and a CRC instead of a deflate pass that gains nothing (and
 * deflates random bytes far below memory speed).
 *
 * Synchronous: each input chunk is copied out before `encode` returns, so a caller may hand it a
 * buffer it reuses for the next chunk.
 */
class StoredGzipEncoder {
    checksum;
    crc = 0;
    length = 0;
    started = false;
    /** Bytes short of a full block, carried over so block boundaries never depend on chunking. */
    pending = Buffer.alloc(0);
    constructor(checksum) {
        this.checksum = checksum;
    }
    /** The gzip bytes for `chunk`: empty while less than a block has come in. */
    encode(chunk) {
        this.crc = this.checksum(chunk, this.crc);
        this.length = (this.length + chunk.length) % 2 ** 32;
        const total = this.pending.length + chunk.length;
        const blocks = Math.floor(total / gzip_stored_MAX_STORED);
        if (blocks === 0) {
            this.pending = Buffer.concat([this.pending, chunk]);
            return EMPTY;
        }
        // One output buffer per input chunk (one copy, few pieces downstream): the header once, then
        // each full block as a 5-byte block header and its bytes. A short tail waits for more input,
        // so block boundaries never depend on how the input was chunked.
        const head = this.started ? 0 : gzip_stored_GZIP_HEADER.length;
        const out = Buffer.allocUnsafe(head + blocks * (5 + gzip_stored_MAX_STORED));
        let at = 0;
        if (!this.started) {
            at = gzip_stored_GZIP_HEADER.copy(out, 0);
            this.started = true;
        }
        let used = 0; // bytes of `chunk` consumed
        for (let block = 0; block < blocks; block += 1) {
            at = gzip_stored_writeBlockHeader(out, at, gzip_stored_MAX_STORED, false);
            let room = gzip_stored_MAX_STORED;
            if (block === 0 && this.pending.length > 0) {
                at += this.pending.copy(out, at);
                room -= this.pending.length;
            }
            at += chunk.copy(out, at, used, used + room);
            used += room;
        }
        this.pending = Buffer.from(chunk.subarray(used));
        return out;
    }
    /** The last block and the gzip trailer. */
    finish() {
        const head = this.started ? 0 : gzip_stored_GZIP_HEADER.length;
        const out = Buffer.allocUnsafe(head + 5 + this.pending.length + 8);
        let at = this.started ? 0 : gzip_stored_GZIP_HEADER.copy(out, 0);
        at = gzip_stored_writeBlockHeader(out, at, this.pending.length, true);
        at += this.pending.copy(out, at);
        out.writeUInt32LE(this.crc >>> 0, at);
        out.writeUInt32LE(this.length, at + 4);
        return out;
    }
}
const EMPTY = Buffer.alloc(0);
/** Writes a stored block's header (final flag, LEN, NLEN) at `at`; returns the next offset. */
function gzip_stored_writeBlockHeader(out, at, size, final) {
    out[at] = final ? 0x01 : 0x00;
    out.writeUInt16LE(size, at + 1);
    out.writeUInt16LE(~size & 0xffff, at + 3);
    return at + 5;
}
/** A layer is judged by this many windows spread over it, each this long (deflate sees 32 KiB back). */
const SAMPLE_WINDOWS = 8;
const WINDOW_BYTES = (/* unused pure expression or super */ null && (32 * 1024));
/** Below this saving a layer is sent as it is: deflate would cost time and send about as much. */
const MIN_SAVING = 0.03;
/**
 * Where to sample a layer of `size` bytes: the whole of a small one, else the first WINDOW_BYTES
 * of each of its SAMPLE_WINDOWS equal parts, so a layer whose start is compressed (or random)
 * and whose rest is text is judged by both. Not its very end: a tar ends in up to 10 KiB of
 * zeros (tar's record padding), which would make a window there look compressible and tip a
 * random layer over the line.
 */
function sampleWindows(size) {
    if (size <= SAMPLE_WINDOWS * WINDOW_BYTES)
        return size === 0 ? [] : [{ offset: 0, length: size }];
    return Array.from({ length: SAMPLE_WINDOWS }, (_, i) => ({
        offset: Math.floor((i * size) / SAMPLE_WINDOWS),
        length: WINDOW_BYTES,
    }));
}
/**
 * Whether a layer is worth deflating, from windows spread over all of it (sampleWindows): if
 * level 1 saves under MIN_SAVING of them together, the layer is compressed or random data
 * already. Deterministic, so a layer always gets the same bytes (and digest) however often it
 * is pushed. An empty layer is deflated (as every other tool does).
 */
function worthDeflating(size, read) {
    let input = 0;
    let output = 0;
    for (const { offset, length } of sampleWindows(size)) {
        const window = read(offset, length);
        input += window.length;
        output += zlib.deflateRawSync(window, { level: 1 }).length;
    }
    return input === 0 || output < input * (1 - MIN_SAVING);
}

;// CONCATENATED MODULE: ./src/oci/blob/parallel-gzip.ts
// gzip of one layer on every core, as pigz and Go's pgzip do: the input is cut into blocks of
// BLOCK_BYTES, each deflated on its own (on Node's thread pool, so several at once) with the
// 32 KiB before it as its dictionary, ended by a sync flush so the pieces join on byte
// boundaries. One gzip stream: a header, the pieces in order, an empty final block, the CRC of
// the whole input and its length. Block boundaries depend only on the input, so the same layer
// always makes the same bytes (and digest).
//
// A block that does not compress goes as stored blocks instead: skipped before deflating when
// its bytes look random (order-0 entropy near 8 bits), and chosen afterwards when deflate made
// it no smaller. So a layer whose files are half random costs deflate only for the other half.





/** Input per independently deflated block: large enough that the joins cost nothing to speak of. */
const BLOCK_BYTES = (/* unused pure expression or super */ null && (1 << 20));
/** Deflate looks back this far: each block gets the 32 KiB before it as its dictionary. */
const DICTIONARY_BYTES = (/* unused pure expression or super */ null && (32 * 1024));
/** An empty stored block with BFINAL set: ends the deflate stream after sync-flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
/** Bits per byte above which a block is taken for compressed or random data. */
const RANDOM_ENTROPY = 7.99;
/** Past a block's stored size: deflate's flush markers, so a piece never needs a second buffer. */
const OUTPUT_SLACK = 1024;
/** Every SAMPLE_STEP-th byte of a block goes into its entropy estimate. */
const SAMPLE_STEP = 4;
/** The bytes of `size` input as non-final stored blocks. */
function storedSize(size) {
    return size + 5 * Math.max(1, Math.ceil(size / MAX_STORED));
}
function stored(block) {
    const out = Buffer.allocUnsafe(storedSize(block.length));
    let at = 0;
    let used = 0;
    do {
        const size = Math.min(MAX_STORED, block.length - used);
        at = writeBlockHeader(out, at, size, false);
        at += block.copy(out, at, used, used + size);
        used += size;
    } while (used < block.length);
    return out.subarray(0, at);
}
/** Order-0 entropy of a sample of `block`, in bits per byte. */
function entropy(block) {
    const counts = new Uint32Array(256);
    let total = 0;
    for (let i = 0; i < block.length; i += SAMPLE_STEP) {
        const byte = block[i];
        counts[byte] = counts[byte] + 1;
        total += 1;
    }
    let bits = 0;
    for (const count of counts) {
        if (count === 0)
            continue;
        const p = count / total;
        bits -= p * Math.log2(p);
    }
    return bits;
}
/** One block's piece of the stream: sync-flushed deflate, or stored blocks when smaller. */
async function deflateBlock(block, dictionary, level) {
    if (block.length >= 64 * 1024 && entropy(block) > RANDOM_ENTROPY)
        return stored(block);
    const options = {
        level,
        memLevel: 9,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        // Room for the whole piece: deflated in one trip to the thread pool. With zlib's 16 KiB
        // default, each block went back to the main thread some 30 times, the pool's thread idle
        // meanwhile, and the pieces were joined (Buffer.concat) at the end.
        chunkSize: storedSize(block.length) + OUTPUT_SLACK,
        ...(dictionary ? { dictionary } : {}),
    };
    return new Promise((resolve, reject) => zlib.deflateRaw(block, options, (error, out) => {
        if (error)
            reject(error);
        else if (out.length >= storedSize(block.length))
            resolve(stored(block));
        // A piece may be a view of the whole output buffer: copied, so that the chunks an upload
        // holds (up to 32 MiB) hold only their own bytes.
        else
            resolve(out.buffer.byteLength > 2 * out.length ? Buffer.from(out) : out);
    }));
}
/**
 * The gzip stream of `source`, its blocks deflated `parallel` at a time. At most 2 × parallel + 2
 * blocks of input and the output of 2 × parallel are held, whatever the layer's size. `level`: one for every block,
 * or a BlockLevel that picks each block's as the upload goes (adaptive-level).
 */
async function* parallel_gzip_parallelGzip(source, level, parallel = availableParallelism()) {
    const levels = typeof level === 'number' ? new BlockLevel(level) : level;
    const checksum = crc32();
    if (!checksum)
        throw new Error('parallel gzip needs zlib.crc32 (Node 20.15 or later)');
    yield GZIP_HEADER;
    // The most blocks a layer has at once: 2 × parallel read ahead (those being deflated among
    // them), the one its consumer waits on, and the one being filled.
    const memory = new BlockMemory(BLOCK_BYTES, 2 * parallel + 2);
    let crc = 0;
    let length = 0;
    let dictionary;
    // The CRC, length and dictionary are taken as each block is handed to encodeInOrder, in order.
    // The next block's dictionary is copied out now: this block's memory is used again once it is
    // deflated, which may be before the next block is read.
    const deflates = (block) => {
        crc = checksum(block, crc);
        length = (length + block.length) % 2 ** 32;
        const blockLevel = levels.next();
        const own = dictionary;
        dictionary = Buffer.from(block.subarray(-DICTIONARY_BYTES));
        return async () => {
            const piece = await deflateBlock(block, own, blockLevel);
            memory.give(block);
            return piece;
        };
    };
    yield* encodeInOrder(blocks(source, memory), deflates, parallel);
    const trailer = Buffer.allocUnsafe(FINAL_BLOCK.length + 8);
    FINAL_BLOCK.copy(trailer, 0);
    trailer.writeUInt32LE(crc >>> 0, FINAL_BLOCK.length);
    trailer.writeUInt32LE(length, FINAL_BLOCK.length + 4);
    yield trailer;
}

;// CONCATENATED MODULE: ./src/oci/artifact/push-artifact.ts














/** Annotations of a disk image artifact: its file name, Nix out path, and uncompressed digest. */
class ArtifactError extends errors/* HypernixError */.iD {
    name = 'ArtifactError';
}
function layerMediaTypeFor(compression) {
    return compression === 'none' ? MEDIA_TYPE.qcow2Layer : `${MEDIA_TYPE.qcow2Layer}+${compression}`;
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
    const elapsed = stopwatch();
    const { client, repository } = options;
    await client.ping(scopeFor(repository, 'pull,push'));
    const mediaType = layerMediaTypeFor(options.compression);
    const uncompressed = await sha256File(file);
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
        reporter.info(`${basename(file)} is unchanged since the last push (${previous.digest})`);
        return { blob: previous, pushedBytes: 0 };
    }
    if (options.compression === 'none') {
        const blob = { mediaType, digest: uncompressed.digest, size: uncompressed.size };
        const held = await client.blobSize(repository, blob.digest, scopeFor(repository, 'pull,push'));
        if (held !== undefined)
            return { blob, pushedBytes: 0 };
        const pushedBytes = await push_artifact_uploadFile(client, repository, file, blob.digest, uncompressed.size);
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
        const upload = await ChunkedUpload.start(client, repository);
        const counter = new DigestCounter();
        const send = async (source) => {
            for await (const chunk of source) {
                counter.update(chunk);
                await upload.write(chunk);
            }
        };
        const read = createReadStream(file, { highWaterMark: READ_CHUNK });
        // gzip on every core, as a layer's (parallel-gzip); zstd as one stream.
        if (algorithm === 'gzip')
            await send(parallelGzip(read, options.level));
        else
            await pipeline(read, compressor(algorithm, options.level), send);
        await upload.finish(counter.digest());
        return counter;
    });
}
/** The empty config (when missing), then the manifest under each tag, or its digest: its digest. */
async function putArtifactManifest(file, options, blob, uncompressed) {
    const { client, repository } = options;
    const annotations = {
        [ANNOTATION.title]: basename(file),
        ...(options.outPath ? { [ANNOTATION.outPath]: options.outPath } : {}),
    };
    const layer = {
        mediaType: blob.mediaType,
        digest: blob.digest,
        size: blob.size,
        annotations: {
            ...annotations,
            [ANNOTATION.uncompressedDigest]: uncompressed.digest,
            [ANNOTATION.uncompressedSize]: String(uncompressed.size),
        },
    };
    if ((await client.blobSize(repository, EMPTY_CONFIG.digest, scopeFor(repository, 'pull,push'))) ===
        undefined) {
        await uploadBlob(client, repository, EMPTY_CONFIG.digest, Buffer.from('{}'));
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: MEDIA_TYPE.ociManifest,
        artifactType: MEDIA_TYPE.qcow2Artifact,
        config: {
            mediaType: EMPTY_CONFIG.mediaType,
            digest: EMPTY_CONFIG.digest,
            size: EMPTY_CONFIG.size,
        },
        layers: [layer],
        annotations,
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    let digest = '';
    for (const tag of options.tags)
        digest = await client.putManifest(repository, tag, bytes, MEDIA_TYPE.ociManifest);
    if (options.tags.length === 0) {
        const counter = new DigestCounter();
        counter.update(bytes);
        digest = await client.putManifest(repository, counter.digest(), bytes, MEDIA_TYPE.ociManifest);
    }
    return digest;
}
/** Uploads a file whose digest is known: in one PUT when small, else in resumable chunks. */
async function push_artifact_uploadFile(client, repository, file, digest, size) {
    if (size <= MONOLITHIC_LIMIT) {
        const handle = await open(file, 'r');
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
        for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
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
            client.reporter?.warning(`${error.message}; sending ${basename(file)} again from its start`);
        }
    }
}

;// CONCATENATED MODULE: ./src/oci/artifact/pull-artifact.ts











/**
 * Pulls a disk image artifact by tag or digest into `destination` atomically: downloaded to a
 * temporary file made fresh beside it (resumed with Range within the run), capped at the size the
 * manifest declares, its digest verified, decompressed if need be, then renamed into place.
 * Nothing appears at `destination` unless whole, and no temporary file outlives a failure.
 */
async function pullArtifact(client, repository, reference, destination, reporter) {
    const elapsed = stopwatch_stopwatch();
    const manifest = await client.getManifest(repository, reference);
    if (!manifest)
        throw new ArtifactError(`registry ${client.registry} has no ${repository}:${reference}`);
    const layer = diskLayerOf(manifest.bytes, `${client.registry}/${repository}:${reference}`);
    const compression = layer.mediaType === media_types_MEDIA_TYPE.qcow2Layer ? 'none' : compressionOf(layer.mediaType);
    if (!compression)
        throw new ArtifactError(`unknown disk image media type ${layer.mediaType}`);
    const partial = await freshFile(destination, 'part');
    let downloadedBytes;
    try {
        downloadedBytes = await downloadBlob(client, repository, layer, partial.handle, reporter);
        if (compression === 'none') {
            await partial.handle.close();
            await (0,promises_.rename)(partial.path, destination);
        }
        else {
            await unpack(partial.handle, compression, layer, destination);
        }
    }
    finally {
        await partial.handle.close().catch(() => undefined);
        await (0,promises_.rm)(partial.path, { force: true });
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
        throw new ArtifactError(`${shown}: the manifest is not valid JSON`);
    }
    const layer = json?.layers?.[0];
    if (json?.artifactType !== media_types_MEDIA_TYPE.qcow2Artifact || !layer || json.layers?.length !== 1) {
        throw new ArtifactError(`${shown} is not a qcow2 artifact (artifactType ${JSON.stringify(json?.artifactType ?? null)})`);
    }
    if (!isDigest(layer.digest))
        throw new ArtifactError(`${shown}: the disk image has the digest ${showDigest(layer.digest)}; expected sha256: and 64 lower-case hex digits`);
    if (!Number.isSafeInteger(layer.size) || layer.size < 0)
        throw new ArtifactError(`${shown}: the disk image has the size ${showDigest(layer.size)}; expected a whole number of bytes`);
    return layer;
}
/**
 * A new file beside `destination`, under a name nobody else can have chosen: created with
 * O_EXCL and O_NOFOLLOW, so a file or symlink planted there is never written through.
 */
async function freshFile(destination, suffix) {
    const { randomBytes } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7598, 23));
    const path = (0,external_node_path_.join)((0,external_node_path_.dirname)(destination), `.${(0,external_node_path_.basename)(destination)}.${randomBytes(6).toString('hex')}.${suffix}`);
    const flags = external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | external_node_fs_.constants.O_RDWR | external_node_fs_.constants.O_NOFOLLOW;
    return { path, handle: await (0,promises_.open)(path, flags, 0o600) };
}
/** Decompresses the download into a fresh file, checks it against the manifest, renames it. */
async function unpack(packed, compression, layer, destination) {
    const unpacked = await freshFile(destination, 'unpacked');
    try {
        const check = new digest_DigestCounter();
        const declared = Number(layer.annotations?.[media_types_ANNOTATION.uncompressedSize]);
        // A small blob must not unpack into a full disk: the pushed size caps it, when recorded.
        const limit = Number.isSafeInteger(declared) && declared >= 0 ? declared : Infinity;
        // Read and written through the handles themselves: no path is opened again.
        await (0,external_node_stream_promises_.pipeline)(pull_artifact_readAll(packed), decompressor(compression), async (source) => {
            for await (const chunk of source) {
                check.update(chunk);
                if (check.bytes > limit)
                    throw new ArtifactError(`the disk image unpacks to more than the ${limit} bytes it was pushed as`);
                await unpacked.handle.write(chunk, 0, chunk.length, check.bytes - chunk.length);
            }
        });
        const expected = layer.annotations?.[media_types_ANNOTATION.uncompressedDigest];
        if (expected && check.digest() !== expected) {
            throw new ArtifactError(`the disk image unpacked to ${check.digest()}, not the ${expected} it was pushed as`);
        }
        await unpacked.handle.sync();
        await unpacked.handle.close();
        await (0,promises_.rename)(unpacked.path, destination);
    }
    finally {
        await unpacked.handle.close().catch(() => undefined);
        await (0,promises_.rm)(unpacked.path, { force: true });
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
    const tooMuch = () => new errors_RegistryError(`registry ${client.registry} sent more than the ${blob.size} bytes of blob ${blob.digest}; the download was removed`);
    await retry_policy_withRetries(async () => {
        if (have < blob.size) {
            const response = await client.openBlob(repository, blob.digest, have, blob.size);
            // A registry that ignores Range sends everything again: start the file over.
            if (!(have > 0 && response.status === 206))
                have = 0;
            const announced = Number(response.headers.get(media_types_HEADER.contentLength) ?? Number.NaN);
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
            throw new IncompleteTransferError(`download ended at ${have} of ${blob.size} bytes`);
        await file.truncate(blob.size);
        const digest = await digestOf(file, blob.size);
        if (digest !== blob.digest) {
            throw new errors_RegistryError(`the blob downloaded from ${client.registry} has digest ${digest}, not ${blob.digest}; removed it`);
        }
        await file.sync();
    }, {
        onRetry: (why, delay) => reporter.warning(`${client.registry}: download of ${blob.digest.slice(0, 19)}… broke (${why}); resuming in ${(delay / 1000).toFixed(1)} s`),
    });
    return downloaded;
}
/** The bytes of an open file from its start, each chunk fresh (the decompressor may keep them). */
async function* pull_artifact_readAll(file) {
    for (let position = 0;;) {
        const buffer = Buffer.allocUnsafe(digest_READ_CHUNK);
        const { bytesRead } = await file.read(buffer, 0, digest_READ_CHUNK, position);
        if (bytesRead === 0)
            return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
    }
}
/** The digest of the first `size` bytes of an open file. */
async function digestOf(file, size) {
    const counter = new digest_DigestCounter();
    const buffer = Buffer.allocUnsafe(digest_READ_CHUNK);
    for (let position = 0; position < size;) {
        const { bytesRead } = await file.read(buffer, 0, Math.min(digest_READ_CHUNK, size - position), position);
        if (bytesRead === 0)
            break;
        counter.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
    }
    return counter.digest();
}

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
        deadline: transferDeadlineFromEnv(process.env),
        reporter,
    });
}

;// CONCATENATED MODULE: ./src/hypervisor/addresses.ts


class AddressError extends errors/* HypernixError */.iD {
    name = 'AddressError';
}
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/**
 * The IPv4 addresses `virsh domifaddr` lists for one MAC. Lines look like
 * ` vnet0  52:54:00:aa:bb:cc  ipv4  10.0.0.5/24`; anything else (headers, IPv6, loopback, other
 * NICs, garbage a guest agent could send) is skipped, and at most 64 lines are read.
 */
function parseInterfaceAddresses(text, mac) {
    const found = [];
    let lastMac = '';
    for (const line of text.split('\n').slice(0, 64)) {
        const words = line.trim().split(/\s+/).slice(0, 5);
        // An interface's second address repeats no name or MAC: "-  -  ipv4  10.0.0.6/24".
        const macWord = words.find((word) => /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(word));
        if (macWord)
            lastMac = macWord.toLowerCase();
        else if (words[0] !== '-')
            continue;
        const protocol = words.indexOf('ipv4');
        const address = protocol >= 0 ? words[protocol + 1]?.split('/')[0] : undefined;
        if (lastMac === mac.toLowerCase() &&
            address &&
            IPV4_RE.test(address) &&
            !address.startsWith('127.'))
            found.push(address);
    }
    return [...new Set(found)];
}
const SOURCES = ['agent', 'lease', 'arp'];
/** One look for a VM's address: the guest agent, then DHCP leases, then ARP, then the config. */
async function findAddress(virsh, vm) {
    for (const source of SOURCES) {
        const text = await virsh.interfaceAddresses(vm.name, source).catch(() => '');
        const [address] = parseInterfaceAddresses(text, vm.mac);
        if (address)
            return { address, source };
    }
    return vm.address ? { address: vm.address, source: 'static' } : undefined;
}
const localProbe = (address, port) => new Promise((resolve) => {
    const socket = new external_node_net_.Socket();
    const done = (ok) => {
        socket.destroy();
        resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, address);
});
/** Probes from the hypervisor: the VMs' bridge may be reachable from there only. */
function probeFrom(host) {
    return async (address, port) => {
        if (!IPV4_RE.test(address))
            return false;
        const { code } = await host.exec(['timeout', '4', 'bash', '-c', 'exec 3<>"/dev/tcp/$0/$1"', address, String(port)], { okCodes: [1, 124], timeoutMs: 10_000 });
        return code === 0;
    };
}
/**
 * Waits until a VM has an address whose SSH port answers. Keeps looking through a reboot (an
 * address seen, then SSH gone, then back: the guide's hostname service reboots once) until the
 * deadline; the timeout names the VM and everything that was tried.
 */
async function waitForSsh(virsh, vm, options) {
    const deadline = Date.now() + options.timeoutMs;
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    let last = 'no address from the guest agent, DHCP leases or ARP';
    if (vm.address)
        last += `; static address ${vm.address} did not answer`;
    while (Date.now() < deadline) {
        const found = await findAddress(virsh, vm);
        if (found) {
            if (await options.probe(found.address, options.port)) {
                try {
                    await options.confirm?.(found.address);
                    return found;
                }
                catch (error) {
                    last = `${found.address} (${found.source}) answered on port ${options.port} but SSH failed: ${error.message}`;
                }
            }
            else {
                last = `address ${found.address} (from ${found.source}) did not answer on port ${options.port}`;
            }
        }
        await sleep(2000);
    }
    throw new AddressError(`VM ${vm.name} (MAC ${vm.mac}) did not answer SSH within ${Math.round(options.timeoutMs / 1000)} s: ${last}`);
}
/** The line the guest prints on its serial console: `hypernix-hostkey: SHA256:… <type>`. */
const HOSTKEY_RE = /hypernix-hostkey: (SHA256:[A-Za-z0-9+/]{43}) ([a-z0-9@.-]{3,40})/g;
const SERIAL_TAIL_BYTES = 256 * 1024;
/** Host-key fingerprints a guest printed on its serial console, read from the log's last 256 KiB. */
async function readSerialHostKeys(host, serialLog) {
    const { stdout } = await host.exec(['tail', '-c', String(SERIAL_TAIL_BYTES), '--', serialLog], {
        maxOutputBytes: SERIAL_TAIL_BYTES + 1024,
        okCodes: [1],
    });
    return parseHostKeyLines(stdout);
}
function parseHostKeyLines(text) {
    const keys = new Map();
    for (const match of text.matchAll(HOSTKEY_RE)) {
        const [, fingerprint, type] = match;
        keys.set(type, { fingerprint, type }); // the latest boot's key of each type wins
    }
    return [...keys.values()];
}

;// CONCATENATED MODULE: ./src/hypervisor/domain-xml.ts

/** The namespace of the element hypernix keeps in a domain's <metadata>. */
const HYPERNIX_XMLNS = 'https://hypernix.dev/xmlns/vm/1';
class DomainXmlError extends errors/* HypernixError */.iD {
    name = 'DomainXmlError';
}
const MAX_XML = 1 << 20;
const domain_xml_escape = (text) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
/** Puts the hypernix record into the domain XML virt-install printed. */
function withRecord(xml, record) {
    const element = `<hypernix:vm xmlns:hypernix="${HYPERNIX_XMLNS}" deployment="${domain_xml_escape(record.deployment)}"` +
        ` image="${domain_xml_escape(record.image)}" config="${domain_xml_escape(record.config)}" role="${domain_xml_escape(record.role)}"/>`;
    if (/<metadata>/.test(xml))
        return xml.replace(/<metadata>/, `<metadata>\n    ${element}`);
    if (!/<\/name>/.test(xml))
        throw new DomainXmlError('virt-install printed XML without a name');
    return xml.replace(/<\/name>/, `</name>\n  <metadata>\n    ${element}\n  </metadata>`);
}
/**
 * Sets the VNC password in the XML (which is then written 0600, defined, and deleted): virt-install
 * would take it only on its command line, where every user of the machine can read it.
 */
function withVncPassword(xml, password) {
    if (!/^[A-Za-z0-9_-]{1,8}$/.test(password))
        throw new DomainXmlError('a VNC password is 1-8 letters, digits, _ or -');
    const matches = xml.match(/<graphics type=["']vnc["']/g) ?? [];
    if (matches.length !== 1)
        throw new DomainXmlError('expected one VNC graphics element');
    return xml.replace(/<graphics type=(["'])vnc\1/, `<graphics type="vnc" passwd="${password}"`);
}
/** Reads the facts the plan needs from `virsh dumpxml` output; anything else is ignored. */
function parseDomainXml(xml) {
    if (xml.length > MAX_XML)
        throw new DomainXmlError('domain XML over 1 MiB');
    const name = /<name>([^<]{1,200})<\/name>/.exec(xml)?.[1];
    if (!name)
        throw new DomainXmlError('domain XML without a name');
    const devices = xml.slice(xml.indexOf('<devices>'));
    return {
        name,
        record: readRecord(xml),
        macs: attributes(devices, /<mac address=(["'])([0-9a-fA-F:]{17})\1/g),
        disks: attributes(sections(devices, /<disk [^>]*device=["']disk["'][^>]*>([\s\S]*?)<\/disk>/g), /<source file=(["'])([^"']{1,4096})\1/g),
        serialLogs: attributes(sections(devices, /<serial type=["']file["'][^>]*>([\s\S]*?)<\/serial>/g), /<source path=(["'])([^"']{1,4096})\1/g),
    };
}
function readRecord(xml) {
    const element = /<(\w+):vm\s([^>]{0,2000})\/?>/.exec(xml);
    if (!element)
        return undefined;
    const attrs = element[2] ?? '';
    if (!attrs.includes(HYPERNIX_XMLNS))
        return undefined;
    const value = (key) => new RegExp(`\\s${key}=(["'])([^"'<>&]{0,200})\\1`).exec(attrs)?.[2];
    const deployment = value('deployment');
    const image = value('image');
    const config = value('config');
    const role = value('role');
    if (!deployment || !image || !config || !role)
        return undefined;
    return { deployment, image, config, role };
}
function sections(text, pattern) {
    return [...text.matchAll(pattern)].map((match) => match[1] ?? '').join('\n');
}
function attributes(text, pattern) {
    return [...text.matchAll(pattern)].map((match) => domain_xml_unescape(match[2] ?? ''));
}
const domain_xml_unescape = (text) => text
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

;// CONCATENATED MODULE: ./src/hypervisor/libvirt.ts

/** Domain names worth asking about: anything else cannot be ours and is not passed to virsh. */
const LISTED_NAME_RE = /^[A-Za-z0-9_.+-]{1,200}$/;
const SHORT = { timeoutMs: 60_000, maxOutputBytes: 1 << 20 };
/** virsh on the hypervisor, always with an argument vector and an explicit connection URI. */
class Virsh {
    host;
    uri;
    constructor(host, uri) {
        this.host = host;
        this.uri = uri;
    }
    run(args, okCodes = []) {
        return this.host.exec(['virsh', '-q', '-c', this.uri, ...args], { ...SHORT, okCodes });
    }
    /** Every domain, running or not. */
    async listAll() {
        const { stdout } = await this.run(['list', '--all', '--name']);
        return stdout
            .split('\n')
            .map((line) => line.trim())
            .filter((name) => LISTED_NAME_RE.test(name));
    }
    async facts(name) {
        const { stdout } = await this.run(['dumpxml', '--domain', name]);
        return parseDomainXml(stdout);
    }
    /** Facts of every domain on the hypervisor (skipping one that vanished meanwhile). */
    async allFacts() {
        const facts = [];
        for (const name of await this.listAll()) {
            const one = await this.facts(name).catch(() => undefined);
            if (one)
                facts.push(one);
        }
        return facts;
    }
    /** "running", "shut off", …; undefined when there is no such domain. */
    async state(name) {
        const { code, stdout } = await this.run(['domstate', '--domain', name], [1]);
        return code === 0 ? stdout.trim().slice(0, 40) : undefined;
    }
    async define(xmlFile) {
        await this.run(['define', '--file', xmlFile]);
    }
    async start(name) {
        await this.run(['start', '--domain', name]);
    }
    async autostart(name) {
        await this.run(['autostart', '--domain', name]);
    }
    /** Stops a domain hard if it runs; no error when it is not running. */
    async destroy(name) {
        if ((await this.state(name)) === 'running')
            await this.run(['destroy', '--domain', name], [1]);
    }
    /** Removes a domain's definition (and its UEFI variables, when it has them). */
    async undefine(name) {
        const { code } = await this.run(['undefine', '--domain', name, '--nvram'], [1]);
        if (code !== 0)
            await this.run(['undefine', '--domain', name]);
    }
    /** `virsh domifaddr` from one source; empty when that source knows nothing (yet). */
    async interfaceAddresses(name, source) {
        const { code, stdout } = await this.run(['domifaddr', '--domain', name, '--source', source], [1]);
        return code === 0 ? stdout : '';
    }
}

;// CONCATENATED MODULE: ./src/hypervisor/lock.ts



class LockError extends errors/* HypernixError */.iD {
    name = 'LockError';
}
/** How long a holder may go without a heartbeat before its lock is dropped (it died). */
const STALE_SECONDS = 60;
const HEARTBEAT_MS = 10_000;
const LONGEST_HOLD_MS = 12 * 60 * 60_000;
/**
 * Held by a process on the hypervisor, `flock` on `<pool>/.hypernix.lock`: the kernel frees it
 * when that process ends, however it ends. The process lives while a heartbeat file it watches
 * is fresh, so a runner that dies frees the lock within a minute; release deletes the file.
 * The script is a constant; paths and the holder's description reach it as positional
 * parameters, never inside its text.
 */
const HOLDER_SCRIPT = [
    'printf "%s\\n" "$3" > "$1.tmp" && mv -f "$1.tmp" "$1" || exit 2',
    ': > "$2"',
    'while [ -e "$2" ]; do',
    `  [ $(( $(date +%s) - $(stat -c %Y "$2" 2>/dev/null || echo 0) )) -gt ${STALE_SECONDS} ] && exit 3`,
    '  sleep 1',
    'done',
].join('\n');
/** Takes the deploy lock of a pool, waiting up to `waitMs` for another deploy to finish. */
async function acquireLock(host, pool, options) {
    const file = `${pool}/.hypernix.lock`;
    const holderFile = `${file}.holder`;
    const token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const beat = `${file}.${token}.beat`;
    const who = (options.who ?? `${(0,external_node_os_.hostname)()} pid ${process.pid}`).replace(/[^\w .:@/-]/g, '?');
    const holder = `${token} ${who} since ${new Date().toISOString()}`;
    await host.exec(['mkdir', '-p', '--', pool]);
    const waitSeconds = Math.max(1, Math.ceil(options.waitMs / 1000));
    let ended;
    let done = false;
    const held = host
        .exec([
        'flock',
        '-w',
        String(waitSeconds),
        '-E',
        '75',
        file,
        'sh',
        '-c',
        HOLDER_SCRIPT,
        'hypernix-lock',
        holderFile,
        beat,
        holder,
    ], { timeoutMs: options.waitMs + LONGEST_HOLD_MS, okCodes: [3] })
        .then(() => undefined, (error) => {
        ended = error;
    })
        .finally(() => (done = true));
    let told = false;
    const started = Date.now();
    for (;;) {
        const current = await readHolder(host, holderFile);
        if (current.startsWith(`${token} `))
            break;
        if (done) {
            throw new LockError(`the deploy lock ${file} on ${host.name} is held by ${describeHolder(current)}; gave up after ${waitSeconds} s`, { cause: ended });
        }
        if (!told && current && Date.now() - started > 1000) {
            options.reporter.info(`Waiting for the deploy lock on ${host.name}, held by ${describeHolder(current)}`);
            told = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const timer = setInterval(() => {
        host.exec(['touch', '--', beat]).catch(() => undefined);
    }, HEARTBEAT_MS);
    return {
        holder: who,
        beat,
        async release() {
            clearInterval(timer);
            await host.exec(['rm', '-f', '--', beat]).catch(() => undefined);
            await held;
        },
    };
}
async function readHolder(host, holderFile) {
    const { stdout } = await host.exec(['head', '-c', '300', '--', holderFile], {
        okCodes: [1],
        maxOutputBytes: 4096,
    });
    return stdout.split('\n')[0] ?? '';
}
/** The holder line without its token, quoted: it was written by another deploy. */
function describeHolder(line) {
    const text = line.replace(/^[0-9a-f]{16} /, '');
    return text ? JSON.stringify(text.slice(0, 200)) : 'another deploy';
}

;// CONCATENATED MODULE: ./src/hypervisor/mac.ts


/**
 * A VM's MAC address, derived from its name: 52:54:00 (QEMU's locally administered prefix) and
 * three bytes of sha256(name). The same name gets the same MAC when the VM is made again, so a
 * DHCP server that pins addresses by MAC gives it the same address.
 */
function macFor(name) {
    const hash = (0,external_node_crypto_.createHash)('sha256').update(name, 'utf8').digest();
    const tail = [...hash.subarray(0, 3)].map((byte) => byte.toString(16).padStart(2, '0'));
    return ['52', '54', '00', ...tail].join(':');
}
/** Refuses a config whose VM names derive the same MAC (24 bits: rare, but possible). */
function checkMacs(names, file) {
    const owners = new Map();
    const macs = new Map();
    for (const name of names) {
        const mac = macFor(name);
        const other = owners.get(mac);
        if (other !== undefined) {
            throw new errors/* InputError */.dz(`${file}: VMs ${JSON.stringify(other)} and ${JSON.stringify(name)} derive the same MAC ${mac}; rename one`);
        }
        owners.set(mac, name);
        macs.set(name, mac);
    }
    return macs;
}

;// CONCATENATED MODULE: ./src/hypervisor/plan.ts


/** A hash of everything a VM was made with besides its image: a change shows in the plan. */
function settingsHash(parts) {
    const keys = Object.keys(parts).sort();
    const text = JSON.stringify(keys.map((key) => [key, parts[key] ?? null]));
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(text).digest('hex')}`;
}
/**
 * Compares the VMs the config declares with the domains on the hypervisor. Domains that this
 * deployment did not make are never touched; one that takes a declared VM's name stops the plan.
 */
function planActions(desired, existing, policy) {
    const byName = new Map(existing.map((domain) => [domain.name, domain]));
    const actions = [];
    for (const vm of desired) {
        const domain = byName.get(vm.spec.name);
        if (!domain) {
            actions.push({ kind: 'create', vm });
            continue;
        }
        if (domain.record?.deployment !== policy.deployment) {
            const whose = domain.record
                ? `deployment ${JSON.stringify(domain.record.deployment)}`
                : 'something other than hypernix';
            throw new errors/* InputError */.dz(`a domain named ${JSON.stringify(vm.spec.name)} already exists on the hypervisor, made by ${whose}; rename the VM or remove that domain`);
        }
        actions.push(compare(vm, domain, policy));
    }
    const wanted = new Set(desired.map((vm) => vm.spec.name));
    for (const domain of existing) {
        if (wanted.has(domain.name) || domain.record?.deployment !== policy.deployment)
            continue;
        actions.push(policy.prune
            ? { kind: 'remove', name: domain.name, disks: domain.disks }
            : { kind: 'leave', name: domain.name });
    }
    return actions;
}
function compare(vm, domain, policy) {
    const record = domain.record;
    if (record && record.image !== vm.image) {
        const reason = `image ${plan_short(record.image)} → ${plan_short(vm.image)}`;
        if (policy.replace === 'on-image-change')
            return { kind: 'replace', vm, reason, current: record.image };
        return {
            kind: 'keep',
            vm,
            note: `${reason}; not replaced (replace: never)`,
            current: record.image,
        };
    }
    if (record && record.config !== vm.config)
        return {
            kind: 'keep',
            vm,
            note: 'settings changed since it was made; an existing VM keeps its own (destroy it to apply them)',
        };
    return { kind: 'keep', vm };
}
const plan_short = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
/** The plan as lines for a person: one per VM, then a count. */
function describePlan(actions) {
    const lines = actions.map((action) => {
        switch (action.kind) {
            case 'create':
                return `+ create  ${action.vm.spec.name} (${action.vm.spec.role}, ${action.vm.spec.memoryMiB} MiB, ${action.vm.spec.vcpus} vCPU, image ${plan_short(action.vm.image)})`;
            case 'keep':
                return `= keep    ${action.vm.spec.name}${action.note ? `: ${action.note}` : ''}`;
            case 'replace':
                return `~ replace ${action.vm.spec.name}: ${action.reason}`;
            case 'remove':
                return `- remove  ${action.name}`;
            case 'leave':
                return `? leave   ${action.name}: not in the config; kept (prune: false)`;
        }
    });
    const changes = actions.filter((a) => ['create', 'replace', 'remove'].includes(a.kind)).length;
    lines.push(changes === 0 ? 'No changes: the hypervisor matches the config.' : `${changes} change(s).`);
    return lines;
}
/** Whether the plan changes anything. */
const changes = (actions) => actions.some((action) => action.kind === 'create' || action.kind === 'replace' || action.kind === 'remove');

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/hypervisor/qemu-img.ts


class DiskError extends errors/* HypernixError */.iD {
    name = 'DiskError';
}
const MiB = 1024 * 1024;
const INFO_TIMEOUT_MS = 30_000;
/** qemu-img info of one image is a few hundred bytes; anything much larger is not to be parsed. */
const INFO_MAX_BYTES = 64 * 1024;
const infoSchema = schemas/* object */.Ikc({
    format: schemas/* string */.YjP().max(32),
    'virtual-size': schemas/* number */.aig().int().nonnegative(),
    'backing-filename': schemas/* string */.YjP().max(4096).optional(),
    'full-backing-filename': schemas/* string */.YjP().max(4096).optional(),
});
/** Reads a disk's format, virtual size and backing file (`-U`: the disk may be in use by a VM). */
async function imageInfo(host, path) {
    const { stdout } = await host.exec(['qemu-img', 'info', '-U', '--output=json', '--', path], {
        timeoutMs: INFO_TIMEOUT_MS,
        maxOutputBytes: INFO_MAX_BYTES,
    });
    let json;
    try {
        json = JSON.parse(stdout);
    }
    catch {
        throw new DiskError(`${host.name}: qemu-img info ${path} printed something that is not JSON`);
    }
    const parsed = infoSchema.safeParse(json);
    if (!parsed.success)
        throw new DiskError(`${host.name}: qemu-img info ${path} printed unexpected JSON`);
    const info = parsed.data;
    return {
        format: info.format,
        virtualSize: info['virtual-size'],
        backingFile: info['full-backing-filename'] ?? info['backing-filename'],
    };
}
/**
 * Checks that a file is a qcow2 that stands alone: a base image with a backing file of its own
 * could make every VM read a file of the hypervisor's choosing (/etc/shadow, another VM's disk).
 */
async function checkBaseImage(host, path, label) {
    const info = await imageInfo(host, path);
    if (info.format !== 'qcow2')
        throw new errors/* InputError */.dz(`${label}: expected a qcow2 disk image; qemu-img says ${info.format}`);
    if (info.backingFile !== undefined)
        throw new errors/* InputError */.dz(`${label}: a base image must not have a backing file of its own`);
    return info;
}
/**
 * Makes a VM's copy-on-write disk over the base image: the base is only ever read. A size below
 * the base's virtual size is refused (a disk cannot shrink under its file systems).
 */
async function createOverlay(host, options) {
    const { base, baseInfo, path, sizeMiB, vm } = options;
    checkDiskSize(vm, baseInfo, sizeMiB);
    const argv = ['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, '--', path];
    if (sizeMiB !== undefined)
        argv.push(`${sizeMiB}M`);
    await host.exec(argv, { timeoutMs: INFO_TIMEOUT_MS });
}
/** One clear line when a VM's disk would be smaller than the image it starts from. */
function checkDiskSize(vm, baseInfo, sizeMiB) {
    if (sizeMiB === undefined || sizeMiB * MiB >= baseInfo.virtualSize)
        return;
    const need = Math.ceil(baseInfo.virtualSize / MiB);
    throw new errors/* InputError */.dz(`vm ${vm}: disk ${sizeMiB} MiB is smaller than the image's virtual size (${need} MiB); give at least ${need}MiB or leave disk unset`);
}

;// CONCATENATED MODULE: ./src/hypervisor/pool.ts






class PoolError extends errors/* HypernixError */.iD {
    name = 'PoolError';
}
const BASE_RE = /^([0-9a-f]{64})\.qcow2$/;
const basePath = (pool, digest) => `${pool}/${digest.replace(/^sha256:/, '')}.qcow2`;
/** Makes sure the image is in the pool; pulls or copies it only when it is not there yet. */
async function ensureImage(context, source, pull) {
    const { host, pool, reporter } = context;
    await host.exec(['mkdir', '-p', '--', pool]);
    const digest = source.kind === 'ref' ? source.reference.digest : (await digest_sha256File(source.path)).digest;
    const path = basePath(pool, digest);
    const label = source.kind === 'ref' ? 'image.ref' : `image.path ${source.path}`;
    if (await pool_exists(host, path)) {
        reporter.info(`Image ${digest} is in the pool already (${path})`);
        return { digest, path, info: await checkBaseImage(host, path, label) };
    }
    const temporary = `${pool}/.${digest.slice(7)}.qcow2.incoming`;
    try {
        if (context.local) {
            if (source.kind === 'ref')
                await pull(temporary);
            else
                await host.exec(['cp', '--reflink=auto', '--', source.path, temporary], LONG);
        }
        else {
            await viaRunner(host, source, temporary, pull);
        }
        const info = await checkBaseImage(host, temporary, label);
        await host.exec(['chmod', '0444', '--', temporary]);
        await host.exec(['mv', '-f', '-T', '--', temporary, path]);
        reporter.info(`Image ${digest} added to the pool (${path})`);
        return { digest, path, info };
    }
    catch (error) {
        await host.exec(['rm', '-f', '--', temporary, `${temporary}.part`]).catch(() => undefined);
        throw new PoolError(`could not add image ${digest} to the pool ${pool} on ${host.name}: ${(0,errors/* describeError */.Uc)(error)}; nothing was left in the pool`, { cause: error });
    }
}
const LONG = { timeoutMs: 60 * 60_000 };
/**
 * A remote hypervisor: the runner pulls (it has the registry credentials, the hypervisor may not
 * reach the registry) and uploads through the Host, which checks the sha256 on the far side.
 */
async function viaRunner(host, source, temporary, pull) {
    if (source.kind === 'path') {
        await host.upload(source.path, temporary, { mode: 0o600 });
        return;
    }
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'hypernix-pull-'));
    try {
        const local = (0,external_node_path_.join)(dir, 'image.qcow2');
        await pull(local);
        await host.upload(local, temporary, { mode: 0o600 });
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
async function pool_exists(host, path) {
    const { code } = await host.exec(['test', '-f', path], { okCodes: [1] });
    return code === 0;
}
/** The base images in the pool (files named `<64 hex>.qcow2`). */
async function listBaseImages(host, pool) {
    const { stdout } = await host.exec(['find', pool, '-maxdepth', '1', '-type', 'f', '-name', '*.qcow2', '-printf', '%f\\n'], { maxOutputBytes: 1 << 20, okCodes: [1] });
    return stdout
        .split('\n')
        .filter((name) => BASE_RE.test(name))
        .map((name) => `${pool}/${name}`);
}
/** Removes the base images that no disk in `used` is backed by; returns what it removed. */
async function gcImages(host, pool, used, reporter) {
    const removed = [];
    for (const path of await listBaseImages(host, pool)) {
        if (used.has(path))
            continue;
        await host.exec(['rm', '-f', '--', path]);
        reporter.info(`Removed ${path} from the pool: no domain uses it`);
        removed.push(path);
    }
    return removed;
}

;// CONCATENATED MODULE: ./src/hypervisor/rollout.ts
const isControlPlane = (vm) => vm.spec.role === 'control-plane';
/** With a cluster, the control plane's replacement becomes a keep unless the config asks. */
function clusterPlan(actions, policy) {
    if (!policy.cluster || policy.replaceControlPlane)
        return [...actions];
    return actions.map((action) => action.kind === 'replace' && isControlPlane(action.vm)
        ? {
            kind: 'keep',
            vm: action.vm,
            current: action.current,
            note: `${action.reason}; the control plane is kept (replace-control-plane: false)`,
        }
        : action);
}
/** The steps of an apply, in order. */
function rolloutSteps(actions, policy) {
    const steps = [];
    const replaced = [];
    for (const action of clusterPlan(actions, policy)) {
        if (action.kind === 'remove')
            steps.push({ kind: 'remove', name: action.name, disks: action.disks });
        if (action.kind === 'create')
            steps.push({ kind: 'create', vm: action.vm });
        if (action.kind === 'replace') {
            if (policy.cluster)
                replaced.push(action.vm);
            else
                steps.push({ kind: 'recreate', vm: action.vm });
        }
    }
    // Workers first, in the config's order; the control plane last.
    const ordered = [
        ...replaced.filter((vm) => !isControlPlane(vm)),
        ...replaced.filter(isControlPlane),
    ];
    for (const vm of ordered)
        steps.push({ kind: 'drain', vm }, { kind: 'recreate', vm }, { kind: 'rejoin', vm });
    return steps;
}
/** A step as a short line: `drain w-1`. */
const describeStep = (step) => `${step.kind} ${'vm' in step ? step.vm.spec.name : step.name}`;

;// CONCATENATED MODULE: ./src/hypervisor/virt-install.ts

/** A value went into virt-install's comma-separated syntax unchecked: a bug, not a user error. */
class UnsafeArgumentError extends errors/* HypernixError */.iD {
    name = 'UnsafeArgumentError';
}
/** virt-install splits sub-options on commas and '=': a value must contain neither comma nor NUL. */
function safe(value, what) {
    if (/[,\0\n]/.test(value) || value.startsWith('-'))
        throw new UnsafeArgumentError(`refusing ${what} ${JSON.stringify(value)} for virt-install`);
    return value;
}
/**
 * The virt-install argument vector that prints the domain XML of a VM booting from its existing
 * disk (`--import`). The XML is then completed (metadata, a VNC password) and defined with
 * `virsh define`, so no secret ever reaches a command line.
 */
function virtInstallArgv(spec) {
    const argv = [
        'virt-install',
        '--connect',
        safe(spec.connect, 'libvirt URI'),
        '--print-xml',
        '--import',
        '--noautoconsole',
        '--name',
        safe(spec.name, 'VM name'),
        '--memory',
        String(integer(spec.memoryMiB, 'memory')),
        '--vcpus',
        String(integer(spec.vcpus, 'vcpus')),
        '--osinfo',
        safe(spec.osinfo, 'osinfo'),
        '--disk',
        `path=${safe(spec.disk, 'disk path')},bus=virtio,format=qcow2`,
        '--network',
        `bridge=${safe(spec.bridge, 'bridge')},model=virtio,mac=${safe(spec.mac, 'MAC')}`,
        '--channel',
        'unix,target.type=virtio,target.name=org.qemu.guest_agent.0',
        // ttyS0 goes to a file the deploy reads the guest's host key line from; the pty console is
        // a virtio one, so `virsh console` still works without taking the serial port.
        '--serial',
        `file,path=${safe(spec.serialLog, 'serial log path')}`,
        '--console',
        'pty,target.type=virtio',
        '--graphics',
        spec.graphics === 'none' ? 'none' : `vnc,listen=${safe(spec.graphics.listen, 'VNC listen')}`,
    ];
    if (spec.firmware === 'uefi') {
        // Debian's default UEFI firmware enforces Secure Boot, which refuses unsigned boot loaders.
        argv.push('--boot', spec.secureBoot
            ? 'uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=yes'
            : 'uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=no');
    }
    if (spec.virtType)
        argv.push('--virt-type', spec.virtType);
    return argv;
}
function integer(value, what) {
    if (!Number.isSafeInteger(value) || value < 1)
        throw new UnsafeArgumentError(`refusing ${what} ${value} for virt-install`);
    return value;
}

;// CONCATENATED MODULE: ./src/hypervisor/vm-lifecycle.ts





class VmCreateError extends errors/* HypernixError */.iD {
    name = 'VmCreateError';
}
/** Where a VM's files live in the pool. */
const vmFiles = (pool, name) => ({
    disk: `${pool}/${name}.qcow2`,
    serialLog: `${pool}/${name}.serial.log`,
    xml: `${pool}/.${name}.domain.xml`,
});
/**
 * Makes one VM: its overlay disk, its domain (virt-install prints the XML, the kit adds its
 * record and any VNC password, `virsh define` reads it from a 0600 file that is then deleted),
 * autostart, start. A failure part-way undefines the domain and removes the disk, and says so.
 */
async function createVm(context, vm, image) {
    const { config, host, virsh, reporter } = context;
    const pool = config.hypervisor.pool;
    const files = vmFiles(pool, vm.spec.name);
    let defined = false;
    context.journal?.creating(vm.spec.name);
    try {
        await host.exec(['rm', '-f', '--', files.disk, files.serialLog]); // leftovers of a crash
        await createOverlay(host, {
            base: image.path,
            baseInfo: image.info,
            path: files.disk,
            sizeMiB: vm.spec.diskMiB,
            vm: vm.spec.name,
        });
        const xml = await domainXml(context, vm, files);
        try {
            await host.writeFile(files.xml, xml.text, { mode: 0o600 });
            await virsh.define(files.xml);
            defined = true;
        }
        finally {
            await host.exec(['rm', '-f', '--', files.xml]).catch(() => undefined);
        }
        await virsh.autostart(vm.spec.name);
        await virsh.start(vm.spec.name);
        context.journal?.settled(vm.spec.name);
        reporter.info(`Created VM ${vm.spec.name} (MAC ${vm.mac}, disk ${files.disk})`);
    }
    catch (error) {
        const undone = await undo(context, vm.spec.name, defined, files);
        if (undone.clean)
            context.journal?.settled(vm.spec.name);
        throw new VmCreateError(`creating VM ${vm.spec.name} failed: ${(0,errors/* describeError */.Uc)(error)}; ${undone.said}`, { cause: error });
    }
}
async function domainXml(context, vm, files) {
    const { config, host, reporter } = context;
    const argv = virtInstallArgv({
        connect: config.hypervisor['libvirt-uri'],
        name: vm.spec.name,
        memoryMiB: vm.spec.memoryMiB,
        vcpus: vm.spec.vcpus,
        osinfo: config.image.osinfo,
        disk: files.disk,
        bridge: config.hypervisor.bridge,
        mac: vm.mac,
        serialLog: files.serialLog,
        graphics: vm.spec.graphics === 'none' ? 'none' : { listen: vm.spec.vncListen },
        firmware: config.image.firmware,
        secureBoot: config.image.secureBoot,
        virtType: context.virtType,
    });
    const { stdout } = await host.exec(argv, { timeoutMs: 120_000, maxOutputBytes: 1 << 20 });
    let text = withRecord(stdout, {
        deployment: config.deployment,
        image: vm.image,
        config: vm.config,
        role: vm.spec.role,
    });
    if (vm.spec.graphics === 'vnc') {
        const password = (0,external_node_crypto_.randomBytes)(6).toString('base64url'); // 8 characters: VNC's limit
        reporter.mask(password);
        text = withVncPassword(text, password);
        if (vm.spec.vncListen === '0.0.0.0')
            reporter.warning(`VM ${vm.spec.name}: VNC listens on 0.0.0.0: its console is open to every network the hypervisor is on (password in 'virsh dumpxml --security-info')`);
    }
    return { text };
}
async function undo(context, name, defined, files) {
    try {
        await discardVm(context, name, defined, files);
        const said = defined ? 'undefined its domain and removed its disk' : 'removed its disk';
        return { clean: true, said };
    }
    catch (error) {
        const said = `cleaning up failed too (${(0,errors/* describeError */.Uc)(error)}): remove domain ${name} and ${files.disk} by hand`;
        return { clean: false, said };
    }
}
/**
 * Removes what a VM's creation made before it was complete: its domain when `defined`, and its
 * disk, serial log and domain XML in the pool. (After an error here, or a cut-off deploy: recover.)
 */
async function discardVm(parts, name, defined, files) {
    if (defined) {
        await parts.virsh.destroy(name);
        await parts.virsh.undefine(name);
    }
    await parts.host.exec(['rm', '-f', '--', files.disk, files.serialLog, files.xml]);
}
/** Removes a VM of this deployment: stops it, undefines it, deletes its disk and serial log. */
async function removeVm(context, name, disks) {
    const files = vmFiles(context.config.hypervisor.pool, name);
    await context.virsh.destroy(name);
    await context.virsh.undefine(name);
    // Only files in the pool that the kit names: a disk elsewhere was not made by it.
    const owned = disks.filter((disk) => disk === files.disk);
    await context.host.exec(['rm', '-f', '--', ...owned, files.disk, files.serialLog]);
    context.reporter.info(`Removed VM ${name}`);
}

;// CONCATENATED MODULE: ./src/hypervisor/deploy.ts












/** The image's digest without fetching it: in the reference, or the local file's own sha256. */
async function imageDigest(source) {
    return source.kind === 'ref' ? source.reference.digest : (await digest_sha256File(source.path)).digest;
}
async function desiredVms(config) {
    const macs = checkMacs(config.vms.map((vm) => vm.name), config.file);
    const image = await imageDigest(config.image.source);
    const { hypervisor } = config;
    return config.vms.map((spec) => ({
        spec,
        mac: macs.get(spec.name),
        image,
        config: settingsHash({
            ...spec,
            address: undefined,
            firmware: config.image.firmware,
            secureBoot: config.image.secureBoot,
            osinfo: config.image.osinfo,
            bridge: hypervisor.bridge,
        }),
    }));
}
async function computePlan(context, virsh) {
    const desired = await desiredVms(context.config);
    const existing = await virsh.allFacts();
    const actions = planActions(desired, existing, {
        deployment: context.config.deployment,
        replace: context.config.replace,
        prune: context.config.prune,
    });
    const rollout = context.rollout;
    const policy = { cluster: !!rollout, replaceControlPlane: rollout?.replaceControlPlane ?? false };
    return { desired, existing, actions: clusterPlan(actions, policy), policy };
}
/** Compares the config with the hypervisor; changes nothing. */
async function plan(context) {
    const virsh = new Virsh(context.host, context.config.hypervisor['libvirt-uri']);
    await checkBridge(context);
    const { actions } = await computePlan(context, virsh);
    const vms = await reportVms(context, virsh, actions, false);
    return { actions, plan: describePlan(actions), vms, changed: false };
}
/** Makes the hypervisor match the config, under the pool's lock. */
async function apply(context) {
    const { config, host, reporter } = context;
    const virsh = new Virsh(host, config.hypervisor['libvirt-uri']);
    await checkBridge(context);
    return underLock(context, async () => {
        // Planned under the lock: a deploy that waited sees what the one before it made.
        const { actions, policy } = await computePlan(context, virsh);
        const lines = describePlan(actions);
        for (const line of lines)
            reporter.info(line);
        const lifecycle = {
            config,
            host,
            virsh,
            reporter,
            virtType: await virtType(context),
            journal: context.journal,
        };
        const known = await runSteps(context, lifecycle, actions, rolloutSteps(actions, policy));
        const started = await startKeptVms(lifecycle, actions);
        const vms = await reportVms(context, virsh, actions, true, known);
        return { actions, plan: lines, vms, changed: changes(actions) || started > 0 };
    });
}
/** Runs `work` holding the pool's deploy lock, with the journal told where the lock is. */
async function underLock(context, work) {
    const lock = await acquireLock(context.host, context.config.hypervisor.pool, {
        waitMs: context.lockWaitMs ?? 30 * 60_000,
        reporter: context.reporter,
    });
    context.journal?.locked(lock.beat);
    try {
        return await work();
    }
    finally {
        await lock.release();
        context.journal?.unlocked();
    }
}
/**
 * A VM the config declares should run: a kept domain of this deployment that is not running
 * (shut off by hand, or left defined by an apply cut off between define and start) is started,
 * with autostart, and said so. Returns how many were started.
 */
async function startKeptVms(lifecycle, actions) {
    let started = 0;
    for (const action of actions) {
        if (action.kind !== 'keep')
            continue;
        const name = action.vm.spec.name;
        const state = await lifecycle.virsh.state(name);
        if (state === undefined || state === 'running')
            continue;
        await lifecycle.virsh.autostart(name);
        await lifecycle.virsh.start(name);
        lifecycle.reporter.info(`Started VM ${name} (it was ${state})`);
        started += 1;
    }
    return started;
}
/**
 * Runs the steps in order. A drain or rejoin that fails stops here: the VMs after it are left as
 * they are. Returns the reports of the VMs already located (the rejoined ones).
 */
async function runSteps(context, lifecycle, actions, steps) {
    const { config, host, reporter, rollout } = context;
    const known = new Map();
    // Every VM as it is now, located without waiting, before the first drain.
    let current = [];
    if (rollout && steps.some((step) => step.kind === 'drain'))
        current = await reportVms(context, lifecycle.virsh, actions, false);
    const reportOf = (name) => current.find((vm) => vm.name === name);
    let image;
    const poolImage = async () => (image ??= await ensureImage({ host, pool: config.hypervisor.pool, local: context.local, reporter }, config.image.source, context.pull));
    for (const [index, step] of steps.entries()) {
        if (step.kind === 'remove')
            await removeVm(lifecycle, step.name, step.disks);
        if (step.kind === 'drain' && rollout) {
            const vm = reportOf(step.vm.spec.name);
            if (vm)
                await rollout.drain(vm, current);
        }
        if (step.kind === 'recreate') {
            await removeVm(lifecycle, step.vm.spec.name, []);
            await createVm(lifecycle, step.vm, await poolImage());
        }
        // New VMs next to each other in the order are made together: nothing orders them. The
        // first alone: virt-install defines a libvirt storage pool for the disks' folder when there
        // is none, and two doing it at once fail ("pool already exists").
        if (step.kind === 'create' && steps[index - 1]?.kind !== 'create') {
            const next = steps.slice(index).findIndex((later) => later.kind !== 'create');
            const batch = steps.slice(index, next < 0 ? undefined : index + next);
            const base = await poolImage();
            const [first, ...rest] = batch.flatMap((create) => create.kind === 'create' ? [create.vm] : []);
            if (first)
                await createVm(lifecycle, first, base);
            await allOrFirstFailure(rest.map((vm) => () => createVm(lifecycle, vm, base)), CREATE_AT_ONCE);
        }
        if (step.kind === 'rejoin' && rollout) {
            const action = actions.find((a) => 'vm' in a && a.vm === step.vm);
            if (!action || !('vm' in action))
                continue;
            const [fresh] = await reportVms(context, lifecycle.virsh, [action], true);
            if (!fresh)
                continue;
            known.set(fresh.name, fresh);
            current = current.map((vm) => (vm.name === fresh.name ? fresh : vm));
            await rollout.rejoin(fresh, current);
        }
    }
    return known;
}
/** Removes every VM of this deployment, then the images no domain uses. */
async function destroy(context) {
    const { config, host, reporter } = context;
    const virsh = new Virsh(host, config.hypervisor['libvirt-uri']);
    return underLock(context, async () => {
        const existing = await virsh.allFacts();
        const ours = existing.filter((domain) => domain.record?.deployment === config.deployment);
        const lifecycle = { config, host, virsh, reporter };
        const actions = ours.map((domain) => ({
            kind: 'remove',
            name: domain.name,
            disks: domain.disks,
        }));
        const lines = describePlan(actions);
        for (const line of lines)
            reporter.info(line);
        for (const domain of ours)
            await removeVm(lifecycle, domain.name, domain.disks);
        await gc(context, existing.filter((domain) => !ours.includes(domain)));
        return { actions, plan: lines, vms: [], changed: ours.length > 0 };
    });
}
/** Removes pool images that no remaining domain's disk is backed by. */
async function gc(context, remaining) {
    const { host, config, reporter } = context;
    const pool = config.hypervisor.pool;
    const used = new Set();
    for (const domain of remaining) {
        for (const disk of domain.disks) {
            used.add(disk);
            const info = await imageInfo(host, disk).catch(() => undefined);
            if (info?.backingFile)
                used.add(info.backingFile);
        }
    }
    await gcImages(host, pool, used, reporter);
}
async function virtType(context) {
    const { config, host } = context;
    if (config.hypervisor['libvirt-uri'].startsWith('test:'))
        return undefined;
    const chosen = config.hypervisor['virt-type'];
    if (chosen !== 'auto')
        return chosen;
    const { code } = await host.exec(['test', '-w', '/dev/kvm'], { okCodes: [1] });
    return code === 0 ? 'kvm' : 'qemu';
}
/** An unknown bridge: one clear line before anything is made. */
async function checkBridge(context) {
    const { config, host } = context;
    if (config.hypervisor['libvirt-uri'].startsWith('test:'))
        return;
    const bridge = config.hypervisor.bridge;
    const { code } = await host.exec(['test', '-d', `/sys/class/net/${bridge}/bridge`], {
        okCodes: [1],
    });
    if (code !== 0) {
        throw new errors/* InputError */.dz(`${config.file}: hypervisor.bridge: ${host.name} has no bridge named ${JSON.stringify(bridge)}`);
    }
}
/** VMs made at once: virt-install and qemu's start-up are the slow part of making one. */
const CREATE_AT_ONCE = 4;
/** VMs located at once: their waits overlap (they boot together); bounded for SSH's MaxSessions. */
const LOCATE_AT_ONCE = 4;
async function reportVms(context, virsh, actions, wait, known = new Map()) {
    const located = actions.flatMap((action) => {
        if (!('vm' in action))
            return [];
        const { vm } = action;
        const seen = known.get(vm.spec.name);
        if (seen)
            return [async () => seen];
        return [
            async () => {
                const report = {
                    name: vm.spec.name,
                    role: vm.spec.role,
                    mac: vm.mac,
                    state: (await virsh.state(vm.spec.name)) ?? 'absent',
                    image: action.kind === 'keep' && action.current ? action.current : vm.image,
                };
                if (report.state !== 'absent')
                    await locate(context, virsh, action, report, wait);
                return report;
            },
        ];
    });
    // Every wait is let end before a failure is reported: none is left running behind it.
    return allOrFirstFailure(located, LOCATE_AT_ONCE);
}
async function locate(context, virsh, action, report, wait) {
    const vm = { name: action.vm.spec.name, mac: action.vm.mac, address: action.vm.spec.address };
    const fresh = action.kind === 'create' || action.kind === 'replace';
    const serial = vmFiles(context.config.hypervisor.pool, vm.name).serialLog;
    // The host key comes from the guest's own serial console, never from the network alone.
    const readKeys = async () => {
        const keys = await readSerialHostKeys(context.host, serial).catch(() => []);
        if (keys.length > 0)
            report.hostKeys = keys;
    };
    if (wait && fresh) {
        const confirm = context.confirmSsh;
        const started = Date.now();
        const found = await waitForSsh(virsh, vm, {
            timeoutMs: context.sshWaitMs ?? 10 * 60_000,
            port: context.config.ssh.port,
            probe: context.probe,
            confirm: async (address) => {
                await readKeys();
                await confirm?.(report, address);
            },
        });
        report.address = found.address;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        context.reporter.info(`VM ${vm.name} answers SSH at ${found.address} (${found.source}) after ${seconds} s`);
    }
    else {
        report.address = (await findAddress(virsh, vm))?.address;
    }
    await readKeys();
}

;// CONCATENATED MODULE: ./src/hypervisor/recover.ts



/**
 * Undoes what a deploy that was cut off mid-way left (its journal says what): frees its lock at
 * once instead of after the heartbeat goes stale, then removes each VM whose creation had begun
 * and not ended — a domain defined but never started, or a disk without a domain. A VM of that
 * list that is running was started before the cut and is complete: it is kept. Returns one line
 * per thing done, for the log.
 */
async function recoverInterrupted(context, journal) {
    const { config, host } = context;
    const done = [];
    if (journal.beat) {
        await host.exec(['rm', '-f', '--', journal.beat]);
        done.push('freed the deploy lock the cut-off deploy held');
    }
    if (journal.creating.length === 0)
        return done;
    const virsh = new Virsh(host, config.hypervisor['libvirt-uri']);
    // A fresh lock of our own, without a journal: this undo must not leave one to undo.
    await underLock({ ...context, journal: undefined }, async () => {
        for (const name of journal.creating) {
            const state = await virsh.state(name);
            if (state === 'running') {
                done.push(`kept VM ${name}: it was started before the cut`);
                continue;
            }
            if (state !== undefined) {
                const facts = await virsh.facts(name);
                if (facts.record?.deployment !== config.deployment) {
                    done.push(`left domain ${name}: it is not of deployment ${config.deployment}`);
                    continue;
                }
            }
            await discardVm({ virsh, host }, name, state !== undefined, vmFiles(config.hypervisor.pool, name));
            done.push(state === undefined
                ? `removed the disk of VM ${name}, whose creation was cut off`
                : `removed VM ${name} (${state}), whose creation was cut off`);
        }
    });
    return done;
}

;// CONCATENATED MODULE: ./src/deploy/session.ts
// Must stay the first import: ssh2, loaded below, needs __dirname in an ESM bundle.













async function openDeploy(config, options) {
    const { reporter } = options;
    const sshKey = options.sshKey ?? process.env.HYPERNIX_SSH_KEY;
    if (sshKey)
        reporter.mask(sshKey);
    const base = (0,external_node_path_.dirname)(config.file);
    // Files named in the config: `~/` is the home directory, a relative path is the config's.
    const fromConfig = (path) => path.startsWith('~/')
        ? (0,external_node_path_.join)((0,external_node_os_.homedir)(), path.slice(2))
        : (0,external_node_path_.isAbsolute)(path)
            ? path
            : (0,external_node_path_.resolve)(base, path);
    const hypervisor = await hypervisorHost(config, reporter, sshKey, fromConfig, options.knownHosts);
    const local = hypervisor instanceof LocalHost;
    const vmKeyFile = config.ssh['key-file'];
    const vmKey = vmKeyFile ? { path: fromConfig(vmKeyFile) } : sshKey ? { text: sshKey } : undefined;
    const context = {
        config,
        host: hypervisor,
        local,
        reporter,
        pull: async (destination) => {
            const source = config.image.source;
            if (source.kind !== 'ref')
                throw new errors/* InputError */.dz('image.path is copied, not pulled');
            const { reference } = source;
            const client = await connectRegistry({
                registry: reference.registry,
                username: options.registry.username,
                password: options.registry.password,
                plainHttp: options.registry.plainHttp || source.plainHttp,
            }, reporter);
            await pullArtifact(client, reference.repository, reference.digest, destination, reporter);
        },
        probe: local || !config.ssh['via-hypervisor'] ? localProbe : probeFrom(hypervisor),
        confirmSsh: vmKey
            ? (vm, address) => confirmVm(config, vm, address, vmKey, hypervisor, reporter)
            : undefined,
        lockWaitMs: options.lockWaitMs,
        sshWaitMs: options.sshWaitMs,
        journal: options.journal,
    };
    if (!vmKey)
        reporter.info('No SSH key for the VMs: waiting for their SSH port only');
    const jump = config.ssh['via-hypervisor'] && hypervisor instanceof SshHost ? hypervisor : undefined;
    const access = { hypervisor, jump, privateKey: vmKey, reporter };
    // With a cluster, a replaced VM is drained first and rejoined after (workers one at a time).
    if (config.cluster)
        context.rollout = clusterRollout(config, clusterPaths(config.cluster, fromConfig), access);
    const source = config.image.source;
    if (source.kind === 'path')
        source.path = fromConfig(source.path);
    const applyAll = async () => {
        if (!config.cluster)
            return apply(context);
        // Manifests are read and checked before the first VM is made.
        const prepared = await prepareCluster(clusterPaths(config.cluster, fromConfig));
        const result = await apply(context);
        const cluster = await runCluster(config, prepared, result.vms, access);
        return { ...result, cluster, changed: result.changed || cluster.changed };
    };
    return {
        run: (verb) => verb === 'plan' ? plan(context) : verb === 'apply' ? applyAll() : destroy(context),
        recover: (journal) => recoverInterrupted(context, journal),
        close: () => hypervisor.close(),
    };
}
async function hypervisorHost(config, reporter, sshKey, fromConfig, knownHostsText) {
    const ssh = config.hypervisor.ssh;
    if (!ssh)
        return new LocalHost({ name: 'hypervisor', reporter });
    const keyFile = ssh['key-file'];
    const privateKey = keyFile
        ? { path: fromConfig(keyFile) }
        : sshKey
            ? { text: sshKey }
            : undefined;
    if (!privateKey)
        throw new errors/* InputError */.dz(`${config.file}: hypervisor.ssh.key-file: give a key file or HYPERNIX_SSH_KEY`);
    const knownHostsFile = ssh['known-hosts'];
    const knownHosts = knownHostsFile
        ? await (0,promises_.readFile)(fromConfig(knownHostsFile), 'utf8').catch(() => {
            throw new errors/* InputError */.dz(`${config.file}: hypervisor.ssh.known-hosts: cannot read ${knownHostsFile}`);
        })
        : knownHostsText;
    if (!knownHosts && !ssh.fingerprints)
        throw new errors/* InputError */.dz(`${config.file}: hypervisor.ssh: give known-hosts or fingerprints (the hypervisor's host key is always checked)`);
    return new SshHost({
        name: 'hypervisor',
        address: ssh.host,
        port: ssh.port,
        username: ssh.user,
        privateKey,
        hostKeys: { knownHosts, pins: ssh.fingerprints },
        reporter,
    });
}
/** Connects to a new VM with the host key it printed on its serial console, runs `true`. */
async function confirmVm(config, vm, address, privateKey, hypervisor, reporter) {
    const keys = vm.hostKeys ?? [];
    if (keys.length === 0)
        throw new Error('no host key line on its serial console yet');
    const jump = config.ssh['via-hypervisor'] && hypervisor instanceof SshHost ? hypervisor : undefined;
    const host = new SshHost({
        name: vm.name,
        address,
        port: config.ssh.port,
        username: config.ssh.user,
        privateKey,
        hostKeys: { pins: keys.map((key) => key.fingerprint) },
        reporter,
        jump,
        connectAttempts: 1,
    });
    try {
        await host.exec(['true'], { timeoutMs: 30_000 });
    }
    finally {
        await host.close();
    }
}


/***/ })

};
