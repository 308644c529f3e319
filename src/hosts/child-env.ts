/**
 * The environment a local child process gets: the parent's, minus what may hold a secret.
 * Action inputs (`INPUT_*`, which carry private keys and passwords), the kit's own
 * `HYPERNIX_*PASSWORD*` / `*TOKEN*` / `*KEY*` variables, and the runner's tokens never reach a
 * child. (A shared `childEnvironment()` in src/util is planned; this one is local until then.)
 */
export function hostChildEnvironment(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || isSecretName(name)) continue;
    env[name] = value;
  }
  return env;
}

function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.startsWith('INPUT_')) return true;
  if (upper.startsWith('HYPERNIX_') && /PASSWORD|TOKEN|SECRET|KEY/.test(upper)) return true;
  // The runner's own credentials, when a job exports them.
  return [
    'GITHUB_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'SSH_AUTH_SOCK',
  ].includes(upper);
}
