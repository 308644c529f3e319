import type { Reporter } from '../util/reporter.js';
import { credentialsFromDockerConfig, type Credentials } from '../oci/registry/credentials.js';
import { transferDeadlineFromEnv } from '../oci/registry/deadline.js';
import { RegistryClient } from '../oci/registry/registry-client.js';
import { InputError } from '../util/errors.js';

export interface LoginOptions {
  registry: string;
  username?: string;
  password?: string;
  plainHttp: boolean;
  /** GITHUB_TOKEN and actor: used for ghcr.io only, and only when nothing else is given. */
  github?: { token?: string; actor?: string };
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * A client for a registry with the credentials to use: the given ones, else docker login's
 * config.json, else (ghcr.io only) the job's GITHUB_TOKEN, else anonymous. Secrets are masked
 * before anything can print them, and never sent over plain HTTP beyond loopback.
 */
export async function connectRegistry(
  options: LoginOptions,
  reporter: Reporter,
): Promise<RegistryClient> {
  let credentials: Credentials | undefined;
  if (options.username && options.password) {
    credentials = { username: options.username, password: options.password };
  } else {
    const fromConfig = await credentialsFromDockerConfig(options.registry);
    if (fromConfig.credentials) {
      credentials = fromConfig.credentials;
      reporter.info(`Using the credentials for ${options.registry} in ${fromConfig.path}`);
    } else if (fromConfig.helper) {
      reporter.warning(
        `${fromConfig.path} keeps the credentials for ${options.registry} in the credential helper "${fromConfig.helper}", which hypernix does not run; pass registry-username and registry-password`,
      );
    } else if (options.registry === 'ghcr.io' && options.github?.token) {
      credentials = {
        username: options.github.actor || 'github-actions',
        password: options.github.token,
      };
      reporter.info('Using the job token (GITHUB_TOKEN) for ghcr.io');
    }
  }
  if (credentials) reporter.mask(credentials.password);
  if (credentials && options.plainHttp && !LOOPBACK.test(options.registry)) {
    throw new InputError(
      `refusing to send credentials for ${options.registry} over plain HTTP; use HTTPS or a loopback registry`,
    );
  }
  return new RegistryClient({
    registry: options.registry,
    credentials,
    plainHttp: options.plainHttp,
    deadline: transferDeadlineFromEnv(process.env),
    reporter,
  });
}
