import { describe, expect, it } from 'vitest';
import { failureMessage, parseNixFailure } from './failure.js';

// stderr as Nix 2.8 printed it here, and as Nix 2.20+ prints a build failure.
const EVAL_28 = [
  'error: cannot add a string to an integer',
  '',
  '       at /work/repo/image.nix:9:31:',
  '',
  '            9|   evalerr = let x = 1; in x + "a";',
  '             |                               ^',
];
const SYNTAX_28 = [
  'error: syntax error, unexpected end of file',
  '',
  '       at /work/repo/bad.nix:2:8:',
];
const BUILD_28_NIX_BUILD = [
  "building '/nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv'...",
  'line1',
  "error: builder for '/nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv' failed with exit code 3",
];
const BUILD_28_NEW_CLI = [
  "error: builder for '/nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv' failed with exit code 3;",
  '       last 2 log lines:',
  '       > line1',
  '       > line2',
  "       For full logs, run 'nix log /nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv'.",
];
const BUILD_2_24 = [
  "error: Cannot build '/nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv'.",
  '       Reason: builder failed with exit code 3.',
  '       Output paths:',
  '         /nix/store/abc-failing',
  '       Last 1 log lines:',
  '       > boom',
];

describe('parseNixFailure', () => {
  it('reads an evaluation error and its location', () => {
    const failure = parseNixFailure(1, EVAL_28, []);
    expect(failure).toMatchObject({
      kind: 'evaluation',
      summary: 'cannot add a string to an integer',
      location: { file: '/work/repo/image.nix', line: 9, column: 31 },
    });
    expect(failureMessage(failure)).toBe(
      'Nix evaluation failed at /work/repo/image.nix:9:31: cannot add a string to an integer',
    );
  });

  it('reads a syntax error as an evaluation error', () => {
    expect(parseNixFailure(1, SYNTAX_28, []).location).toEqual({
      file: '/work/repo/bad.nix',
      line: 2,
      column: 8,
    });
  });

  it('tells a build failure by exit code 100 and names the derivation', () => {
    const failure = parseNixFailure(100, BUILD_28_NIX_BUILD, ['line1']);
    expect(failure.kind).toBe('build');
    expect(failure.derivation).toBe('/nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv');
    expect(failure.logTail).toEqual(['line1']);
  });

  it('tells a build failure of `nix build` (exit 1) by its message and takes the quoted log lines', () => {
    const failure = parseNixFailure(1, BUILD_28_NEW_CLI, []);
    expect(failure.kind).toBe('build');
    expect(failure.logTail).toEqual(['line1', 'line2']);
    expect(failureMessage(failure)).toMatch(/^Nix build failed: builder for/);
  });

  it('reads the Nix 2.20+ wording', () => {
    const failure = parseNixFailure(1, BUILD_2_24, []);
    expect(failure).toMatchObject({
      kind: 'build',
      derivation: '/nix/store/qq3ka3wymhb1s037ikkzyb81plxnl38p-failing.drv',
    });
    expect(failure.logTail).toEqual(['boom']);
  });
});
