// Layers that need no upload: known to the registry (known-layers), reused where the target
// repository holds them or mounted from another one; and a layer going up as it is that the
// registry holds under its diff_id.

import { compressionOf, layerMediaType } from '../blob/compression.js';
import { DigestCounter } from '../blob/digest.js';
import { reuseOf } from './layer-decision.js';
import {
  LayerDigestError,
  type LayerAction,
  type LayerContext,
  type LayerJob,
  type LayerReport,
} from './layer-types.js';

/** Reuses a blob the registry holds for this diff_id: present in the target, or mounted. */
export async function reuseKnown(
  context: LayerContext,
  diffId: string,
  index: number,
  elapsed: () => number,
): Promise<LayerReport | undefined> {
  const known = context.known.get(diffId);
  const reuse = reuseOf(known);
  if (!known || reuse === 'send') return undefined;
  const report = (action: LayerAction): LayerReport => ({
    index,
    diffId,
    digest: known.digest,
    // Docker's and OCI's gzip (or plain tar) layers are the same bytes: the blob goes into the
    // manifest under this push's media type of its compression, whichever manifest named it
    // before (usableLayers gives only ones this push may use).
    mediaType: layerMediaType(
      compressionOf(known.mediaType) ?? context.compression,
      context.format,
    ),
    size: known.size,
    sentBytes: 0,
    action,
    seconds: elapsed(),
  });
  if (reuse === 'reuse') return report('reused');
  const { registry } = context;
  if ((await registry.blobSize(known.digest)) !== undefined) return report('reused');
  if (await registry.mount(known.digest, known.repository)) return report('mounted');
  return undefined;
}

/**
 * A layer going up as it is, if the registry holds it under its diff_id: asked beside the upload
 * session's POST. If it does, the session is deleted and the layer is not read, as for any layer
 * the registry holds; a failed HEAD only means the upload runs.
 */
export async function presentAsItIs(
  context: LayerContext,
  job: LayerJob,
  session: Promise<string>,
  elapsed: () => number,
): Promise<LayerReport | undefined> {
  const { registry } = context;
  const held = await registry.blobSize(job.diffId).catch(() => undefined);
  if (held === undefined) return undefined;
  await session.then(
    (location) => registry.cancel(location),
    () => undefined,
  );
  return {
    index: job.index,
    diffId: job.diffId,
    digest: job.diffId,
    mediaType: layerMediaType('none', context.format),
    // The blob is the layer: its size is the layer's (a HEAD may not say it).
    size: job.size,
    sentBytes: 0,
    action: 'present',
    seconds: elapsed(),
  };
}

/**
 * A stream's layer whose path announces a diff_id the registry holds: its bytes are only hashed,
 * to check the announcement, and `upload` reuses the blob.
 */
export async function hashThenReuse(
  context: LayerContext,
  content: AsyncIterable<Buffer>,
  announced: string,
  elapsed: () => number,
): Promise<{ computedDiffId: string; upload: () => Promise<LayerReport> }> {
  const diff = new DigestCounter();
  for await (const chunk of content) diff.update(chunk);
  const computedDiffId = diff.digest();
  return {
    computedDiffId,
    upload: async () => {
      const reused =
        computedDiffId === announced ? await reuseKnown(context, announced, 0, elapsed) : undefined;
      if (reused) return reused;
      throw new LayerDigestError(
        `a layer announced as ${announced} has digest ${computedDiffId}; nothing was tagged`,
      );
    },
  };
}
