import { createHash } from 'node:crypto';
import type { VmSpec } from './spec.js';
import { InputError } from '../util/errors.js';
import type { DomainFacts } from './domain-xml.js';

/** What the deploy wants one VM to be made from: its settings and the image's digest. */
export interface DesiredVm {
  spec: VmSpec;
  mac: string;
  image: string;
  config: string;
}

export type Action =
  | { kind: 'create'; vm: DesiredVm }
  /** `current`: the image the VM was made from, when it is not the one the config names. */
  | { kind: 'keep'; vm: DesiredVm; note?: string; current?: string }
  /** `current`: the image the VM was made from. */
  | { kind: 'replace'; vm: DesiredVm; reason: string; current: string }
  | { kind: 'remove'; name: string; disks: string[] }
  /** A VM of this deployment that the config no longer names, left alone (prune: false). */
  | { kind: 'leave'; name: string };

export interface PlanPolicy {
  deployment: string;
  replace: 'never' | 'on-image-change';
  prune: boolean;
}

/** A hash of everything a VM was made with besides its image: a change shows in the plan. */
export function settingsHash(parts: Record<string, unknown>): string {
  const keys = Object.keys(parts).sort();
  const text = JSON.stringify(keys.map((key) => [key, parts[key] ?? null]));
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * Compares the VMs the config declares with the domains on the hypervisor. Domains that this
 * deployment did not make are never touched; one that takes a declared VM's name stops the plan.
 */
export function planActions(
  desired: readonly DesiredVm[],
  existing: readonly DomainFacts[],
  policy: PlanPolicy,
): Action[] {
  const byName = new Map(existing.map((domain) => [domain.name, domain]));
  const actions: Action[] = [];
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
      throw new InputError(
        `a domain named ${JSON.stringify(vm.spec.name)} already exists on the hypervisor, made by ${whose}; rename the VM or remove that domain`,
      );
    }
    actions.push(compare(vm, domain, policy));
  }
  const wanted = new Set(desired.map((vm) => vm.spec.name));
  for (const domain of existing) {
    if (wanted.has(domain.name) || domain.record?.deployment !== policy.deployment) continue;
    actions.push(
      policy.prune
        ? { kind: 'remove', name: domain.name, disks: domain.disks }
        : { kind: 'leave', name: domain.name },
    );
  }
  return actions;
}

function compare(vm: DesiredVm, domain: DomainFacts, policy: PlanPolicy): Action {
  const record = domain.record;
  if (record && record.image !== vm.image) {
    const reason = `image ${short(record.image)} → ${short(vm.image)}`;
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

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

/** The plan as lines for a person: one per VM, then a count. */
export function describePlan(actions: readonly Action[]): string[] {
  const lines = actions.map((action) => {
    switch (action.kind) {
      case 'create':
        return `+ create  ${action.vm.spec.name} (${action.vm.spec.role}, ${action.vm.spec.memoryMiB} MiB, ${action.vm.spec.vcpus} vCPU, image ${short(action.vm.image)})`;
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
  lines.push(
    changes === 0 ? 'No changes: the hypervisor matches the config.' : `${changes} change(s).`,
  );
  return lines;
}

/** Whether the plan changes anything. */
export const changes = (actions: readonly Action[]) =>
  actions.some(
    (action) => action.kind === 'create' || action.kind === 'replace' || action.kind === 'remove',
  );
