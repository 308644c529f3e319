export const id = 865;
export const ids = [865];
export const modules = {

/***/ 7865:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CACHE_HELP: () => (/* binding */ CACHE_HELP),
  cacheCommand: () => (/* binding */ cacheCommand)
});

// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(2693);
// EXTERNAL MODULE: ./src/nix/locate.ts + 1 modules
var locate = __webpack_require__(1471);
// EXTERNAL MODULE: ./src/report/console-reporter.ts
var console_reporter = __webpack_require__(3465);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/nix/path-info.ts
var path_info = __webpack_require__(4237);
// EXTERNAL MODULE: ./src/util/process.ts
var util_process = __webpack_require__(2017);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/limiter.ts
var limiter = __webpack_require__(2280);
// EXTERNAL MODULE: ./src/store-cache/entry.ts
var store_cache_entry = __webpack_require__(9562);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/store-cache/pack.ts





class PackError extends errors/* HypernixError */.iD {
    name = 'PackError';
}
const NIX_COMMAND = ['--extra-experimental-features', 'nix-command'];
// Kept well under Linux's 2 MiB for arguments plus environment; larger sets go in batches.
const MAX_ARGUMENT_BYTES = 512 * 1024;
/**
 * A pack is a directory laid out as a Nix binary cache (`nix-cache-info`, one `.narinfo` per
 * store path, `nar/*.nar.zst`) holding exactly the pack's paths. Nix writes and reads it itself
 * with `nix copy`, which copies in parallel and is about twice as fast to restore as
 * `nix-store --import` of one export stream.
 */
function packStoreUri(dir, query = '') {
    if (/[?#\s]/.test(dir)) {
        throw new PackError(`a pack directory cannot hold ? # or spaces in its name: ${dir}`);
    }
    return `file://${dir}${query}`;
}
/**
 * Writes exactly these store paths (not their closures: what the cache holds already stays out)
 * into `dir` with zstd-compressed NARs, in the order given (references first). Returns the bytes
 * the pack takes; on failure nothing is left in `dir`.
 */
async function writePack(nix, infos, dir) {
    const uri = packStoreUri(dir, '?compression=zstd');
    try {
        const stubs = await writeReferenceStubs(nix, infos, dir);
        for (const batch of batches(infos.map((info) => info.path))) {
            await nixCopy(nix, ['--to', uri], batch, `cannot write the cache pack ${dir}`);
        }
        await Promise.all(stubs.map((stub) => (0,promises_.rm)(stub)));
        return await directoryBytes(dir);
    }
    catch (error) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        throw error;
    }
}
/**
 * Nix adds a path to a binary cache only when the cache knows its references. References outside
 * the pack (in earlier packs, or served upstream) get a narinfo without a NAR while the pack is
 * written; they are removed after, so the pack never offers what it does not hold.
 */
async function writeReferenceStubs(nix, infos, dir) {
    const inPack = new Set(infos.map((info) => info.path));
    const outside = [...new Set(infos.flatMap((info) => info.references))].filter((path) => !inPack.has(path));
    const stubs = [];
    for (const info of await (0,path_info/* queryPathInfos */.zN)(nix, outside, false)) {
        const file = (0,external_node_path_.join)(dir, `${hashPart(info.path)}.narinfo`);
        await (0,promises_.writeFile)(file, [
            `StorePath: ${info.path}`,
            `URL: nar/not-in-this-pack.nar`,
            `Compression: none`,
            `NarHash: ${info.narHash}`,
            `NarSize: ${info.narSize}`,
            `References: ${info.references.map((reference) => (0,external_node_path_.basename)(reference)).join(' ')}`,
            '',
        ].join('\n'));
        stubs.push(file);
    }
    return stubs;
}
/** The 32-character hash that names a store path's narinfo. */
function hashPart(storePath) {
    return (0,external_node_path_.basename)(storePath).slice(0, 32);
}
/**
 * Imports the pack's paths through Nix itself (`nix copy --from file://`): the store's own
 * database and locks, so a daemon, a root-owned store and auto-optimise-store are all fine. NAR
 * hashes are checked; signatures are not, since packs come only from the cache this action
 * wrote (see the README). Each narinfo is checked first against the entry (checkNarinfos), and
 * paths go after `--`. Paths already valid are skipped by Nix.
 */
async function importPack(nix, dir, infos, store) {
    await checkNarinfos(dir, infos);
    const uri = packStoreUri(dir);
    const storeArgs = store ? ['--store', store] : [];
    for (const batch of batches(infos.map((info) => info.path))) {
        try {
            await nixCopy(nix, [...storeArgs, '--from', uri, '--no-check-sigs', '--option', 'fsync-metadata', 'false'], batch, `cannot import the pack in ${dir}`);
        }
        catch (error) {
            // Name the path that failed: the first of the batch (references first) still missing.
            const present = await (0,path_info/* validPaths */.fI)(nix, batch, store).catch(() => new Set(batch));
            const failed = batch.find((path) => !present.has(path));
            if (failed && error instanceof PackError) {
                throw new PackError(error.message.replace('cannot import the pack', `cannot import ${failed} from the pack`), { cause: error });
            }
            throw error;
        }
    }
}
// The narinfo fields a check reads; a pack's narinfos are small, more is damage.
const MAX_NARINFO_BYTES = 64 * 1024;
/**
 * Checks each path's narinfo against the entry before Nix reads it: its StorePath must be the
 * path (else Nix would register that path with another path's contents), its URL a plain file
 * under nar/ (else Nix would read outside the pack), and its References the entry's.
 */
async function checkNarinfos(dir, infos) {
    for (const info of infos) {
        const file = (0,external_node_path_.join)(dir, `${hashPart(info.path)}.narinfo`);
        const text = await readBounded(file);
        const fields = new Map();
        for (const line of text.split('\n')) {
            const colon = line.indexOf(': ');
            if (colon > 0 && !fields.has(line.slice(0, colon))) {
                fields.set(line.slice(0, colon), line.slice(colon + 2));
            }
        }
        const problem = (what) => new PackError(`${info.path}: its narinfo ${what}`);
        if (fields.get('StorePath') !== info.path) {
            throw problem(`names ${JSON.stringify(fields.get('StorePath') ?? '')}, not this path`);
        }
        if (!/^nar\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(fields.get('URL') ?? '')) {
            throw problem(`points outside the pack (URL ${JSON.stringify(fields.get('URL') ?? '')})`);
        }
        const listed = (fields.get('References') ?? '').split(' ').filter(Boolean).sort().join(' ');
        const expected = info.references
            .map((reference) => (0,external_node_path_.basename)(reference))
            .sort()
            .join(' ');
        if (listed !== expected)
            throw problem('lists other references than the cache entry');
    }
}
async function readBounded(file) {
    const handle = await (0,promises_.open)(file, 'r').catch(() => undefined);
    if (!handle)
        throw new PackError(`${file} is missing`);
    try {
        const buffer = Buffer.alloc(MAX_NARINFO_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, MAX_NARINFO_BYTES, 0);
        return buffer.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        await handle.close();
    }
}
/** Runs `nix copy` with the store paths after `--`, so none can be taken for an option. */
async function nixCopy(nix, options, paths, failure) {
    const result = await (0,util_process/* run */.e)(nix.program('nix'), [...NIX_COMMAND, 'copy', '--no-recursive', ...options, '--', ...paths], { stderrTailLines: 20 });
    if (result.code !== 0) {
        throw new PackError(`${failure}: ${nixFailure(result.stderrTail, result.code)}`);
    }
}
/** Nix's own reason, without its progress and --show-trace hints; a full disk said plainly. */
function nixFailure(stderr, code) {
    if (stderr.some((line) => /No space left on device/i.test(line))) {
        return 'no space left on device (ENOSPC)';
    }
    const errors = stderr.filter((line) => /^error: /.test(line));
    const last = errors.at(-1) ??
        stderr.filter((line) => !/^copying (path|\d+ paths)|^\(use '--show-trace'/.test(line)).at(-1);
    return last ? `nix copy: ${last.replace(/^error: /, '').trim()}` : `nix copy: exit ${code}`;
}
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
async function directoryBytes(dir) {
    let total = 0;
    for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile())
            total += (await (0,promises_.stat)((0,external_node_path_.join)(entry.parentPath, entry.name))).size;
    }
    return total;
}

// EXTERNAL MODULE: ./src/util/stopwatch.ts
var stopwatch = __webpack_require__(91);
;// CONCATENATED MODULE: ./src/store-cache/cache.ts










// Downloads of a chain's packs at once; the chain is short and each download is large.
const PARALLEL_FETCHES = 4;
/**
 * Restores the newest entry for the key (or a restore-key prefix) by importing its packs in
 * order through Nix. Caching never fails a build: a pack that cannot be imported is skipped with
 * a warning, and the rest go on.
 */
async function restoreCache(nix, backend, options, reporter) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    let found;
    try {
        found = await backend.find(options.key, options.restoreKeys);
    }
    catch (error) {
        reporter.warning(`store cache: cannot look up ${options.key}: ${(0,errors/* describeError */.Uc)(error)}`);
        return { hit: 'miss', paths: 0, bytes: 0, seconds: elapsed() };
    }
    if (!found) {
        reporter.info(`store cache: no entry for ${options.key}${options.restoreKeys.length ? ` or ${options.restoreKeys.join(', ')}` : ''}`);
        return { hit: 'miss', paths: 0, bytes: 0, seconds: elapsed() };
    }
    const packs = usablePacks(found.entry, reporter);
    const cached = (0,store_cache_entry/* entryPaths */.zH)({ ...found.entry, packs });
    try {
        await substituteMissingReferences(nix, packs, cached, options.store, reporter);
    }
    catch (error) {
        reporter.warning(`store cache: ${(0,errors/* describeError */.Uc)(error)}`); // the packs that need them fail below
    }
    // Packs download side by side; each is imported, in chain order, as soon as it is here.
    const fetchSlot = (0,limiter/* limiter */.T)(PARALLEL_FETCHES);
    const fetched = packs.map((pack) => fetchSlot(() => backend.fetchPack(pack)).then((dir) => ({ dir }), (error) => ({ error })));
    let paths = 0;
    let bytes = 0;
    let skipped = found.entry.packs.length - packs.length;
    for (const [index, pack] of packs.entries()) {
        try {
            const local = await fetched[index];
            if (!local || 'error' in local)
                throw local?.error;
            await importPack(nix, local.dir, pack.paths, options.store);
            paths += pack.paths.length;
            bytes += pack.bytes;
        }
        catch (error) {
            skipped += 1;
            reporter.warning(`store cache: skipped pack ${pack.id} of ${found.entry.key}: ${(0,errors/* describeError */.Uc)(error)}`);
        }
        finally {
            await backend.releasePack(pack).catch(() => undefined);
        }
    }
    const seconds = elapsed();
    // An entry none of whose packs could be used restored nothing: that is a miss.
    const hit = skipped > 0 && skipped === found.entry.packs.length
        ? 'miss'
        : found.exact
            ? 'exact'
            : 'partial';
    reporter.info(hit === 'miss'
        ? `store cache: restored nothing from ${found.entry.key}: all ${skipped} packs skipped`
        : `store cache: restored ${(0,format/* countOf */.pq)(paths, 'path')} from ${found.entry.key} (${hit} hit${skipped ? `; ${skipped} of ${found.entry.packs.length} packs skipped` : ''})`);
    return { hit, key: found.entry.key, paths, bytes, seconds };
}
/**
 * The entry's packs that may be used: ids that are plain names, paths and references that are
 * store paths. The others are skipped with a warning naming the pack and what is wrong.
 */
function usablePacks(entry, reporter) {
    return entry.packs.filter((pack) => {
        const problem = (0,store_cache_entry/* packProblem */.lx)(pack);
        if (problem) {
            reporter.warning(`store cache: skipped pack ${JSON.stringify(pack.id.slice(0, 80))} of ${entry.key}: ${problem}`);
        }
        return problem === undefined;
    });
}
/**
 * Packs hold only what was built here: their references that an upstream cache serves must be in
 * the store before Nix takes the packs. Nix fetches them from its substituters.
 */
async function substituteMissingReferences(nix, packs, cached, store, reporter) {
    const referenced = packs.flatMap((pack) => pack.paths.flatMap((info) => info.references));
    const external = [...new Set(referenced)].filter((path) => !cached.has(path));
    const present = await (0,path_info/* validPaths */.fI)(nix, external, store);
    const missing = external.filter((path) => !present.has(path));
    if (missing.length === 0)
        return;
    reporter.info(`store cache: fetching ${(0,format/* countOf */.pq)(missing.length, 'path')} the packs need from the substituters`);
    const result = await (0,util_process/* run */.e)(nix.program('nix-store'), [
        ...(store ? ['--store', store] : []),
        '--realise',
        '--',
        ...missing,
    ]);
    if (result.code !== 0) {
        throw new PackError(`the packs need ${(0,format/* countOf */.pq)(missing.length, 'path')} no substituter has (${result.stderrTail.at(-1) ?? ''})`);
    }
}
/** Built on this runner (ultimate), or not signed by anyone: not to be had from an upstream cache. */
function worthCaching(info) {
    return info.ultimate || info.signatures.length === 0;
}
/**
 * Saves what is new in the roots' closures as one pack added to the chain it extends (the entry
 * for the key or the restore keys), or as one compacted pack when the chain would grow too long
 * or the entry came from another key.
 * Nothing is written when nothing is new.
 */
async function saveCache(nix, backend, options, reporter) {
    const elapsed = (0,stopwatch/* stopwatch */.s)();
    const runtime = await (0,path_info/* queryPathInfos */.zN)(nix, options.roots, true);
    const inputs = options.buildInputs ? await (0,path_info/* buildInputs */._9)(nix, options.roots) : [];
    const known = new Set(runtime.map((info) => info.path));
    const more = await (0,path_info/* queryPathInfos */.zN)(nix, inputs.filter((path) => !known.has(path)), false);
    const roots = new Set(options.excludeRoots ? options.roots : []);
    const infos = [...runtime, ...more].filter((info) => !roots.has(info.path) && (options.includeUpstream || worthCaching(info)));
    const base = await backend.find(options.key, options.restoreKeys).catch((error) => {
        // A damaged entry is replaced, not a reason to fail the job.
        reporter.warning(`store cache: ${(0,errors/* describeError */.Uc)(error)}; saving a new chain`);
        return undefined;
    });
    // Packs of the base that are not usable (damaged or planted) are not kept in the chain.
    const read = base?.entry; // as it is on disk: commit tells by it whether another save came
    if (base)
        base.entry = { ...base.entry, packs: usablePacks(base.entry, reporter) };
    const have = base ? (0,store_cache_entry/* entryPaths */.zH)(base.entry) : new Set();
    const fresh = infos.filter((info) => !have.has(info.path));
    const done = (paths, bytes, compacted) => ({
        paths,
        bytes,
        compacted,
        seconds: elapsed(),
    });
    if (fresh.length === 0) {
        reporter.info(`store cache: nothing new to save for ${options.key}`);
        return done(0, 0, false);
    }
    const chain = base?.entry.packs ?? [];
    // A new key starts its own chain: the old key's entries age out of the cache on their own.
    const compact = (base !== undefined && !base.exact) || chain.length + 1 > options.maxPackChain;
    const packed = compact ? infos : fresh;
    const added = await writeNewPack(nix, backend, packed);
    const pack = added.record;
    const entry = {
        version: 2,
        key: options.key,
        created: new Date().toISOString(),
        packs: compact ? [pack] : [...chain, pack],
    };
    try {
        await backend.commit(entry, added, read);
    }
    finally {
        await (0,promises_.rm)(added.dir, { recursive: true, force: true });
    }
    reporter.info(`store cache: saved ${(0,format/* countOf */.pq)(packed.length, 'path')} (${(0,format/* formatBytes */.z3)(pack.bytes)}) as ${compact ? 'one compacted pack' : `pack ${entry.packs.length} of the chain`} under ${options.key}; the entry holds ${(0,format/* formatBytes */.z3)((0,store_cache_entry/* entryBytes */.eD)(entry))}`);
    return done(packed.length, pack.bytes, compact);
}
/**
 * Paths in the order an import needs: every path after those of its references that
 * are in the same pack (the others come from earlier packs of the chain or are in the store).
 */
function referencesFirst(infos) {
    const byPath = new Map(infos.map((info) => [info.path, info]));
    const ordered = [];
    const state = new Map();
    const visit = (info) => {
        if (state.get(info.path))
            return; // done, or a self-reference being visited
        state.set(info.path, 'visiting');
        for (const reference of info.references) {
            const dependency = byPath.get(reference);
            if (dependency && reference !== info.path)
                visit(dependency);
        }
        state.set(info.path, 'done');
        ordered.push(info);
    };
    for (const info of [...infos].sort((a, b) => a.path.localeCompare(b.path)))
        visit(info);
    return ordered;
}
async function writeNewPack(nix, backend, unordered) {
    const infos = referencesFirst(unordered);
    const id = (0,external_node_crypto_.randomUUID)();
    const dir = await backend.stagingDir(id);
    const bytes = await writePack(nix, infos, dir);
    const paths = infos.map(({ path, narHash, narSize, references }) => ({
        path,
        narHash,
        narSize,
        references,
    }));
    return { dir, record: { id, bytes, paths } };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/store-cache/entry-lock.ts




class EntryLockError extends errors/* HypernixError */.iD {
    name = 'EntryLockError';
}
// The lock is held only to read, merge and rename one small JSON file: milliseconds. One older
// than this was left by a save that died, and is taken over.
const STALE_MS = 30_000;
const GIVE_UP_MS = 90_000;
/**
 * Runs `body` holding `<file>.lock`, made with O_CREAT|O_EXCL. Why a lock file and not a
 * compare-and-swap: rename() replaces an existing entry unconditionally, and link() only
 * creates new names, so a directory offers no atomic "replace only if unchanged"; O_EXCL
 * creation is atomic on local file systems and on NFSv3 and later, where shared cache
 * directories live. Waiting is with backoff and jitter; a stale lock (a crashed save) is moved
 * aside with an atomic rename, so two waiters cannot both take it over.
 */
async function withEntryLock(file, body) {
    const lock = `${file}.lock`;
    const started = Date.now();
    for (let attempt = 0;; attempt += 1) {
        const handle = await (0,promises_.open)(lock, 'wx').catch((error) => {
            if (error.code === 'EEXIST')
                return undefined;
            throw error;
        });
        if (handle) {
            try {
                await handle.writeFile(`${process.pid}@${(0,external_node_os_.hostname)()} ${new Date().toISOString()}\n`);
            }
            finally {
                await handle.close();
            }
            try {
                return await body();
            }
            finally {
                await (0,promises_.rm)(lock, { force: true });
            }
        }
        await takeOverIfStale(lock);
        if (Date.now() - started > GIVE_UP_MS) {
            throw new EntryLockError(`${lock} has been held for over ${GIVE_UP_MS / 1000} s by another save; remove it if no save is running`);
        }
        const backoff = Math.min(2000, 20 * 2 ** Math.min(attempt, 7));
        await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
    }
}
async function takeOverIfStale(lock) {
    const info = await (0,promises_.stat)(lock).catch(() => undefined);
    if (!info || Date.now() - info.mtimeMs < STALE_MS)
        return;
    const aside = `${lock}.stale-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    // Only one waiter's rename finds the stale lock; the others find nothing and wait on.
    if (await (0,promises_.rename)(lock, aside).then(() => true, () => false))
        await (0,promises_.rm)(aside, { force: true });
}

;// CONCATENATED MODULE: ./src/store-cache/dir-backend.ts






// How old an unlisted pack must be before a save removes it (see removeUnreferencedPacks).
const PACK_GRACE_MS = 60 * 60 * 1000;
// Keys up to this long name their entry file as they are; longer ones (up to MAX_KEY_LENGTH)
// would pass the 255-byte file name limit with the suffixes, so they are shortened and hashed.
const PLAIN_KEY_MAX = 200;
const HASHED_HEAD = 120;
class CacheDirectoryError extends errors/* HypernixError */.iD {
    name = 'CacheDirectoryError';
}
/**
 * The entry file name of a key: `<key>.json`, or for a long key `<first 120>~<sha256>.json`
 * (`~` is never in a key, so the two forms cannot meet). The key itself is inside the entry.
 */
function entryFileName(key) {
    if (key.length <= PLAIN_KEY_MAX)
        return `${key}.json`;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex');
    return `${key.slice(0, HASHED_HEAD)}~${hash}.json`;
}
/** Whether an entry file may hold a key starting with `prefix`, judged by its name. */
function mayMatch(name, prefix) {
    const stem = name.slice(0, -'.json'.length);
    const tilde = stem.indexOf('~');
    if (tilde < 0)
        return stem.startsWith(prefix);
    const head = stem.slice(0, tilde);
    return prefix.length <= head.length ? head.startsWith(prefix) : prefix.startsWith(head);
}
/**
 * A cache in a directory: `packs/<id>/` are packs (each a Nix binary cache), `entries/*.json`
 * the chains. Packs are shared by entries; every write goes to a temporary name and is renamed,
 * so a reader never sees half a pack or half an entry. An entry that is not one we wrote is
 * reported (when a reporter is given) and passed over.
 */
class DirectoryBackend {
    root;
    reporter;
    name = 'dir';
    constructor(root, reporter) {
        this.root = root;
        this.reporter = reporter;
    }
    entryFile(key) {
        return (0,external_node_path_.join)(this.root, 'entries', entryFileName(key));
    }
    /** Fails early, with the directory's name, when the cache cannot be written. */
    async ensureWritable(label) {
        try {
            await (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'entries'), { recursive: true });
            await (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'packs'), { recursive: true });
            const probe = (0,external_node_path_.join)(this.root, `.probe-${process.pid}`);
            await (0,promises_.writeFile)(probe, '');
            await (0,promises_.rm)(probe);
        }
        catch (error) {
            throw new CacheDirectoryError(`${label}: cannot write the cache directory ${this.root} (${error.code ?? 'error'})`, { cause: error });
        }
    }
    async find(key, restoreKeys) {
        const exact = await this.readEntry(this.entryFile(key), (entry) => entry.key === key);
        if (exact)
            return { entry: exact, exact: true };
        let names;
        try {
            names = (await (0,promises_.readdir)((0,external_node_path_.join)(this.root, 'entries'))).filter((name) => name.endsWith('.json'));
        }
        catch {
            return undefined;
        }
        for (const prefix of restoreKeys) {
            const dated = await Promise.all(names
                .filter((name) => mayMatch(name, prefix))
                .map(async (name) => ({
                file: (0,external_node_path_.join)(this.root, 'entries', name),
                time: (await (0,promises_.stat)((0,external_node_path_.join)(this.root, 'entries', name)).catch(() => undefined))?.mtimeMs,
            })));
            dated.sort((a, b) => (b.time ?? 0) - (a.time ?? 0));
            for (const { file } of dated) {
                const entry = await this.readEntry(file, (read) => read.key.startsWith(prefix));
                if (entry)
                    return { entry, exact: false };
            }
        }
        return undefined;
    }
    /**
     * The entry in `file`, if there is one and it is what the name promises (`belongs`); a file
     * that is not a valid entry is reported as a warning and taken as none.
     */
    async readEntry(file, belongs, quiet = false) {
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
        if (text === undefined)
            return undefined;
        try {
            const entry = (0,store_cache_entry/* parseEntry */.ER)(text, `the cache entry ${file}`);
            if (!belongs(entry)) {
                throw new store_cache_entry/* CacheEntryError */.Tw(`the cache entry ${file} holds another key (${entry.key})`);
            }
            return entry;
        }
        catch (error) {
            if (!quiet)
                this.reporter?.warning(`store cache: ${(0,errors/* describeError */.Uc)(error)}; ignored`);
            return undefined;
        }
    }
    packDir(packId) {
        // Ids come from entries, which anyone with write access to the cache could have edited.
        if (!store_cache_entry/* PACK_ID */.Ko.test(packId) || packId.includes('..')) {
            throw new CacheDirectoryError(`pack id ${JSON.stringify(packId)} is not a plain name`);
        }
        return (0,external_node_path_.join)(this.root, 'packs', packId);
    }
    async fetchPack(pack) {
        const dir = this.packDir(pack.id);
        if (!(await (0,promises_.stat)((0,external_node_path_.join)(dir, 'nix-cache-info')).catch(() => undefined))?.isFile()) {
            throw new CacheDirectoryError(`the cache in ${this.root} has no pack ${pack.id}`);
        }
        return dir;
    }
    /** The pack is the cache itself: it stays. */
    async releasePack() { }
    async stagingDir(packId) {
        const dir = (0,external_node_path_.join)(this.root, 'packs', `.${packId}.${process.pid}.tmp`);
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        await (0,promises_.mkdir)(dir, { recursive: true });
        return dir;
    }
    /**
     * Renames the pack into place, then, holding the entry's lock, merges it into the entry as it
     * is now (another save may have added to it since `base` was read) and renames the new entry
     * over it. When the entry cannot be written, the pack goes again: nothing unlisted is left.
     */
    async commit(entry, added, base) {
        const packDir = this.packDir(added.record.id);
        await this.writing(() => (0,promises_.rename)(added.dir, packDir));
        const target = this.entryFile(entry.key);
        try {
            await this.writing(() => (0,promises_.mkdir)((0,external_node_path_.join)(this.root, 'entries'), { recursive: true }));
            await this.writing(() => withEntryLock(target, async () => {
                const current = await this.readEntry(target, (read) => read.key === entry.key, true);
                const merged = (0,store_cache_entry/* mergeEntry */.z$)(current, base, entry);
                const temporary = `${target}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
                try {
                    await (0,promises_.writeFile)(temporary, `${JSON.stringify(merged, null, 1)}\n`);
                    await (0,promises_.rename)(temporary, target);
                }
                catch (error) {
                    await (0,promises_.rm)(temporary, { force: true });
                    throw error;
                }
            }));
        }
        catch (error) {
            await (0,promises_.rm)(packDir, { recursive: true, force: true });
            throw error;
        }
        await this.removeUnreferencedPacks();
    }
    /** A file system error while writing, as one line naming the cache directory. */
    async writing(body) {
        try {
            return await body();
        }
        catch (error) {
            if (error instanceof errors/* HypernixError */.iD)
                throw error;
            const code = error.code;
            const why = code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : (code ?? (0,errors/* describeError */.Uc)(error));
            throw new CacheDirectoryError(`cannot write the cache directory ${this.root}: ${why}`, {
                cause: error,
            });
        }
    }
    /**
     * Packs no entry lists any more (a compacted chain replaced them, or a save died between
     * writing its pack and its entry) are removed, so a shared disk does not fill with them. Only
     * those older than PACK_GRACE_MS: another runner's save renames its pack into place a moment
     * before it writes the entry that lists it.
     */
    async removeUnreferencedPacks() {
        const entries = await (0,promises_.readdir)((0,external_node_path_.join)(this.root, 'entries')).catch(() => []);
        const listed = new Set();
        for (const name of entries.filter((file) => file.endsWith('.json'))) {
            const entry = await this.readEntry((0,external_node_path_.join)(this.root, 'entries', name), () => true, true);
            if (!entry)
                return; // an entry being written or unreadable: keep everything this time
            for (const pack of entry.packs)
                listed.add(pack.id);
        }
        const cutoff = Date.now() - PACK_GRACE_MS;
        for (const id of await (0,promises_.readdir)((0,external_node_path_.join)(this.root, 'packs')).catch(() => [])) {
            // Staging directories (`.<id>.<pid>.tmp`) of saves that died go after the same grace.
            if (listed.has(id) || (id.startsWith('.') && !id.endsWith('.tmp')))
                continue;
            const info = await (0,promises_.stat)((0,external_node_path_.join)(this.root, 'packs', id)).catch(() => undefined);
            if (info && info.mtimeMs < cutoff) {
                await (0,promises_.rm)((0,external_node_path_.join)(this.root, 'packs', id), { recursive: true, force: true });
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/store-cache/backends.ts

/**
 * Opens the chosen backend, checked for use: a directory must be writable when saving (the error
 * names `label`, the input that gave it), the GitHub cache must be offered by the runner.
 */
async function openBackend(choice, reporter, use) {
    if (choice.kind === 'gha') {
        // @actions/cache brings the Azure SDK: loaded only when the GitHub cache is chosen.
        const { GithubCacheBackend } = await Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(31), __webpack_require__.e(29)]).then(__webpack_require__.bind(__webpack_require__, 5029));
        const backend = new GithubCacheBackend(reporter);
        backend.ensureAvailable();
        return backend;
    }
    const backend = new DirectoryBackend(choice.dir, reporter);
    if (use.forSave)
        await backend.ensureWritable(use.label);
    return backend;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./src/store-cache/key.ts
var store_cache_key = __webpack_require__(973);
// EXTERNAL MODULE: ./src/config/parse-helpers.ts
var parse_helpers = __webpack_require__(3185);
;// CONCATENATED MODULE: ./src/config/cache.ts



const CACHE_BACKENDS = ['gha', 'dir', 'off'];
/** Past this many packs a save writes one compacted pack instead (input and option default). */
const DEFAULT_MAX_PACK_CHAIN = 8;
const CACHE_INPUT_NAMES = {
    cache: 'cache',
    cacheKey: 'cache-key',
    cacheRestoreKeys: 'cache-restore-keys',
    cacheDir: 'cache-dir',
    cacheSave: 'cache-save',
    cacheUpstreamPaths: 'cache-upstream-paths',
    cacheBuildInputs: 'cache-build-inputs',
    cacheImages: 'cache-images',
    maxPackChain: 'max-pack-chain',
    maxStoreSize: 'max-store-size',
};
const cacheKey = parse_helpers/* optionalString */.sx.superRefine((key, ctx) => {
    const problem = key === undefined ? undefined : (0,store_cache_key/* cacheKeyProblem */.JT)(key);
    if (problem)
        ctx.addIssue({ code: 'custom', message: problem });
});
const UNITS = {
    '': 1,
    b: 1,
    k: 2 ** 10,
    m: 2 ** 20,
    g: 2 ** 30,
    t: 2 ** 40,
};
/** A size such as 10G, 512M or 2147483648 (bytes); units are binary. */
function parseSize(text) {
    const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
    if (!match)
        return undefined;
    return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1));
}
const sizeInput = parse_helpers/* optionalString */.sx.transform((value, ctx) => {
    if (value === undefined)
        return undefined;
    const bytes = parseSize(value);
    if (bytes === undefined) {
        ctx.addIssue({
            code: 'custom',
            message: `expected a size such as 10G, 512M or a number of bytes; got ${(0,parse_helpers/* shown */.SP)(value)}`,
        });
        return core/* NEVER */.tm;
    }
    return bytes;
});
const cacheSchema = schemas/* object */.Ikc({
    cache: schemas/* string */.YjP()
        .optional()
        .transform((value) => value || 'off')
        .pipe((0,parse_helpers/* enumInput */.gX)(CACHE_BACKENDS)),
    cacheKey,
    cacheRestoreKeys: parse_helpers/* listInput */.dt.superRefine((keys, ctx) => {
        const problem = keys.map(store_cache_key/* cacheKeyProblem */.JT).find(Boolean);
        if (problem)
            ctx.addIssue({ code: 'custom', message: problem });
    }),
    cacheDir: parse_helpers/* optionalString */.sx,
    cacheSave: (0,parse_helpers/* booleanInput */.tE)(true),
    cacheUpstreamPaths: (0,parse_helpers/* booleanInput */.tE)(false),
    cacheBuildInputs: (0,parse_helpers/* booleanInput */.tE)(true),
    cacheImages: (0,parse_helpers/* booleanInput */.tE)(false),
    maxPackChain: parse_helpers/* optionalString */.sx.transform((value, ctx) => {
        const number = value === undefined ? DEFAULT_MAX_PACK_CHAIN : Number(value);
        if (!Number.isInteger(number) || number < 1) {
            ctx.addIssue({
                code: 'custom',
                message: `expected a whole number of 1 or more; got ${(0,parse_helpers/* shown */.SP)(value)}`,
            });
            return core/* NEVER */.tm;
        }
        return number;
    }),
    maxStoreSize: sizeInput,
})
    .superRefine((config, ctx) => {
    if (config.cache === 'dir' && !config.cacheDir) {
        ctx.addIssue({
            code: 'custom',
            path: ['cacheDir'],
            message: 'required with cache: dir (the directory that holds the cache)',
        });
    }
});
/** The command line's options for the cache fields it has (`hypernix cache`). */
const CACHE_CLI_OPTIONS = {
    cache: '--dir',
    cacheKey: '--key',
    cacheRestoreKeys: '--restore-key',
    cacheDir: '--dir',
    maxPackChain: '--max-pack-chain',
};
/**
 * Reads the cache inputs of the action, or the same fields from the command line (`cli`): one
 * schema, one set of rules, the messages naming the input or the option.
 */
function parseCacheConfig(raw, surface = 'action') {
    return (0,parse_helpers/* parseWith */.Ku)(cacheSchema, raw, (field) => surface === 'action'
        ? `input '${CACHE_INPUT_NAMES[field] ?? field}'`
        : `option '${CACHE_CLI_OPTIONS[field] ?? field}'`);
}

// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
;// CONCATENATED MODULE: ./src/cli/commands/cache.ts








const CACHE_HELP = `Usage: hypernix cache restore (--dir DIR | --gha) --key KEY [--restore-key PREFIX]... [--json]
       hypernix cache save (--dir DIR | --gha) --key KEY [--restore-key PREFIX]... [options] PATH...

A /nix/store cache in a directory (a local or shared disk) or in the GitHub Actions cache (in a
step on a GitHub runner). save writes only what is new in the closures of PATH... (by default
only paths built on this machine) as one pack added to the chain of the entry it extends;
restore imports the newest entry's packs through nix copy.

Options:
  --dir DIR              the cache directory
  --gha                  the GitHub Actions cache (needs the runner's ACTIONS_* variables)
  --key KEY              the entry to restore or save (letters, digits and . _ + = @ : -)
  --restore-key PREFIX   fall back to the newest entry whose key starts with PREFIX (repeatable)
  --include-upstream     save paths an upstream cache serves too
  --build-inputs         save the build-time inputs of PATH... too
  --exclude-roots        leave PATH... themselves out (e.g. a large image)
  --max-pack-chain N     past N packs, save one compacted pack instead (default ${DEFAULT_MAX_PACK_CHAIN})
  --store STORE          restore into another store, e.g. a chroot store /tmp/root
  --json                 print the result as JSON
  -v, --verbose          print debug lines
  -h, --help             show this help
`;
const OPTIONS = {
    dir: { type: 'string' },
    gha: { type: 'boolean' },
    key: { type: 'string' },
    'restore-key': { type: 'string', multiple: true },
    'include-upstream': { type: 'boolean' },
    'build-inputs': { type: 'boolean' },
    'exclude-roots': { type: 'boolean' },
    'max-pack-chain': { type: 'string' },
    store: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
};
async function cacheCommand(argv, io) {
    const [verb, ...rest] = argv;
    if (verb === undefined || verb === '--help' || verb === '-h') {
        io.stdout.write(CACHE_HELP);
        return 0;
    }
    if (verb !== 'save' && verb !== 'restore') {
        throw new usage/* UsageError */.e(`unknown cache command ${JSON.stringify(verb)}; see 'hypernix cache --help'`);
    }
    const { values, positionals } = (0,usage/* parseCommandLine */.D)(rest, OPTIONS, 'cache');
    if (values.help) {
        io.stdout.write(CACHE_HELP);
        return 0;
    }
    if (verb === 'restore' && positionals.length > 0)
        throw new usage/* UsageError */.e(`restore takes no paths; see 'hypernix cache --help'`);
    if (verb === 'save' && positionals.length === 0)
        throw new usage/* UsageError */.e(`save needs the store paths to cache; see 'hypernix cache --help'`);
    const config = readConfig(values);
    const reporter = new console_reporter/* ConsoleReporter */.l({ verbose: values.verbose, stream: io.stderr });
    const nix = await (0,locate/* locateNix */.WH)(reporter);
    const choice = values.dir ? { kind: 'dir', dir: values.dir } : { kind: 'gha' };
    const backend = await openBackend(choice, reporter, {
        forSave: verb === 'save',
        label: "option '--dir'",
    });
    const key = config.cacheKey;
    const restoreKeys = config.cacheRestoreKeys;
    if (verb === 'restore') {
        const result = await restoreCache(nix, backend, { key, restoreKeys, store: values.store }, reporter);
        io.stdout.write(values.json
            ? `${JSON.stringify(result)}\n`
            : `${result.hit}: ${(0,format/* countOf */.pq)(result.paths, 'path')}, ${(0,format/* formatBytes */.z3)(result.bytes)}\n`);
        return 0;
    }
    const result = await saveCache(nix, backend, {
        key,
        restoreKeys,
        roots: positionals,
        includeUpstream: values['include-upstream'] ?? false,
        buildInputs: values['build-inputs'] ?? false,
        excludeRoots: values['exclude-roots'] ?? false,
        maxPackChain: config.maxPackChain,
    }, reporter);
    io.stdout.write(values.json
        ? `${JSON.stringify(result)}\n`
        : `saved ${(0,format/* countOf */.pq)(result.paths, 'path')}, ${(0,format/* formatBytes */.z3)(result.bytes)}\n`);
    return 0;
}
/** The options through the action's schema, so the command line and the inputs follow one set of rules. */
function readConfig(values) {
    if (!values.dir === !values.gha) {
        throw new errors/* InputError */.dz(`option '--dir': expected either --dir DIR (a cache directory) or --gha (the GitHub Actions cache)`);
    }
    if (!values.key)
        throw new errors/* InputError */.dz(`option '--key': required: the entry to restore or save`);
    return parseCacheConfig({
        cache: values.gha ? 'gha' : 'dir',
        cacheDir: values.dir,
        cacheKey: values.key,
        cacheRestoreKeys: values['restore-key'] ?? [],
        maxPackChain: values['max-pack-chain'],
    }, 'cli');
}


/***/ }),

/***/ 9562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ER: () => (/* binding */ parseEntry),
/* harmony export */   Ko: () => (/* binding */ PACK_ID),
/* harmony export */   Tw: () => (/* binding */ CacheEntryError),
/* harmony export */   eD: () => (/* binding */ entryBytes),
/* harmony export */   lx: () => (/* binding */ packProblem),
/* harmony export */   z$: () => (/* binding */ mergeEntry),
/* harmony export */   zH: () => (/* binding */ entryPaths)
/* harmony export */ });
/* unused harmony exports storeDir, isStorePath */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2311);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _key_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(973);



/** An entry that is not one this version wrote: damage, an older format, or planted. */
class CacheEntryError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD {
    name = 'CacheEntryError';
}
// Bounds far above anything a save writes, so a planted entry cannot make restore loop for ever.
const MAX_PACKS = 10_000;
const MAX_PATHS = 1_000_000;
const pathRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(4096),
    narHash: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(200),
    narSize: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    references: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(4096)).max(MAX_PATHS),
});
const packRecord = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(200),
    paths: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(pathRecord).max(MAX_PATHS),
    bytes: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    location: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(600).optional(),
});
const cacheEntry = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    version: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz(2),
    key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).max(_key_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_KEY_LENGTH */ .uf).regex(_key_js__WEBPACK_IMPORTED_MODULE_1__/* .KEY_PATTERN */ .bn),
    created: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100),
    packs: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(packRecord).max(MAX_PACKS),
});
/**
 * Reads an entry, checked against the schema: anything else (an older format, damage, a planted
 * file) throws a CacheEntryError naming `source` and the first field that is wrong, which the
 * caller reports as a warning and a miss. Store paths and pack ids are checked per pack, at
 * restore (packProblem), so one bad pack does not cost the others.
 */
function parseEntry(text, source) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new CacheEntryError(`${source} is not a hypernix cache entry (not JSON)`);
    }
    const result = cacheEntry.safeParse(json);
    if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : 'the entry';
        throw new CacheEntryError(`${source} is not a hypernix cache entry (${where}: ${issue?.message ?? 'invalid'})`);
    }
    return result.data;
}
/** The store directory paths must be in: Nix's default unless NIX_STORE_DIR moves it. */
function storeDir(env = process.env) {
    return (env.NIX_STORE_DIR || '/nix/store').replace(/\/+$/, '');
}
// Nix's base-32 alphabet (no e, o, u, t) and the characters a store path name may hold.
const STORE_PATH_TAIL = /^[0-9abcdfghijklmnpqrsvwxyz]{32}-[A-Za-z0-9+\-._?=]{1,211}$/;
/** A pack id is a plain file name: no separators, no `..`, not hidden. */
const PACK_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
/** Whether `path` is a store path of `dir`: `<dir>/<32 base-32 characters>-<name>`. */
function isStorePath(path, dir = storeDir()) {
    if (!path.startsWith(`${dir}/`))
        return false;
    const tail = path.slice(dir.length + 1);
    return STORE_PATH_TAIL.test(tail) && !tail.slice(33).startsWith('.');
}
/**
 * What is wrong with a pack record read from the cache, or undefined when it can be used: its
 * id must be a plain name (it becomes a directory name) and every path and reference a store
 * path (they become Nix arguments).
 */
function packProblem(pack, dir = storeDir()) {
    if (!PACK_ID.test(pack.id) || pack.id.includes('..')) {
        return `its id ${JSON.stringify(pack.id.slice(0, 80))} is not a plain name`;
    }
    for (const info of pack.paths) {
        const bad = [info.path, ...info.references].find((path) => !isStorePath(path, dir));
        if (bad !== undefined) {
            return `${JSON.stringify(bad.slice(0, 200))} is not a store path of ${dir}`;
        }
    }
    return undefined;
}
function entryPaths(entry) {
    return new Set(entry.packs.flatMap((pack) => pack.paths.map((info) => info.path)));
}
function entryBytes(entry) {
    return entry.packs.reduce((sum, pack) => sum + pack.bytes, 0);
}
/**
 * The entry to write when a save commits: `proposed` if the entry is as the save read it
 * (`base`), else the packs another save added since, kept, with ours after them. Nothing another
 * save listed is dropped; a compaction only replaces the chain it read.
 */
function mergeEntry(current, base, proposed) {
    if (!current || sameChain(current, base))
        return proposed;
    const added = proposed.packs.at(-1);
    const ids = new Set(current.packs.map((pack) => pack.id));
    // Our chain's packs the other save dropped (it compacted) stay: our pack refers to them.
    const ours = proposed.packs.filter((pack) => !ids.has(pack.id) && pack !== added);
    return {
        ...proposed,
        packs: [...ours, ...current.packs, ...(added ? [added] : [])],
    };
}
function sameChain(a, b) {
    return (b !== undefined &&
        a.key === b.key &&
        a.created === b.created &&
        a.packs.map((pack) => pack.id).join() === b.packs.map((pack) => pack.id).join());
}


/***/ }),

/***/ 973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JT: () => (/* binding */ cacheKeyProblem),
/* harmony export */   bn: () => (/* binding */ KEY_PATTERN),
/* harmony export */   uf: () => (/* binding */ MAX_KEY_LENGTH)
/* harmony export */ });
/* unused harmony export validateCacheKey */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);

/**
 * The GitHub cache takes keys of up to 512 characters; the GitHub backend adds `/` and a pack id
 * (37). The directory backend keeps the same limit, so keys move freely between backends.
 */
const MAX_KEY_LENGTH = 512 - 37;
/** The characters every cache key and restore-key prefix is made of. */
const KEY_PATTERN = /^[A-Za-z0-9._+=@:-]+$/;
/** A cache key or restore-key prefix: letters, digits and . _ + = @ : -, at most MAX_KEY_LENGTH of them. */
/** What is wrong with a cache key, in words; undefined for a good one. */
function cacheKeyProblem(key) {
    if (key.length === 0)
        return 'expected a cache key; got an empty one';
    if (key.length > MAX_KEY_LENGTH)
        return `at most ${MAX_KEY_LENGTH} characters; got ${key.length}`;
    if (!KEY_PATTERN.test(key)) {
        const bad = [...key].find((char) => !KEY_PATTERN.test(char)) ?? '';
        return `letters, digits and . _ + = @ : - only; got ${JSON.stringify(bad)} in ${JSON.stringify(key.slice(0, 80))}`;
    }
    return undefined;
}
function validateCacheKey(key, label) {
    const problem = cacheKeyProblem(key);
    if (problem)
        throw new InputError(`${label}: ${problem}`);
    return key;
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
