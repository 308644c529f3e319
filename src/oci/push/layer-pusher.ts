// One layer of a push: reused from what the registry holds, or read, compressed, hashed and
// sent. push-image.ts decides which layers there are; this decides how each goes up.

import type { Reporter } from '../../util/reporter.js';
import { HypernixError } from '../../util/errors.js';
import {
  cancelUpload,
  CHUNK_SIZE,
  ChunkedUpload,
  MONOLITHIC_LIMIT,
  openSession,
  type SpareSession,
  startUpload,
  streamBlob,
  UploadSessionLostError,
  uploadBlob,
} from '../registry/blob-upload.js';
import {
  compressionOf,
  compressor,
  layerMediaType,
  plainWhenIncompressible,
  transformChunks,
  type Compression,
  type ManifestFormat,
} from '../blob/compression.js';
import { DigestCounter } from '../blob/digest.js';
import { readFileRange } from '../blob/file-range.js';
import { framedLayer, framedSize, type Framing } from '../blob/framed-layer.js';
import { HashedBody, type LayerDigests } from '../blob/hashed-body.js';
import { crc32, SAMPLE_BYTES, StoredGzipEncoder, worthDeflating } from '../blob/gzip-stored.js';
import type { KnownLayer } from './known-layers.js';
import { scopeFor, type RegistryClient } from '../registry/registry-client.js';
import { readEntrySync } from '../formats/tar-index.js';
import { stopwatch } from '../../util/stopwatch.js';

/** How a layer becomes its blob: gzip's deflate or stored blocks, zstd, or as it is. */
type Encoding = 'gzip' | 'stored-gzip' | 'zstd' | 'none';

/** The compression an encoding's blob has, and so its media type. */
const COMPRESSION: Record<Encoding, Compression> = {
  gzip: 'gzip',
  'stored-gzip': 'gzip',
  zstd: 'zstd',
  none: 'none',
};

/** The encodings whose blobs are framed copies of the layer's bytes (see framed-layer). */
const FRAMING: Record<Encoding, Framing | undefined> = {
  gzip: undefined,
  'stored-gzip': 'stored-gzip',
  zstd: undefined,
  none: 'identity',
};

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

/** What the layer pusher needs of a push's options. */
export interface LayerPushOptions {
  client: RegistryClient;
  repository: string;
  compression: Compression;
  level: number;
  /** A session opened early (see SpareSession), for the first layer to send. */
  spareSession?: SpareSession;
  reporter: Reporter;
}

/** Pushes one layer: reuse what the registry has, else compress, hash and upload in one pass. */
export class LayerPusher {
  constructor(
    private readonly options: LayerPushOptions,
    private readonly format: ManifestFormat,
    private readonly known: Map<string, KnownLayer>,
  ) {}

  /** The media type of a blob of this compression in this push's manifest format. */
  private mediaTypeOf(compression: Compression): string {
    return layerMediaType(compression, this.format);
  }

  /** A layer of a tar file: known ones are never read. */
  async push(job: LayerJob): Promise<LayerReport> {
    const elapsed = stopwatch();
    const reused = await this.tryReuse(job.diffId, job.index, elapsed);
    if (reused) return reused;
    // The layer's upload session is opened first: the registry makes it while the layer is
    // looked at (loading zlib, deflating a sample) and read.
    const { client, repository } = this.options;
    const spare = this.options.spareSession?.take();
    // A spare whose one try failed is replaced by a session opened with the usual retries.
    let session: Promise<string> | undefined = spare
      ? spare.catch(() => openSession(client, repository))
      : openSession(client, repository);
    // Awaited by whichever path sends the layer; a push that fails before then (or a registry
    // that refuses both POSTs) must not leave it as an unhandled rejection.
    session.catch(() => undefined);
    const encoding = this.encodingOf(() =>
      readEntrySync(job.file, job.offset, Math.min(job.size, SAMPLE_BYTES)),
    );
    if (encoding === 'none') {
      const present = await this.presentAsItIs(job, session, elapsed);
      if (present) return present;
    }
    // Blobs made without compressing are hashed as they are sent rather than held, when they fit
    // in one upload; larger ones go in chunks, which hold their bytes to resume from.
    const framing = FRAMING[encoding];
    const framed =
      framing && framedSize(job.size, framing) <= MONOLITHIC_LIMIT ? framing : undefined;
    if (framed) return this.sendFramed(job, framed, session);
    // A file can be read again: when the registry loses an upload session, send the layer anew.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const opened = session;
        session = undefined; // a try after this one opens its own
        const { computedDiffId, upload } = await this.consume(
          readFileRange(job.file, job.offset, job.size),
          undefined,
          { reusedChunks: true, encoding, session: opened },
        );
        if (computedDiffId !== job.diffId) {
          throw new LayerDigestError(
            `layer ${job.path} has digest ${computedDiffId}, but the config lists ${job.diffId}; nothing was tagged`,
          );
        }
        return { ...(await upload()), index: job.index };
      } catch (error) {
        if (!(error instanceof UploadSessionLostError) || attempt >= 3) throw error;
        this.options.reporter.warning(
          `${error.message}; sending layer ${job.index + 1} again from its start`,
        );
      }
    }
  }

  /**
   * How a layer becomes its blob, from its first bytes. A gzip layer whose start does not
   * deflate goes up as it is into an OCI manifest (plainWhenIncompressible), and as gzip's
   * stored blocks into a Docker one: either way without a deflate pass that would cost most of
   * the push and gain nothing.
   */
  private encodingOf(sample: () => Buffer): Encoding {
    const { compression } = this.options;
    if (compression !== 'gzip' || worthDeflating(sample())) return compression;
    if (plainWhenIncompressible(compression, this.format)) return 'none';
    return crc32() ? 'stored-gzip' : 'gzip';
  }

  /**
   * A layer that goes up as it is is its own blob, named by its diff_id before a byte is read:
   * the registry is asked whether it holds it (an uncompressed layer is the same blob whoever
   * pushed it), beside the upload session's POST. If it does, the session is deleted and the
   * layer is not read, as for any layer the registry holds; a failed HEAD only means the upload
   * runs.
   */
  private async presentAsItIs(
    job: LayerJob,
    session: Promise<string>,
    elapsed: () => number,
  ): Promise<LayerReport | undefined> {
    const { client, repository } = this.options;
    const scope = scopeFor(repository, 'pull,push');
    const held = await client.blobSize(repository, job.diffId, scope).catch(() => undefined);
    if (held === undefined) return undefined;
    await session.then(
      (location) => cancelUpload(client, location, scope),
      () => undefined,
    );
    return {
      index: job.index,
      diffId: job.diffId,
      digest: job.diffId,
      mediaType: this.mediaTypeOf('none'),
      // The blob is the layer: its size is the layer's (a HEAD may not say it).
      size: job.size,
      sentBytes: 0,
      action: 'present',
      seconds: elapsed(),
    };
  }

  /**
   * Sends a blob made of a layer's bytes without compressing them (see framed-layer), hashed as
   * it goes out (HashedBody), so that the registry takes the bytes while they are hashed here.
   * - The layer as it is (which the registry did not hold: presentAsItIs): the blob's digest is
   *   the diff_id the config names, known before a byte is read, so one PUT names it and
   *   carries the bytes, which the registry checks against it as well.
   * - Stored gzip blocks: the blob's digest is known only once the last chunk is on its way, so
   *   the bytes go in a PATCH, then the upload is closed, or called off if the layer is not what
   *   the config says. That is too late to spare any byte: so the registry is not asked then
   *   whether it holds the blob (a HEAD beside the upload's end slowed the registry's answer to
   *   it), only after an upload that failed.
   */
  private async sendFramed(
    job: LayerJob,
    framing: Framing,
    session: Promise<string>,
  ): Promise<LayerReport> {
    const elapsed = stopwatch();
    const { client, repository } = this.options;
    const scope = scopeFor(repository, 'pull,push');
    const plain = framing === 'identity';
    const size = framedSize(job.size, framing);
    const body = new HashedBody(
      () => framedLayer(job.file, job.offset, job.size, framing),
      framing,
    );
    const checked = (digests: LayerDigests) => ({
      ...digests,
      wrong: digests.diffId !== job.diffId,
    });
    const made = body.hashed.then(checked);
    const verdict = made.then((layer) => (layer.wrong ? undefined : layer.digest));
    verdict.catch(() => undefined); // streamBlob awaits it, unless its upload failed first
    let sent: boolean;
    let layer: Awaited<typeof made>;
    try {
      const blob = { stream: () => body.stream(), length: size };
      if (plain) {
        await uploadBlob(client, repository, job.diffId, blob, session);
        sent = true;
      } else {
        sent = await streamBlob(client, repository, blob, verdict, session);
      }
      layer = await made;
    } catch (error) {
      // The upload failed, maybe before the layer was read to its end. What the hash says comes
      // first: a layer that is not what its config says (which the registry refuses a plain
      // layer's PUT for), or a blob the registry holds anyway.
      const judged = await body
        .digests()
        .then(checked)
        .then(async (layer) => {
          if (layer.wrong) return { ...layer, present: false };
          const held = await client.blobSize(repository, layer.digest, scope);
          return { ...layer, present: held !== undefined };
        })
        .catch(() => undefined);
      if (!judged?.wrong && !judged?.present) throw error;
      layer = judged;
      sent = false;
    }
    if (layer.wrong) {
      throw new LayerDigestError(
        `layer ${job.path} has digest ${layer.diffId}, but the config lists ${job.diffId}; nothing was tagged`,
      );
    }
    return {
      index: job.index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: this.mediaTypeOf(plain ? 'none' : 'gzip'),
      size,
      sentBytes: sent ? size : 0,
      action: sent ? 'pushed' : 'present',
      seconds: elapsed(),
    };
  }

  /**
   * Reads a layer's bytes once. When `announced` names a layer the registry holds, the bytes are
   * only hashed (to check the announcement); otherwise they are compressed and hashed, and held
   * (up to MONOLITHIC_LIMIT) or streamed in chunks. `upload` then finishes the blob.
   * `reusedChunks`: each chunk of `content` is overwritten by the next (readFileRange), so
   * whatever keeps one keeps a copy. `encoding`: when already decided, from the layer's start.
   * `session`: the upload session, opened while the layer is compressed rather than after (one
   * round trip less after the last compressed byte); unused if the blob is there already.
   */
  async consume(
    content: AsyncIterable<Buffer>,
    announced: string | undefined,
    options: { reusedChunks?: boolean; encoding?: Encoding; session?: Promise<string> } = {},
  ): Promise<{ computedDiffId: string; upload: () => Promise<LayerReport> }> {
    const elapsed = stopwatch();
    const diff = new DigestCounter();
    const knownLayer = announced ? this.known.get(announced) : undefined;
    if (announced && knownLayer) {
      for await (const chunk of content) diff.update(chunk);
      const computedDiffId = diff.digest();
      return {
        computedDiffId,
        upload: async () => {
          const reused =
            computedDiffId === announced ? await this.tryReuse(announced, 0, elapsed) : undefined;
          if (reused) return reused;
          throw new LayerDigestError(
            `a layer announced as ${announced} has digest ${computedDiffId}; nothing was tagged`,
          );
        },
      };
    }
    const { client, repository, level } = this.options;
    const { reusedChunks = false } = options;
    let { encoding } = options;
    const session = options.session ?? openSession(client, repository);
    const packed = new DigestCounter();
    const held: Buffer[] = [];
    let heldBytes = 0;
    let chunked: ChunkedUpload | undefined;
    const kept = (chunk: Buffer) => (reusedChunks ? Buffer.from(chunk) : chunk);
    const put = async (chunk: Buffer) => {
      packed.update(chunk);
      if (chunked) {
        await chunked.write(chunk);
        return;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes > MONOLITHIC_LIMIT) {
        chunked = await ChunkedUpload.start(client, repository, CHUNK_SIZE, session);
        for (const piece of held.splice(0)) await chunked.write(piece);
      }
    };
    const sink = async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) await put(chunk);
    };
    let rest = content;
    if (encoding === undefined) {
      const peeked = await peek(content, SAMPLE_BYTES, kept);
      rest = peeked.rest;
      encoding = this.encodingOf(() => peeked.head);
    }
    const hashed = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        diff.update(chunk);
        yield chunk;
      }
    };
    if (encoding === 'stored-gzip') {
      // Written as gzip's stored blocks: the same media type and a valid gzip stream, without a
      // deflate pass that would cost most of the push and gain nothing. Each chunk is copied out
      // synchronously: no copy of it first.
      const stored = new StoredGzipEncoder(crc32() as NonNullable<ReturnType<typeof crc32>>);
      for await (const chunk of rest) {
        diff.update(chunk);
        const out = stored.encode(chunk);
        if (out.length > 0) await put(out);
      }
      await put(stored.finish());
    } else if (encoding === 'none') {
      for await (const chunk of hashed(rest)) await put(kept(chunk));
    } else {
      // The compressor takes each chunk before the next is read: no copy of it either.
      await transformChunks(hashed(rest), compressor(encoding, level), sink);
    }
    const computedDiffId = diff.digest();
    const digest = packed.digest();
    const made = {
      diffId: computedDiffId,
      digest,
      size: packed.bytes,
      mediaType: this.mediaTypeOf(COMPRESSION[encoding]),
      elapsed,
    };
    return {
      computedDiffId,
      upload: () =>
        chunked
          ? this.sendBlob(made, () => (chunked as ChunkedUpload).finish(digest), {
              sentAlready: true,
            })
          : this.sendBlob(made, () => uploadBlob(client, repository, digest, held, session), {
              unused: session,
            }),
    };
  }

  /**
   * Sends a blob made here, unless the registry has these very bytes already (from another
   * tag's push, say). A chunked upload has sent its bytes by then, and only needs closing.
   */
  private async sendBlob(
    made: {
      diffId: string;
      digest: string;
      size: number;
      mediaType: string;
      elapsed: () => number;
    },
    send: () => Promise<void>,
    { sentAlready = false, unused }: { sentAlready?: boolean; unused?: Promise<string> } = {},
  ): Promise<LayerReport> {
    const { client, repository } = this.options;
    const scope = scopeFor(repository, 'pull,push');
    const present =
      !sentAlready && (await client.blobSize(repository, made.digest, scope)) !== undefined;
    if (present) {
      // The session opened for the upload is not needed after all.
      await unused?.then(
        (location) => cancelUpload(client, location, scope),
        () => undefined,
      );
    } else {
      await send();
    }
    return {
      index: 0,
      diffId: made.diffId,
      digest: made.digest,
      mediaType: made.mediaType,
      size: made.size,
      sentBytes: present ? 0 : made.size,
      action: present ? 'present' : 'pushed',
      seconds: made.elapsed(),
    };
  }

  /** Reuses a blob the registry holds for this diff_id: present in the target, or mounted. */
  private async tryReuse(
    diffId: string,
    index: number,
    elapsed: () => number,
  ): Promise<LayerReport | undefined> {
    const known = this.known.get(diffId);
    if (!known) return undefined;
    const { client, repository } = this.options;
    const report = (action: LayerAction): LayerReport => ({
      index,
      diffId,
      digest: known.digest,
      // Docker's and OCI's gzip (or plain tar) layers are the same bytes: the blob goes into
      // the manifest under this push's media type of its compression, whichever manifest named
      // it before (usableLayers gives only ones this push may use).
      mediaType: this.mediaTypeOf(compressionOf(known.mediaType) ?? this.options.compression),
      size: known.size,
      sentBytes: 0,
      action,
      seconds: elapsed(),
    });
    if (known.inTarget) return report('reused');
    if (
      (await client.blobSize(repository, known.digest, `repository:${repository}:pull,push`)) !==
      undefined
    )
      return report('reused');
    const mount = await startUpload(client, repository, {
      digest: known.digest,
      from: known.repository,
    });
    if (mount.mounted) return report('mounted');
    // The registry could not mount (202): it opened an upload instead, which we leave unused.
    return undefined;
  }
}

/**
 * Reads a stream's first `bytes` (or all of a shorter one) and gives them back with the rest.
 * `kept` copies a chunk that its source will overwrite, as the ones peeked at are held.
 */
async function peek(
  source: AsyncIterable<Buffer>,
  bytes: number,
  kept: (chunk: Buffer) => Buffer,
): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let seenBytes = 0;
  let done = false;
  while (seenBytes < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(kept(next.value));
    seenBytes += next.value.length;
  }
  const rest = async function* () {
    try {
      yield* seen;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    } finally {
      // Stopped early (an error downstream): let the source close its file.
      await iterator.return?.();
    }
  };
  return { head: Buffer.concat(seen), rest: rest() };
}
