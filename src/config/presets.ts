import { join } from 'node:path';
import type { BuildKind, RawBuildInputs } from './build.js';

/**
 * The sub-actions qcow2/ and container/ are the root action with defaults: the kind, and the kit's
 * own example of the guide's image when no file or flake is given.
 */
export const PRESETS: Record<string, { kind: BuildKind; file: string; attribute: string }> = {
  qcow2: { kind: 'qcow2', file: 'examples/vm/default.nix', attribute: 'qcow' },
  container: { kind: 'container', file: 'examples/container/default.nix', attribute: 'image' },
};

export function applyPreset(
  raw: RawBuildInputs,
  presetName: string,
  kitRoot: string,
): RawBuildInputs {
  if (!presetName) return raw;
  const preset = PRESETS[presetName];
  if (!preset) return raw;
  const useExample = !raw.file && !raw.flake;
  return {
    ...raw,
    kind: raw.kind || preset.kind,
    ...(useExample
      ? { file: join(kitRoot, preset.file), attribute: raw.attribute || preset.attribute }
      : {}),
  };
}
