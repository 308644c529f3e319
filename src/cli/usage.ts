import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HypernixError } from '../util/errors.js';

/** A command line that cannot be understood; exit code 2. */
export class UsageError extends HypernixError {
  override name = 'UsageError';
}

/** node:util parseArgs, with its errors turned into one line naming the option. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  command: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, tokens: false });
  } catch (error) {
    const message = (error as Error).message
      .split('\n')[0]
      ?.replace(/\. To specify a positional.*$/, '');
    throw new UsageError(`${message}; run 'hypernix ${command} --help'`, { cause: error });
  }
}
