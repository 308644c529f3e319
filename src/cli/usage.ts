import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HypernixError } from '../util/errors.js';

/** A command line that cannot be understood; exit code 2. */
export class UsageError extends HypernixError {
  override name = 'UsageError';
}

/** node:util parseArgs, with its errors turned into one line in the kit's own words. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  command: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: false });
  } catch (error) {
    throw new UsageError(`${describeParseError(error)}; see 'hypernix ${command} --help'`, {
      cause: error,
    });
  }
}

/** Node's messages quote options with their value placeholders; users get the option alone. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^' ]+)/.exec(message ?? '')?.[1] ?? 'an option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message ?? '')
        ? `option ${option} needs a value`
        : `option ${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'unexpected argument';
    default:
      return (message ?? String(error)).split('\n')[0] ?? 'cannot read the command line';
  }
}
