import { HypernixError, type SourceLocation } from '../util/errors.js';

export type NixFailureKind = 'evaluation' | 'build';

/** A failed Nix evaluation or build, with what a user needs to find the cause. */
export class NixBuildError extends HypernixError {
  override name = 'NixBuildError';
  constructor(
    message: string,
    readonly failure: NixFailure,
  ) {
    super(message);
    this.location = failure.location;
    if (failure.kind === 'build' && failure.logTail.length > 0) {
      const what = failure.derivation ?? 'the builder';
      this.details = [
        `Last ${failure.logTail.length} lines of the log of ${what}:`,
        ...failure.logTail,
      ];
    }
  }
}

export interface NixFailure {
  kind: NixFailureKind;
  /** The first `error:` line, without the prefix. */
  summary: string;
  location?: SourceLocation;
  /** For build failures: the derivation whose builder failed, and its last log lines. */
  derivation?: string;
  logTail: string[];
  exitCode: number;
}

const EVAL_LOCATION = /\bat (\/[^:\n]+|«[^»]+»[^:\n]*):(\d+):(\d+):?/;
// Nix ≤ 2.19: "builder for '/nix/store/…drv' failed with exit code 3"
// Nix ≥ 2.20: "Cannot build '/nix/store/…drv'." followed by "Reason: builder failed …"
const FAILED_DERIVATION =
  /(?:builder for|Cannot build|build of|dependency of)\s+['‘]?(\/nix\/store\/[^'’\s]+\.drv)['’]?/;
const ERROR_LINE = /^error:\s*(.*)$/;
// Nix prints the builder's last lines as "       > text" inside its error message.
const QUOTED_LOG = /^\s+> ?(.*)$/;

/**
 * Reads Nix's stderr after a failure. Exit 100 (nix-build) or a "builder … failed" line means the
 * build failed; anything else with exit 1 is an evaluation error. The last lines of the builder's
 * log come from what was streamed, or from the lines Nix quotes in its message.
 */
export function parseNixFailure(
  exitCode: number,
  stderr: string[],
  builderLines: string[],
): NixFailure {
  const errorIndex = stderr.findIndex((line) => ERROR_LINE.test(line));
  const errorBlock = errorIndex >= 0 ? stderr.slice(errorIndex) : stderr.slice(-20);
  const summary =
    (errorIndex >= 0
      ? ERROR_LINE.exec(stderr[errorIndex] as string)?.[1]
      : stderr.at(-1)
    )?.trim() || `Nix exited with code ${exitCode}`;
  const derivationLine = errorBlock.map((line) => FAILED_DERIVATION.exec(line)).find(Boolean);
  const isBuild =
    exitCode === 100 || exitCode === 101 || exitCode === 102 || Boolean(derivationLine);
  if (isBuild) {
    const quoted = errorBlock
      .map((line) => QUOTED_LOG.exec(line)?.[1])
      .filter((line): line is string => line !== undefined);
    return {
      kind: 'build',
      summary,
      derivation: derivationLine?.[1],
      logTail: (builderLines.length > 0 ? builderLines : quoted).slice(-25),
      exitCode,
    };
  }
  const locationMatch = errorBlock.map((line) => EVAL_LOCATION.exec(line)).find(Boolean);
  const location = locationMatch
    ? {
        file: locationMatch[1] as string,
        line: Number(locationMatch[2]),
        column: Number(locationMatch[3]),
      }
    : undefined;
  return { kind: 'evaluation', summary, location, logTail: [], exitCode };
}

export function failureMessage(failure: NixFailure): string {
  if (failure.kind === 'build') {
    const named = failure.derivation && !failure.summary.includes(failure.derivation);
    return `Nix build failed${named ? ` in ${failure.derivation}` : ''}: ${failure.summary}`;
  }
  const where = failure.location
    ? ` at ${failure.location.file}:${failure.location.line}:${failure.location.column ?? 0}`
    : '';
  return `Nix evaluation failed${where}: ${failure.summary}`;
}
