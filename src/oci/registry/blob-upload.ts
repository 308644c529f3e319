import { skipBytes } from '../blob/file-range.js';
import { Readable } from 'node:stream';
import { RegistryError } from './errors.js';
import { withRetries } from './retry-policy.js';
import { HEADER } from '../media-types.js';
import { scopeFor, type RegistryClient } from './registry-client.js';
import type { HttpResponse } from '../http/transport.js';

/** Compressed layers up to this size are held in memory and sent in one PUT with a known digest. */
export const MONOLITHIC_LIMIT = 32 << 20;
/** Larger blobs go in PATCH chunks of this size; one chunk per upload is held to resume from. */
export const CHUNK_SIZE = 32 << 20;

function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.toString();
}

/** Where a session's next request goes: the Location a response names, else `current`. */
function nextLocation(client: RegistryClient, response: HttpResponse, current: string): string {
  const next = response.headers.get(HEADER.location);
  return next ? new URL(next, client.baseUrl).toString() : current;
}

function locationOf(client: RegistryClient, response: HttpResponse): string {
  const location = response.headers.get(HEADER.location);
  if (!location)
    throw new RegistryError(`registry ${client.registry} started an upload but sent no Location`);
  return new URL(location, client.baseUrl).toString();
}

/** The end of the registry's `Range: 0-N` (bytes it holds = N + 1); 0 when it holds none. */
function receivedBytes(response: HttpResponse): number {
  const range = response.headers.get(HEADER.range);
  const match = range ? /(\d+)-(\d+)/.exec(range) : null;
  return match ? Number(match[2]) + 1 : 0;
}

/**
 * The registry no longer knows an upload session after a dropped connection (Docker's
 * distribution invalidates a session whose bytes were written in part), so it cannot be resumed:
 * the blob must be sent again from its start.
 */
export class UploadSessionLostError extends RegistryError {
  override name = 'UploadSessionLostError';
}

export type MountResult = { mounted: true } | { mounted: false; location: string };

/**
 * Opens an upload session, asking the registry to mount the blob from another repository when
 * `from` is given: 201 means mounted (nothing to send), 202 an upload session to use instead.
 */
export async function startUpload(
  client: RegistryClient,
  repository: string,
  mount?: { digest: string; from: string },
  { retry = true } = {},
): Promise<MountResult> {
  const query = mount
    ? `?mount=${encodeURIComponent(mount.digest)}&from=${encodeURIComponent(mount.from)}`
    : '';
  const scope = mount
    ? `${scopeFor(repository, 'pull,push')} ${scopeFor(mount.from, 'pull')}`
    : scopeFor(repository, 'pull,push');
  const response = await client.exchange('POST', `/v2/${repository}/blobs/uploads/${query}`, {
    scope,
    expect: [201, 202],
    retry,
  });
  await response.discard();
  if (response.status === 201 && mount) return { mounted: true };
  return { mounted: false, location: locationOf(client, response) };
}

/** Opens a plain upload session early (see uploadBlob's `session`): its Location. */
export function openSession(
  client: RegistryClient,
  repository: string,
  options: { retry?: boolean } = {},
): Promise<string> {
  const session = startUpload(client, repository, undefined, options).then(
    (started) => (started as { location: string }).location,
  );
  session.catch(() => undefined); // awaited by whoever uses it; unused when the blob is there
  return session;
}

/** A blob made again for each try: from a file, say, rather than held. */
export interface ReproducibleBlob {
  stream: () => AsyncIterable<Buffer>;
  length: number;
}

/**
 * One upload session opened ahead of need, while the registry is still being read, so that the
 * first blob to send need not wait for its POST. The first blob that needs a session takes it;
 * if none does, it is deleted.
 */
export class SpareSession {
  private session: Promise<string> | undefined;
  private settled = false;
  private released = false;

  constructor(
    private readonly client: RegistryClient,
    private readonly repository: string,
  ) {}

  /** Opens the session (one try: without it, the first layer opens its own); not once released. */
  open(): void {
    if (this.released || this.session) return;
    this.session = openSession(this.client, this.repository, { retry: false });
    this.session.then(
      () => (this.settled = true),
      () => (this.settled = true),
    );
  }

  /** The session, once: later calls get undefined. */
  take(): Promise<string> | undefined {
    const session = this.session;
    this.session = undefined;
    return session;
  }

  /**
   * Deletes the session if nobody took it. `waitForOpening`: wait for a POST still unanswered;
   * without it (a push ending with an error to report) such a session is left to the registry
   * to expire.
   */
  async release({ waitForOpening = false } = {}): Promise<void> {
    this.released = true;
    const session = this.take();
    if (!session || (!this.settled && !waitForOpening)) return;
    const location = await session.catch(() => undefined);
    if (location) await cancelUpload(this.client, location, scopeFor(this.repository, 'pull,push'));
  }
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

/** Deletes an upload session; a registry that has dropped it already is as good. */
export async function cancelUpload(
  client: RegistryClient,
  location: string,
  scope: string,
): Promise<void> {
  try {
    const response = await client.exchange('DELETE', location, {
      scope,
      expect: [204, 404],
      retry: false,
    });
    await response.discard();
  } catch {
    // Left for the registry to expire: nothing refers to it.
  }
}

/** Pieces are sent as they are: joining tens of MiB into one new buffer costs more than the send. */
function heldBody(content: Buffer | Buffer[]) {
  const pieces = Array.isArray(content) ? content : [content];
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return { stream: () => Readable.from(pieces, { objectMode: false }), length };
}

/**
 * A chunked upload (PATCH with Content-Range) fed as bytes are produced, so a blob of any size is
 * sent in one pass. The chunk being sent is kept until the registry acknowledges it; after a
 * dropped connection the upload resumes from the registry's Range instead of starting over.
 */
export class ChunkedUpload {
  private location: string;
  private offset = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private readonly client: RegistryClient,
    private readonly repository: string,
    location: string,
    private readonly chunkSize: number,
  ) {
    this.location = location;
  }

  /** `session`: one opened with openSession, used instead of a new one. */
  static async start(
    client: RegistryClient,
    repository: string,
    chunkSize = CHUNK_SIZE,
    session?: Promise<string>,
  ): Promise<ChunkedUpload> {
    const location = (await session) ?? (await openSession(client, repository));
    return new ChunkedUpload(client, repository, location, chunkSize);
  }

  /** Bytes the registry has acknowledged so far. */
  get sent(): number {
    return this.offset;
  }

  async write(chunk: Buffer): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.chunkSize) await this.flush();
  }

  /** Sends what is pending and closes the upload under its digest. */
  async finish(digest: string): Promise<void> {
    if (this.pendingBytes > 0) await this.flush();
    await withRetries(async () => {
      // Some registries copy the blob into place here: its deadline is the blob's.
      const response = await this.client.exchange('PUT', withDigest(this.location, digest), {
        scope: this.scope,
        expect: [201],
        retry: false,
        transferBytes: this.offset,
      });
      await response.discard();
    });
  }

  /** Deletes the session: the bytes sent are not to become a blob. */
  async cancel(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await cancelUpload(this.client, this.location, this.scope);
  }

  private get scope(): string {
    return scopeFor(this.repository, 'pull,push');
  }

  private async flush(): Promise<void> {
    // The pieces go out as they are: joining 32 MiB into a new buffer costs more than sending.
    const pieces = this.pending;
    const length = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    const start = this.offset;
    let skip = 0;
    await withRetries(
      async ({ attempt }) => {
        if (attempt > 0) {
          // Ask where the registry stands, and send only what it lacks.
          const held = await this.status();
          if (held < start || held > start + length) {
            throw new RegistryError(
              `registry ${this.client.registry} holds ${held} bytes of an upload that should hold ${start}; cannot resume`,
            );
          }
          skip = held - start;
          if (skip === length) return;
        }
        const body = skipBytes(pieces, skip);
        const response = await this.client.exchange('PATCH', this.location, {
          scope: this.scope,
          headers: {
            [HEADER.contentType]: 'application/octet-stream',
            [HEADER.contentRange]: `${start + skip}-${start + length - 1}`,
          },
          body: { stream: () => Readable.from(body), length: length - skip },
          expect: [202],
          retry: false,
        });
        await response.discard();
        this.location = locationOf(this.client, response);
      },
      {
        onRetry: (why, delay) =>
          this.client.reporter?.warning(
            `${this.client.registry}: chunk at byte ${start} failed (${why}); resuming in ${(delay / 1000).toFixed(1)} s`,
          ),
      },
    );
    this.offset = start + length;
  }

  private async status(): Promise<number> {
    const response = await this.client.exchange('GET', this.location, {
      scope: this.scope,
      expect: [204, 404],
    });
    await response.discard();
    if (response.status === 404) {
      throw new UploadSessionLostError(
        `registry ${this.client.registry} lost the upload session after a dropped connection`,
        404,
      );
    }
    this.location = nextLocation(this.client, response, this.location);
    return receivedBytes(response);
  }
}
