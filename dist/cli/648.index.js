export const id = 648;
export const ids = [648];
export const modules = {

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


/***/ })

};
