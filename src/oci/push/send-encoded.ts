// The sender that reads a layer once and encodes it on the way: deflate or zstd, gzip's stored
// blocks, or as it is, hashed twice (the layer's diff_id, the blob's digest), held up to one
// upload's size or sent in chunks as it is made. Streams' layers, compressed layers and framed
// blobs too large for one upload go this way (senderOf).

import { compressor, layerMediaType, transformChunks } from '../blob/compression.js';
import { DigestCounter } from '../blob/digest.js';
import { crc32, StoredGzipEncoder } from '../blob/gzip-stored.js';
import { parallelGzip } from '../blob/parallel-gzip.js';
import { nodeCompressesZstd, parallelZstd } from '../blob/parallel-zstd.js';
import { BlockLevel, type Pace } from '../blob/adaptive-level.js';
import { FIRST_CHUNK } from '../registry/chunked-upload.js';
import { stopwatch } from '../../util/stopwatch.js';
import { COMPRESSION, type Encoding } from './layer-decision.js';
import type { ChunkSink } from './layer-registry.js';
import type { LayerContext, LayerReport } from './layer-types.js';

export interface EncodedOptions {
  /** Each chunk of the content is overwritten by the next (readFileRange): keeping one copies it. */
  reusedChunks?: boolean;
  /**
   * When already decided (a file's layer, from windows spread over it); else the push's
   * compression: a stream's layer cannot be looked at ahead, and its start says little of it.
   */
  encoding?: Encoding;
  /**
   * The upload session, opened while the layer is encoded rather than after (one round trip
   * less after the last byte); unused if the blob is there already.
   */
  session?: Promise<string>;
}

export interface Encoded {
  computedDiffId: string;
  /** Finishes the blob: sends it (or closes its chunked upload), unless the registry holds it. */
  upload: () => Promise<LayerReport>;
}

/** Reads, encodes and hashes a layer's bytes once; `upload` then finishes the blob. */
export async function sendEncoded(
  context: LayerContext,
  content: AsyncIterable<Buffer>,
  options: EncodedOptions = {},
): Promise<Encoded> {
  const elapsed = stopwatch();
  const { registry } = context;
  const kept = (chunk: Buffer) => (options.reusedChunks ? Buffer.from(chunk) : chunk);
  const session = options.session ?? registry.openSession();
  const levels = context.levels ?? new BlockLevel(context.level);
  // Only a level that follows the link needs to hear how the upload paced.
  const sink = new BlobSink(context, session, context.levels);
  const encoding = options.encoding ?? context.compression;
  const diff = new DigestCounter();
  await encode(content, encoding, levels, diff, kept, sink);
  const computedDiffId = diff.digest();
  const made: Made = {
    diffId: computedDiffId,
    digest: sink.packed.digest(),
    size: sink.packed.bytes,
    mediaType: layerMediaType(COMPRESSION[encoding], context.format),
    elapsed,
  };
  return { computedDiffId, upload: () => sink.upload(made) };
}

/** A blob made here. */
interface Made {
  diffId: string;
  digest: string;
  size: number;
  mediaType: string;
  elapsed: () => number;
}

/** Feeds `sink` the blob `encoding` makes of `source`, hashing the layer's bytes into `diff`. */
async function encode(
  source: AsyncIterable<Buffer>,
  encoding: Encoding,
  levels: BlockLevel,
  diff: DigestCounter,
  kept: (chunk: Buffer) => Buffer,
  sink: BlobSink,
): Promise<void> {
  const hashed = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      diff.update(chunk);
      yield chunk;
    }
  };
  if (encoding === 'stored-gzip') {
    // Written as gzip's stored blocks: the same media type and a valid gzip stream, without a
    // deflate pass that would cost most of the push and gain nothing. Each chunk is copied out
    // synchronously: no copy of it first.
    const stored = new StoredGzipEncoder(crc32() as NonNullable<ReturnType<typeof crc32>>);
    for await (const chunk of source) {
      diff.update(chunk);
      const out = stored.encode(chunk);
      if (out.length > 0) await sink.put(out);
    }
    await sink.put(stored.finish());
  } else if (encoding === 'none') {
    for await (const chunk of hashed(source)) await sink.put(kept(chunk));
  } else if (encoding === 'gzip') {
    // Blocks deflated on every core, random ones stored (parallel-gzip): one valid gzip stream.
    for await (const piece of parallelGzip(hashed(source), levels)) await sink.put(piece);
  } else if (nodeCompressesZstd()) {
    // Frames compressed on every core (parallel-zstd): one valid zstd stream.
    for await (const piece of parallelZstd(hashed(source), levels.next())) await sink.put(piece);
  } else {
    // The zstd program, on a Node without zstd. It takes each chunk before the next is read.
    await transformChunks(hashed(source), compressor(encoding, levels.next()), async (chunks) => {
      for await (const chunk of chunks) await sink.put(chunk);
    });
  }
}

/**
 * Where a blob's bytes go as they are made: held up to FIRST_CHUNK for one PUT with its digest,
 * or past it, a chunked upload from then on, its chunks growing (ChunkedUpload). Holding a
 * whole compressed layer before its upload started left a 100 Mbit/s link idle for the first
 * 0.85 s of a 2.6 s push (tx bytes of the link sampled every 0.1 s; skopeo's first bytes went
 * out at 0.1 s). Hashed on the way in.
 */
class BlobSink {
  readonly packed = new DigestCounter();
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  private chunked: ChunkSink | undefined;

  constructor(
    private readonly context: LayerContext,
    private readonly session: Promise<string>,
    private readonly pace?: Pace,
  ) {}

  async put(chunk: Buffer): Promise<void> {
    this.packed.update(chunk);
    if (this.chunked) {
      await this.chunked.write(chunk);
      return;
    }
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes > FIRST_CHUNK) {
      this.chunked = await this.context.registry.chunked(this.session, this.pace);
      for (const piece of this.held.splice(0)) await this.chunked.write(piece);
    }
  }

  /**
   * Sends the blob, unless the registry has these very bytes already (from another tag's push,
   * say): then the session opened for it is deleted. A chunked upload has sent its bytes by
   * then, and only needs closing.
   */
  async upload(made: Made): Promise<LayerReport> {
    const { registry } = this.context;
    const { chunked } = this;
    const present = !chunked && (await registry.blobSize(made.digest)) !== undefined;
    if (present) {
      await this.session.then(
        (location) => registry.cancel(location),
        () => undefined,
      );
    } else if (chunked) {
      await chunked.finish(made.digest);
    } else {
      await registry.upload(made.digest, this.held, this.session);
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
}
