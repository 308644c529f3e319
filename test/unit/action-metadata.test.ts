import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

const ROOT = join(import.meta.dirname, '..', '..');
const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');

/** Every action.yml of the kit: the root one and each sub-action folder's. */
const actions = [
  'action.yml',
  ...readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, entry.name, 'action.yml')))
    .map((entry) => `${entry.name}/action.yml`),
];

function validate(file: string) {
  const result = spawnSync(VALIDATOR, [file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe('action metadata (action-validator)', () => {
  it('finds the actions', () => {
    expect(actions).toEqual(expect.arrayContaining(['action.yml', 'qcow2/action.yml']));
  });

  // action-validator 0.6's schema predates `using: node24`, which GitHub's runners support and
  // the kit declares. Such a file is checked again with node20 in its place: if that passes, the
  // runtime was the only complaint; anything else fails the test.
  it.each(actions)('%s is valid apart from the node24 runtime the schema does not know', (name) => {
    const text = readFileSync(join(ROOT, name), 'utf8');
    expect(text).toMatch(/^\s+using: node24$/m);
    const direct = validate(join(ROOT, name));
    if (direct.ok) return;
    const copy = join(tempDir('hypernix-action-'), 'action.yml');
    writeFileSync(copy, text.replace(/^(\s+using:) node24$/m, '$1 node20'));
    const retried = validate(copy);
    expect(retried.output, `${name} fails action-validator beyond node24`).toBe('');
    expect(retried.ok).toBe(true);
  });
});
