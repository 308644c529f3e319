import { InputError } from '../util/errors.js';

// Characters a POSIX shell never treats specially in a word. `=` is left out on purpose: an
// unquoted first word `a=b` would be read as a variable assignment, not as a command. A word may
// not start with `-`: sshd runs `$SHELL -c LINE`, and dash reads a LINE starting with `-` as its
// own options (`sh -c '-rf …'` fails with "Illegal option -r").
const PLAIN_WORD = /^[A-Za-z0-9_@%+,./:][A-Za-z0-9_@%+,./:-]*$/;

/**
 * Quotes one argument for a POSIX shell: single quotes, where nothing is special, and each
 * embedded `'` written as `'\''` (close, escaped quote, reopen). Plain words stay as they are.
 * A NUL byte cannot be carried by a C string on the far side, so it is refused, not dropped.
 */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) {
    throw new InputError(`command argument ${JSON.stringify(arg)} contains a NUL byte`);
  }
  if (PLAIN_WORD.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Turns an argument vector into one command line for a remote POSIX shell (what `ssh` and
 * ssh2's `exec` hand to the user's login shell), so that the far side sees exactly `argv`.
 */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new InputError('a command needs at least a program name');
  return argv.map(quoteArg).join(' ');
}
