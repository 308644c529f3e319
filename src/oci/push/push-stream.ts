import type { Readable } from 'node:stream';
import {
  DockerArchiveError,
  MAX_LAYERS,
  MAX_SMALL_ENTRY,
  parseManifest,
  type DockerArchiveImage,
} from '../formats/docker-archive.js';
import {
  checkLayerName,
  diffIdFromPath,
  readImageConfig,
  type ImageConfig,
} from '../formats/image-config.js';
import { LayerDigestError, type LayerPusher, type LayerReport } from './layer-pusher.js';
import { readTar, TarFormatError } from '../formats/tar.js';
import { quoted } from '../formats/tar-header.js';

/**
 * What a streamed archive may keep in memory besides its layers: manifest.json, the config and
 * the odd `repositories` or legacy `json`/`VERSION` file, all a few KiB. 16 MiB holds four
 * configs at the 4 MiB each may have; 1,024 entries hold docker save's three small files per
 * layer for 128 layers twice over. Names count towards the bytes.
 */
export const MAX_SMALL_TOTAL = 16 << 20;
export const MAX_SMALL_COUNT = 1024;

/**
 * The most entries of a stream read as layers: an image's layers, plus room for the config and
 * manifests that docker save 25 and later stores as `blobs/sha256/<hex>` beside them. Checked as
 * they pass: a stream's manifest.json comes last, and each layer is sent as it is read.
 */
export const MAX_STREAM_BLOBS = MAX_LAYERS + 4;

export interface StreamSource {
  open: () => Readable;
  describe: string;
}

interface Processed {
  computedDiffId: string;
  report: Promise<LayerReport>;
}

/**
 * A compressed archive or a streamLayeredImage script: one pass, in tar order. Layers come
 * before manifest.json, so each is processed as it passes (by the digest its path announces) and
 * checked against the config's diff_ids, and its path against them too, at the end, before
 * anything is tagged.
 */
export async function pushFromStream(
  source: StreamSource,
  pusher: LayerPusher,
  concurrency: number,
  onConfig: (config: ImageConfig) => void,
): Promise<{ config: ImageConfig; layers: LayerReport[] }> {
  const { small, processed } = await readStream(source, pusher, concurrency);
  const manifestBytes = small.get('manifest.json');
  if (!manifestBytes)
    throw new DockerArchiveError(
      `${source.describe}: not a docker archive (no manifest.json in the tar)`,
    );
  const image = parseManifest(
    manifestBytes.toString('utf8'),
    source.describe,
  )[0] as DockerArchiveImage;
  const configName = image.Config.replace(/^\.\//, '');
  const configBytes = small.get(configName);
  if (!configBytes) {
    throw new DockerArchiveError(
      processed.has(configName)
        ? `${source.describe}: the config ${quoted(image.Config)} is more than the ${MAX_SMALL_ENTRY} bytes a config may be`
        : `${source.describe}: manifest.json names ${quoted(image.Config)}, which is not in the archive`,
    );
  }
  const config = readImageConfig(configBytes, image.Config, image.Layers.length, source.describe);
  onConfig(config);
  const layers: LayerReport[] = [];
  for (const [index, path] of image.Layers.entries()) {
    const done = processed.get(path.replace(/^\.\//, ''));
    if (!done)
      throw new DockerArchiveError(
        `${source.describe}: manifest.json names ${quoted(path)}, which is not in the archive`,
      );
    const expected = config.diffIds[index] as string;
    if (done.computedDiffId !== expected) {
      throw new LayerDigestError(
        `${source.describe}: layer ${quoted(path)} has digest ${done.computedDiffId}, but the config lists ${expected}; nothing was tagged`,
      );
    }
    // The content is the config's; so must the name be (checked here, not by a second read).
    checkLayerName(path, expected, source.describe);
    layers.push({ ...(await done.report), index });
  }
  return { config, layers };
}

/** Reads the stream once: small entries kept (within bounds), layers sent as they pass. */
async function readStream(source: StreamSource, pusher: LayerPusher, concurrency: number) {
  const small = new Map<string, Buffer>();
  let smallBytes = 0;
  const processed = new Map<string, Processed>();
  let blobs = 0;
  const inFlight = new Set<Promise<LayerReport>>();
  const stream = source.open();
  try {
    for await (const entry of readTar(stream)) {
      if (entry.type !== 'file') continue;
      const name = entry.name.replace(/^\.\//, '');
      const announced = diffIdFromPath(name);
      if (!announced && entry.size <= MAX_SMALL_ENTRY) {
        smallBytes += entry.size + name.length;
        if (smallBytes > MAX_SMALL_TOTAL || small.size >= MAX_SMALL_COUNT) {
          throw new TarFormatError(
            `more than ${MAX_SMALL_COUNT} entries or ${MAX_SMALL_TOTAL} bytes besides its layers (at ${quoted(name)}), not an image archive`,
          );
        }
        small.set(name, await entry.readAll(MAX_SMALL_ENTRY));
        continue;
      }
      blobs += 1;
      if (blobs > MAX_STREAM_BLOBS) {
        throw new TarFormatError(
          `more than ${MAX_STREAM_BLOBS} layers (at ${quoted(name)}); an image has at most ${MAX_LAYERS}`,
        );
      }
      const { computedDiffId, upload } = await pusher.consume(entry.content(), announced);
      const report = upload();
      inFlight.add(report);
      report.finally(() => inFlight.delete(report)).catch(() => undefined);
      processed.set(name, { computedDiffId, report });
      // Bound what is held in memory: at most `concurrency` layers waiting for their upload.
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  } catch (error) {
    if (error instanceof TarFormatError)
      throw new DockerArchiveError(`${source.describe}: ${error.message}`, { cause: error });
    throw error;
  } finally {
    stream.destroy();
  }
  return { small, processed };
}
