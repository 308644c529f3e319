/**
 * The secret values this process has masked, so that no child process is handed a variable
 * holding one (see childEnvironment). Reporters' mask() and the action's input readers add to it.
 */
const secrets = new Set<string>();

export function rememberSecret(value: string | undefined): void {
  if (value) secrets.add(value);
}

export function knownSecrets(): readonly string[] {
  return [...secrets];
}
