import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGES_NIX } from '../helpers/fixtures.js';
import { ROOT } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

// @github/local-action is an outside client: it loads the TypeScript entry point, stubs the
// runner's services, and calls the exported run(). It sets no GITHUB_STEP_SUMMARY, as some
// runners and tools do not, and it exits 0 even when the action fails (so its output is read).
describe('build-image through @github/local-action', () => {
  it('runs the exported run(): outputs set, no error, the missing summary only a warning', () => {
    const work = tempDir('hypernix-local-action-');
    const env = join(work, '.env');
    // RUNNER_TEMP: where main keeps its GC root until a post step, which this run has not.
    writeFileSync(
      env,
      `INPUT_KIND=qcow2\nINPUT_FILE=${IMAGES_NIX}\nINPUT_ATTRIBUTE=qcow\nRUNNER_TEMP=${work}\n`,
    );
    const result = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'local-action'),
      ['run', '.', 'src/actions/build-image/main.ts', env],
      { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toContain('::error::');
    expect(output).toMatch(/::set-output name=qcow2::\/nix\/store\/\S+\/nixos\.qcow2/);
    expect(output).toContain('::warning::job summary not written');
    expect(output).toMatch(/hypernix build-image: done in \d+\.\d s/);
  });
});
