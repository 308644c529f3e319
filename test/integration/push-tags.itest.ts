import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { expectOneCleanError, hypernixBounded } from '../helpers/bounded.js';
import { hypernix } from '../helpers/cli.js';
import { makeDockerArchive } from '../helpers/make-archive.js';

// `hypernix push --tag` through the bundled CLI against Docker's distribution registry: a
// comma-separated --tag is several tags, each set; a tag holding a line break is refused before
// anything is sent.

let registry: LabRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

async function tagsOf(repository: string): Promise<{ status: number; tags: string[] }> {
  const response = await fetch(`${registry.url}/v2/${repository}/tags/list`);
  if (response.status !== 200) return { status: response.status, tags: [] };
  const body = (await response.json()) as { tags?: string[] | null };
  return { status: 200, tags: [...(body.tags ?? [])].sort() };
}

describe('hypernix push --tag', () => {
  it("sets every tag of '--tag v1,v2' and the reference's own", async () => {
    const { path } = makeDockerArchive({ layers: ['tags-a', 'tags-b'] });
    const run = await hypernix([
      'push',
      path,
      `${registry.host}/tags/split:base`,
      '--tag',
      'v1,v2',
      '--tag',
      'v3',
      '--plain-http',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(await tagsOf('tags/split')).toEqual({ status: 200, tags: ['base', 'v1', 'v2', 'v3'] });
  });

  it('refuses a tag holding a line break with one line, and sends nothing', async () => {
    const { path } = makeDockerArchive({ layers: ['tags-c'] });
    const run = await hypernixBounded(
      ['push', path, `${registry.host}/tags/newline`, '--tag', 'a\nb', '--plain-http'],
      { timeoutMs: 30_000, maxRssMiB: 300 },
    );
    expect(expectOneCleanError(run)).toBe(
      `hypernix: option '--tag': a tag cannot hold a line break or control character; got "a\\nb"`,
    );
    expect(run.code).toBe(2);
    expect((await tagsOf('tags/newline')).tags).toEqual([]);
  });
});
