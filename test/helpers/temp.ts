import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Temporary directories of the tests, removed once the test file that imported this module has
// run (vitest evaluates modules afresh for each test file), so a suite run leaves nothing in
// /tmp. This hook is registered first, so it runs after the file's own (which unmount, stop).
const made: string[] = [];
afterAll(() => {
  for (const path of made.splice(0)) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Store trees are read-only (0555 directories): a user who is not root must open them.
      spawnSync('chmod', ['-R', 'u+w', path]);
      rmSync(path, { recursive: true, force: true });
    }
  }
});

/** A new directory under the system's temporary directory, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
