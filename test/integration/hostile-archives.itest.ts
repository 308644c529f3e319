import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneCleanError, hypernixBounded } from '../helpers/bounded.js';
import { HOSTILE_ARCHIVES } from '../hostile/archives.js';
import { IMAGES_NIX } from '../helpers/fixtures.js';
import { runAction } from '../helpers/run-action.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { tempDir } from '../helpers/temp.js';

// The hostile-archive corpus (test/hostile/archives.ts) pushed by the bundled CLI to a real
// registry. Every case must end in one error line naming the file, quickly, in little memory,
// with nothing run and no tag set. Before the fix, some of these hung for ever (a PAX size of
// 0.5 or -1536), grew to gigabytes (a 16 GiB GNU long name), or ran a script named .tar.gz.

/** Far above what these small files need (well under a second each), far below a hang. */
const TIME_BOUND_MS = 20_000;
/** The CLI's own footprint is about 60 MiB; a runaway grew to gigabytes. */
const RSS_BOUND_MIB = 200;

let registry: LabRegistry;
let dir: string;

beforeAll(async () => {
  registry = await startRegistry();
  dir = tempDir('hostile-archives-');
});
afterAll(async () => {
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hypernix push on hostile archives', () => {
  it.each(HOSTILE_ARCHIVES.map((hostile) => [hostile.name, hostile] as const))(
    '%s: one clean error, bounded, nothing run, no tag',
    async (name, hostile) => {
      const marker = join(dir, `${name}.ran`);
      const path = hostile.build(dir, marker);
      const repository = `hostile/${name}`;
      const run = await hypernixBounded(
        ['push', path, `${registry.host}/${repository}:1`, '--plain-http', ...(hostile.args ?? [])],
        { timeoutMs: TIME_BOUND_MS, maxRssMiB: RSS_BOUND_MIB },
      );
      const line = expectOneCleanError(run);
      expect(line).toContain(path);
      expect(line).toMatch(hostile.expect);
      expect(run.elapsedMs).toBeLessThan(TIME_BOUND_MS);
      expect(run.peakRssMiB).toBeLessThan(RSS_BOUND_MIB);
      expect(existsSync(marker), 'the script ran').toBe(false);
      const tag = await fetch(`${registry.url}/v2/${repository}/manifests/1`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      expect(tag.status, 'a tag was set').toBe(404);
    },
  );
});

describe('what may run still runs', () => {
  it("the action pushes its own build's streamLayeredImage script, which it runs", async () => {
    const run = await runAction({
      kind: 'container',
      file: IMAGES_NIX,
      attribute: 'stream',
      push: 'true',
      image: `${registry.host}/hostile/own-stream`,
      tags: 'v1',
      'plain-http': 'true',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['archive-format']).toBe('stream');
    expect(run.outputs['image-ref']).toMatch(/\/hostile\/own-stream@sha256:[0-9a-f]{64}$/);
    const tag = await fetch(`${registry.url}/v2/hostile/own-stream/manifests/v1`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(tag.status).toBe(200);
  });
});
