import type { Action, DesiredVm } from './plan.js';

/**
 * The order an apply works in. Without a cluster: the plan's order. With one, a replacement is a
 * node's rolling update: the workers one at a time (each drained before its VM is removed and
 * rejoined before the next is touched), the control plane last and only when the config asks;
 * otherwise it is kept and the plan says so. Pure: the apply runs these steps, the cluster side
 * supplies what `drain` and `rejoin` do.
 */

export type Step =
  | { kind: 'remove'; name: string; disks: string[] }
  | { kind: 'create'; vm: DesiredVm }
  /** Before the VM goes: cordon, drain, delete the node (cluster only). */
  | { kind: 'drain'; vm: DesiredVm }
  /** The VM removed and made again from the new image. */
  | { kind: 'recreate'; vm: DesiredVm }
  /** After the new VM answers SSH: join again, wait Ready (cluster only). */
  | { kind: 'rejoin'; vm: DesiredVm };

export interface RolloutPolicy {
  /** A cluster is configured: replacements drain and rejoin. */
  cluster: boolean;
  replaceControlPlane: boolean;
}

const isControlPlane = (vm: DesiredVm) => vm.spec.role === 'control-plane';

/** With a cluster, the control plane's replacement becomes a keep unless the config asks. */
export function clusterPlan(actions: readonly Action[], policy: RolloutPolicy): Action[] {
  if (!policy.cluster || policy.replaceControlPlane) return [...actions];
  return actions.map((action) =>
    action.kind === 'replace' && isControlPlane(action.vm)
      ? {
          kind: 'keep',
          vm: action.vm,
          current: action.current,
          note: `${action.reason}; the control plane is kept (replace-control-plane: false)`,
        }
      : action,
  );
}

/** The steps of an apply, in order. */
export function rolloutSteps(actions: readonly Action[], policy: RolloutPolicy): Step[] {
  const steps: Step[] = [];
  const replaced: DesiredVm[] = [];
  for (const action of clusterPlan(actions, policy)) {
    if (action.kind === 'remove')
      steps.push({ kind: 'remove', name: action.name, disks: action.disks });
    if (action.kind === 'create') steps.push({ kind: 'create', vm: action.vm });
    if (action.kind === 'replace') {
      if (policy.cluster) replaced.push(action.vm);
      else steps.push({ kind: 'recreate', vm: action.vm });
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
export const describeStep = (step: Step) =>
  `${step.kind} ${'vm' in step ? step.vm.spec.name : step.name}`;
