import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkMacs, macFor } from './mac.js';

describe('MAC derived from the VM name', () => {
  it('is stable, QEMU-prefixed and differs between names', () => {
    expect(macFor('cp-1')).toBe(macFor('cp-1'));
    expect(macFor('cp-1')).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(macFor('cp-1')).not.toBe(macFor('cp-2'));
    // sha256("cp-1") starts with these three bytes: a change of derivation is a visible change.
    expect(macFor('cp-1')).toBe(`52:54:00:${sha3('cp-1')}`);
  });

  it('refuses two names with the same MAC', () => {
    // Find a real 24-bit collision among generated names.
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair && i < 20_000; i += 1) {
      const name = `vm-${i}`;
      const mac = macFor(name);
      const other = seen.get(mac);
      if (other) pair = [other, name];
      seen.set(mac, name);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair as [string, string];
    expect(() => checkMacs([a, 'x', b], 'h.yaml')).toThrow(
      `h.yaml: VMs "${a}" and "${b}" derive the same MAC ${macFor(a)}; rename one`,
    );
    expect(checkMacs(['cp-1', 'w-1'], 'h.yaml').get('w-1')).toBe(macFor('w-1'));
  });
});

function sha3(name: string): string {
  // Computed apart from macFor: the hex digest of the name, first 3 bytes.
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}
