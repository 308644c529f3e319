import { describe, expect, it } from 'vitest';
import { capabilitiesOf, parseNixVersion } from './version.js';

describe('parseNixVersion', () => {
  it.each([
    ['nix (Nix) 2.8.0', 2, 8, false],
    ['nix (Nix) 2.24.10\n', 2, 24, true],
    ['nix (Determinate Nix 3.8.2) 2.30.1', 2, 30, true],
    ['nix (Lix, like Nix) 2.91.1', 2, 18, true],
  ])('reads %j', (text, major, minor, printOutPaths) => {
    const version = parseNixVersion(text);
    expect([version.major, version.minor]).toEqual([major, minor]);
    expect(capabilitiesOf(version).printOutPaths).toBe(printOutPaths);
  });

  it('gates --print-out-paths at 2.9 and object-shaped path-info at 2.19', () => {
    expect(capabilitiesOf(parseNixVersion('nix (Nix) 2.9.0')).printOutPaths).toBe(true);
    expect(capabilitiesOf(parseNixVersion('nix (Nix) 2.18.9')).pathInfoJsonIsObject).toBe(false);
    expect(capabilitiesOf(parseNixVersion('nix (Nix) 2.19.0')).pathInfoJsonIsObject).toBe(true);
  });

  it('refuses text without a version', () => {
    expect(() => parseNixVersion('command not found')).toThrow(/cannot read the Nix version/);
  });
});
