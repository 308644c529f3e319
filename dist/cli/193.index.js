export const id = 193;
export const ids = [193];
export const modules = {

/***/ 5193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEPLOY_HELP: () => (/* binding */ DEPLOY_HELP),
  deployCommand: () => (/* binding */ deployCommand)
});

;// CONCATENATED MODULE: ./src/hypervisor/spec.ts
/**
 * What a deploy works from: hypernix.yaml read and checked (config/deploy.ts), with every default
 * filled in. The hypervisor and the deploy steps take these types; the schema that makes them
 * lives above, in config/.
 */
/** A VM name: becomes a libvirt domain name, a file name in the pool and a hostname. */
const VM_NAME_RE = /^[a-z][a-z0-9-]{0,62}$/;

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
// EXTERNAL MODULE: ./src/cluster/cidr.ts
var cidr = __webpack_require__(7090);
// EXTERNAL MODULE: ./src/config/input-readers.ts
var input_readers = __webpack_require__(6951);
;// CONCATENATED MODULE: ./src/config/cluster.ts





/**
 * The `cluster:` section of hypernix.yaml: a kubeadm cluster on the VMs, its CNI, the workload
 * and the smoke test. Checked whole here (CIDRs, digests, the smoke test's path) so that a bad
 * value stops the deploy before anything is made.
 */
const cluster_cidr = schemas/* string */.YjP().transform((text, ctx) => {
    const parsed = (0,cidr/* parseCidr */.GN)(text);
    if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return core/* NEVER */.tm;
    }
    return parsed;
});
const seconds = schemas/* number */.aig()
    .int()
    .min(1)
    .max(24 * 3600);
const runnerPath = schemas/* string */.YjP().regex(/^[^\0\n]+$/, 'expected a file path');
const sha256 = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
const endpoint = schemas/* string */.YjP()
    .regex(/^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$/, 'expected host:port such as 10.0.0.10:6443');
const dnsLabel = schemas/* string */.YjP().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a DNS label');
const version = schemas/* string */.YjP()
    .regex(/^(from-node|v1\.\d{1,2}\.\d{1,3})$/, 'expected "from-node" or a version like v1.31.2');
/** The only smoke-test form: the API server's proxy to a service, inside the cluster. */
const PROXY_RE = /^\/api\/v1\/namespaces\/([a-z0-9-]{1,63})\/services\/(?:https?:)?([a-z0-9-]{1,63})(?::([a-z0-9-]{1,15}))?\/proxy(\/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$/;
const smokeTest = schemas/* strictObject */.rej({
    url: schemas/* string */.YjP().describe('/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH'),
    'expect-status': schemas/* number */.aig().int().min(100).max(599).default(200),
    'expect-body': schemas/* string */.YjP().max(4096).optional(),
});
const workload = schemas/* strictObject */.rej({
    manifests: schemas/* array */.YOg(runnerPath).min(1).max(64),
    'image-from': schemas/* string */.YjP().optional().describe('registry/repository@sha256:… (--image overrides)'),
    namespace: dnsLabel.default('default'),
    'ready-timeout': seconds.default(300),
});
const clusterSchema = schemas/* strictObject */.rej({
    'pod-subnet': cluster_cidr.prefault('10.244.0.0/16'),
    'service-subnet': cluster_cidr.prefault('10.96.0.0/12'),
    'control-plane-endpoint': endpoint.optional(),
    'kubernetes-version': version.default('from-node'),
    'cgroup-driver': schemas/* enum */.k5n(['systemd', 'cgroupfs']).default('systemd'),
    'cri-socket': schemas/* string */.YjP()
        .regex(/^unix:\/\/\/[A-Za-z0-9._/-]+$/, 'expected unix:///path/to.sock')
        .default('unix:///run/containerd/containerd.sock'),
    'host-networks': schemas/* array */.YOg(cluster_cidr)
        .max(32)
        .default([])
        .describe('the LANs of the hypervisor and runner: the subnets must not overlap them'),
    cni: schemas/* strictObject */.rej({
        name: schemas/* enum */.k5n(['flannel', 'calico'], { message: 'expected flannel or calico' }),
        manifest: schemas/* string */.YjP().regex(/^[^\0\n]+$/, 'expected a file path or an https:// URL'),
        sha256,
    }),
    workload: workload.optional(),
    'smoke-test': smokeTest.optional(),
    kubeconfig: runnerPath.default('kubeconfig'),
    'replace-control-plane': schemas/* boolean */.zMY().default(false),
    'ready-timeout': seconds.default(600),
    'drain-timeout': seconds.default(300),
});
/** Turns the checked section into the cluster step's spec; cross-field problems are one line. */
function resolveCluster(data, file) {
    const at = (key) => `${file}: cluster.${key}`;
    const pod = data['pod-subnet'];
    const service = data['service-subnet'];
    if ((0,cidr/* overlaps */.$f)(pod, service))
        throw new errors/* InputError */.dz(`${at('pod-subnet')}: ${pod.text} overlaps service-subnet ${service.text}; expected separate ranges`);
    for (const network of data['host-networks']) {
        for (const [key, subnet] of [
            ['pod-subnet', pod],
            ['service-subnet', service],
        ]) {
            if ((0,cidr/* overlaps */.$f)(subnet, network))
                throw new errors/* InputError */.dz(`${at(key)}: ${subnet.text} overlaps host network ${network.text}; pick a range outside it`);
        }
    }
    const manifest = data.cni.manifest;
    if (/^[a-z][a-z0-9+.-]*:/i.test(manifest) && !manifest.startsWith('https://'))
        throw new errors/* InputError */.dz(`${at('cni.manifest')}: expected a file path or an https:// URL; got ${(0,input_readers/* shown */.SP)(manifest)}`);
    const workloadSpec = data.workload;
    if (workloadSpec?.['image-from'] !== undefined)
        checkWorkloadImage(workloadSpec['image-from'], at('workload.image-from'));
    return {
        podSubnet: pod,
        serviceSubnet: service,
        controlPlaneEndpoint: data['control-plane-endpoint'],
        kubernetesVersion: data['kubernetes-version'],
        cgroupDriver: data['cgroup-driver'],
        criSocket: data['cri-socket'],
        cni: {
            name: data.cni.name,
            source: manifest.startsWith('https://')
                ? { kind: 'url', url: manifest }
                : { kind: 'path', path: manifest },
            sha256: data.cni.sha256,
        },
        workload: workloadSpec && {
            manifests: workloadSpec.manifests,
            image: workloadSpec['image-from'],
            namespace: workloadSpec.namespace,
            readyTimeoutMs: workloadSpec['ready-timeout'] * 1000,
        },
        smokeTest: data['smoke-test'] && smokeSpec(data['smoke-test'], at('smoke-test.url')),
        hostNetworks: data['host-networks'],
        kubeconfig: data.kubeconfig,
        replaceControlPlane: data['replace-control-plane'],
        readyTimeoutMs: data['ready-timeout'] * 1000,
        drainTimeoutMs: data['drain-timeout'] * 1000,
    };
}
/** A workload image must name its digest: a tag can move between apply and the smoke test. */
function checkWorkloadImage(image, what) {
    if (image.startsWith('-') || /\s/.test(image))
        throw new errors/* InputError */.dz(`${what}: expected registry/repository@sha256:…; got ${(0,input_readers/* shown */.SP)(image)}`);
    const reference = (0,registry_reference/* parseReference */.F2)(image, what);
    if (!reference.digest)
        throw new errors/* InputError */.dz(`${what}: ${(0,input_readers/* shown */.SP)(image)} has no digest; expected registry/repository@sha256:<64 hex>`);
    return image;
}
function smokeSpec(data, what) {
    const match = PROXY_RE.exec(data.url);
    if (!match || data.url.includes('..'))
        throw new errors/* InputError */.dz(`${what}: expected an API server proxy path /api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH; got ${(0,input_readers/* shown */.SP)(data.url)} (nothing outside the cluster is fetched)`);
    return {
        url: data.url,
        namespace: match[1],
        service: match[2],
        port: match[3] ?? '',
        path: match[4] ?? '/',
        expectStatus: data['expect-status'],
        expectBody: data['expect-body'],
    };
}

;// CONCATENATED MODULE: ./src/config/deploy.ts









/**
 * hypernix.yaml: the hypervisor, the image and the VMs a deploy makes. Every value that reaches
 * virt-install, virsh or a path on the hypervisor is checked here, so the domain modules can
 * pass them on as argument vector entries without looking at them again.
 */
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
const deploy_runnerPath = schemas/* string */.YjP().regex(/^[^\0\n]+$/, 'expected a file path');
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
    'known-hosts': deploy_runnerPath.optional().describe('a known_hosts file with the hypervisor key'),
    fingerprints: schemas/* array */.YOg(fingerprint).min(1).optional(),
    'key-file': deploy_runnerPath.optional().describe('private key; else the deploy key input'),
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
    path: deploy_runnerPath.optional().describe('a qcow2 file on the runner'),
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
    'key-file': deploy_runnerPath.optional(),
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
    cluster: clusterSchema.optional().describe('a kubeadm cluster on the VMs (after they are made)'),
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
        cluster: data.cluster && resolveCluster(data.cluster, file),
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
        throw new errors/* InputError */.dz('inputs qcow2-ref and qcow2-path: give one, not both');
    let source = config.image.source;
    if (qcow2Path)
        source = { kind: 'path', path: qcow2Path };
    if (qcow2Ref) {
        const reference = (0,registry_reference/* parseReference */.F2)(qcow2Ref, 'input qcow2-ref');
        if (!reference.digest)
            throw new errors/* InputError */.dz('input qcow2-ref: expected a reference with a digest (…@sha256:…)');
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
            throw new errors/* InputError */.dz(hypervisor.ssh
                ? `input hypervisor: expected a host name or address; got ${(0,input_readers/* shown */.SP)(hypervisorHost)}`
                : `input hypervisor: ${config.file} has no hypervisor.ssh section to apply it to`);
        hypervisor = { ...hypervisor, ssh: { ...hypervisor.ssh, host: host.data } };
    }
    return {
        ...config,
        hypervisor,
        image: { ...config.image, source },
        cluster: withWorkloadImage(config, overrides.workloadImage),
    };
}
function withWorkloadImage(config, image) {
    const { cluster } = config;
    if (!image)
        return cluster;
    if (!cluster?.workload)
        throw new errors/* InputError */.dz(`image: ${config.file} has no cluster.workload section to apply it to`);
    const checked = checkWorkloadImage(image, 'image');
    return { ...cluster, workload: { ...cluster.workload, image: checked } };
}

// EXTERNAL MODULE: ./src/report/console-reporter.ts
var console_reporter = __webpack_require__(3465);
// EXTERNAL MODULE: ./src/cli/registry-options.ts + 2 modules
var registry_options = __webpack_require__(1057);
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
         With a cluster: section, apply then makes the kubeadm cluster on the VMs (preflight,
         init, joins, CNI, kubeconfig, workload, smoke test; each step skipped when done).
destroy: remove every VM of this deployment and the pool images no domain uses.
schema:  print the JSON Schema of hypernix.yaml (for editors).

Options:
  -f, --file FILE         the config (default hypernix.yaml)
  --lock-wait SECONDS     how long to wait for another deploy's lock (default 1800)
  --ssh-wait SECONDS      how long a new VM may take to answer SSH (default 600)
  --image REF             the workload's image, registry/repository@sha256:… (overrides
                          cluster.workload.image-from)
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
    image: { type: 'string' },
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
    const config = withOverrides(await loadDeployConfig(values.file ?? 'hypernix.yaml'), {
        workloadImage: values.image,
    });
    const { openDeploy } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(958), __webpack_require__.e(909)]).then(__webpack_require__.bind(__webpack_require__, 2909));
    const session = await openDeploy(config, {
        reporter,
        registry: {
            username: values.username,
            password: await (0,registry_options/* readPassword */.kf)(values['password-stdin'], values.username),
            plainHttp: values['plain-http'],
        },
        lockWaitMs: deploy_seconds(values['lock-wait'], '--lock-wait', 1800),
        sshWaitMs: deploy_seconds(values['ssh-wait'], '--ssh-wait', 600),
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
function deploy_seconds(value, option, fallback) {
    if (value === undefined)
        return fallback * 1000;
    if (!/^[0-9]{1,6}$/.test(value))
        throw new errors/* InputError */.dz(`${option}: expected a whole number of seconds; got ${JSON.stringify(value)}`);
    return Number(value) * 1000;
}
function outputOf(result) {
    return { vms: result.vms, changed: result.changed, plan: result.plan, cluster: result.cluster };
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
    const cluster = result.cluster;
    if (cluster) {
        lines.push('', `Cluster: control plane ${cluster.endpoint}, kubeconfig ${cluster.kubeconfig}`);
        for (const node of cluster.nodes)
            lines.push(`  ${node.name.padEnd(20)} ${node.role.padEnd(14)} ${node.version.padEnd(10)} ${node.ready ? 'Ready' : 'NotReady'}`);
        for (const stage of cluster.stages)
            lines.push(`  ${stage.name.padEnd(14)} ${(stage.ms / 1000).toFixed(1).padStart(6)} s  ${stage.note}`);
    }
    return `${lines.join('\n')}\n`;
}


/***/ }),

/***/ 7090:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ overlaps),
/* harmony export */   Af: () => (/* binding */ networkOf),
/* harmony export */   GN: () => (/* binding */ parseCidr)
/* harmony export */ });
/* unused harmony exports contains, formatAddress */
/**
 * IPv4 CIDR blocks: parsed strictly (a host address with a prefix, `10.0.0.1/8`, is refused, as
 * kubeadm would misread it) and compared for overlap, which the cluster's subnets must avoid.
 */
const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** Parses `a.b.c.d/n`; returns a reason string when it is not a network's CIDR. */
function parseCidr(text) {
    const match = CIDR_RE.exec(text);
    if (!match)
        return `expected an IPv4 CIDR like 10.244.0.0/16; got ${JSON.stringify(text)}`;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((octet) => octet > 255) || prefix > 32)
        return `expected an IPv4 CIDR like 10.244.0.0/16; got ${JSON.stringify(text)}`;
    const base = octets.reduce((sum, octet) => sum * 256 + octet, 0);
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((base & ~mask) >>> 0 !== 0) {
        const network = `${formatAddress((base & mask) >>> 0)}/${prefix}`;
        return `${text} has host bits set; the network is ${network}`;
    }
    return { text, base, prefix };
}
/** An address with its prefix length (`10.88.0.5/24`, as `ip -o addr` prints) as its network. */
function networkOf(address, prefix) {
    const parsed = parseCidr(`${address}/32`);
    if (typeof parsed === 'string' || prefix < 0 || prefix > 32)
        return undefined;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const base = (parsed.base & mask) >>> 0;
    return { text: `${formatAddress(base)}/${prefix}`, base, prefix };
}
function size(cidr) {
    return 2 ** (32 - cidr.prefix);
}
function overlaps(a, b) {
    return a.base < b.base + size(b) && b.base < a.base + size(a);
}
function contains(cidr, address) {
    const single = parseCidr(`${address}/32`);
    return typeof single !== 'string' && overlaps(cidr, single);
}
function formatAddress(value) {
    return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}


/***/ })

};
