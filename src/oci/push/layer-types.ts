// What the pieces of a layer's push share: the job, the report, the context they run in.

import type { Reporter } from '../../util/reporter.js';
import { HypernixError } from '../../util/errors.js';
import type { BlockLevel } from '../blob/adaptive-level.js';
import type { Compression, ManifestFormat } from '../blob/compression.js';
import type { KnownLayer } from './known-layers.js';
import type { LayerRegistry } from './layer-registry.js';

export class LayerDigestError extends HypernixError {
  override name = 'LayerDigestError';
}

export type LayerAction = 'pushed' | 'reused' | 'mounted' | 'present';

export interface LayerReport {
  index: number;
  diffId: string;
  digest: string;
  mediaType: string;
  /** Bytes of the blob in the registry (compressed). */
  size: number;
  /** Bytes sent for it: 0 unless pushed. */
  sentBytes: number;
  action: LayerAction;
  seconds: number;
}

/** A layer of a plain tar file: `size` bytes at `offset` of `file`. */
export interface LayerJob {
  index: number;
  /** Its name in the archive. */
  path: string;
  diffId: string;
  file: string;
  offset: number;
  size: number;
}

/** What every step of a layer's push needs: the registry, and the push's choices. */
export interface LayerContext {
  registry: LayerRegistry;
  format: ManifestFormat;
  compression: Compression;
  level: number;
  /** With `compression-level auto`: picks each block's level as the link allows; one per push. */
  levels?: BlockLevel;
  /** Blobs the registry holds for diff_ids (usableLayers). */
  known: ReadonlyMap<string, KnownLayer>;
  reporter: Reporter;
}

/** The error for a layer whose bytes are not what the config says. */
export function wrongLayer(job: Pick<LayerJob, 'path' | 'diffId'>, computed: string): Error {
  return new LayerDigestError(
    `layer ${job.path} has digest ${computed}, but the config lists ${job.diffId}; nothing was tagged`,
  );
}
