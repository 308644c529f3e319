import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The start-up budget of `hypernix push`, as a rule: a re-push that has nothing to send is
// mostly Node's start and the loading of our modules (bench/push/README.md, "What each start-up
// tuning saves"). What the push path may load at start-up is decided here, not in comments.

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * The modules that load, statically, before `hypernix push` runs: the entry, the command
 * dispatcher and the push command. The edges between them are dynamic `import()`s, so each
 * is a root of its own.
 */
export const PUSH_PATH_ROOTS = ['cli/index.ts', 'cli/cli.ts', 'cli/commands/push.ts'];

/**
 * What no module on the push path may import statically, with why; where one is needed at all,
 * it is loaded by a dynamic `import()` on first use. node:crypto, node:zlib and
 * node:child_process are not here: loading them lazily saved under 5 % of a re-push
 * (bench/push/README.md, "What each start-up tuning saves"), and every push hashes its config.
 */
export const FORBIDDEN: Record<string, string> = {
  'node:http': 'HTTP/1.1 is spoken on node:net (oci/http); node:http is its own weight',
  'node:https': 'the same, and it loads node:tls and node:http with it',
  'node:tls': 'loaded by a dynamic import only for an https registry, never over plain HTTP',
  zod: 'the push options are read by plain functions (config/push.ts); zod is a big module',
  '@actions/': 'the CLI never talks to an Actions runner; @actions/* pull in their HTTP stack',
};

const builtin = (specifier: string) => specifier.replace(/^node:/, '');

/** The FORBIDDEN entry a module specifier falls under, if any. */
export function forbiddenEntry(specifier: string): string | undefined {
  return Object.keys(FORBIDDEN).find((entry) =>
    entry.endsWith('/')
      ? specifier.startsWith(entry)
      : entry.startsWith('node:')
        ? builtin(specifier) === builtin(entry) ||
          builtin(specifier).startsWith(`${builtin(entry)}/`)
        : specifier === entry || specifier.startsWith(`${entry}/`),
  );
}

/**
 * What a module loads when it is imported: its imports and re-exports that survive compilation
 * (not `import type`, not `export type`), and `require('…')` calls. Dynamic `import()` is a
 * lazy edge and is left out.
 */
export function staticImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly)
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly)
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as a path under src/ (`./x.js` → `dir/x.ts`). */
function resolveRelative(from: string, specifier: string): string {
  return normalize(join(dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/**
 * Every forbidden import reachable from `roots` by static imports, each as the chain of modules
 * that leads to it. `read` gives a module's text under src/, or undefined if it is not there.
 */
export function forbiddenOnPath(
  roots: readonly string[],
  read: (file: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = read(file);
    if (text === undefined) {
      if (file.endsWith('.ts')) problems.push(`${[...chain, file].join(' → ')}: not found`);
      return;
    }
    for (const specifier of staticImports(file, text)) {
      if (specifier.startsWith('.')) {
        visit(resolveRelative(file, specifier), [...chain, file]);
        continue;
      }
      const entry = forbiddenEntry(specifier);
      if (entry) problems.push(`${[...chain, file].join(' → ')} imports ${specifier}`);
    }
  };
  for (const root of roots) visit(root, []);
  return problems;
}

const readSource = (file: string) => {
  const path = join(SRC, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

describe('the start-up budget of hypernix push', () => {
  it('no module the push path loads statically imports a forbidden module', () => {
    expect(forbiddenOnPath(PUSH_PATH_ROOTS, readSource)).toEqual([]);
  });

  it('the push path is what it claims: the push command and the registry client are on it', () => {
    const reached: string[] = [];
    forbiddenOnPath(PUSH_PATH_ROOTS, (file) => {
      reached.push(file);
      return readSource(file);
    });
    expect(reached).toEqual(
      expect.arrayContaining([
        'cli/commands/push.ts',
        'config/push.ts',
        'oci/push/push-archive.ts',
        'oci/push/layer-pusher.ts',
        'oci/registry/registry-client.ts',
        'oci/http/transport.ts',
        'oci/blob/digest.ts',
      ]),
    );
  });

  it('finds an import planted in a module deep on the real push path', () => {
    const planted = 'oci/registry/reference.ts';
    const read = (file: string) =>
      file === planted
        ? `import { request } from 'node:http';\n${readSource(file)}`
        : readSource(file);
    const problems = forbiddenOnPath(PUSH_PATH_ROOTS, read);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^cli\/commands\/push\.ts → .*oci\/registry\/reference\.ts imports node:http$/,
    );
  });

  it('finds each kind of forbidden import, and lets the lazy and type-only ones through', () => {
    const files: Record<string, string> = {
      'cli/index.ts': "const cli = await import('./cli.js');",
      'cli/cli.ts': "import './a.js';\nexport * from './b.js';",
      'cli/a.ts': [
        "import type { Agent } from 'node:http';", // erased: allowed
        "import { connect } from 'tls';", // a builtin without node: counts too
        "import { z } from 'zod/v4';",
        "import * as core from '@actions/core';",
        "const tls = () => import('node:tls');", // dynamic: allowed
      ].join('\n'),
      'cli/b.ts':
        "export { request } from 'node:http';\nconst https = () => require('node:https');",
      'cli/commands/push.ts': "import { createHash } from 'node:crypto';", // allowed
    };
    expect(forbiddenOnPath(PUSH_PATH_ROOTS, (file) => files[file])).toEqual([
      'cli/cli.ts → cli/a.ts imports tls',
      'cli/cli.ts → cli/a.ts imports zod/v4',
      'cli/cli.ts → cli/a.ts imports @actions/core',
      'cli/cli.ts → cli/b.ts imports node:http',
      'cli/cli.ts → cli/b.ts imports node:https',
    ]);
  });
});
