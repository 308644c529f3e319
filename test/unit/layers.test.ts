import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

/**
 * The floors of src/, lowest first: a module may import its own folder and folders on lower
 * floors, never higher ones (DESIGN.md: entry points → config → domain modules → utilities).
 * Within src/oci the same rule holds for its layers. Keep this list and the README's layout
 * section in step.
 */
export const FLOORS: readonly string[] = [
  'util',
  'oci', // files directly in src/oci: media types, descriptors, manifests, shared by its layers
  'oci/http',
  'oci/blob',
  'oci/formats',
  'oci/registry',
  'oci/push',
  'oci/artifact',
  'nix',
  'store-cache',
  'hosts',
  'hypervisor',
  'cluster',
  'config',
  'build',
  'publish',
  'deploy',
  'report',
  'cli',
  'actions',
];

/** The floor a file under src/ stands on: the longest FLOORS entry that is its folder. */
export function floorOf(file: string): string | undefined {
  return [...FLOORS]
    .sort((a, b) => b.length - a.length)
    .find((floor) => file.startsWith(`${floor}/`));
}

/** The relative imports of a module (static, dynamic and type-only), as paths under src/. */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) =>
    normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts'),
  );
}

/** Each import that climbs to a higher floor, or leaves the floors altogether. */
export function upwardImports(graph: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [file, imports] of graph) {
    const from = floorOf(file);
    if (from === undefined) {
      problems.push(`${file} stands on no floor (add its folder to FLOORS)`);
      continue;
    }
    for (const target of imports) {
      if (target.startsWith('..')) continue; // outside src/ (package.json and the like)
      const to = floorOf(target);
      if (to === undefined || FLOORS.indexOf(to) > FLOORS.indexOf(from))
        problems.push(`${file} (${from}) imports ${target} (${to ?? 'no floor'})`);
    }
  }
  return problems;
}

/** Import cycles between modules, each as the path that closes it. */
export function importCycles(graph: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  return cycles;
}

function sourceGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const file = relative(SRC, path);
        graph.set(file, importsOf(file, readFileSync(path, 'utf8')));
      }
    }
  };
  walk(SRC);
  return graph;
}

describe('the floors of src/', () => {
  it('no module imports from a higher floor', () => {
    expect(upwardImports(sourceGraph())).toEqual([]);
  });

  it('no two modules import each other, directly or around a loop', () => {
    expect(importCycles(sourceGraph())).toEqual([]);
  });

  it('the check finds a planted loop', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  });

  it('the check finds a planted upward import', () => {
    const graph = sourceGraph();
    graph.set('util/planted.ts', ['report/console-reporter.ts']);
    graph.set('oci/http/planted.ts', ['oci/push/push-image.ts']);
    expect(upwardImports(graph)).toEqual([
      'util/planted.ts (util) imports report/console-reporter.ts (report)',
      'oci/http/planted.ts (oci/http) imports oci/push/push-image.ts (oci/push)',
    ]);
  });

  it('sees dynamic and type-only imports too', () => {
    const text = "import type { A } from '../config/a.js';\nconst m = await import('./b.js');";
    expect(importsOf('nix/x.ts', text)).toEqual(['config/a.ts', 'nix/b.ts']);
  });
});
