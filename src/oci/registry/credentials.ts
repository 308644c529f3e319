import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../util/errors.js';
import { DOCKER_HUB } from './reference.js';

export interface Credentials {
  username: string;
  password: string;
}

interface DockerConfig {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The keys docker login writes for a registry: its host, and Docker Hub's historical URL. */
function configKeys(registry: string): string[] {
  if (registry === DOCKER_HUB)
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', DOCKER_HUB];
  return [registry, `https://${registry}`, `http://${registry}`];
}

/**
 * Credentials for a registry from a docker config.json ($DOCKER_CONFIG/config.json or
 * ~/.docker/config.json), as `docker login` writes them. Credential helpers are programs we do
 * not run; the result says so, so the caller can tell the user.
 */
export async function credentialsFromDockerConfig(
  registry: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ credentials?: Credentials; helper?: string; path: string }> {
  const path = join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json');
  let text: string;
  try {
    // Read synchronously: a few bytes, before the push's first request, where a thread-pool
    // round trip would wait for the busy main thread.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return { path };
    throw new InputError(`docker config ${path}: cannot be read (${code ?? message})`, {
      cause: error,
    });
  }
  let config: DockerConfig;
  try {
    config = JSON.parse(text) as DockerConfig;
  } catch (error) {
    throw new InputError(`docker config ${path}: not valid JSON`, { cause: error });
  }
  for (const key of configKeys(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.username && entry.password)
      return { credentials: { username: entry.username, password: entry.password }, path };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        return {
          credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) },
          path,
        };
      }
    }
  }
  const helper = config.credHelpers?.[registry] ?? config.credsStore;
  return { helper, path };
}
