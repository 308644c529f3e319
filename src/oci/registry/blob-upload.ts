// Uploads of a whole blob: one PUT with its digest (held bytes, or a file read again for each
// try), or one PATCH while the digest is still being worked out, then the PUT that names it.
import { Readable } from 'node:stream';
import { withRetries } from './retry-policy.js';
import { HEADER } from '../media-types.js';
import { scopeFor, type RegistryClient } from './registry-client.js';
import {
  cancelUpload,
  locationOf,
  nextLocation,
  openSession,
  withDigest,
} from './upload-session.js';

/** Compressed layers up to this size are held in memory and sent in one PUT with a known digest. */
export const MONOLITHIC_LIMIT = 32 << 20;

/** A blob made again for each try: from a file, say, rather than held. */
export interface ReproducibleBlob {
  stream: () => AsyncIterable<Buffer>;
  length: number;
}
/**
 * Sends a whole blob with a known digest: POST for a session, then one PUT. `session`, opened
 * with openSession while the blob was being made, stands in for the first POST.
 */
export async function uploadBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  content: Buffer | Buffer[] | ReproducibleBlob,
  session?: Promise<string>,
): Promise<void> {
  const body = Buffer.isBuffer(content) || Array.isArray(content) ? heldBody(content) : content;
  const scope = scopeFor(repository, 'pull,push');
  // A retried PUT needs a fresh session: the failed one may be half-written or gone.
  let location: string | undefined;
  let early = session;
  await withRetries(
    async () => {
      if (early) {
        const opened = early;
        early = undefined;
        location = await opened;
      }
      location ??= await openSession(client, repository);
      const target = location;
      location = undefined;
      const response = await client.exchange('PUT', withDigest(target, digest), {
        scope,
        headers: { [HEADER.contentType]: 'application/octet-stream' },
        body,
        expect: [201],
        retry: false,
      });
      await response.discard();
    },
    {
      onRetry: (why, delay) =>
        client.reporter?.warning(
          `${client.registry}: upload of ${digest.slice(0, 19)}… failed (${why}); retrying in ${(delay / 1000).toFixed(1)} s`,
        ),
    },
  );
}

/**
 * Sends a blob that is made again for each try (read from a file) while its digest is still
 * being worked out: one PATCH with all its bytes, then the PUT that names the digest, so that
 * the registry takes the bytes while they are hashed here. `verdict` resolves to the digest, or
 * to undefined to call the upload off (the bytes are not what they should be, say); an upload
 * called off is deleted, never closed. A failed try starts over in a new session. Resolves
 * whether the blob was sent.
 */
export async function streamBlob(
  client: RegistryClient,
  repository: string,
  blob: ReproducibleBlob,
  verdict: Promise<string | undefined>,
  session?: Promise<string>,
): Promise<boolean> {
  const scope = scopeFor(repository, 'pull,push');
  let early = session;
  // The verdict settles once: its failure (hashing, say) ends the upload, untried again.
  const outcome = verdict.then(
    (digest) => ({ digest }),
    (error: unknown) => ({ error }),
  );
  let failure: { error: unknown } | undefined;
  const sent = await withRetries(
    async () => {
      const opened = early ?? openSession(client, repository);
      early = undefined;
      const location = await opened;
      const abandon = new AbortController();
      const patch = client.exchange('PATCH', location, {
        scope,
        headers: {
          [HEADER.contentType]: 'application/octet-stream',
          ...(blob.length > 0 ? { [HEADER.contentRange]: `0-${blob.length - 1}` } : {}),
        },
        body: blob,
        expect: [202],
        retry: false,
        signal: abandon.signal,
      });
      patch.catch(() => undefined); // awaited below unless the upload is called off
      // The verdict waits on the body being read (see HashedBody): a PATCH that fails first,
      // before reading it, ends the try rather than the wait going on for ever.
      const decided = await Promise.race([outcome, patch.then(() => outcome)]);
      const digest = 'digest' in decided ? decided.digest : undefined;
      if (digest === undefined) {
        abandon.abort();
        // A PATCH that went through moved the session on: its Location is the one to delete.
        const current = await patch.then(
          async (response) => {
            await response.discard();
            return nextLocation(client, response, location);
          },
          () => location,
        );
        await cancelUpload(client, current, scope);
        if ('error' in decided) failure = decided;
        return false;
      }
      const patched = await patch;
      await patched.discard();
      const response = await client.exchange(
        'PUT',
        withDigest(locationOf(client, patched), digest),
        {
          scope,
          expect: [201],
          retry: false,
          transferBytes: blob.length,
        },
      );
      await response.discard();
      return true;
    },
    {
      onRetry: (why, delay) =>
        client.reporter?.warning(
          `${client.registry}: upload to ${repository} failed (${why}); sending it again in ${(delay / 1000).toFixed(1)} s`,
        ),
    },
  );
  if (failure) throw failure.error;
  return sent;
}
/** Pieces are sent as they are: joining tens of MiB into one new buffer costs more than the send. */
function heldBody(content: Buffer | Buffer[]) {
  const pieces = Array.isArray(content) ? content : [content];
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return { stream: () => Readable.from(pieces, { objectMode: false }), length };
}
