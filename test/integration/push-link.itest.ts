import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArchive } from '../../bench/push/make-archive.js';
import { MEDIA_TYPE } from '../../src/oci/media-types.js';
import { CLI } from '../helpers/cli.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { createShapedLink, type ShapedLink } from '../lab/shaped-link.js';
import { tempDir } from '../helpers/temp.js';

// `hypernix push` over a real, shaped link: Docker's distribution registry in a network
// namespace behind a veth pair limited to 200 Mbit/s both ways with tc tbf (test/lab/
// shaped-link.ts), the pusher and skopeo in another namespace. Layers whose files are half random
// (first) and half text must go up compressed, and read back through skopeo to their diff_ids.

let link: ShapedLink;
let registry: LabRegistry;
let work: string;

beforeAll(async () => {
  work = tempDir('hypernix-link-');
  link = createShapedLink(200);
  registry = await startRegistry({ netns: { name: link.server, address: link.serverAddress } });
});
afterAll(async () => {
  await registry?.stop();
  link?.remove();
  rmSync(work, { recursive: true, force: true });
});

function inClient(command: string, args: string[]) {
  const [program, argv] = link.inClient(command, args);
  return spawnSync(program, argv, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

describe('push over a shaped link', () => {
  it('sends mixed layers compressed; skopeo reads them back to their diff_ids', () => {
    const archive = makeArchive({
      file: join(work, 'mixed.tar'),
      layers: 3,
      totalBytes: 6e6,
      kind: 'mixed',
    });
    const target = `${registry.host}/link/mixed:1`;
    const push = inClient(process.execPath, [CLI, 'push', archive.file, target, '--plain-http']);
    expect(push.status, push.stderr).toBe(0);

    const copy = join(work, 'copy');
    const read = inClient('skopeo', [
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      `docker://${target}`,
      `dir:${copy}`,
    ]);
    expect(read.status, read.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as {
      layers: { digest: string; mediaType: string; size: number }[];
    };
    expect(manifest.layers).toHaveLength(3);
    const diffIds = manifest.layers.map((layer) => {
      // Half random: the old rule (the first 64 KiB) sent these as they are.
      expect(layer.mediaType).toBe(MEDIA_TYPE.ociLayerGzip);
      const blob = readFileSync(join(copy, layer.digest.slice('sha256:'.length)));
      expect(sha256(blob)).toBe(layer.digest);
      return sha256(gunzipSync(blob));
    });
    expect(diffIds).toEqual(archive.layers.map((layer) => layer.diffId));
    const stored = manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    expect(stored).toBeLessThan(archive.size * 0.65);
    // The bytes crossed the shaped end of the link (tbf's own count).
    const stats = execFileSync('ip', ['netns', 'exec', link.client, 'tc', '-s', 'qdisc', 'show'], {
      encoding: 'utf8',
    });
    expect(Number(/tbf[\s\S]*?Sent (\d+) bytes/.exec(stats)?.[1])).toBeGreaterThan(stored);
  });

  it('shapes both ends of the link and leaves no namespace behind', () => {
    for (const namespace of [link.client, link.server]) {
      const qdisc = execFileSync('ip', ['netns', 'exec', namespace, 'tc', 'qdisc', 'show'], {
        encoding: 'utf8',
      });
      expect(qdisc).toMatch(/tbf .* rate 200Mbit/);
    }
    const spare = createShapedLink(100, 251);
    spare.remove();
    const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    expect(left).not.toContain(spare.client);
    expect(left).not.toContain(spare.server);
  });
});
