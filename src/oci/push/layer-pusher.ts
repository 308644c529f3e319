// One layer of a push: push-image.ts decides which layers there are; this runs the steps of each.
// Which way a layer goes up is decided in layer-decision (from facts), known layers are reused in
// layer-reuse, and the senders (send-framed, send-encoded) put the rest in the registry.

import type { Reporter } from '../../util/reporter.js';
import { BlockLevel, type LevelRange } from '../blob/adaptive-level.js';
import type { Compression, ManifestFormat } from '../blob/compression.js';
import { DigestCounter } from '../blob/digest.js';
import { readFileRange } from '../blob/file-range.js';
import { crc32, worthDeflating } from '../blob/gzip-stored.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { UploadSessionLostError, type SpareSession } from '../registry/upload-session.js';
import { readEntrySync } from '../formats/tar-index.js';
import { stopwatch } from '../../util/stopwatch.js';
import type { KnownLayer } from './known-layers.js';
import { encodingOf, namedByDiffId, senderOf, type Encoding } from './layer-decision.js';
import { layerRegistry } from './layer-registry.js';
import { hashThenReuse, presentAsItIs, reuseKnown } from './layer-reuse.js';
import { wrongLayer, type LayerContext, type LayerJob, type LayerReport } from './layer-types.js';
import { sendEncoded, type Encoded } from './send-encoded.js';
import { sendAsItIs, sendStoredGzip } from './send-framed.js';

export {
  LayerDigestError,
  type LayerAction,
  type LayerJob,
  type LayerReport,
} from './layer-types.js';

/** What the layer pusher needs of a push's options. */
export interface LayerPushOptions {
  client: RegistryClient;
  repository: string;
  compression: Compression;
  level: number;
  /** gzip's level follows the link in this range (adaptive-level), one for all layers. */
  levelRange?: LevelRange;
  /** A session opened early (see SpareSession), for the first layer to send. */
  spareSession?: SpareSession;
  reporter: Reporter;
}

/** The context of a push's layers, talking to the registry through its client. */
export function layerContext(
  options: LayerPushOptions,
  format: ManifestFormat,
  known: ReadonlyMap<string, KnownLayer>,
): LayerContext {
  const { client, repository, compression, level, levelRange, reporter } = options;
  return {
    registry: layerRegistry(client, repository),
    format,
    compression,
    level,
    // One for the whole push (its layers share the link and the cores); none for a fixed level.
    levels: levelRange ? new BlockLevel(levelRange) : undefined,
    known,
    reporter,
  };
}

/** Pushes layers: reuse what the registry has, else encode, hash and upload in one pass. */
export class LayerPusher {
  constructor(
    private readonly context: LayerContext,
    /** A session opened early, for the first layer to send. */
    private readonly spareSession?: Pick<SpareSession, 'take'>,
  ) {}

  /** A layer of a tar file: known ones are never read. */
  async push(job: LayerJob): Promise<LayerReport> {
    const elapsed = stopwatch();
    const reused = await reuseKnown(this.context, job.diffId, job.index, elapsed);
    if (reused) return reused;
    // The layer's upload session is opened first: the registry makes it while the layer is
    // looked at (loading zlib, deflating a sample) and read.
    const session = this.openSession();
    const encoding = encodingOf({
      compression: this.context.compression,
      format: this.context.format,
      // Random access: windows spread over the whole layer decide, not its start.
      deflates: () =>
        worthDeflating(job.size, (at, length) => readEntrySync(job.file, job.offset + at, length)),
      storedGzip: () => crc32() !== undefined,
    });
    if (namedByDiffId(encoding)) {
      const present = await presentAsItIs(this.context, job, session, elapsed);
      if (present) return present;
    }
    switch (senderOf(encoding, job.size)) {
      case 'as-it-is':
        return sendAsItIs(this.context, job, session);
      case 'stored-gzip':
        return sendStoredGzip(this.context, job, session);
      case 'encoded':
        return this.sendFileEncoded(job, encoding, session);
    }
  }

  /**
   * A stream's layer, read once as it passes. When `announced` names a layer the registry holds,
   * the bytes are only hashed (to check the announcement); otherwise they are encoded, hashed
   * and sent. `upload` then finishes the blob.
   */
  async consume(content: AsyncIterable<Buffer>, announced: string | undefined): Promise<Encoded> {
    const elapsed = stopwatch();
    if (announced && this.context.known.has(announced))
      return hashThenReuse(this.context, content, announced, elapsed);
    return sendEncoded(this.context, content);
  }

  /** The spare session if there is one (a spare whose one try failed is replaced), else a new one. */
  private openSession(): Promise<string> {
    const { registry } = this.context;
    const spare = this.spareSession?.take();
    const session = spare ? spare.catch(() => registry.openSession()) : registry.openSession();
    // Awaited by whichever sender takes the layer; a push that fails before then (or a registry
    // that refuses both POSTs) must not leave it as an unhandled rejection.
    session.catch(() => undefined);
    return session;
  }

  /** A file can be read again: when the registry loses an upload session, send the layer anew. */
  private async sendFileEncoded(
    job: LayerJob,
    encoding: Encoding,
    first: Promise<string>,
  ): Promise<LayerReport> {
    let session: Promise<string> | undefined = first;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const opened = session;
        session = undefined; // a try after this one opens its own
        const { computedDiffId, upload } = await sendEncoded(
          this.context,
          readFileRange(job.file, job.offset, job.size),
          { reusedChunks: true, encoding, session: opened },
        );
        if (computedDiffId !== job.diffId) throw wrongLayer(job, computedDiffId);
        return { ...(await upload()), index: job.index };
      } catch (error) {
        // Its bytes go up as they are compressed: a registry that refused them may have been
        // refusing a layer that is not what its config says, which is then the error to tell.
        if (!(error instanceof UploadSessionLostError)) await checkDiffId(job);
        if (!(error instanceof UploadSessionLostError) || attempt >= 3) throw error;
        this.context.reporter.warning(
          `${error.message}; sending layer ${job.index + 1} again from its start`,
        );
      }
    }
  }
}

/** Throws wrongLayer when a file's layer is not the diff_id its config lists (hashes it once). */
async function checkDiffId(job: LayerJob): Promise<void> {
  const diff = new DigestCounter();
  for await (const chunk of readFileRange(job.file, job.offset, job.size)) diff.update(chunk);
  if (diff.digest() !== job.diffId) throw wrongLayer(job, diff.digest());
}
