// Writes the preset actions qcow2/action.yml and container/action.yml from the root action.yml:
// the same bundle and inputs, with the kind and the kit's example as defaults. Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PRESET_ACTIONS = {
  qcow2: {
    title: 'hypernix build-image/qcow2',
    description:
      'Build the NixOS qcow2 disk image of the hypernix guide (or your own) with Nix, and push it as an OCI artifact.',
    example: 'examples/vm/default.nix (attribute qcow)',
  },
  container: {
    title: 'hypernix build-image/container',
    description:
      'Build the layered nginx container image of the hypernix guide (or your own) with Nix, and push it.',
    example: 'examples/container/default.nix (attribute image)',
  },
} as const;

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`action.yml no longer contains ${String(from)}`);
  return next;
}

export function renderPreset(root: string, name: keyof typeof PRESET_ACTIONS): string {
  const preset = PRESET_ACTIONS[name];
  let text = root;
  text = replaceOnce(text, /^name: .*$/m, `name: ${preset.title}`);
  text = replaceOnce(text, /^description: .*$/m, `description: ${preset.description}`);
  text = replaceOnce(
    text,
    /( {2}kind:\n {4}description: ).*\n {4}required: true\n/,
    `$1'What the build produces; this preset builds ${name}.'\n    required: false\n    default: '${name}'\n`,
  );
  text = replaceOnce(
    text,
    /( {2}file:\n {4}description: '.*?)'\n/,
    `$1 Without file or flake, the kit builds its own example: ${preset.example}.'\n`,
  );
  text = replaceOnce(
    text,
    /\noutputs:\n/,
    `\n  preset:\n    description: 'Which of the kit''s presets this is; set by the preset, not by you.'\n    required: false\n    default: '${name}'\n\noutputs:\n`,
  );
  text = text.replace(/(main|post): dist\//g, '$1: ../dist/');
  return `# Generated from ../action.yml by scripts/presets.ts (npm run docs): a preset over the root action,\n# the same bundle with the kind and the kit's example as defaults.\n${text}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = readFileSync(join(process.cwd(), 'action.yml'), 'utf8');
  for (const name of Object.keys(PRESET_ACTIONS) as (keyof typeof PRESET_ACTIONS)[]) {
    writeFileSync(join(process.cwd(), name, 'action.yml'), renderPreset(root, name));
  }
}
