// Layers on disk and push contexts for the layer pusher's unit tests (see layer-registry-double).
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Compression, ManifestFormat } from '../../src/oci/blob/compression.js';
import type { KnownLayer } from '../../src/oci/push/known-layers.js';
import type { LayerContext, LayerJob } from '../../src/oci/push/layer-types.js';
import { MemoryReporter } from '../../src/util/reporter.js';
import { LayerRegistryDouble, sha256 } from './layer-registry-double.js';
import { tempDir } from './temp.js';

/** Bytes that deflate well, and bytes that do not. */
export const compressible = (size: number) =>
  Buffer.from('hypernix layer line\n'.repeat(Math.ceil(size / 20)).slice(0, size));
export const incompressible = (size: number) => randomBytes(size);

/** A directory of layer files, removed by `remove`. */
export function layerFiles() {
  const dir = tempDir('hypernix-layer-test-');
  let count = 0;
  return {
    /** A job for `bytes` stored at an offset inside a file, as in a tar. */
    job(bytes: Buffer, diffId = sha256(bytes)): LayerJob {
      count += 1;
      const file = join(dir, `archive-${count}.tar`);
      writeFileSync(file, Buffer.concat([Buffer.alloc(512, 7), bytes, Buffer.alloc(512, 9)]));
      return {
        index: count - 1,
        path: `layer-${count}.tar`,
        diffId,
        file,
        offset: 512,
        size: bytes.length,
      };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function contextFor(
  registry: LayerRegistryDouble,
  {
    format = 'oci',
    compression = 'gzip',
    known = new Map(),
  }: { format?: ManifestFormat; compression?: Compression; known?: Map<string, KnownLayer> } = {},
): LayerContext & { reporter: MemoryReporter } {
  return { registry, format, compression, level: 1, known, reporter: new MemoryReporter() };
}

/** Chunks of `bytes` as an async stream. */
export async function* chunksOf(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
