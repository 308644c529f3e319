// Writes the tables of inputs and outputs in docs/inputs.md from the action.yml files, between the
// markers <!-- action-docs:PATH --> and <!-- /action-docs:PATH -->. A test keeps them equal.
// Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DOCUMENTED_ACTIONS = ['action.yml', 'qcow2/action.yml', 'container/action.yml'];

/** The page that holds the tables (the README links to it). */
export const INPUTS_PAGE = 'docs/inputs.md';

/**
 * The actions whose tables the page shows: the root action and the deploy action. The presets
 * are left out: they take the root action's inputs and give its outputs (test/unit/readme.test.ts
 * keeps them so), and the page says what they set.
 */
export const RENDERED_ACTIONS = ['action.yml', 'deploy/action.yml'];

interface ActionMetadata {
  name: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
}

const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

export function renderActionTables(metadataText: string): string {
  const action = parse(metadataText) as ActionMetadata;
  const lines = ['| Input | Default | Description |', '| --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const fallback = input.required ? '(required)' : input.default ? `\`${input.default}\`` : '';
    lines.push(`| \`${name}\` | ${fallback} | ${cell(input.description ?? '')} |`);
  }
  lines.push('', '| Output | Description |', '| --- | --- |');
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    lines.push(`| \`${name}\` | ${cell(output.description ?? '')} |`);
  }
  return lines.join('\n');
}

export function renderReadme(readme: string, root: string): string {
  let result = readme;
  for (const path of RENDERED_ACTIONS) {
    const start = `<!-- action-docs:${path} -->`;
    const end = `<!-- /action-docs:${path} -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${INPUTS_PAGE} has no ${start} … ${end} section`);
    const tables = renderActionTables(readFileSync(join(root, path), 'utf8'));
    result = `${result.slice(0, from + start.length)}\n${tables}\n${result.slice(to)}`;
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const page = join(root, INPUTS_PAGE);
  writeFileSync(page, renderReadme(readFileSync(page, 'utf8'), root));
}
