export const id = 722;
export const ids = [722];
export const modules = {

/***/ 3338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oz: () => (/* binding */ ARCHIVE_FORMATS),
/* harmony export */   eY: () => (/* binding */ openTarStream),
/* harmony export */   xQ: () => (/* binding */ sniffFile)
/* harmony export */ });
/* unused harmony export sniffBytes */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _blob_compression_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5031);
/* harmony import */ var _blob_digest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6909);



/** How a docker archive is stored: as dockerTools writes it, or a streamLayeredImage script. */
const ARCHIVE_FORMATS = ['tar', 'tar.gz', 'tar.zst', 'stream'];
/**
 * Looks at a file's first bytes: compression magic, tar's "ustar", qcow2's "QFI\xfb", "#!".
 * Read synchronously, as a tar's index is (see tar-index.ts): at start-up an asynchronous read
 * waits for a busy main thread.
 */
async function sniffFile(path) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, 'r');
    try {
        const head = Buffer.alloc(512);
        const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, head, 0, 512, 0);
        return sniffBytes(head.subarray(0, bytesRead));
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
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
    const file = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path, { highWaterMark: _blob_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .READ_CHUNK */ .vA });
    if (format === 'tar')
        return file;
    const tar = (0,_blob_compression_js__WEBPACK_IMPORTED_MODULE_1__/* .decompressor */ .ni)(format === 'tar.gz' ? 'gzip' : 'zstd');
    // pipe() does not pass errors on: a read error must end the stream the reader consumes.
    file.on('error', (error) => tar.destroy(error));
    return file.pipe(tar);
}


/***/ }),

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ TarFormatError),
/* harmony export */   k: () => (/* binding */ ByteReader)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);

class TarFormatError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD {
    name = 'TarFormatError';
}
/** A count of bytes must be a whole number: 0.5 would yield empty pieces for ever. */
function checkCount(count) {
    if (!Number.isSafeInteger(count) || count < 0)
        throw new TarFormatError(`cannot read ${count} bytes (not a whole, non-negative count)`);
}
/**
 * What the source threw, said for a user: a compressed stream that ends early is a truncated
 * archive (zlib's own words are "unexpected end of file (Z_BUF_ERROR)").
 */
function sourceError(error) {
    if (error instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD)
        return error;
    const { code, message } = error;
    if (code === 'Z_BUF_ERROR' || /unexpected end|truncated|premature end/i.test(String(message)))
        return new TarFormatError(`the archive is truncated: ${message}`, { cause: error });
    if (typeof code === 'string' && code.startsWith('Z_'))
        return new TarFormatError(`the archive is corrupt: ${message}`, { cause: error });
    return error instanceof Error ? error : new Error(String(error));
}
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
        let next;
        try {
            next = await this.iterator.next();
        }
        catch (error) {
            throw sourceError(error);
        }
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
        checkCount(count);
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
        checkCount(count);
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


/***/ }),

/***/ 3615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   Uf: () => (/* binding */ MAX_LAYERS),
/* harmony export */   Xp: () => (/* binding */ DockerArchiveError),
/* harmony export */   dN: () => (/* binding */ inspectDockerArchive),
/* harmony export */   u7: () => (/* binding */ MAX_SMALL_ENTRY)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9109);
/* harmony import */ var _tar_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6360);



/**
 * The most layers an image may have: overlayfs stacks at most 128 lower directories, and
 * dockerTools' maxLayers stays below that. More is not an image to push (10,000 layers once
 * made 10,000 HEAD, POST and DELETE requests before failing).
 */
const MAX_LAYERS = 128;
/** The largest manifest.json or image config taken (a real one is a few KiB). */
const MAX_SMALL_ENTRY = 4 << 20;
class DockerArchiveError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HypernixError */ .iD {
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
    const layers = parsed.reduce((most, image) => Math.max(most, image.Layers.length), 0);
    if (layers > MAX_LAYERS) {
        throw new DockerArchiveError(`${source}: manifest.json lists ${layers} layers; an image has at most ${MAX_LAYERS}`);
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
        for await (const entry of (0,_tar_js__WEBPACK_IMPORTED_MODULE_1__/* .readTar */ .sB)(tar)) {
            const name = entry.name.replace(/^\.\//, '');
            if (entry.type === 'file')
                entrySizes.set(name, entry.size);
            if (entrySizes.size > _tar_index_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_INDEX_ENTRIES */ .Vk)
                throw new _tar_js__WEBPACK_IMPORTED_MODULE_1__/* .TarFormatError */ .ZV(`more than ${_tar_index_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_INDEX_ENTRIES */ .Vk} entries, not an image archive`);
            if (name === 'manifest.json')
                images = parseManifest((await entry.readAll(MAX_SMALL_ENTRY)).toString('utf8'), source);
        }
    }
    catch (error) {
        if (error instanceof _tar_js__WEBPACK_IMPORTED_MODULE_1__/* .TarFormatError */ .ZV)
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


/***/ }),

/***/ 5315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IE: () => (/* binding */ BLOCK),
/* harmony export */   Ms: () => (/* binding */ padding),
/* harmony export */   QP: () => (/* binding */ typeOf),
/* harmony export */   TL: () => (/* binding */ quoted),
/* harmony export */   at: () => (/* binding */ ExtendedHeaderState),
/* harmony export */   ay: () => (/* binding */ readHeader)
/* harmony export */ });
/* unused harmony exports MAX_ENTRY_SIZE, MAX_EXTENDED_SIZE, MAX_NAME_LENGTH, field, numericField, checksumOk */
/* harmony import */ var _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6600);

/**
 * The one place a tar header is read and checked, for the streaming reader (tar.ts) and the
 * seeking indexer (tar-index.ts) alike. Every number comes from an archive someone else wrote:
 * a size is decimal or octal digits only, within bounds, or the archive is refused. A fraction,
 * a sign or an exponent once made the readers loop for ever (a size of 0.5 never ends, -1536
 * moves backwards).
 */
const BLOCK = 512;
/** The largest entry size taken: exact in a JavaScript number (2^53 - 1 bytes, 8 PiB). */
const MAX_ENTRY_SIZE = Number.MAX_SAFE_INTEGER;
/**
 * The largest extended header (PAX 'x' and 'g', GNU long names 'L' and 'K') gathered: a real one
 * is a few hundred bytes. Checked before a byte of it is read.
 */
const MAX_EXTENDED_SIZE = 1 << 20;
/** The longest entry name taken (Linux's PATH_MAX): an image archive's names are short. */
const MAX_NAME_LENGTH = 4096;
function field(header, offset, length) {
    const raw = header.subarray(offset, offset + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}
/** A name or value from the archive, quoted and cut short, safe to put in a one-line message. */
function quoted(text, max = 120) {
    return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
/**
 * A numeric header field: octal digits (spaces and NULs around them allowed, as old writers
 * pad so), or GNU's base-256 for values octal cannot hold. Undefined when it is neither, or out
 * of bounds.
 */
function numericField(header, offset, length) {
    const first = header[offset];
    if (first & 0x80) {
        // Base-256, big-endian; a set second bit makes it negative, which no size is.
        if (first & 0x40)
            return undefined;
        let value = first & 0x3f;
        for (let i = offset + 1; i < offset + length; i += 1) {
            value = value * 256 + header[i];
            if (value > MAX_ENTRY_SIZE)
                return undefined;
        }
        return value;
    }
    const text = header.toString('latin1', offset, offset + length).replace(/^[ \0]+|[ \0]+$/g, '');
    if (text === '')
        return 0;
    if (!/^[0-7]+$/.test(text))
        return undefined;
    const value = parseInt(text, 8);
    return value <= MAX_ENTRY_SIZE ? value : undefined;
}
function checksumOk(header) {
    const stored = numericField(header, 148, 8);
    if (stored === undefined)
        return false;
    // The checksum field itself counts as eight spaces. Two plain loops, not one with a test per
    // byte: headers are checked before V8 has optimised anything, where each operation counts.
    let sum = 8 * 32;
    for (let i = 0; i < 148; i += 1)
        sum += header[i];
    for (let i = 156; i < BLOCK; i += 1)
        sum += header[i];
    return sum === stored;
}
/** PAX keys this reader acts on: given twice in one header, which one counts is unclear. */
const PAX_KEYS_USED = new Set(['size', 'path', 'linkpath']);
/**
 * The state that extended headers (PAX 'x', GNU long names 'L' and 'K') carry over to the next
 * real entry.
 */
class ExtendedHeaderState {
    pax = new Map();
    longName;
    longLink;
    static isExtended(flag) {
        return flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
    }
    /** The name the next entry will have, for messages about its header. */
    nameOf(header) {
        const prefix = field(header, 345, 155);
        const baseName = field(header, 0, 100);
        return this.pax.get('path') ?? this.longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    }
    take(flag, data, name) {
        if (flag === 'x')
            this.pax = parsePax(data, name);
        if (flag === 'L')
            this.longName = data.toString('utf8').replace(/\0+$/, '');
        if (flag === 'K')
            this.longLink = data.toString('utf8').replace(/\0+$/, '');
    }
    /** The entry's name and link, with any extended header applied; then forgets them. */
    resolve(header) {
        const name = this.nameOf(header);
        const linkName = this.pax.get('linkpath') ?? this.longLink ?? field(header, 157, 100);
        this.pax = new Map();
        this.longName = undefined;
        this.longLink = undefined;
        if (name.length > MAX_NAME_LENGTH || linkName.length > MAX_NAME_LENGTH) {
            throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`entry ${quoted(name)}: a name of more than ${MAX_NAME_LENGTH} bytes is not an image archive's`);
        }
        return { name, linkName };
    }
    /** The size of the next entry's data: a PAX `size`, else the header's own field. */
    sizeOf(header, name) {
        const pax = this.pax.get('size');
        if (pax === undefined)
            return headerSize(header, name);
        if (!/^[0-9]{1,16}$/.test(pax) || Number(pax) > MAX_ENTRY_SIZE) {
            throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`entry ${quoted(name)}: PAX size ${quoted(pax, 40)} is not a byte count (decimal digits, at most 2^53 - 1)`);
        }
        return Number(pax);
    }
}
function headerSize(header, name) {
    const size = numericField(header, 124, 12);
    if (size === undefined) {
        throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`entry ${quoted(name)}: size field ${quoted(header.toString('latin1', 124, 136))} is not a byte count (octal digits or base-256, at most 2^53 - 1)`);
    }
    return size;
}
/** PAX records, `LENGTH KEY=VALUE\n` each, LENGTH counting the whole record in bytes. */
function parsePax(data, name) {
    const records = new Map();
    const malformed = (why) => new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`entry ${quoted(name)}: malformed PAX header (${why})`);
    let offset = 0;
    while (offset < data.length && data[offset] !== 0) {
        const space = data.indexOf(0x20, offset);
        const lengthText = space === -1 ? '' : data.toString('latin1', offset, space);
        if (!/^[0-9]{1,7}$/.test(lengthText))
            throw malformed('a record length is not a number');
        const end = offset + Number(lengthText);
        if (end <= space + 1 || end > data.length || data[end - 1] !== 0x0a)
            throw malformed('a record length does not match its record');
        const record = data.toString('utf8', space + 1, end - 1);
        const equals = record.indexOf('=');
        if (equals <= 0)
            throw malformed('a record has no key');
        const key = record.slice(0, equals);
        if (records.has(key) && PAX_KEYS_USED.has(key))
            throw malformed(`${key} is given twice`);
        records.set(key, record.slice(equals + 1));
        offset = end;
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
 * Checks a 512-byte header (checksum, size) and says what it announces. `position` is its
 * offset in the archive, for messages.
 */
function readHeader(header, state, position) {
    if (!checksumOk(header)) {
        throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(position === 0
            ? 'not a tar archive (bad header checksum)'
            : `corrupt tar header at byte ${position}`);
    }
    const flag = field(header, 156, 1);
    const extended = ExtendedHeaderState.isExtended(flag);
    // An extended header's own size is its header's: a PAX size describes the entry after it.
    const name = extended ? field(header, 0, 100) : state.nameOf(header);
    const size = extended ? headerSize(header, name) : state.sizeOf(header, name);
    if (extended && size > MAX_EXTENDED_SIZE) {
        throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`entry ${quoted(name)}: an extended header (type ${flag}) of ${size} bytes, more than the ${MAX_EXTENDED_SIZE} taken`);
    }
    return { flag, size, extended, name };
}


/***/ }),

/***/ 6360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cq: () => (/* binding */ readEntrySync),
/* harmony export */   Vk: () => (/* binding */ MAX_INDEX_ENTRIES),
/* harmony export */   c3: () => (/* binding */ indexTarFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _byte_reader_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6600);
/* harmony import */ var _tar_header_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5315);



/**
 * The most entries indexed. A dockerTools archive of 128 layers has about 400 (a directory, a
 * layer.tar, json and VERSION per layer in docker save's form); each costs its name in memory.
 */
const MAX_INDEX_ENTRIES = 4096;
/**
 * Lists a plain tar file's entries with the offsets of their data, reading only the 512-byte
 * headers: a 1 GB image is indexed in a few hundred small reads, and its layers can then be read
 * in parallel, or not at all.
 */
async function indexTarFile(path) {
    return indexTarFileSync(path);
}
/**
 * The reads are synchronous on purpose: each asynchronous one waits for a thread-pool round trip
 * and then a free turn of the main thread, which is busy at start-up: the header reads of a
 * many-layer archive then finish after the registry has answered. From the page cache, as a
 * freshly built archive is, the synchronous reads are almost free.
 */
function indexTarFileSync(path) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, 'r');
    try {
        return indexOpenTar(fd);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** A small entry's bytes (a manifest, a config), read synchronously like the index. */
function readEntrySync(path, offset, size) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, 'r');
    try {
        return readAt(fd, offset, size);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function readAt(fd, position, length) {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
        const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, done, length - done, position + done);
        if (bytesRead === 0)
            break;
        done += bytesRead;
    }
    return buffer.subarray(0, done);
}
function indexOpenTar(fd) {
    const { size: fileSize } = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
    const entries = new Map();
    const extended = new _tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .ExtendedHeaderState */ .at();
    let position = 0;
    for (;;) {
        const header = readAt(fd, position, _tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .BLOCK */ .IE);
        if (header.length === 0)
            break;
        if (header.length < _tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .BLOCK */ .IE)
            throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .TarFormatError */ .Z('truncated tar header');
        if (header.every((byte) => byte === 0))
            break;
        const { flag, size, extended: isExtended, name: headerName, } = (0,_tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .readHeader */ .ay)(header, extended, position);
        const dataStart = position + _tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .BLOCK */ .IE;
        if (dataStart + size > fileSize)
            throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .TarFormatError */ .Z(`truncated tar archive: ${(0,_tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .TL)(headerName)} ends early`);
        if (isExtended) {
            extended.take(flag, readAt(fd, dataStart, size), headerName);
        }
        else {
            const { name } = extended.resolve(header);
            if (entries.size >= MAX_INDEX_ENTRIES)
                throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .TarFormatError */ .Z(`more than ${MAX_INDEX_ENTRIES} entries, not an image archive`);
            entries.set(name.replace(/^\.\//, ''), { name, type: (0,_tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .typeOf */ .QP)(flag), offset: dataStart, size });
        }
        position = dataStart + size + (0,_tar_header_js__WEBPACK_IMPORTED_MODULE_2__/* .padding */ .Ms)(size);
    }
    return entries;
}


/***/ }),

/***/ 9109:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZV: () => (/* reexport safe */ _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__.Z),
/* harmony export */   sB: () => (/* binding */ readTar)
/* harmony export */ });
/* harmony import */ var _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6600);
/* harmony import */ var _tar_header_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5315);



/**
 * Reads a tar stream entry by entry in one pass (ustar, GNU long names, PAX headers). Nothing is
 * extracted; each entry's content is streamed to whoever asks and skipped otherwise.
 */
async function* readTar(source) {
    const reader = new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .ByteReader */ .k(source);
    const extended = new _tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .ExtendedHeaderState */ .at();
    let entries = 0;
    try {
        for (;;) {
            const header = await reader.read(_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .BLOCK */ .IE);
            if (header.length === 0 && entries === 0)
                throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z('empty input, not a tar archive');
            if (header.length === 0)
                return; // some writers omit the end-of-archive blocks
            if (header.length < _tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .BLOCK */ .IE)
                throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z('truncated tar header');
            if (header.every((byte) => byte === 0))
                return;
            const { flag, size, extended: isExtended, name: headerName, } = (0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .readHeader */ .ay)(header, extended, reader.position - _tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .BLOCK */ .IE);
            entries += 1;
            if (isExtended) {
                const data = Buffer.concat(await collect(reader.take(size)));
                await reader.skip((0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .padding */ .Ms)(size));
                if (data.length < size)
                    throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`truncated tar archive: ${(0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .TL)(headerName)} ends early`);
                extended.take(flag, data, headerName);
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
                type: (0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .typeOf */ .QP)(flag),
                linkName,
                content: body,
                readAll: async (limit = 64 * 1024 * 1024) => {
                    if (size > limit)
                        throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`entry ${(0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .TL)(name)} is ${size} bytes, more than the ${limit} expected`);
                    return Buffer.concat(await collect(body()));
                },
            };
            if (consumed < size)
                consumed += await reader.skip(size - consumed);
            if (consumed < size)
                throw new _byte_reader_js__WEBPACK_IMPORTED_MODULE_0__/* .TarFormatError */ .Z(`truncated tar archive: ${(0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .quoted */ .TL)(name)} ends early`);
            await reader.skip((0,_tar_header_js__WEBPACK_IMPORTED_MODULE_1__/* .padding */ .Ms)(size));
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
