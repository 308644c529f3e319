// Which way a layer goes up, from facts alone (no I/O): reused or mounted when the registry is
// known to hold it, else sent as it is, compressed, or as gzip's stored blocks. The steps run in
// this order because each costs more than the last: a known layer is never read, and the first
// bytes of a layer are read only when the encoding depends on them.

import {
  plainWhenIncompressible,
  type Compression,
  type ManifestFormat,
} from '../blob/compression.js';
import { framedSize, type Framing } from '../blob/framed-layer.js';
import { MONOLITHIC_LIMIT } from '../registry/blob-upload.js';

/** How a layer becomes its blob: gzip's deflate or stored blocks, zstd, or as it is. */
export type Encoding = 'gzip' | 'stored-gzip' | 'zstd' | 'none';

/** The compression an encoding's blob has, and so its media type. */
export const COMPRESSION: Record<Encoding, Compression> = {
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

/**
 * What to do with a layer the registry may hold (known-layers): `reuse` one a manifest of the
 * target repository names (present without asking), `mount` one another repository holds
 * (asked for in the target first, then mounted), `send` one it is not known to hold.
 */
export type Reuse = 'reuse' | 'mount' | 'send';

export function reuseOf(known: { inTarget: boolean } | undefined): Reuse {
  if (!known) return 'send';
  return known.inTarget ? 'reuse' : 'mount';
}

/** What the encoding of a layer to send depends on; the costly facts are asked only if needed. */
export interface EncodingFacts {
  compression: Compression;
  format: ManifestFormat;
  /** Whether the layer's first bytes deflate (they must be read). */
  deflates: () => boolean;
  /** Whether gzip's stored blocks can be written here (Node's zlib.crc32; loads zlib). */
  storedGzip: () => boolean;
}

/**
 * How a layer becomes its blob. A gzip layer whose start does not deflate goes up as it is into
 * an OCI manifest (plainWhenIncompressible), and as gzip's stored blocks into a Docker one:
 * either way without a deflate pass that would cost most of the push and gain nothing.
 */
export function encodingOf(facts: EncodingFacts): Encoding {
  const { compression } = facts;
  if (compression !== 'gzip' || facts.deflates()) return compression;
  if (plainWhenIncompressible(compression, facts.format)) return 'none';
  return facts.storedGzip() ? 'stored-gzip' : 'gzip';
}

/**
 * A layer that goes up as it is is its own blob, named by its diff_id before a byte is read: the
 * registry is asked whether it holds it (an uncompressed layer is the same blob whoever pushed
 * it) before it is read.
 */
export function namedByDiffId(encoding: Encoding): boolean {
  return encoding === 'none';
}

/**
 * Which sender takes a layer:
 * - `as-it-is`: the layer's own bytes in one PUT that names its diff_id, hashed as they go out;
 * - `stored-gzip`: gzip's stored blocks around them in one PATCH, hashed as they go out, then
 *   the PUT that names the digest;
 * - `encoded`: read once, encoded (deflate, zstd, or either framing above), hashed, held or sent
 *   in chunks, then closed: a compressed layer, a stream's layer (`size` unknown), or a framed
 *   blob over one upload's limit (only the bytes of the chunk being sent are held to resume).
 */
export type Sender = 'as-it-is' | 'stored-gzip' | 'encoded';

export function senderOf(
  encoding: Encoding,
  size: number | undefined,
  limit = MONOLITHIC_LIMIT,
): Sender {
  const framing = FRAMING[encoding];
  if (!framing || size === undefined || framedSize(size, framing) > limit) return 'encoded';
  return framing === 'identity' ? 'as-it-is' : 'stored-gzip';
}
