import { describe, expect, it } from 'vitest';
import type { DomainFacts } from './domain-xml.js';
import { describePlan, planActions, type DesiredVm } from './plan.js';
import { clusterPlan, describeStep, rolloutSteps } from './rollout.js';
import type { VmSpec } from './spec.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

function vm(name: string): DesiredVm {
  const role: VmSpec['role'] = name.startsWith('cp') ? 'control-plane' : 'worker';
  const spec: VmSpec = {
    name,
    role,
    memoryMiB: 512,
    vcpus: 1,
    graphics: 'none',
    vncListen: '127.0.0.1',
  };
  return { spec, mac: '52:54:00:00:00:01', image: NEW, config: 'sha256:c' };
}

function domain(name: string, image = OLD): DomainFacts {
  return {
    name,
    record: { deployment: 'lab', image, config: 'sha256:c', role: 'worker' },
    macs: [],
    disks: [`/pool/${name}.qcow2`],
    serialLogs: [],
  };
}

const POLICY = { deployment: 'lab', replace: 'on-image-change', prune: true } as const;

/** The plan for these desired VMs over these domains, as step lines. */
function steps(
  names: string[],
  existing: DomainFacts[],
  policy: { cluster: boolean; replaceControlPlane: boolean },
): string[] {
  const actions = planActions(names.map(vm), existing, POLICY);
  return rolloutSteps(actions, policy).map(describeStep);
}

describe('rollout order on an image change', () => {
  const all = [domain('cp-1'), domain('w-1'), domain('w-2')];

  it('with a cluster: each worker drained, recreated, rejoined before the next; the control plane kept', () => {
    // The control plane comes first in the config: it is still not touched before the workers.
    expect(
      steps(['cp-1', 'w-1', 'w-2'], all, { cluster: true, replaceControlPlane: false }),
    ).toEqual([
      'drain w-1',
      'recreate w-1',
      'rejoin w-1',
      'drain w-2',
      'recreate w-2',
      'rejoin w-2',
    ]);
  });

  it('the control plane last, only with replace-control-plane: true', () => {
    expect(
      steps(['cp-1', 'w-1', 'w-2'], all, { cluster: true, replaceControlPlane: true }),
    ).toEqual([
      'drain w-1',
      'recreate w-1',
      'rejoin w-1',
      'drain w-2',
      'recreate w-2',
      'rejoin w-2',
      'drain cp-1',
      'recreate cp-1',
      'rejoin cp-1',
    ]);
  });

  it('removals and new VMs come before the replacements; workers already current are not touched', () => {
    const existing = [domain('cp-1'), domain('w-1', NEW), domain('w-2'), domain('old-1')];
    expect(
      steps(['cp-1', 'w-1', 'w-2', 'w-3'], existing, { cluster: true, replaceControlPlane: false }),
    ).toEqual(['create w-3', 'remove old-1', 'drain w-2', 'recreate w-2', 'rejoin w-2']);
  });

  it('without a cluster: recreated in the plan order, nothing drained', () => {
    expect(
      steps(['cp-1', 'w-1', 'w-2'], all, { cluster: false, replaceControlPlane: false }),
    ).toEqual(['recreate cp-1', 'recreate w-1', 'recreate w-2']);
  });

  it('the plan says the control plane is kept, and why', () => {
    const actions = planActions([vm('cp-1'), vm('w-1')], all.slice(0, 2), POLICY);
    const lines = describePlan(clusterPlan(actions, { cluster: true, replaceControlPlane: false }));
    expect(lines).toEqual([
      '= keep    cp-1: image aaaaaaaaaaaa → bbbbbbbbbbbb; the control plane is kept (replace-control-plane: false)',
      '~ replace w-1: image aaaaaaaaaaaa → bbbbbbbbbbbb',
      '1 change(s).',
    ]);
    const asked = clusterPlan(actions, { cluster: true, replaceControlPlane: true });
    expect(describePlan(asked).at(-1)).toBe('2 change(s).');
  });
});
