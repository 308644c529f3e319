import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../build/build-image.js';
import { buildOutputs, buildSummaryMarkdown, buildSummaryText } from './build-summary.js';

const result: BuildResult = {
  kind: 'container',
  target: 'nginx.nix',
  outPath: '/nix/store/abc-image.tar.gz',
  outPaths: ['/nix/store/abc-image.tar.gz'],
  archive: {
    path: '/nix/store/abc-image.tar.gz',
    size: 3 * 1024 * 1024,
    format: 'tar.gz',
    layers: 12,
    repoTags: ['joshrosso/kubecon:1.4'],
  },
  closureSize: 1536,
  buildSeconds: 72.34,
  nixVersion: 'nix (Nix) 2.8.0',
};

describe('build summary', () => {
  it('maps a result to every action output', () => {
    expect(buildOutputs(result)).toEqual({
      'out-path': '/nix/store/abc-image.tar.gz',
      qcow2: '',
      archive: '/nix/store/abc-image.tar.gz',
      'archive-format': 'tar.gz',
      'closure-size': '1536',
      'build-seconds': '72.3',
    });
  });

  it('prints aligned rows with sizes and times a person reads', () => {
    const text = buildSummaryText(result);
    expect(text).toContain(
      'Archive       /nix/store/abc-image.tar.gz (tar.gz, 3.0 MiB, 12 layers, joshrosso/kubecon:1.4)',
    );
    expect(text).toContain('Closure size  1.5 KiB');
    expect(text).toContain('Build time    1 min 12 s');
  });

  it('writes the job summary as a Markdown table, escaping pipes', () => {
    const markdown = buildSummaryMarkdown({ ...result, target: 'a|b.nix' });
    expect(markdown).toContain('| What | Value |');
    expect(markdown).toContain('| Built | a\\|b.nix |');
    expect(markdown).toContain('| Closure size | 1.5 KiB |');
  });
});
