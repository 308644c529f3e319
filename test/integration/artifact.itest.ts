import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { hypernix, lastLine } from '../helpers/cli.js';
import { IMAGES_NIX } from '../helpers/fixtures.js';
import { runAction } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

let registry: LabRegistry;

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

/** A real qcow2 made by qemu-img, with some random data written into it so it has content. */
function makeQcow2(megabytes: number): string {
  const dir = tempDir('hypernix-qcow2-');
  const raw = join(dir, 'disk.raw');
  writeFileSync(raw, Buffer.concat([randomBytes(megabytes << 19), Buffer.alloc(megabytes << 19)]));
  const qcow2 = join(dir, 'nixos.qcow2');
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
  return qcow2;
}

describe('qcow2 as an OCI artifact', () => {
  it.each(['none', 'gzip', 'zstd'])(
    'round-trips with compression %s, verified and whole',
    async (compression) => {
      const qcow2 = makeQcow2(8);
      const ref = `${registry.host}/vm/k8s-${compression}:1`;
      const pushed = await hypernix([
        'artifact',
        'push',
        qcow2,
        ref,
        '--plain-http',
        '--compression',
        compression,
        '--json',
      ]);
      expect(pushed.code, pushed.stderr).toBe(0);
      const { digest } = JSON.parse(pushed.stdout) as { digest: string };
      const target = join(tempDir('pulled-'), 'k8s.qcow2');
      const pulled = await hypernix([
        'artifact',
        'pull',
        `${registry.host}/vm/k8s-${compression}@${digest}`,
        target,
        '--plain-http',
      ]);
      expect(pulled.code, pulled.stderr).toBe(0);
      expect(readFileSync(target).equals(readFileSync(qcow2))).toBe(true);
      expect(existsSync(`${target}.part`)).toBe(false);
      const info = JSON.parse(
        execFileSync('qemu-img', ['info', '--output=json', target], { encoding: 'utf8' }),
      ) as { format: string };
      expect(info.format).toBe('qcow2');
    },
  );

  it('records the artifactType, file name and sizes in the manifest, and skips an unchanged file', async () => {
    const qcow2 = makeQcow2(2);
    const ref = `${registry.host}/vm/skip:1`;
    await hypernix([
      'artifact',
      'push',
      qcow2,
      ref,
      '--plain-http',
      '--out-path',
      '/nix/store/abc-nixos-disk-image',
    ]);
    const manifest = JSON.parse(
      execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], {
        encoding: 'utf8',
      }),
    ) as {
      artifactType: string;
      layers: { annotations: Record<string, string> }[];
    };
    expect(manifest.artifactType).toBe('application/vnd.hypernix.disk-image.qcow2');
    expect(manifest.layers[0]?.annotations).toMatchObject({
      'org.opencontainers.image.title': 'nixos.qcow2',
      'vnd.hypernix.nix.out-path': '/nix/store/abc-nixos-disk-image',
    });
    const again = await hypernix([
      'artifact',
      'push',
      qcow2,
      ref,
      '--plain-http',
      '--json',
      '--out-path',
      '/nix/store/abc-nixos-disk-image',
    ]);
    expect(JSON.parse(again.stdout)).toMatchObject({ 'pushed-bytes': '0' });
  });

  it('refuses to pull an image that is not a qcow2 artifact, leaving no file', async () => {
    const archive = execFileSync('nix-build', [IMAGES_NIX, '-A', 'layeredTar', '--no-out-link'], {
      encoding: 'utf8',
    }).trim();
    await hypernix(['push', archive, `${registry.host}/not/vm:1`, '--plain-http']);
    const target = join(tempDir('pulled-'), 'x.qcow2');
    const run = await hypernix([
      'artifact',
      'pull',
      `${registry.host}/not/vm:1`,
      target,
      '--plain-http',
    ]);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toBe(
      `hypernix: ${registry.host}/not/vm:1 is not a qcow2 artifact (artifactType null)`,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('the qcow2 preset pushes the disk image and sets qcow2-ref', async () => {
    const run = await runAction(
      {
        file: IMAGES_NIX,
        attribute: 'qcow',
        preset: 'qcow2',
        push: 'true',
        image: `${registry.host}/vm/preset`,
        'plain-http': 'true',
      },
      { env: { GITHUB_SHA: 'f'.repeat(40), GITHUB_REF_NAME: 'main' } },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['qcow2-ref']).toMatch(/\/vm\/preset@sha256:[0-9a-f]{64}$/);
    expect(run.summary).toContain('hypernix push (qcow2 artifact)');
    const tags = JSON.parse(
      execFileSync(
        'skopeo',
        ['list-tags', '--tls-verify=false', `docker://${registry.host}/vm/preset`],
        { encoding: 'utf8' },
      ),
    ) as { Tags: string[] };
    expect(tags.Tags.sort()).toEqual(['f'.repeat(40), 'main'].sort());
  });
});
