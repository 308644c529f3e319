import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export interface ArchiveSpec {
  /** Contents of each layer's one file; a layer is a real tar holding nix/store/<hash>-layerN/data. */
  layers: (Buffer | string)[];
  tag?: string;
  /** Faults for the bad-input tests. */
  omitManifest?: boolean;
  omitLayer?: number;
  /** Replace this layer's bytes after its digest was taken (its name and diff_id then lie). */
  corruptLayer?: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A layer tar as dockerTools makes them: fixed mtime, root owner, one store path. */
function layerTar(index: number, content: Buffer | string, work: string): Buffer {
  const root = join(work, `root${index}`);
  const storePath = join(root, 'nix', 'store', `${String(index).padStart(32, '0')}-layer${index}`);
  mkdirSync(storePath, { recursive: true });
  writeFileSync(join(storePath, 'data'), content);
  const out = join(work, `layer${index}.tar`);
  execFileSync('tar', [
    '--sort=name',
    '--mtime=@1',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--format=gnu',
    '-C',
    root,
    '-cf',
    out,
    'nix',
  ]);
  return readFileSync(out);
}

/** Writes a docker archive (uncompressed tar) in dockerTools' order and returns its path. */
export function makeDockerArchive(spec: ArchiveSpec): { path: string; diffIds: string[] } {
  const work = tempDir('hypernix-archive-');
  const dir = join(work, 'archive');
  mkdirSync(dir);
  const order: string[] = [];
  const diffIds: string[] = [];
  const layerPaths: string[] = [];
  spec.layers.forEach((content, index) => {
    const tar = layerTar(index, content, work);
    const digest = sha256(tar);
    diffIds.push(`sha256:${digest}`);
    layerPaths.push(`${digest}/layer.tar`);
    if (spec.omitLayer === index) return;
    mkdirSync(join(dir, digest));
    const bytes =
      spec.corruptLayer === index
        ? layerTar(index, `${String(content)} corrupted`, mkdtempSync(join(work, 'corrupt-')))
        : tar;
    writeFileSync(join(dir, digest, 'layer.tar'), bytes);
    order.push(`${digest}/layer.tar`);
  });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: [],
    }),
  );
  const configName = `${sha256(config)}.json`;
  writeFileSync(join(dir, configName), config);
  order.push(configName);
  if (!spec.omitManifest) {
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify([
        { Config: configName, RepoTags: [`lab/test:${spec.tag ?? '1'}`], Layers: layerPaths },
      ]),
    );
    order.push('manifest.json');
  }
  const path = join(work, 'image.tar');
  execFileSync('tar', [
    '--mtime=@1',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--format=gnu',
    '-C',
    dir,
    '-cf',
    path,
    ...order,
  ]);
  return { path, diffIds };
}

/** Bytes that gzip cannot shrink. */
export const randomLayer = (bytes: number) => randomBytes(bytes);
