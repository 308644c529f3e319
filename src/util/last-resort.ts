import { describeError } from './errors.js';

// A failure nobody awaited (an unhandled rejection) or nobody caught must still end a run the
// way every other failure does: one line, no stack trace. Node's default prints the stack.

let installed = false;
let claimed = false;

/**
 * Whether the caller is the first to report the failure of this run. The entry point and the
 * last-resort handler both ask, so a run never ends with two error lines.
 */
export function claimFailureLine(): boolean {
  if (!installed) return true; // a library caller (a test) reports every failure
  if (claimed) return false;
  claimed = true;
  return true;
}

/**
 * Installs handlers that turn an unhandled rejection or uncaught exception into `report`'s one
 * line, then `end` the process. A failure after the run's own error line only ends it.
 */
export function installLastResort(
  report: (message: string) => void,
  end: () => Promise<unknown>,
): void {
  installed = true;
  const handle = (reason: unknown) => {
    if (claimFailureLine()) report(describeError(reason));
    void end();
  };
  process.on('unhandledRejection', handle);
  process.on('uncaughtException', handle);
}
