/**
 * Errors a user can act on. Every domain throws a subclass with a one-line, user-facing message;
 * the entry points print that line and nothing else (no stack trace).
 */
export class HypernixError extends Error {
  override name = 'HypernixError';
  /** Where in the user's files the problem is, when known: becomes an annotation. */
  location?: SourceLocation;
  /** Lines that help (a failed builder's last log lines), shown before the one-line message. */
  details: string[] = [];
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A place in a user's file. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** A bad input, option or config value. The message names the input and what was expected. */
export class InputError extends HypernixError {
  override name = 'InputError';
}

/** Turns any thrown value into one line for a user: our own errors as they are, others briefly. */
export function describeError(error: unknown): string {
  if (error instanceof HypernixError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  if (typeof error === 'string') return error;
  try {
    return `unexpected error: ${JSON.stringify(error)}`;
  } catch {
    return `unexpected error: ${String(error)}`;
  }
}
