// An upload session's life: opened (or a blob mounted instead), moved on by the registry's
// Location, deleted when not needed. The uploads themselves are in blob-upload and chunked-upload.
import { RegistryError } from './errors.js';
import { HEADER } from '../media-types.js';
import { scopeFor, type RegistryClient } from './registry-client.js';
import type { HttpResponse } from '../http/transport.js';

/** A session's Location with the digest that closes it. */
export function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.toString();
}

/** Where a session's next request goes: the Location a response names, else `current`. */
export function nextLocation(
  client: RegistryClient,
  response: HttpResponse,
  current: string,
): string {
  const next = response.headers.get(HEADER.location);
  return next ? new URL(next, client.baseUrl).toString() : current;
}

export function locationOf(client: RegistryClient, response: HttpResponse): string {
  const location = response.headers.get(HEADER.location);
  if (!location)
    throw new RegistryError(`registry ${client.registry} started an upload but sent no Location`);
  return new URL(location, client.baseUrl).toString();
}

export /** The end of the registry's `Range: 0-N` (bytes it holds = N + 1); 0 when it holds none. */
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
