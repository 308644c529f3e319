import type { BuildResult } from '../build/build-image.js';
import { formatBytes, formatSeconds } from '../util/format.js';

/** The action's outputs, by name, as strings: one place that maps a result to outputs. */
export const BUILD_OUTPUT_NAMES = [
  'out-path',
  'qcow2',
  'archive',
  'archive-format',
  'closure-size',
  'build-seconds',
] as const;
export type BuildOutputName = (typeof BUILD_OUTPUT_NAMES)[number];

export function buildOutputs(result: BuildResult): Record<BuildOutputName, string> {
  return {
    'out-path': result.outPath,
    qcow2: result.qcow2?.path ?? '',
    archive: result.archive?.path ?? '',
    'archive-format': result.archive?.format ?? '',
    'closure-size': String(result.closureSize),
    'build-seconds': result.buildSeconds.toFixed(1),
  };
}

/** Rows of what was built, shared by the job summary (a table) and the terminal (aligned text). */
export function buildSummaryRows(result: BuildResult): [string, string][] {
  const rows: [string, string][] = [
    ['Kind', result.kind],
    ['Built', result.target],
    ['Out path', result.outPaths.join(' ')],
  ];
  if (result.qcow2)
    rows.push(['qcow2', `${result.qcow2.path} (${formatBytes(result.qcow2.size)})`]);
  if (result.archive) {
    const layers = result.archive.layers !== undefined ? `, ${result.archive.layers} layers` : '';
    const tags = result.archive.repoTags?.length ? `, ${result.archive.repoTags.join(' ')}` : '';
    rows.push([
      'Archive',
      `${result.archive.path} (${result.archive.format}, ${formatBytes(result.archive.size)}${layers}${tags})`,
    ]);
  }
  rows.push(['Closure size', formatBytes(result.closureSize)]);
  rows.push(['Build time', formatSeconds(result.buildSeconds)]);
  rows.push(['Nix', result.nixVersion]);
  return rows;
}

export function buildSummaryText(result: BuildResult): string {
  const rows = buildSummaryRows(result);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

/** The job summary: a Markdown table, readable as text in a terminal and rendered on GitHub. */
export function buildSummaryMarkdown(result: BuildResult): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = buildSummaryRows(result).map(
    ([name, value]) => `| ${cell(name)} | ${cell(value)} |`,
  );
  return ['### hypernix build-image', '', '| What | Value |', '| --- | --- |', ...rows, ''].join(
    '\n',
  );
}
