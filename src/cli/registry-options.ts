import { UsageError } from './usage.js';

/** The options every command that talks to a registry takes, with one meaning everywhere. */
export const REGISTRY_OPTIONS = {
  'plain-http': { type: 'boolean' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * The registry password: from standard input with --password-stdin (never from the command line,
 * where other users of the machine could read it), else from HYPERNIX_REGISTRY_PASSWORD.
 */
export async function readPassword(
  fromStdin: boolean | undefined,
  username: string | undefined,
): Promise<string | undefined> {
  if (!fromStdin) return process.env.HYPERNIX_REGISTRY_PASSWORD;
  if (!username) throw new UsageError('--password-stdin needs --username USER');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    // A password, not a file: refuse a runaway pipe rather than hold it all.
    if (size > 64 * 1024) throw new UsageError('--password-stdin: standard input is over 64 KiB');
    chunks.push(chunk as Buffer);
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('--password-stdin: standard input was empty');
  return password;
}
