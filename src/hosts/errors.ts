import { HypernixError } from '../util/errors.js';
import { quoteArg } from './quote.js';

/** Longest command shown in an error line; the rest is cut with an ellipsis. */
const SHOWN_COMMAND_CHARS = 240;
/** Stderr lines kept as an error's details. */
export const DETAIL_LINES = 20;

/** Replaces every secret in `text` with `***` (longest first, so a secret's prefix leaks nothing). */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***');
  }
  return out;
}

/**
 * A command as one printable line: quoted like the remote shell sees it, secrets redacted,
 * control characters escaped (an argument with a newline must not split the error line), cut short.
 */
export function showCommand(argv: readonly string[], secrets: readonly string[] = []): string {
  const line = argv.map((arg) => quoteArg(redact(arg, secrets).replace(/\0/g, '\\0'))).join(' ');
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  const printable = line.replace(/[\x00-\x1f\x7f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return printable.length > SHOWN_COMMAND_CHARS
    ? `${printable.slice(0, SHOWN_COMMAND_CHARS)}…`
    : printable;
}

/** Any failure on a host: its one-line message starts with the host's name. */
export class HostError extends HypernixError {
  override name = 'HostError';
  constructor(
    readonly host: string,
    message: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    super(`${host}: ${message}`, options);
    if (options?.details) this.details = [...options.details];
  }
}

/** How a command ended when it did not succeed. */
export type CommandFailure =
  | { kind: 'exit'; code: number }
  | { kind: 'signal'; signal: string }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'output'; maxBytes: number }
  | { kind: 'spawn'; reason: string }
  | { kind: 'lost'; reason: string };

function describeFailure(failure: CommandFailure): string {
  switch (failure.kind) {
    case 'exit':
      return `exited with code ${failure.code}`;
    case 'signal':
      return `was killed by signal ${failure.signal}`;
    case 'timeout':
      return `timed out after ${formatSeconds(failure.timeoutMs)} and was stopped`;
    case 'output':
      return `wrote more than ${failure.maxBytes} bytes of output and was stopped`;
    case 'spawn':
      return `could not start: ${failure.reason}`;
    case 'lost':
      // Never re-run: the command may have started on the far side.
      return `lost its connection while running (${failure.reason}); it may or may not have run`;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A command that failed on a host: names the host, the command (redacted) and how it ended. */
export class HostCommandError extends HostError {
  override name = 'HostCommandError';
  readonly command: string;
  constructor(
    host: string,
    argv: readonly string[],
    readonly failure: CommandFailure,
    options: { secrets?: readonly string[]; stderr?: string; cause?: unknown } = {},
  ) {
    const command = showCommand(argv, options.secrets);
    const details = lastLines(redact(options.stderr ?? '', options.secrets), DETAIL_LINES);
    // The command's own last word, in the one line a user reads (the rest stays in details).
    const said = details
      .findLast((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 200);
    super(host, `command \`${command}\` ${describeFailure(failure)}${said ? `: ${said}` : ''}`, {
      cause: options.cause,
      details,
    });
    this.command = command;
  }
}

/** The host could not be reached, refused us, or showed a host key that is not pinned. */
export class HostConnectError extends HostError {
  override name = 'HostConnectError';
  /** True when trying again cannot help (a refused private key). */
  permanent = false;
  constructor(
    host: string,
    /** `address:port` as dialled. */
    readonly address: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(host, `cannot connect to ${address}: ${reason}`, options);
  }
}

/** A host key that is not pinned: the message shows the fingerprint the server presented. */
export class HostKeyError extends HostConnectError {
  override name = 'HostKeyError';
  constructor(
    host: string,
    address: string,
    reason: string,
    /** The presented key's `SHA256:…` fingerprint, when the server got as far as showing one. */
    readonly presented?: string,
  ) {
    super(host, address, reason);
  }
}

/** A file transfer or file read that failed its checks (size, sha256), leaving nothing behind. */
export class HostFileError extends HostError {
  override name = 'HostFileError';
}

/** The last `count` non-empty lines of `text`, each cut to 500 characters. */
export function lastLines(text: string, count: number): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .map((line) => (line.length > 500 ? `${line.slice(0, 500)}…` : line));
}
