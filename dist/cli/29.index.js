export const id = 29;
export const ids = [29];
export const modules = {

/***/ 5029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GithubCacheBackend: () => (/* binding */ GithubCacheBackend)
});

// UNUSED EXPORTS: GithubCacheError, defaultGithubBackendOptions

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 344 modules
var cache = __webpack_require__(7412);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/store-cache/entry.ts
var entry = __webpack_require__(9562);
;// CONCATENATED MODULE: ./src/store-cache/gha-library.ts
// Lines of ours always pass: every store-cache message starts with this.
const OUR_PREFIX = 'store cache:';
const WORKFLOW_COMMAND = /^::(warning|error|debug|notice)(?: [^:]*)?::(.*)$/;
const RATE_LIMIT_RESET = /rate limit will reset in (\d+) seconds/;
/**
 * @actions/cache reports failures only through @actions/core, that is as workflow commands on
 * stdout, and then returns undefined or -1. Those lines would land in the CLI's output, and a
 * rate limit could not be told from a miss. While its calls run, the library's lines are taken
 * off stdout: warnings and errors become notes for the caller, the rest debug lines. Lines of
 * ours (and anything the reporter prints) go through unchanged.
 */
class LibraryOutput {
    reporter;
    active = 0;
    forwarding = false;
    original;
    listeners = new Set();
    constructor(reporter) {
        this.reporter = reporter;
    }
    async run(call) {
        const notes = { problems: [] };
        this.listeners.add(notes);
        if (this.active++ === 0)
            this.install();
        try {
            return { value: await call(), notes };
        }
        finally {
            this.listeners.delete(notes);
            if (--this.active === 0)
                this.uninstall();
        }
    }
    install() {
        // Kept as it was, to put back exactly; called bound to stdout.
        this.original = process.stdout.write;
        const original = this.original.bind(process.stdout);
        let pending = '';
        process.stdout.write = ((chunk, ...rest) => {
            if (this.forwarding)
                return original(chunk, ...rest);
            pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
            let newline = pending.indexOf('\n');
            while (newline >= 0) {
                this.route(pending.slice(0, newline).replace(/\r$/, ''), original);
                pending = pending.slice(newline + 1);
                newline = pending.indexOf('\n');
            }
            const callback = rest.find((argument) => typeof argument === 'function');
            callback?.();
            return true;
        });
    }
    uninstall() {
        if (this.original)
            process.stdout.write = this.original;
        this.original = undefined;
    }
    route(line, original) {
        if (line.includes(OUR_PREFIX)) {
            original(`${line}\n`);
            return;
        }
        const command = WORKFLOW_COMMAND.exec(line);
        const level = command?.[1];
        const text = command ? decodeCommandData(command[2] ?? '') : line;
        const reset = RATE_LIMIT_RESET.exec(text);
        for (const notes of this.listeners) {
            if (reset || /\bRate limited\b|\(429\)/.test(text)) {
                notes.rateLimitSeconds = Math.max(notes.rateLimitSeconds ?? 0, Number(reset?.[1] ?? 0));
            }
            if (level === 'warning' || level === 'error')
                notes.problems.push(text);
        }
        this.forwarding = true;
        try {
            this.reporter.debug(`@actions/cache: ${text}`);
        }
        finally {
            this.forwarding = false;
        }
    }
}
/** Undoes @actions/core's escaping of workflow command data. */
function decodeCommandData(data) {
    return data.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

;// CONCATENATED MODULE: ./src/store-cache/gha-backend.ts







class GithubCacheError extends errors/* HypernixError */.iD {
    name = 'GithubCacheError';
}
/** The GitHub cache takes at most 10 keys in a lookup; one is the primary key, one our own prefix. */
const MAX_RESTORE_KEYS = 8;
function defaultGithubBackendOptions(env = process.env) {
    const temp = env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    return {
        transferDir: (0,external_node_path_.join)(temp, 'hypernix-store-cache'),
        localDir: (0,external_node_path_.join)(temp, 'hypernix-store-cache-local'),
        maxRateLimitWaitSeconds: 60,
        rateLimitTries: 3,
    };
}
/**
 * The GitHub Actions cache, through the real @actions/cache library. Each save adds exactly one
 * cache entry, keyed `<key>/<pack id>`, holding the new pack and the chain's entry; earlier packs
 * of the chain stay in the cache entries that brought them, found by the key their record names.
 * So a lookup of `<key>/` finds the newest chain for the key, and restore-keys work as prefixes.
 *
 * Entries are archives of one directory (`transferDir`): the library tars and compresses it and
 * its path is part of the cache version, so it is the same on every run. Downloaded packs move to
 * `localDir` at once, so the transfer directory only ever holds what one save writes.
 */
class GithubCacheBackend {
    reporter;
    options;
    library;
    name = 'gha';
    output;
    constructor(reporter, options = defaultGithubBackendOptions(), library = cache) {
        this.reporter = reporter;
        this.options = options;
        this.library = library;
        this.output = new LibraryOutput(reporter);
    }
    /** Fails with one line when the runner offers no cache service (ACTIONS_RESULTS_URL unset). */
    ensureAvailable() {
        if (!this.library.isFeatureAvailable()) {
            throw new GithubCacheError('the GitHub Actions cache is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL: not on a GitHub runner?)');
        }
    }
    async find(key, restoreKeys) {
        this.ensureAvailable();
        const ownPrefix = `${key}/`;
        const prefixes = [ownPrefix, ...restoreKeys.slice(0, MAX_RESTORE_KEYS)];
        if (restoreKeys.length > MAX_RESTORE_KEYS) {
            this.reporter.warning(`store cache: the GitHub cache takes ${MAX_RESTORE_KEYS} restore keys; ignoring ${restoreKeys.slice(MAX_RESTORE_KEYS).join(', ')}`);
        }
        // Only the key is looked up first, without a download: a save in post usually finds the
        // entry main restored already here.
        const matched = await this.call('look up', () => this.library.restoreCache([this.options.transferDir], ownPrefix, prefixes, {
            lookupOnly: true,
        }));
        if (matched === undefined)
            return undefined;
        const packId = packIdOf(matched);
        if (!packId)
            return undefined; // not one of ours
        const entry = (await this.localEntry(packId)) ?? (await this.download(matched, packId));
        return { entry, exact: matched.startsWith(ownPrefix) };
    }
    async fetchPack(pack) {
        const local = (0,external_node_path_.join)(this.options.localDir, 'packs', pack.id);
        if (await isDirectory(local))
            return local;
        if (!pack.location) {
            throw new GithubCacheError(`pack ${pack.id} has no GitHub cache key`);
        }
        await this.download(pack.location, pack.id);
        return local;
    }
    /** A downloaded pack is as large as what it restored: it goes once imported, not at job end. */
    async releasePack(pack) {
        await (0,promises_.rm)((0,external_node_path_.join)(this.options.localDir, 'packs', pack.id), { recursive: true, force: true });
    }
    async stagingDir(packId) {
        // The transfer directory is archived whole: it holds the new pack and nothing else.
        await (0,promises_.rm)(this.options.transferDir, { recursive: true, force: true });
        const dir = (0,external_node_path_.join)(this.options.transferDir, 'packs', packId);
        await (0,promises_.mkdir)(dir, { recursive: true });
        return dir;
    }
    async commit(entry, added) {
        this.ensureAvailable();
        const cacheKey = `${entry.key}/${added.record.id}`;
        added.record.location = cacheKey;
        const entries = (0,external_node_path_.join)(this.options.transferDir, 'entries');
        await (0,promises_.mkdir)(entries, { recursive: true });
        await (0,promises_.writeFile)((0,external_node_path_.join)(entries, `${added.record.id}.json`), `${JSON.stringify(entry)}\n`);
        const id = await this.call('save', () => this.library.saveCache([this.options.transferDir], cacheKey));
        if (id === -1)
            throw new GithubCacheError(`the GitHub cache did not take ${cacheKey}`);
    }
    /** Downloads one cache entry, moves its pack and entry to the local directory, reads the entry. */
    async download(cacheKey, packId) {
        const matched = await this.call('restore', () => this.library.restoreCache([this.options.transferDir], cacheKey));
        if (matched !== cacheKey) {
            throw new GithubCacheError(`the GitHub cache no longer has ${cacheKey}`);
        }
        const from = (...parts) => (0,external_node_path_.join)(this.options.transferDir, ...parts);
        const to = (...parts) => (0,external_node_path_.join)(this.options.localDir, ...parts);
        await (0,promises_.mkdir)(to('packs'), { recursive: true });
        await (0,promises_.mkdir)(to('entries'), { recursive: true });
        try {
            await (0,promises_.rm)(to('packs', packId), { recursive: true, force: true });
            await (0,promises_.rename)(from('packs', packId), to('packs', packId));
            await (0,promises_.rename)(from('entries', `${packId}.json`), to('entries', `${packId}.json`));
        }
        catch (error) {
            // The library extracts relative to the workspace: a moved workspace puts it elsewhere.
            throw new GithubCacheError(`${cacheKey} did not unpack into ${this.options.transferDir} (${error.code ?? 'error'})`);
        }
        const entry = await this.localEntry(packId);
        if (!entry)
            throw new GithubCacheError(`${cacheKey} holds no readable entry`);
        return entry;
    }
    async localEntry(packId) {
        const file = (0,external_node_path_.join)(this.options.localDir, 'entries', `${packId}.json`);
        const text = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
        // A damaged entry throws, naming what is wrong; the lookup reports it and misses.
        return text === undefined ? undefined : (0,entry/* parseEntry */.ER)(text, `the GitHub cache entry ${packId}`);
    }
    /**
     * One library call, its output taken off stdout. A rate limit (429) is waited out, as long as
     * the service asked (Retry-After) up to a bound, and tried again; past that, or on any other
     * failure the library reported, the call fails with the library's own words.
     */
    async call(what, body) {
        for (let attempt = 1;; attempt += 1) {
            const { value, notes } = await this.output.run(body);
            // Calls overlap (packs download side by side), so notes may be another call's: a call
            // that answered is done, whatever was said meanwhile.
            if (!isFailure(value))
                return value;
            if (notes.rateLimitSeconds === undefined) {
                if (notes.problems.length > 0) {
                    throw new GithubCacheError(`GitHub cache ${what}: ${lastProblem(notes)}`);
                }
                return value; // a miss
            }
            const wait = Math.max(1, notes.rateLimitSeconds);
            if (attempt >= this.options.rateLimitTries || wait > this.options.maxRateLimitWaitSeconds) {
                throw new GithubCacheError(`GitHub cache ${what}: rate limited${notes.rateLimitSeconds ? ` for ${notes.rateLimitSeconds} s` : ''}, gave up after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`);
            }
            this.reporter.info(`store cache: the GitHub cache is rate limited; waiting ${wait} s`);
            await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        }
    }
}
function isFailure(value) {
    return value === undefined || value === -1;
}
function lastProblem(notes) {
    return notes.problems.at(-1)?.split('\n')[0] ?? 'failed';
}
/** `<key>/<pack id>` → the pack id. */
function packIdOf(cacheKey) {
    const id = cacheKey.slice(cacheKey.lastIndexOf('/') + 1);
    return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}
async function isDirectory(path) {
    return (await (0,promises_.stat)(path).catch(() => undefined))?.isDirectory() ?? false;
}


/***/ })

};
