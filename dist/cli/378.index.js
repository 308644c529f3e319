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
// EXTERNAL MODULE: ./src/cli/registry-options.ts + 1 modules
var registry_options = __webpack_require__(3724);
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
    ...registry_options/* REGISTRY_OPTIONS */.zc,
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
    const { openDeploy } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(504), __webpack_require__.e(269)]).then(__webpack_require__.bind(__webpack_require__, 8269));
    const session = await openDeploy(config, {
        reporter,
        registry: {
            username: values.username,
            password: await (0,registry_options/* readPassword */.kf)(values['password-stdin'], values.username),
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


/***/ })

};
