import * as childProcess from 'node:child_process';
import * as zlib from 'node:zlib';
import { Duplex, type Readable, type Transform } from 'node:stream';
import { childEnvironment } from '../../util/child-env.js';
import { MEDIA_TYPE } from '../media-types.js';
import type { LevelRange } from './adaptive-level.js';

export const COMPRESSIONS = ['gzip', 'zstd', 'none'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** The levels each compression takes: zlib's and zstd's. */
export const LEVELS: Record<Exclude<Compression, 'none'>, { min: number; max: number }> = {
  gzip: { min: 1, max: 9 },
  zstd: { min: 1, max: 22 },
};

/** Fast levels by default: a layer is compressed on every push that lacks it, read far fewer times. */
export const DEFAULT_LEVEL: Record<Compression, number> = { gzip: 1, zstd: 3, none: 0 };

/**
 * gzip's default level for a registry beyond loopback, where the link is the limit: level 5
 * stored 2.5 % fewer bytes than level 1 of 60 MB of real files (28.2 MB, skopeo 28.9) at the
 * same time over 100 Mbit/s (2.72 s against 2.78 s), its blocks deflated on every core.
 */
export const LINK_GZIP_LEVEL = 5;

function beyondLoopback(registry: string | undefined): boolean {
  return registry !== undefined && !/^(127\.|localhost(:|$)|\[::1\])/.test(registry);
}

/** The default level for a push to `registry` (host[:port]). */
export function defaultLevel(compression: Compression, registry: string | undefined): number {
  return compression === 'gzip' && beyondLoopback(registry)
    ? LINK_GZIP_LEVEL
    : DEFAULT_LEVEL[compression];
}

/**
 * `compression-level: auto`: gzip's level beyond loopback follows the link (adaptive-level):
 * from 3, down to 1 while the link waits for the compressor, up to LINK_GZIP_LEVEL while
 * compressed bytes wait for the link. Not the default: a layer's blob then depends on the push's
 * timing, so the same image pushed under a new tag could get new digests (and a deploy by digest
 * would roll for nothing); a fixed level makes the same bytes every time. bench/push/README.md
 * (round 2) has the trade: 1 Gbit/s a quarter faster than a fixed 5, 100 Mbit/s within 3 %.
 * On loopback the CPU is the limit: level 1 throughout.
 */
export function autoLevelRange(
  compression: Compression,
  registry: string | undefined,
): LevelRange | undefined {
  if (compression !== 'gzip' || !beyondLoopback(registry)) return undefined;
  return { min: 1, start: 3, max: LINK_GZIP_LEVEL };
}

type ZstdZlib = {
  createZstdCompress?: (options?: object) => Transform;
  createZstdDecompress?: () => Transform;
  constants: Record<string, number>;
};

/**
 * A compressing transform. gzip and zstd run on Node's thread pool, so layers compressed in
 * parallel use every core; zstd falls back to the zstd program on Node without it (before 22.15).
 */
export function compressor(compression: Exclude<Compression, 'none'>, level: number): Transform {
  if (compression === 'gzip') return zlib.createGzip({ level, memLevel: 9, chunkSize: 256 * 1024 });
  const z = zlib as unknown as ZstdZlib;
  if (z.createZstdCompress) {
    const levelKey = z.constants.ZSTD_c_compressionLevel as number;
    return z.createZstdCompress({ params: { [levelKey]: level } });
  }
  return programTransform('zstd', ['-q', '-c', `-${level}`]);
}

export function decompressor(compression: Exclude<Compression, 'none'>): Transform {
  if (compression === 'gzip') return zlib.createGunzip();
  const z = zlib as unknown as ZstdZlib;
  if (z.createZstdDecompress) return z.createZstdDecompress();
  return programTransform('zstd', ['-q', '-d', '-c']);
}

/**
 * Runs `source` through `transform` into `sink`. Each chunk is written once the transform has
 * consumed the one before, so `source` may fill one buffer over and over (readFileRange): zlib
 * reads its input on the thread pool, after write() has returned.
 */
export async function transformChunks(
  source: AsyncIterable<Buffer>,
  transform: Transform,
  sink: (output: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const draining = sink(transform);
  // The output must not end, or its reader fail, while input is still going in: a write would
  // then wait for ever (a zstd process that dies drops its pending write callbacks).
  const stopped = draining.then(() => {
    throw new Error('the compressor ended its output before it had all its input');
  });
  stopped.catch(() => undefined); // only raced against the writes
  try {
    for await (const chunk of source) {
      const consumed = new Promise<void>((resolve, reject) =>
        transform.write(chunk, (error) => (error ? reject(error) : resolve())),
      );
      await Promise.race([consumed, stopped]);
    }
    transform.end();
  } catch (error) {
    transform.destroy(); // no error event: nobody may be listening, and it is thrown below
    draining.catch(() => undefined); // the first error is the one reported
    throw error;
  }
  await draining;
}

/** A child process as a duplex stream: stdin in, stdout out. */
function programTransform(program: string, args: string[]): Transform {
  const child = childProcess.spawn(program, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: childEnvironment(),
  });
  return Duplex.from({
    writable: child.stdin,
    readable: child.stdout as Readable,
  }) as unknown as Transform;
}

/** The layer media type for a compression in each manifest format. */
export function layerMediaType(compression: Compression, format: ManifestFormat): string {
  if (format === 'docker') return MEDIA_TYPE.dockerLayerGzip;
  if (compression === 'gzip') return MEDIA_TYPE.ociLayerGzip;
  if (compression === 'zstd') return MEDIA_TYPE.ociLayerZstd;
  return MEDIA_TYPE.ociLayer;
}

/**
 * Whether a layer that does not compress goes up as it is, an uncompressed tar layer (OCI's
 * `application/vnd.oci.image.layer.v1.tar`, which every OCI client reads), rather than wrapped in
 * gzip's stored blocks. Its digest is then its diff_id, known before a byte is read: one PUT
 * that names it instead of a PATCH and a closing PUT, one hash instead of two, and the same blob
 * whoever pushes that layer uncompressed. Docker's schema 2 has gzip layers only.
 */
export function plainWhenIncompressible(compression: Compression, format: ManifestFormat): boolean {
  return compression === 'gzip' && format === 'oci';
}

/** Which compression a layer media type means. */
export function compressionOf(mediaType: string): Compression | undefined {
  // Foreign (Windows) and nondistributable layers are not in registries as a rule: none to reuse.
  if (/foreign|nondistributable/.test(mediaType)) return undefined;
  if (mediaType.endsWith('+zstd') || mediaType.endsWith('.zstd')) return 'zstd';
  if (
    mediaType.endsWith('+gzip') ||
    mediaType.endsWith('.gzip') ||
    mediaType === MEDIA_TYPE.dockerLayerGzip
  )
    return 'gzip';
  if (mediaType === MEDIA_TYPE.ociLayer || mediaType.endsWith('.tar')) return 'none';
  return undefined;
}

export type ManifestFormat = 'docker' | 'oci';

/**
 * OCI unless Docker's schema 2 is asked for (it has gzip layers only). An OCI manifest carries
 * each layer's diff_id on its descriptor, so a later push learns which blobs the registry holds
 * from the manifest alone, without fetching the config (see known-layers).
 */
export function manifestFormatFor(
  compression: Compression,
  requested?: ManifestFormat,
): ManifestFormat {
  if (compression !== 'gzip') return 'oci';
  return requested ?? 'oci';
}
