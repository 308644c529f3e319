// What the layer senders ask of the registry, for one repository: the seam between how a layer
// goes up (push/) and the requests that carry it (registry/). Their unit tests put a test double
// here; the integration tests run the real one against a real registry.

import type { Pace } from '../blob/adaptive-level.js';
import { uploadBlob, streamBlob, type ReproducibleBlob } from '../registry/blob-upload.js';
import { CHUNK_SIZE, ChunkedUpload, FIRST_CHUNK } from '../registry/chunked-upload.js';
import { scopeFor, type RegistryClient } from '../registry/registry-client.js';
import { cancelUpload, openSession, startUpload } from '../registry/upload-session.js';

/** A chunked upload being fed: bytes as they are made, then its digest to close it. */
export interface ChunkSink {
  write(chunk: Buffer): Promise<void>;
  finish(digest: string): Promise<void>;
}

export interface LayerRegistry {
  /** The blob's size when the repository holds it (HEAD); undefined when it does not. */
  blobSize(digest: string): Promise<number | undefined>;
  /** Opens an upload session (openSession): its Location. */
  openSession(): Promise<string>;
  /** Deletes an upload session nobody needs; one the registry dropped already is as good. */
  cancel(location: string): Promise<void>;
  /** Mounts a blob from another repository; false when the registry opened a session instead. */
  mount(digest: string, from: string): Promise<boolean>;
  /** Sends a blob with a known digest in one PUT (uploadBlob). */
  upload(
    digest: string,
    content: Buffer[] | ReproducibleBlob,
    session?: Promise<string>,
  ): Promise<void>;
  /** Sends a blob while its digest is worked out (streamBlob): whether it was sent. */
  stream(
    blob: ReproducibleBlob,
    verdict: Promise<string | undefined>,
    session?: Promise<string>,
  ): Promise<boolean>;
  /** Starts a chunked upload in `session` (ChunkedUpload), telling `pace` who waited. */
  chunked(session: Promise<string>, pace?: Pace): Promise<ChunkSink>;
}

/** The registry client's requests for one repository, with the scope a push needs. */
export function layerRegistry(client: RegistryClient, repository: string): LayerRegistry {
  const scope = scopeFor(repository, 'pull,push');
  return {
    blobSize: (digest) => client.blobSize(repository, digest, scope),
    openSession: () => openSession(client, repository),
    cancel: (location) => cancelUpload(client, location, scope),
    // A registry that could not mount (202) opened an upload instead, which is left unused.
    mount: async (digest, from) =>
      (await startUpload(client, repository, { digest, from })).mounted,
    upload: (digest, content, session) => uploadBlob(client, repository, digest, content, session),
    stream: (blob, verdict, session) => streamBlob(client, repository, blob, verdict, session),
    chunked: (session, pace) =>
      ChunkedUpload.start(client, repository, CHUNK_SIZE, session, FIRST_CHUNK, pace),
  };
}
