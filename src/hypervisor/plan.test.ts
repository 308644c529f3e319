import { describe, expect, it } from 'vitest';
import type { VmSpec } from './spec.js';
import type { DomainFacts } from './domain-xml.js';
import { changes, describePlan, planActions, settingsHash, type DesiredVm } from './plan.js';

const IMAGE_A = `sha256:${'a'.repeat(64)}`;
const IMAGE_B = `sha256:${'b'.repeat(64)}`;

function vm(name: string, image = IMAGE_A, config = 'sha256:c1'): DesiredVm {
  const spec: VmSpec = {
    name,
    role: 'worker',
    memoryMiB: 2048,
    vcpus: 2,
    graphics: 'none',
    vncListen: '127.0.0.1',
  };
  return { spec, mac: '52:54:00:00:00:01', image, config };
}

function domain(name: string, record?: Partial<NonNullable<DomainFacts['record']>>): DomainFacts {
  return {
    name,
    record: record && {
      deployment: 'lab',
      image: IMAGE_A,
      config: 'sha256:c1',
      role: 'worker',
      ...record,
    },
    macs: [],
    disks: [`/pool/${name}.qcow2`],
    serialLogs: [],
  };
}

const NEVER = { deployment: 'lab', replace: 'never', prune: false } as const;
const kinds = (actions: ReturnType<typeof planActions>) =>
  actions.map((a) => `${a.kind}:${'vm' in a ? a.vm.spec.name : a.name}`);

describe('plan', () => {
  it('creates missing VMs and keeps matching ones; nothing to do says so', () => {
    const actions = planActions([vm('a'), vm('b')], [domain('a', {})], NEVER);
    expect(kinds(actions)).toEqual(['keep:a', 'create:b']);
    const again = planActions([vm('a'), vm('b')], [domain('a', {}), domain('b', {})], NEVER);
    expect(changes(again)).toBe(false);
    expect(describePlan(again).at(-1)).toBe('No changes: the hypervisor matches the config.');
  });

  it('replaces on an image change only with replace: on-image-change', () => {
    const existing = [domain('a', {})];
    const kept = planActions([vm('a', IMAGE_B)], existing, NEVER);
    expect(kept).toEqual([
      expect.objectContaining({ kind: 'keep', note: expect.stringMatching(/replace: never/) }),
    ]);
    const replaced = planActions([vm('a', IMAGE_B)], existing, {
      ...NEVER,
      replace: 'on-image-change',
    });
    expect(replaced).toEqual([
      expect.objectContaining({ kind: 'replace', reason: 'image aaaaaaaaaaaa → bbbbbbbbbbbb' }),
    ]);
  });

  it('removes extra VMs of this deployment only with prune: true, never another deployment', () => {
    const existing = [
      domain('a', {}),
      domain('old', {}),
      domain('theirs', { deployment: 'other' }),
      domain('manual'),
    ];
    expect(kinds(planActions([vm('a')], existing, NEVER))).toEqual(['keep:a', 'leave:old']);
    const pruned = planActions([vm('a')], existing, { ...NEVER, prune: true });
    expect(kinds(pruned)).toEqual(['keep:a', 'remove:old']);
    expect(pruned[1]).toMatchObject({ disks: ['/pool/old.qcow2'] });
  });

  it('refuses to take over a domain it did not make', () => {
    expect(() => planActions([vm('manual')], [domain('manual')], NEVER)).toThrow(
      'a domain named "manual" already exists on the hypervisor, made by something other than hypernix; rename the VM or remove that domain',
    );
    expect(() => planActions([vm('x')], [domain('x', { deployment: 'other' })], NEVER)).toThrow(
      /made by deployment "other"/,
    );
  });

  it('notes changed settings without replacing', () => {
    const [action] = planActions([vm('a', IMAGE_A, 'sha256:c2')], [domain('a', {})], NEVER);
    expect(action).toMatchObject({ kind: 'keep', note: expect.stringMatching(/settings changed/) });
  });

  it('hashes settings independently of key order', () => {
    expect(settingsHash({ a: 1, b: 2 })).toBe(settingsHash({ b: 2, a: 1 }));
    expect(settingsHash({ a: 1 })).not.toBe(settingsHash({ a: 2 }));
  });
});
