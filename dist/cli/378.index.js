export const id = 378;
export const ids = [378];
export const modules = {

/***/ 378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEPLOY_HELP: () => (/* binding */ DEPLOY_HELP),
  deployCommand: () => (/* binding */ deployCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/json-schema-processors.js
var json_schema_processors = __webpack_require__(8439);
// EXTERNAL MODULE: ./src/oci/registry/reference.ts
var registry_reference = __webpack_require__(6812);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/config/input-readers.ts
var input_readers = __webpack_require__(6951);
;// CONCATENATED MODULE: ./src/config/deploy.ts







/**
 * hypernix.yaml: the hypervisor, the image and the VMs a deploy makes. Every value that reaches
 * virt-install, virsh or a path on the hypervisor is checked here, so the domain modules can
 * pass them on as argument vector entries without looking at them again.
 */
/** A VM name: becomes a libvirt domain name, a file name in the pool and a hostname. */
const VM_NAME_RE = /^[a-z][a-z0-9-]{0,62}$/;
const MAX_CONFIG_BYTES = 1 << 20;
const UNITS = { MiB: 1, GiB: 1024, TiB: 1024 * 1024 };
const SIZE_RE = /^([1-9][0-9]{0,8})(MiB|GiB|TiB)$/;
/** "6GiB", "6144MiB" or a whole number of MiB; "6 GB" is refused with what is expected. */
const mebibytes = (what, bareNumbers) => schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).transform((value, ctx) => {
    if (typeof value === 'number') {
        if (bareNumbers && Number.isSafeInteger(value) && value > 0)
            return value;
        ctx.addIssue({
            code: 'custom',
            message: bareNumbers
                ? `expected a whole number of MiB or a size like "6GiB"; got ${value}`
                : `expected a size with a unit like "20GiB" or "512MiB"; got ${value}`,
        });
        return core/* NEVER */.tm;
    }
    const match = SIZE_RE.exec(value);
    if (!match) {
        ctx.addIssue({
            code: 'custom',
            message: `expected ${what} like "6GiB" or "6144MiB" (units MiB, GiB, TiB, no space); got ${(0,input_readers/* shown */.SP)(value)}`,
        });
        return core/* NEVER */.tm;
    }
    return Number(match[1]) * UNITS[match[2]];
});
const memory = mebibytes('a memory size', true);
const diskSize = mebibytes('a disk size', false);
const vcpus = schemas/* number */.aig().int().min(1).max(256);
const absolutePath = schemas/* string */.YjP()
    .regex(/^\/[^\0\n,]*$/, 'expected an absolute path without commas')
    .refine((path) => !path.split('/').includes('..'), 'expected a path without ".."');
/** A file on the runner: absolute or relative to the config file, no newline or NUL. */
const runnerPath = schemas/* string */.YjP().regex(/^[^\0\n]+$/, 'expected a file path');
const hostName = schemas/* string */.YjP()
    .regex(/^(?![-.])[A-Za-z0-9.-]{1,253}$|^\[?[0-9a-fA-F:.]+\]?$/, 'expected a host name or address');
const port = schemas/* number */.aig().int().min(1).max(65535);
const userName = schemas/* string */.YjP().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'expected a user name');
const fingerprint = schemas/* string */.YjP()
    .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected a SHA256 fingerprint like "SHA256:…"');
const address = schemas/* string */.YjP().refine((text) => (0,external_node_net_.isIP)(text) === 4, 'expected an IPv4 address');
const hypervisorSsh = schemas/* strictObject */.rej({
    host: hostName,
    port: port.default(22),
    user: userName.default('root'),
    'known-hosts': runnerPath.optional().describe('a known_hosts file with the hypervisor key'),
    fingerprints: schemas/* array */.YOg(fingerprint).min(1).optional(),
    'key-file': runnerPath.optional().describe('private key; else the deploy key input'),
});
const hypervisor = schemas/* strictObject */.rej({
    ssh: hypervisorSsh.optional().describe('absent: libvirt runs on this machine'),
    'libvirt-uri': schemas/* string */.YjP()
        .regex(/^(qemu|test):\/\/\/(system|session|default)$/, 'expected qemu:///system or the like')
        .default('qemu:///system'),
    pool: absolutePath.default('/var/lib/libvirt/images/hypernix'),
    bridge: schemas/* string */.YjP()
        .regex(/^[A-Za-z0-9_.-]{1,15}$/, 'expected a network interface name')
        .default('br0'),
    'virt-type': schemas/* enum */.k5n(['auto', 'kvm', 'qemu']).default('auto'),
});
const deploy_image = schemas/* strictObject */.rej({
    ref: schemas/* string */.YjP().optional().describe('registry/repository@sha256:… of the qcow2 artifact'),
    path: runnerPath.optional().describe('a qcow2 file on the runner'),
    firmware: schemas/* enum */.k5n(['bios', 'uefi']).default('bios'),
    'secure-boot': schemas/* boolean */.zMY().default(false),
    'plain-http': schemas/* boolean */.zMY().default(false),
    osinfo: schemas/* string */.YjP()
        .regex(/^[a-z][a-z0-9.-]{0,40}$/, 'expected a libosinfo id such as linux2022')
        .default('linux2022'),
})
    .refine((value) => (value.ref === undefined) !== (value.path === undefined), {
    message: 'expected exactly one of ref and path',
});
const vmSettings = {
    memory: memory.optional(),
    vcpus: vcpus.optional(),
    disk: diskSize.optional(),
    graphics: schemas/* enum */.k5n(['none', 'vnc']).optional(),
    'vnc-listen': schemas/* enum */.k5n(['127.0.0.1', '0.0.0.0'])
        .optional()
        .describe('0.0.0.0 exposes the console to the network: warned about'),
};
const vm = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP()
        .regex(VM_NAME_RE, 'expected a lower-case name: a letter, then up to 62 of a-z 0-9 -'),
    role: schemas/* enum */.k5n(['control-plane', 'worker']),
    address: address.optional().describe('a static address, tried after the agent and leases'),
    ...vmSettings,
});
const vmSsh = schemas/* strictObject */.rej({
    user: userName.default('root'),
    port: port.default(22),
    'key-file': runnerPath.optional(),
    'via-hypervisor': schemas/* boolean */.zMY().default(true),
});
const deployFileSchema = schemas/* strictObject */.rej({
    deployment: schemas/* string */.YjP()
        .regex(VM_NAME_RE, 'expected a lower-case name')
        .default('default')
        .describe('VMs of other deployments on the same hypervisor are never touched'),
    hypervisor: hypervisor.default({
        'libvirt-uri': 'qemu:///system',
        pool: '/var/lib/libvirt/images/hypernix',
        bridge: 'br0',
        'virt-type': 'auto',
    }),
    image: deploy_image,
    defaults: schemas/* strictObject */.rej(vmSettings).default({}),
    replace: schemas/* enum */.k5n(['never', 'on-image-change']).default('never'),
    prune: schemas/* boolean */.zMY().default(false),
    ssh: vmSsh.default({ user: 'root', port: 22, 'via-hypervisor': true }),
    vms: schemas/* array */.YOg(vm).min(1).max(64),
});
// The schema's output must be what the deploy takes: a compile-time check, nothing at run time.
const _fits = true;
void _fits;
const DEFAULT_MEMORY_MIB = 2048;
const DEFAULT_VCPUS = 2;
/** Reads and checks hypernix.yaml; any problem is one InputError line naming the file and key. */
async function loadDeployConfig(file) {
    const info = await (0,promises_.stat)(file).catch(() => undefined);
    if (!info?.isFile())
        throw new errors/* InputError */.dz(`${file}: no such config file`);
    if (info.size > MAX_CONFIG_BYTES)
        throw new errors/* InputError */.dz(`${file}: ${info.size} bytes; a config file is at most 1 MiB`);
    return parseDeployConfig(await (0,promises_.readFile)(file, 'utf8'), file);
}
/** Parses the text of a config file (see loadDeployConfig). */
function parseDeployConfig(text, file) {
    let raw;
    try {
        raw = (0,dist/* parse */.qg)(text, { maxAliasCount: 50, uniqueKeys: true });
    }
    catch (error) {
        const where = error instanceof dist/* YAMLParseError */.XT && error.linePos ? ` (line ${error.linePos[0].line})` : '';
        const first = error.message.split('\n')[0];
        throw new errors/* InputError */.dz(`${file} is not valid YAML${where}: ${first}`, { cause: error });
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw new errors/* InputError */.dz(`${file}: expected a YAML mapping with hypervisor, image and vms`);
    const result = deployFileSchema.safeParse(raw);
    if (!result.success)
        throw new errors/* InputError */.dz(describeIssue(file, result.error.issues[0]));
    return resolve(result.data, file);
}
function describeIssue(file, issue) {
    if (!issue)
        return `${file}: invalid config`;
    const path = issue.path.map((part) => typeof part === 'number' ? `[${part}]` : `.${String(part)}`);
    const key = path.join('').replace(/^\./, '') || '(top level)';
    if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((name) => (0,input_readers/* shown */.SP)(name)).join(', ');
        return `${file}: ${key === '(top level)' ? '' : `${key}: `}unknown key ${keys}`;
    }
    return `${file}: ${key}: ${issue.message}`;
}
function resolve(data, file) {
    const seen = new Set();
    const vms = data.vms.map((entry, index) => {
        if (seen.has(entry.name))
            throw new errors/* InputError */.dz(`${file}: vms[${index}].name: ${(0,input_readers/* shown */.SP)(entry.name)} is used twice`);
        seen.add(entry.name);
        return {
            name: entry.name,
            role: entry.role,
            memoryMiB: entry.memory ?? data.defaults.memory ?? DEFAULT_MEMORY_MIB,
            vcpus: entry.vcpus ?? data.defaults.vcpus ?? DEFAULT_VCPUS,
            diskMiB: entry.disk ?? data.defaults.disk,
            graphics: entry.graphics ?? data.defaults.graphics ?? 'none',
            vncListen: entry['vnc-listen'] ?? data.defaults['vnc-listen'] ?? '127.0.0.1',
            address: entry.address,
        };
    });
    return {
        file,
        deployment: data.deployment,
        hypervisor: data.hypervisor,
        image: {
            source: imageSource(data.image, file),
            firmware: data.image.firmware,
            secureBoot: data.image['secure-boot'],
            osinfo: data.image.osinfo,
        },
        replace: data.replace,
        prune: data.prune,
        ssh: data.ssh,
        vms,
    };
}
function imageSource(image, file) {
    if (image.path !== undefined)
        return { kind: 'path', path: image.path };
    const reference = (0,registry_reference/* parseReference */.F2)(image.ref ?? '', `${file}: image.ref`);
    if (!reference.digest)
        throw new errors/* InputError */.dz(`${file}: image.ref: expected a reference with a digest (…@sha256:…)`);
    return {
        kind: 'ref',
        reference: reference,
        plainHttp: image['plain-http'],
    };
}
/** The JSON Schema of hypernix.yaml for editors (scripts/deploy-schema.ts writes it). */
function deployJsonSchema() {
    return json_schema_processors/* toJSONSchema */.bl(deployFileSchema, { io: 'input', unrepresentable: 'any' });
}
/** Applies per-run inputs over the config file, checking them as the file's values are. */
function withOverrides(config, overrides) {
    const { qcow2Ref, qcow2Path, hypervisorHost } = overrides;
    if (qcow2Ref && qcow2Path)
        throw new InputError('inputs qcow2-ref and qcow2-path: give one, not both');
    let source = config.image.source;
    if (qcow2Path)
        source = { kind: 'path', path: qcow2Path };
    if (qcow2Ref) {
        const reference = parseReference(qcow2Ref, 'input qcow2-ref');
        if (!reference.digest)
            throw new InputError('input qcow2-ref: expected a reference with a digest (…@sha256:…)');
        const plainHttp = source.kind === 'ref' ? source.plainHttp : false;
        source = {
            kind: 'ref',
            reference: reference,
            plainHttp,
        };
    }
    let hypervisor = config.hypervisor;
    if (hypervisorHost) {
        const host = hypervisorSsh.shape.host.safeParse(hypervisorHost);
        if (!host.success || !hypervisor.ssh)
            throw new InputError(hypervisor.ssh
                ? `input hypervisor: expected a host name or address; got ${shown(hypervisorHost)}`
                : `input hypervisor: ${config.file} has no hypervisor.ssh section to apply it to`);
        hypervisor = { ...hypervisor, ssh: { ...hypervisor.ssh, host: host.data } };
    }
    return { ...config, hypervisor, image: { ...config.image, source } };
}

// EXTERNAL MODULE: ./src/report/console-reporter.ts
var console_reporter = __webpack_require__(3465);
// EXTERNAL MODULE: ./src/cli/registry-options.ts
var registry_options = __webpack_require__(1356);
// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
;// CONCATENATED MODULE: ./src/cli/commands/deploy.ts





const DEPLOY_HELP = `Usage: hypernix deploy plan|apply|destroy -f hypernix.yaml [options]
       hypernix deploy schema

plan:    compare the config with the domains on the hypervisor and print what apply would do
         (create, keep, replace, remove); changes nothing.
apply:   do it, under the pool's lock: pull the image once by digest, a copy-on-write disk per VM,
         define and start the domains, wait for each new VM's address and SSH. Running it twice
         changes nothing and says so.
destroy: remove every VM of this deployment and the pool images no domain uses.
schema:  print the JSON Schema of hypernix.yaml (for editors).

Options:
  -f, --file FILE         the config (default hypernix.yaml)
  --lock-wait SECONDS     how long to wait for another deploy's lock (default 1800)
  --ssh-wait SECONDS      how long a new VM may take to answer SSH (default 600)
  --plain-http            talk HTTP to the registry (loopback or a trusted LAN)
  --username USER         registry user, with --password-stdin or HYPERNIX_REGISTRY_PASSWORD
  --password-stdin
  --json                  print {"vms": [...], "changed": bool, "plan": [...]} on stdout
  -v, --verbose
  -h, --help              show this help

SSH private keys: the config's key-file entries, else HYPERNIX_SSH_KEY (the key's text).
A new VM's host key is taken only from the line it prints on its serial console
("hypernix-hostkey: SHA256:… TYPE"), never from the network alone.
`;
const OPTIONS = {
    file: { type: 'string', short: 'f' },
    'lock-wait': { type: 'string' },
    'ssh-wait': { type: 'string' },
    ...registry_options/* REGISTRY_OPTIONS */.z,
};
const VERBS = ['plan', 'apply', 'destroy', 'schema'];
async function deployCommand(argv, io) {
    const [verb, ...rest] = argv;
    const { values, positionals } = (0,usage/* parseCommandLine */.D)(rest, OPTIONS, 'deploy');
    if (values.help || verb === '--help' || verb === '-h' || verb === undefined) {
        io.stdout.write(DEPLOY_HELP);
        return 0;
    }
    if (!VERBS.includes(verb))
        throw new usage/* UsageError */.e(`unknown deploy command ${JSON.stringify(verb)}; see 'hypernix deploy --help'`);
    if (positionals.length > 0)
        throw new usage/* UsageError */.e(`unexpected argument ${JSON.stringify(positionals[0])}; see 'hypernix deploy --help'`);
    if (verb === 'schema') {
        io.stdout.write(`${JSON.stringify(deployJsonSchema(), null, 2)}\n`);
        return 0;
    }
    const reporter = new console_reporter/* ConsoleReporter */.l({ verbose: values.verbose, stream: io.stderr });
    const config = await loadDeployConfig(values.file ?? 'hypernix.yaml');
    const { openDeploy } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(899), __webpack_require__.e(269)]).then(__webpack_require__.bind(__webpack_require__, 8269));
    const session = await openDeploy(config, {
        reporter,
        registry: {
            username: values.username,
            password: await (0,registry_options/* readPassword */.k)(values['password-stdin'], values.username),
            plainHttp: values['plain-http'],
        },
        lockWaitMs: seconds(values['lock-wait'], '--lock-wait', 1800),
        sshWaitMs: seconds(values['ssh-wait'], '--ssh-wait', 600),
    });
    try {
        const result = await session.run(verb);
        io.stdout.write(values.json ? `${JSON.stringify(outputOf(result))}\n` : describe(verb, result));
    }
    finally {
        await session.close();
    }
    return 0;
}
function seconds(value, option, fallback) {
    if (value === undefined)
        return fallback * 1000;
    if (!/^[0-9]{1,6}$/.test(value))
        throw new errors/* InputError */.dz(`${option}: expected a whole number of seconds; got ${JSON.stringify(value)}`);
    return Number(value) * 1000;
}
function outputOf(result) {
    return { vms: result.vms, changed: result.changed, plan: result.plan };
}
function describe(verb, result) {
    // apply and destroy printed their plan on stderr before changing anything.
    const lines = verb === 'plan' ? [...result.plan] : [];
    if (verb !== 'plan')
        lines.push(result.changed ? `Done: ${result.plan.at(-1) ?? ''}` : 'Nothing changed.');
    if (result.vms.length > 0) {
        lines.push('', 'NAME                 ROLE           STATE      ADDRESS          MAC');
        for (const vm of result.vms) {
            const cells = [vm.name.padEnd(20), vm.role.padEnd(14), vm.state.padEnd(10)];
            lines.push([...cells, (vm.address ?? '-').padEnd(16), vm.mac].join(' '));
        }
    }
    return `${lines.join('\n')}\n`;
}


/***/ }),

/***/ 1356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ readPassword),
/* harmony export */   z: () => (/* binding */ REGISTRY_OPTIONS)
/* harmony export */ });
/* harmony import */ var _usage_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7485);

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
async function readPassword(fromStdin, username) {
    if (!fromStdin)
        return process.env.HYPERNIX_REGISTRY_PASSWORD;
    if (!username)
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('--password-stdin needs --username USER');
    const chunks = [];
    let size = 0;
    for await (const chunk of process.stdin) {
        size += chunk.length;
        // A password, not a file: refuse a runaway pipe rather than hold it all.
        if (size > 64 * 1024)
            throw new _usage_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('--password-stdin: standard input is over 64 KiB');
        chunks.push(chunk);
    }
    const password = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
    if (password === '')
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e('--password-stdin: standard input was empty');
    return password;
}


/***/ }),

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

/***/ 6812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   q9: () => (/* binding */ isSha256Digest),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony export ImageReferenceError */
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
/** Whether `text` is a sha256 digest as registries write them (`sha256:` and 64 hex digits). */
const isSha256Digest = (text) => DIGEST_RE.test(text);
const DOCKER_HUB = 'registry-1.docker.io';
class ImageReferenceError extends _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz {
    name = 'ImageReferenceError';
}
/** A first path part is a registry when it has a dot, a port, or is localhost (Docker's rule). */
function looksLikeRegistry(part) {
    return part.includes('.') || part.includes(':') || part === 'localhost' || part.startsWith('[');
}
function parseReference(text, label = 'reference') {
    const fail = (why) => {
        throw new ImageReferenceError(`${label}: ${why}; got ${JSON.stringify(text)}`);
    };
    const input = text.trim();
    if (input === '')
        fail('expected an image reference such as ghcr.io/owner/name:tag');
    if (/\s/.test(input))
        fail('not a valid image reference: it contains whitespace (expected registry/repository[:tag])');
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
        throw new ImageReferenceError(`${label}: a tag is 1-128 characters of letters, digits, _ . and -, not starting with . or -; got ${JSON.stringify(tag)}`);
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


/***/ })

};
