import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPreset, PRESETS } from './presets.js';

const root = join(import.meta.dirname, '..', '..');

describe('presets', () => {
  it('fill in the kind and the kit example when no file or flake is given', () => {
    expect(applyPreset({}, 'qcow2', '/kit')).toEqual({
      kind: 'qcow2',
      file: '/kit/examples/vm/default.nix',
      attribute: 'qcow',
    });
  });

  it("leave the user's own file, flake and kind alone", () => {
    expect(applyPreset({ flake: '.#x' }, 'container', '/kit')).toEqual({
      flake: '.#x',
      kind: 'container',
    });
    expect(applyPreset({ file: 'a.nix', kind: 'derivation' }, 'qcow2', '/kit')).toEqual({
      file: 'a.nix',
      kind: 'derivation',
    });
    expect(applyPreset({ file: 'a.nix' }, '', '/kit')).toEqual({ file: 'a.nix' });
  });

  it('point at example files that exist', () => {
    for (const preset of Object.values(PRESETS))
      expect(existsSync(join(root, preset.file))).toBe(true);
  });
});
