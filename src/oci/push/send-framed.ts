// The two senders of a file's layer made without compressing it (see framed-layer): the layer as
// it is, or in gzip's stored blocks. Each is hashed as it goes out (HashedBody), so that the
// registry takes the bytes while they are hashed here; they differ only in the requests.

import { layerMediaType } from '../blob/compression.js';
import { framedLayer, framedSize, type Framing } from '../blob/framed-layer.js';
import { HashedBody, type LayerDigests } from '../blob/hashed-body.js';
import type { ReproducibleBlob } from '../registry/blob-upload.js';
import { stopwatch } from '../../util/stopwatch.js';
import { wrongLayer, type LayerContext, type LayerJob, type LayerReport } from './layer-types.js';

type Checked = LayerDigests & { wrong: boolean };

/**
 * The layer as it is (which the registry did not hold: presentAsItIs): the blob's digest is the
 * diff_id the config names, known before a byte is read, so one PUT names it and carries the
 * bytes, which the registry checks against it as well.
 */
export function sendAsItIs(
  context: LayerContext,
  job: LayerJob,
  session: Promise<string>,
): Promise<LayerReport> {
  return sendFramed(context, job, 'identity', async (blob) => {
    await context.registry.upload(job.diffId, blob, session);
    return true;
  });
}

/**
 * Gzip's stored blocks: the blob's digest is known only once the last chunk is on its way, so the
 * bytes go in a PATCH, then the upload is closed, or called off if the layer is not what the
 * config says. That is too late to spare any byte: so the registry is not asked then whether it
 * holds the blob (a HEAD beside the upload's end slowed the registry's answer to it), only after
 * an upload that failed.
 */
export function sendStoredGzip(
  context: LayerContext,
  job: LayerJob,
  session: Promise<string>,
): Promise<LayerReport> {
  return sendFramed(context, job, 'stored-gzip', (blob, verdict) =>
    context.registry.stream(blob, verdict, session),
  );
}

/** Sends a framed layer with `send` (whether it sent it), checks it, and says what happened. */
async function sendFramed(
  context: LayerContext,
  job: LayerJob,
  framing: Framing,
  send: (blob: ReproducibleBlob, verdict: Promise<string | undefined>) => Promise<boolean>,
): Promise<LayerReport> {
  const elapsed = stopwatch();
  const size = framedSize(job.size, framing);
  const body = new HashedBody(() => framedLayer(job.file, job.offset, job.size, framing), framing);
  const checked = (digests: LayerDigests): Checked => ({
    ...digests,
    wrong: digests.diffId !== job.diffId,
  });
  const made = body.hashed.then(checked);
  const verdict = made.then((layer) => (layer.wrong ? undefined : layer.digest));
  verdict.catch(() => undefined); // the stream awaits it, unless its upload failed first
  let sent: boolean;
  let layer: Checked;
  try {
    sent = await send({ stream: () => body.stream(), length: size }, verdict);
    layer = await made;
  } catch (error) {
    layer = await judgeFailedUpload(context, body, checked, error);
    sent = false;
  }
  if (layer.wrong) throw wrongLayer(job, layer.diffId);
  return {
    index: job.index,
    diffId: layer.diffId,
    digest: layer.digest,
    mediaType: layerMediaType(framing === 'identity' ? 'none' : 'gzip', context.format),
    size,
    sentBytes: sent ? size : 0,
    action: sent ? 'pushed' : 'present',
    seconds: elapsed(),
  };
}

/**
 * An upload that failed, maybe before the layer was read to its end. What the hash says comes
 * first: a layer that is not what its config says (which the registry refuses a plain layer's
 * PUT for), or a blob the registry holds anyway. Otherwise the upload's error stands.
 */
async function judgeFailedUpload(
  context: LayerContext,
  body: HashedBody,
  checked: (digests: LayerDigests) => Checked,
  error: unknown,
): Promise<Checked> {
  const judged = await body
    .digests()
    .then(checked)
    .then(async (layer) => {
      if (layer.wrong) return { ...layer, present: false };
      const held = await context.registry.blobSize(layer.digest);
      return { ...layer, present: held !== undefined };
    })
    .catch(() => undefined);
  if (!judged?.wrong && !judged?.present) throw error;
  return judged;
}
