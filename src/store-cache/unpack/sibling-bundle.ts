import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The entry script of another bundle beside this one (dist/<name>/index.js next to dist/cli/),
 * or undefined when it is not there (the tests run the sources). The name is put together at
 * run time so the bundler does not take it for an asset of its own.
 */
export function siblingBundle(name: 'unpack-worker' | 'unpack-as-root'): string | undefined {
  const file = fileURLToPath(new URL(['..', name, 'index.js'].join('/'), import.meta.url));
  return existsSync(file) ? file : undefined;
}
