import type { DeployConfig, ImageSource } from './spec.js';
import type { Host } from '../hosts/host.js';
import { sha256File } from '../oci/blob/digest.js';
import type { Reporter } from '../util/reporter.js';
import { InputError } from '../util/errors.js';
import { allOrFirstFailure } from '../util/limiter.js';
import {
  findAddress,
  readSerialHostKeys,
  waitForSsh,
  type HostKeyLine,
  type PortProbe,
} from './addresses.js';
import type { DomainFacts } from './domain-xml.js';
import { Virsh } from './libvirt.js';
import type { DeployJournal } from './journal.js';
import { acquireLock } from './lock.js';
import { checkMacs } from './mac.js';
import {
  changes,
  describePlan,
  planActions,
  settingsHash,
  type Action,
  type DesiredVm,
} from './plan.js';
import { ensureImage, gcImages, type PoolImage, type Puller } from './pool.js';
import { imageInfo } from './qemu-img.js';
import { clusterPlan, rolloutSteps, type Step } from './rollout.js';
import { createVm, removeVm, vmFiles, type LifecycleContext } from './vm-lifecycle.js';

/** What a deploy works with: the config, the hypervisor as a Host, and how to reach things. */
export interface DeployContext {
  config: DeployConfig;
  host: Host;
  /** The hypervisor is this machine. */
  local: boolean;
  reporter: Reporter;
  pull: Puller;
  probe: PortProbe;
  /** Connects to a VM over SSH with the host keys it printed; throws to keep waiting. */
  confirmSsh?: (vm: VmReport, address: string) => Promise<void>;
  lockWaitMs?: number;
  sshWaitMs?: number;
  /** A cluster's part in a replacement; the deploy session supplies it when `cluster:` is set. */
  rollout?: Rollout;
  /** Told of the lock and of each VM being made, so a cut-off deploy can be undone after. */
  journal?: DeployJournal;
}

/**
 * What the cluster does around a VM's replacement (rollout.ts orders the steps). `vms` is every
 * VM of the config as it is at that moment (the control plane's address and host keys).
 */
export interface Rollout {
  replaceControlPlane: boolean;
  /** Before the VM is removed: cordon, drain, delete the node. Throws to stop the rollout. */
  drain(vm: VmReport, vms: readonly VmReport[]): Promise<void>;
  /** After the new VM answers SSH: join again, wait Ready. Throws to stop the rollout. */
  rejoin(vm: VmReport, vms: readonly VmReport[]): Promise<void>;
}

/** One VM as the outputs show it. */
export interface VmReport {
  name: string;
  role: string;
  mac: string;
  address?: string;
  state: string;
  image: string;
  hostKeys?: HostKeyLine[];
}

export interface DeployResult {
  actions: Action[];
  plan: string[];
  vms: VmReport[];
  changed: boolean;
}

/** The image's digest without fetching it: in the reference, or the local file's own sha256. */
async function imageDigest(source: ImageSource): Promise<string> {
  return source.kind === 'ref' ? source.reference.digest : (await sha256File(source.path)).digest;
}

async function desiredVms(config: DeployConfig): Promise<DesiredVm[]> {
  const macs = checkMacs(
    config.vms.map((vm) => vm.name),
    config.file,
  );
  const image = await imageDigest(config.image.source);
  const { hypervisor } = config;
  return config.vms.map((spec) => ({
    spec,
    mac: macs.get(spec.name) as string,
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

async function computePlan(context: DeployContext, virsh: Virsh) {
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
export async function plan(context: DeployContext): Promise<DeployResult> {
  const virsh = new Virsh(context.host, context.config.hypervisor['libvirt-uri']);
  await checkBridge(context);
  const { actions } = await computePlan(context, virsh);
  const vms = await reportVms(context, virsh, actions, false);
  return { actions, plan: describePlan(actions), vms, changed: false };
}

/** Makes the hypervisor match the config, under the pool's lock. */
export async function apply(context: DeployContext): Promise<DeployResult> {
  const { config, host, reporter } = context;
  const virsh = new Virsh(host, config.hypervisor['libvirt-uri']);
  await checkBridge(context);
  return underLock(context, async () => {
    // Planned under the lock: a deploy that waited sees what the one before it made.
    const { actions, policy } = await computePlan(context, virsh);
    const lines = describePlan(actions);
    for (const line of lines) reporter.info(line);
    const lifecycle: LifecycleContext = {
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
export async function underLock<T>(context: DeployContext, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(context.host, context.config.hypervisor.pool, {
    waitMs: context.lockWaitMs ?? 30 * 60_000,
    reporter: context.reporter,
  });
  context.journal?.locked(lock.beat);
  try {
    return await work();
  } finally {
    await lock.release();
    context.journal?.unlocked();
  }
}

/**
 * A VM the config declares should run: a kept domain of this deployment that is not running
 * (shut off by hand, or left defined by an apply cut off between define and start) is started,
 * with autostart, and said so. Returns how many were started.
 */
async function startKeptVms(lifecycle: LifecycleContext, actions: readonly Action[]) {
  let started = 0;
  for (const action of actions) {
    if (action.kind !== 'keep') continue;
    const name = action.vm.spec.name;
    const state = await lifecycle.virsh.state(name);
    if (state === undefined || state === 'running') continue;
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
async function runSteps(
  context: DeployContext,
  lifecycle: LifecycleContext,
  actions: readonly Action[],
  steps: readonly Step[],
): Promise<Map<string, VmReport>> {
  const { config, host, reporter, rollout } = context;
  const known = new Map<string, VmReport>();
  // Every VM as it is now, located without waiting, before the first drain.
  let current: VmReport[] = [];
  if (rollout && steps.some((step) => step.kind === 'drain'))
    current = await reportVms(context, lifecycle.virsh, actions, false);
  const reportOf = (name: string) => current.find((vm) => vm.name === name);
  let image: PoolImage | undefined;
  const poolImage = async () =>
    (image ??= await ensureImage(
      { host, pool: config.hypervisor.pool, local: context.local, reporter },
      config.image.source,
      context.pull,
    ));
  for (const [index, step] of steps.entries()) {
    if (step.kind === 'remove') await removeVm(lifecycle, step.name, step.disks);
    if (step.kind === 'drain' && rollout) {
      const vm = reportOf(step.vm.spec.name);
      if (vm) await rollout.drain(vm, current);
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
      const [first, ...rest] = batch.flatMap((create) =>
        create.kind === 'create' ? [create.vm] : [],
      );
      if (first) await createVm(lifecycle, first, base);
      await allOrFirstFailure(
        rest.map((vm) => () => createVm(lifecycle, vm, base)),
        CREATE_AT_ONCE,
      );
    }
    if (step.kind === 'rejoin' && rollout) {
      const action = actions.find((a) => 'vm' in a && a.vm === step.vm);
      if (!action || !('vm' in action)) continue;
      const [fresh] = await reportVms(context, lifecycle.virsh, [action], true);
      if (!fresh) continue;
      known.set(fresh.name, fresh);
      current = current.map((vm) => (vm.name === fresh.name ? fresh : vm));
      await rollout.rejoin(fresh, current);
    }
  }
  return known;
}

/** Removes every VM of this deployment, then the images no domain uses. */
export async function destroy(context: DeployContext): Promise<DeployResult> {
  const { config, host, reporter } = context;
  const virsh = new Virsh(host, config.hypervisor['libvirt-uri']);
  return underLock(context, async () => {
    const existing = await virsh.allFacts();
    const ours = existing.filter((domain) => domain.record?.deployment === config.deployment);
    const lifecycle: LifecycleContext = { config, host, virsh, reporter };
    const actions: Action[] = ours.map((domain) => ({
      kind: 'remove',
      name: domain.name,
      disks: domain.disks,
    }));
    const lines = describePlan(actions);
    for (const line of lines) reporter.info(line);
    for (const domain of ours) await removeVm(lifecycle, domain.name, domain.disks);
    await gc(
      context,
      existing.filter((domain) => !ours.includes(domain)),
    );
    return { actions, plan: lines, vms: [], changed: ours.length > 0 };
  });
}

/** Removes pool images that no remaining domain's disk is backed by. */
async function gc(context: DeployContext, remaining: DomainFacts[]): Promise<void> {
  const { host, config, reporter } = context;
  const pool = config.hypervisor.pool;
  const used = new Set<string>();
  for (const domain of remaining) {
    for (const disk of domain.disks) {
      used.add(disk);
      const info = await imageInfo(host, disk).catch(() => undefined);
      if (info?.backingFile) used.add(info.backingFile);
    }
  }
  await gcImages(host, pool, used, reporter);
}

async function virtType(context: DeployContext): Promise<'kvm' | 'qemu' | undefined> {
  const { config, host } = context;
  if (config.hypervisor['libvirt-uri'].startsWith('test:')) return undefined;
  const chosen = config.hypervisor['virt-type'];
  if (chosen !== 'auto') return chosen;
  const { code } = await host.exec(['test', '-w', '/dev/kvm'], { okCodes: [1] });
  return code === 0 ? 'kvm' : 'qemu';
}

/** An unknown bridge: one clear line before anything is made. */
async function checkBridge(context: DeployContext): Promise<void> {
  const { config, host } = context;
  if (config.hypervisor['libvirt-uri'].startsWith('test:')) return;
  const bridge = config.hypervisor.bridge;
  const { code } = await host.exec(['test', '-d', `/sys/class/net/${bridge}/bridge`], {
    okCodes: [1],
  });
  if (code !== 0) {
    throw new InputError(
      `${config.file}: hypervisor.bridge: ${host.name} has no bridge named ${JSON.stringify(bridge)}`,
    );
  }
}

/** VMs made at once: virt-install and qemu's start-up are the slow part of making one. */
const CREATE_AT_ONCE = 4;

/** VMs located at once: their waits overlap (they boot together); bounded for SSH's MaxSessions. */
const LOCATE_AT_ONCE = 4;

async function reportVms(
  context: DeployContext,
  virsh: Virsh,
  actions: readonly Action[],
  wait: boolean,
  known = new Map<string, VmReport>(),
): Promise<VmReport[]> {
  const located = actions.flatMap((action) => {
    if (!('vm' in action)) return [];
    const { vm } = action;
    const seen = known.get(vm.spec.name);
    if (seen) return [async () => seen];
    return [
      async () => {
        const report: VmReport = {
          name: vm.spec.name,
          role: vm.spec.role,
          mac: vm.mac,
          state: (await virsh.state(vm.spec.name)) ?? 'absent',
          image: action.kind === 'keep' && action.current ? action.current : vm.image,
        };
        if (report.state !== 'absent') await locate(context, virsh, action, report, wait);
        return report;
      },
    ];
  });
  // Every wait is let end before a failure is reported: none is left running behind it.
  return allOrFirstFailure(located, LOCATE_AT_ONCE);
}

async function locate(
  context: DeployContext,
  virsh: Virsh,
  action: Action & { vm: DesiredVm },
  report: VmReport,
  wait: boolean,
): Promise<void> {
  const vm = { name: action.vm.spec.name, mac: action.vm.mac, address: action.vm.spec.address };
  const fresh = action.kind === 'create' || action.kind === 'replace';
  const serial = vmFiles(context.config.hypervisor.pool, vm.name).serialLog;
  // The host key comes from the guest's own serial console, never from the network alone.
  const readKeys = async () => {
    const keys = await readSerialHostKeys(context.host, serial).catch(() => []);
    if (keys.length > 0) report.hostKeys = keys;
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
    context.reporter.info(
      `VM ${vm.name} answers SSH at ${found.address} (${found.source}) after ${seconds} s`,
    );
  } else {
    report.address = (await findAddress(virsh, vm))?.address;
  }
  await readKeys();
}
