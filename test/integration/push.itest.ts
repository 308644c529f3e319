import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { MEDIA_TYPE } from '../../src/oci/media-types.js';
import { hypernix, lastLine } from '../helpers/cli.js';
import { IMAGES_NIX } from '../helpers/fixtures.js';
import { makeDockerArchive, randomLayer } from '../helpers/make-archive.js';
import { sha256 } from '../helpers/layer-registry-double.js';
import { tempDir } from '../helpers/temp.js';

// Pushes with the bundled `hypernix push` to Docker's distribution registry (Debian's
// docker-registry) and reads the results back with skopeo: both real, on loopback.

let registry: LabRegistry;
const skopeoCache = '/var/lib/containers/cache/blob-info-cache-v1.boltdb';

function nixBuild(attribute: string): string {
  return execFileSync('nix-build', [IMAGES_NIX, '-A', attribute, '--no-out-link'], {
    encoding: 'utf8',
  }).trim();
}

function skopeo(...args: string[]): string {
  return execFileSync('skopeo', args, { encoding: 'utf8' });
}

function pushJson(stdout: string): Record<string, string> {
  return JSON.parse(stdout) as Record<string, string>;
}

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

describe('hypernix push', () => {
  it('pushes every archive form dockerTools makes to the same image digest', async () => {
    const digests = new Set<string>();
    for (const attribute of ['layeredTar', 'layered', 'layeredZst', 'stream']) {
      const run = await hypernix([
        'push',
        nixBuild(attribute),
        `${registry.host}/forms/${attribute.toLowerCase()}:1.4`,
        '--plain-http',
        '--json',
        // A script is run only when the user says it is one.
        ...(attribute === 'stream' ? ['--archive-format', 'stream'] : []),
      ]);
      expect(run.code, run.stderr).toBe(0);
      digests.add(pushJson(run.stdout).digest as string);
    }
    // Same layers, same compression, same config: one manifest, whatever the archive's form.
    expect(digests.size).toBe(1);
  });

  it('is read back by skopeo, whose docker-archive has our diff_ids', async () => {
    const { path, diffIds } = makeDockerArchive({
      layers: ['alpha', randomLayer(200_000), 'gamma'.repeat(10_000)],
    });
    const ref = `${registry.host}/interop/ours:1`;
    const run = await hypernix(['push', path, ref, '--plain-http', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const inspected = JSON.parse(skopeo('inspect', '--tls-verify=false', `docker://${ref}`)) as {
      Digest: string;
      Layers: string[];
    };
    expect(inspected.Digest).toBe(pushJson(run.stdout).digest);
    expect(inspected.Layers).toHaveLength(3);
    const out = join(tempDir('skopeo-out-'), 'copy.tar');
    skopeo('copy', '--src-tls-verify=false', `docker://${ref}`, `docker-archive:${out}`);
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOf', out, 'manifest.json'], { encoding: 'utf8' }),
    ) as { Config: string }[];
    const config = JSON.parse(
      execFileSync('tar', ['-xOf', out, manifest[0]?.Config as string], { encoding: 'utf8' }),
    ) as {
      rootfs: { diff_ids: string[] };
    };
    expect(config.rootfs.diff_ids).toEqual(diffIds);
  });

  it('re-pushes an unchanged image sending no layer bytes, and one changed layer only', async () => {
    const layers = [randomLayer(300_000), randomLayer(300_000), 'text '.repeat(50_000)];
    const first = makeDockerArchive({ layers });
    const ref = `${registry.host}/repush/app:main`;
    const cold = pushJson(
      (await hypernix(['push', first.path, ref, '--plain-http', '--json'])).stdout,
    );
    expect(Number(cold['pushed-bytes'])).toBeGreaterThan(600_000);
    // A fresh runner: hypernix keeps no local state, so this is what every runner sees.
    const again = await hypernix([
      'push',
      first.path,
      ref,
      '--tag',
      'abc123',
      '--plain-http',
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(pushJson(again.stdout)).toMatchObject({ 'pushed-bytes': '0', digest: cold.digest });
    const changed = makeDockerArchive({
      layers: [layers[0] as Buffer, randomLayer(300_000), layers[2] as string],
    });
    const third = pushJson(
      (await hypernix(['push', changed.path, ref, '--plain-http', '--json'])).stdout,
    );
    expect(Number(third['pushed-bytes'])).toBeGreaterThan(290_000);
    expect(Number(third['pushed-bytes'])).toBeLessThan(320_000);
    expect(Number(third['reused-bytes'])).toBeGreaterThan(300_000);
  });

  it('sends again, as the same blob, a layer the registry holds without any tag naming it', async () => {
    const layer = randomLayer(3 << 20); // several read chunks, as above
    const { path } = makeDockerArchive({ layers: [layer] });
    const ref = `${registry.host}/untagged/app:1`;
    // Into a Docker manifest, as gzip stored blocks (into an OCI one it goes as it is, and a
    // HEAD of its diff_id finds it: push-faults.itest.ts).
    const docker = ['--manifest-format', 'docker'];
    const first = pushJson(
      (await hypernix(['push', path, ref, '--plain-http', '--json', ...docker])).stdout,
    );
    // The manifest goes, the blobs stay: nothing the next push reads names the layer.
    const deleted = await fetch(
      `${registry.url}/v2/untagged/app/manifests/${String(first.digest)}`,
      {
        method: 'DELETE',
      },
    );
    expect(deleted.status).toBe(202);
    const run = await hypernix([
      'push',
      path,
      `${ref.slice(0, -2)}:2`,
      '--plain-http',
      '--json',
      ...docker,
    ]);
    expect(run.code, run.stderr).toBe(0);
    // Its digest is known only once it is sent (hashed as it goes out): the upload is closed,
    // and the registry links the blob it had.
    const second = pushJson(run.stdout);
    expect(second.digest).toBe(first.digest);
    expect(Number(second['pushed-bytes'])).toBeGreaterThan(3 << 20);
    expect(linkedBlobs('untagged/app')).toHaveLength(2);
  });

  it('never commits the blob of a layer that is not what its config says', async () => {
    // Several read chunks, hashed as they go out: the digest is known only at the end.
    const { path } = makeDockerArchive({ layers: [randomLayer(3 << 20), 'b'], corruptLayer: 0 });
    const run = await hypernix(['push', path, `${registry.host}/corrupt/app:1`, '--plain-http']);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/has digest .* but the config lists .*; nothing was tagged$/);
    // The config and the good layer may be in; the corrupt layer's upload was never closed.
    expect(linkedBlobs('corrupt/app').length).toBeLessThanOrEqual(2);
  });

  it('mounts and skips the layers of an image skopeo pushed to another repository', async () => {
    const { path } = makeDockerArchive({ layers: [randomLayer(150_000), randomLayer(150_000)] });
    rmSync(skopeoCache, { force: true });
    skopeo(
      'copy',
      '--dest-tls-verify=false',
      `docker-archive:${path}`,
      `docker://${registry.host}/base/skopeo:1`,
    );
    const run = await hypernix([
      'push',
      path,
      `${registry.host}/derived/app:1`,
      '--plain-http',
      '--mount-from',
      `${registry.host}/base/skopeo:1`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/mounted[\s\S]*mounted/);
    expect(run.stdout).toContain('Sent 0 B');
  });

  it('pushes an OCI image layout (directory or tar) as it is, digest unchanged', async () => {
    const { path } = makeDockerArchive({ layers: ['oci', randomLayer(50_000)] });
    const dir = tempDir('oci-layout-');
    skopeo('copy', `docker-archive:${path}`, `oci:${dir}/layout:1`);
    const index = JSON.parse(readFileSync(join(dir, 'layout', 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const layoutDigest = index.manifests[0]?.digest;
    const fromDir = await hypernix([
      'push',
      join(dir, 'layout'),
      `${registry.host}/oci/dir:1`,
      '--plain-http',
      '--json',
    ]);
    expect(fromDir.code, fromDir.stderr).toBe(0);
    expect(pushJson(fromDir.stdout).digest).toBe(layoutDigest);
    execFileSync('tar', ['-C', join(dir, 'layout'), '-cf', join(dir, 'layout.tar'), '.']);
    const fromTar = await hypernix([
      'push',
      join(dir, 'layout.tar'),
      `${registry.host}/oci/tar:1`,
      '--plain-http',
      '--json',
    ]);
    expect(pushJson(fromTar.stdout).digest).toBe(layoutDigest);
    // A blob whose bytes do not match its name stops the push before the tag.
    const blobs = join(dir, 'layout', 'blobs', 'sha256');
    const biggest = execFileSync('sh', ['-c', `ls -S ${blobs} | head -1`], {
      encoding: 'utf8',
    }).trim();
    // Of the size its descriptor says: a blob of another size is refused before it is read.
    writeFileSync(join(blobs, biggest), randomLayer(statSync(join(blobs, biggest)).size));
    const bad = await hypernix([
      'push',
      join(dir, 'layout'),
      `${registry.host}/oci/bad:1`,
      '--plain-http',
    ]);
    expect(bad.code).toBe(1);
    expect(lastLine(bad)).toMatch(
      /blobs\/sha256\/[0-9a-f]{64} does not have the digest its name says; nothing was tagged$/,
    );
  });

  it('pushes zstd layers in an OCI manifest, a large one as frames that skopeo reads back', async () => {
    // 9 MB: three frames of parallel-zstd, which Go's zstd reader (skopeo's) must join.
    const large = Buffer.concat([
      Buffer.from('zstd layer '.repeat(600_000)),
      randomLayer(2_500_000),
    ]);
    const { path, diffIds } = makeDockerArchive({ layers: ['zstd layer '.repeat(1000), large] });
    const ref = `${registry.host}/zstd/app:1`;
    const run = await hypernix(['push', path, ref, '--plain-http', '--compression', 'zstd']);
    expect(run.code, run.stderr).toBe(0);
    const raw = JSON.parse(skopeo('inspect', '--raw', '--tls-verify=false', `docker://${ref}`)) as {
      mediaType: string;
      layers: { mediaType: string; size: number }[];
    };
    expect(raw.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(raw.layers.map((layer) => layer.mediaType)).toEqual([
      'application/vnd.oci.image.layer.v1.tar+zstd',
      'application/vnd.oci.image.layer.v1.tar+zstd',
    ]);
    expect(raw.layers[1]?.size).toBeLessThan(large.length * 0.5);
    // skopeo decompresses each layer into a dir: copy, named by the digest of what it read.
    const out = tempDir('skopeo-zstd-');
    skopeo('copy', '--src-tls-verify=false', '--dest-decompress', `docker://${ref}`, `dir:${out}`);
    for (const diffId of diffIds) {
      const file = join(out, diffId.replace('sha256:', ''));
      expect(sha256(readFileSync(file))).toBe(diffId);
    }
    rmSync(out, { recursive: true, force: true });
  });

  it("reuses a Docker manifest's layers in an OCI one, and the other way, under its own media types", async () => {
    const { path } = makeDockerArchive({ layers: ['formats', randomLayer(60_000)] });
    const layerTypes = (ref: string) =>
      (
        JSON.parse(skopeo('inspect', '--raw', '--tls-verify=false', `docker://${ref}`)) as {
          layers: { mediaType: string }[];
        }
      ).layers.map((layer) => layer.mediaType);
    const push = async (ref: string, format: string) => {
      const run = await hypernix([
        'push',
        path,
        ref,
        '--plain-http',
        '--json',
        '--manifest-format',
        format,
      ]);
      expect(run.code, run.stderr).toBe(0);
      return pushJson(run.stdout);
    };
    const docker = `${registry.host}/formats/app:docker`;
    const oci = `${registry.host}/formats/app:oci`;
    await push(docker, 'docker');
    expect(layerTypes(docker)).toEqual([MEDIA_TYPE.dockerLayerGzip, MEDIA_TYPE.dockerLayerGzip]);
    expect(await push(oci, 'oci')).toMatchObject({ 'pushed-bytes': '0' });
    expect(layerTypes(oci)).toEqual([MEDIA_TYPE.ociLayerGzip, MEDIA_TYPE.ociLayerGzip]);
    // A new tag of the same repository: its layers are learnt from the other two tags.
    const again = `${registry.host}/formats/app:again`;
    expect(await push(again, 'docker')).toMatchObject({ 'pushed-bytes': '0' });
    expect(layerTypes(again)).toEqual([MEDIA_TYPE.dockerLayerGzip, MEDIA_TYPE.dockerLayerGzip]);
  });

  it('pushes the same image under node --jitless', async () => {
    const { path } = makeDockerArchive({ layers: ['jitless', randomLayer(20_000)] });
    const usual = await hypernix([
      'push',
      path,
      `${registry.host}/jitless/app:1`,
      '--plain-http',
      '--json',
    ]);
    expect(usual.code, usual.stderr).toBe(0);
    const jitless = await hypernix(
      ['push', path, `${registry.host}/jitless/other:1`, '--plain-http', '--json'],
      { env: { NODE_OPTIONS: '--jitless' } },
    );
    expect(jitless.code, jitless.stderr).toBe(0);
    expect(pushJson(jitless.stdout).digest).toBe(pushJson(usual.stdout).digest);
  });

  it('sends a layer larger than one in-memory chunk in resumable PATCH chunks', async () => {
    const { path, diffIds } = makeDockerArchive({ layers: [randomLayer(40 << 20)] });
    const ref = `${registry.host}/big/app:1`;
    const run = await hypernix([
      'push',
      path,
      ref,
      '--plain-http',
      '--json',
      '--compression',
      'none',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const raw = JSON.parse(skopeo('inspect', '--raw', '--tls-verify=false', `docker://${ref}`)) as {
      layers: { digest: string }[];
    };
    expect(raw.layers[0]?.digest).toBe(diffIds[0]);
  });
});

describe('hypernix push: bad input gives one line and no tag', () => {
  const tagExists = (ref: string) =>
    spawnSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], {
      encoding: 'utf8',
    }).status === 0;

  it.each([
    [
      'an archive without manifest.json',
      { layers: ['a'], omitManifest: true },
      /^hypernix: \S+image\.tar: not a docker archive \(no manifest\.json in the tar\)$/,
    ],
    [
      'a manifest naming a missing layer',
      { layers: ['a', 'b'], omitLayer: 1 },
      /^hypernix: \S+image\.tar: manifest\.json names "[0-9a-f]{64}\/layer\.tar", which is not in the archive$/,
    ],
    [
      'a layer whose content does not match its digest',
      { layers: ['a', 'b'], corruptLayer: 1 },
      /^hypernix: layer [0-9a-f]{64}\/layer\.tar has digest sha256:[0-9a-f]{64}, but the config lists sha256:[0-9a-f]{64}; nothing was tagged$/,
    ],
  ])('%s', async (_name, spec, message) => {
    const { path } = makeDockerArchive(spec);
    const ref = `${registry.host}/bad/${Math.random().toString(36).slice(2)}:1`;
    const run = await hypernix(['push', path, ref, '--plain-http']);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(tagExists(ref)).toBe(false);
  });

  it('refuses the same corruption in a compressed (streamed) archive before tagging', async () => {
    const { path } = makeDockerArchive({ layers: ['a', 'b'], corruptLayer: 0 });
    execFileSync('gzip', ['-k', path]);
    const ref = `${registry.host}/bad/streamed:1`;
    const run = await hypernix(['push', `${path}.gz`, ref, '--plain-http']);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(
      /layer "[0-9a-f]{64}\/layer\.tar" has digest .* but the config lists .*; nothing was tagged$/,
    );
    expect(tagExists(ref)).toBe(false);
  });

  it.each([
    [
      'ghcr.io/Owner/app:1',
      `hypernix: argument REF: the repository name must be lowercase; got "ghcr.io/Owner/app:1"`,
    ],
    [
      `127.0.0.1:1/app:bad tag`,
      `hypernix: argument REF: not a valid image reference: it contains whitespace (expected registry/repository[:tag]); got "127.0.0.1:1/app:bad tag"`,
    ],
    [
      '127.0.0.1:1/app@sha256:abc',
      `hypernix: argument REF: the digest must be sha256: followed by 64 lowercase hex characters; got "127.0.0.1:1/app@sha256:abc"`,
    ],
    [
      '127.0.0.1:5000/:1',
      `hypernix: argument REF: the repository name is empty; got "127.0.0.1:5000/:1"`,
    ],
  ])('refuses the reference %s', async (ref, message) => {
    const run = await hypernix(['push', IMAGES_NIX, ref, '--plain-http']);
    expect(run.code).toBe(2);
    expect(lastLine(run)).toBe(message);
  });

  it('says an endpoint that answers HTML is not a registry', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const { path } = makeDockerArchive({ layers: ['a'] });
    const run = await hypernix(['push', path, `127.0.0.1:${port}/app:1`, '--plain-http']);
    server.close();
    expect(run.code).toBe(1);
    expect(lastLine(run)).toBe(
      `hypernix: http://127.0.0.1:${port} is not an OCI registry (GET /v2/ answered 200 with text/html and no Docker-Distribution-API-Version)`,
    );
  });
});

/** The blobs the registry links into a repository (its storage, as Docker's distribution lays it out). */
function linkedBlobs(repository: string): string[] {
  const dir = join(
    registry.dataDir,
    'docker/registry/v2/repositories',
    repository,
    '_layers/sha256',
  );
  return existsSync(dir) ? readdirSync(dir) : [];
}
