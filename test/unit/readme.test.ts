import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENTED_ACTIONS, INPUTS_PAGE, renderReadme } from '../../scripts/action-docs.ts';
import { BUILD_INPUT_NAMES } from '../../src/config/build.js';
import { BUILD_OUTPUT_NAMES } from '../../src/report/build-summary.js';
import { PUSH_INPUT_NAMES } from '../../src/config/push.js';
import { PUBLISH_OUTPUT_NAMES } from '../../src/report/push-summary.js';
import { GITHUB_TOKEN_INPUT } from '../../src/actions/build-image/inputs.js';
import { CACHE_INPUT_NAMES } from '../../src/config/cache.js';
import { CACHE_OUTPUT_NAMES } from '../../src/actions/build-image/store-cache.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Metadata = {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string; post?: string };
};

describe('README and action.yml', () => {
  it('the tables of inputs and outputs equal the action.yml files (npm run docs)', () => {
    const page = read(INPUTS_PAGE);
    expect(renderReadme(page, ROOT)).toBe(page);
  });

  it('every input the code reads is declared, and every declared input is read', () => {
    const root = parse(read('action.yml')) as Metadata;
    expect(Object.keys(root.inputs).sort()).toEqual(
      [
        ...Object.values(BUILD_INPUT_NAMES),
        ...Object.values(PUSH_INPUT_NAMES),
        ...Object.values(CACHE_INPUT_NAMES),
        GITHUB_TOKEN_INPUT,
      ].sort(),
    );
    expect(Object.keys(root.outputs)).toEqual([
      ...BUILD_OUTPUT_NAMES,
      ...PUBLISH_OUTPUT_NAMES,
      ...CACHE_OUTPUT_NAMES,
    ]);
  });

  it('the presets run the same bundle with the same inputs and outputs, plus their preset', () => {
    const root = parse(read('action.yml')) as Metadata;
    for (const path of DOCUMENTED_ACTIONS.filter((path) => path !== 'action.yml')) {
      const preset = parse(read(path)) as Metadata;
      const name = path.split('/')[0] as string;
      expect(preset.runs).toEqual({
        using: 'node24',
        main: '../dist/build-image/index.js',
        post: '../dist/build-image/index.js',
      });
      expect(Object.keys(preset.inputs).sort()).toEqual(
        [...Object.keys(root.inputs), 'preset'].sort(),
      );
      expect(preset.inputs.kind?.default).toBe(name);
      expect(preset.inputs.preset?.default).toBe(name);
      expect(preset.outputs).toEqual(root.outputs);
      for (const [input, spec] of Object.entries(root.inputs)) {
        if (input !== 'kind' && input !== 'file')
          expect(preset.inputs[input], `${path} ${input}`).toEqual(spec);
      }
    }
    expect(root.runs).toEqual({
      using: 'node24',
      main: 'dist/build-image/index.js',
      post: 'dist/build-image/index.js',
    });
  });
});
