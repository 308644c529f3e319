import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The kit's version, read from its package.json (found upwards from this module, so it works from
 * dist/cli/index.js and from src/ alike): one place to change it, the release script's.
 */
export function kitVersion(moduleUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
          name?: unknown;
          version?: unknown;
        };
        if (manifest.name === 'hypernix' && typeof manifest.version === 'string')
          return manifest.version;
      } catch {
        // not ours or not JSON: keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
