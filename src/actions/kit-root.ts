import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The root of the kit's checkout (where action.yml and examples/ are), found from this module's
 * own location, so it works from dist/<entry>/index.js and from src/ alike.
 */
export function kitRoot(moduleUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, 'action.yml')) && existsSync(join(dir, 'examples'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
