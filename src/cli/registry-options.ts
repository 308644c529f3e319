import {
  parsePushConfig,
  pushLabelsFor,
  type PushConfig,
  type RawPushInputs,
} from '../config/push.js';
import { formatReference, type ImageReference } from '../oci/registry/reference.js';
import { connectRegistry } from '../publish/registry-login.js';
import type { Reporter } from '../util/reporter.js';
import { readBounded } from '../util/read-bounded.js';
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
  // A password, not a file: refuse a runaway pipe rather than hold it all.
  const input = await readBounded(
    process.stdin,
    64 * 1024,
    () => new UsageError('--password-stdin: standard input is over 64 KiB'),
  );
  const password = input.toString('utf8').replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('--password-stdin: standard input was empty');
  return password;
}

/** The options every pushing command shares, as the command line gives them. */
export interface PushOptionValues {
  tag?: string[];
  username?: string;
  'password-stdin'?: boolean;
  'plain-http'?: boolean;
  compression?: string;
  'compression-level'?: string;
}

/**
 * REF and the shared push options read through the push configuration (the action's rules), the
 * password from standard input or the environment; `extra` holds a command's own fields.
 */
export async function readPushOptions(
  ref: string,
  values: PushOptionValues,
  extra: Partial<RawPushInputs> = {},
  defaults?: Parameters<typeof parsePushConfig>[2],
): Promise<PushConfig & { image: ImageReference }> {
  const password = await readPassword(values['password-stdin'], values.username);
  const config = parsePushConfig(
    {
      push: true,
      image: ref,
      tags: values.tag ?? [],
      registryUsername: values.username,
      registryPassword: password,
      compression: values.compression,
      compressionLevel: values['compression-level'],
      plainHttp: values['plain-http'] ?? false,
      ...extra,
    },
    pushLabelsFor('cli'),
    defaults,
  );
  return config as PushConfig & { image: ImageReference }; // push: true requires the image
}

/** REF's own tag and the --tag options (split and checked by the configuration), once each. */
export function tagsToPush(image: ImageReference, config: PushConfig): string[] {
  const tags = [...new Set([...(image.tag ? [image.tag] : []), ...config.tags])];
  if (tags.length === 0)
    throw new UsageError(`argument REF: give a tag (${formatReference(image)}:TAG) or --tag`);
  return tags;
}

/** The registry of REF, with the credentials the options gave. */
export function connectTo(config: PushConfig & { image: ImageReference }, reporter: Reporter) {
  return connectRegistry(
    {
      registry: config.image.registry,
      username: config.registryUsername,
      password: config.registryPassword,
      plainHttp: config.plainHttp,
    },
    reporter,
  );
}
