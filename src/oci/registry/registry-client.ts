import type { Reporter } from '../../util/reporter.js';
import { RegistryAuth, mayCarryCredentials } from './auth.js';
import type { Credentials } from './credentials.js';
import { RegistryAuthError, RegistryError } from './errors.js';
import {
  describeNetworkError,
  isUnreachable,
  requestFailure,
  responseFailure,
} from './request-failure.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry-policy.js';
import { DEFAULT_DEADLINE, deadlineSignal, type TransferDeadline } from './deadline.js';
import { HEADER, MANIFEST_ACCEPT } from '../media-types.js';
import { send, type HttpResponse, type RequestBody } from '../http/transport.js';
import { sha256Digest } from '../blob/digest.js';

export interface RegistryClientOptions {
  registry: string;
  credentials?: Credentials;
  /** Talk plain HTTP (a registry on loopback or a trusted LAN); HTTPS otherwise. */
  plainHttp?: boolean;
  retry?: RetryPolicy;
  /** Idle timeout of one request: no byte either way for this long fails it. */
  idleTimeoutMs?: number;
  /** The overall deadline of one request, scaled to the bytes it moves (see TransferDeadline). */
  deadline?: TransferDeadline;
  reporter?: Reporter;
}

export interface ExchangeOptions {
  scope: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Statuses that are answers, not failures. */
  expect: number[];
  /** Retry transient failures of this exchange (the body must be reproducible). Default true. */
  retry?: boolean;
  /** Abandons the exchange (see HttpRequest.signal). */
  signal?: AbortSignal;
  /** Bytes the exchange moves either way, for its deadline: the body's length when absent. */
  transferBytes?: number;
}

export interface Manifest {
  mediaType: string;
  digest: string;
  bytes: Buffer;
}

const MAX_REDIRECTS = 5;

/** The scope a repository operation needs, as the token spec writes it. */
export const scopeFor = (repository: string, actions: 'pull' | 'pull,push') =>
  `repository:${repository}:${actions}`;

/**
 * A client of one registry following the OCI distribution spec: auth (anonymous, Basic, Bearer
 * per scope), retries with backoff on 408/429/5xx and dropped connections (honouring
 * Retry-After), redirects for blob reads, and typed errors that name the registry.
 */
export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  private readonly auth: RegistryAuth;
  private readonly retry: RetryPolicy;
  private readonly idleTimeoutMs: number;
  private readonly deadline: TransferDeadline;
  readonly reporter?: Reporter;
  private readonly hasCredentials: boolean;
  /** Whether the registry has answered anything yet: a refused first contact is not retried. */
  private answered = false;
  /** Retry reasons already shown: parallel requests failing alike print one warning. */
  private readonly shownRetries = new Set<string>();

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.baseUrl = `${options.plainHttp ? 'http' : 'https'}://${options.registry}`;
    this.auth = new RegistryAuth(
      options.registry,
      options.credentials,
      async (request) => {
        const limit = this.deadlineFor(request.method, request.url, {});
        const response = await send({
          ...request,
          idleTimeoutMs: this.idleTimeoutMs,
          signal: limit.signal,
        }).catch((error: unknown) => {
          limit.clear();
          throw error;
        });
        response.body.once('close', limit.clear);
        return response;
      },
      options.reporter,
      new URL(this.baseUrl).origin,
    );
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.deadline = options.deadline ?? DEFAULT_DEADLINE;
    this.reporter = options.reporter;
    this.hasCredentials = options.credentials !== undefined;
  }

  url(path: string): string {
    return path.startsWith('http://') || path.startsWith('https://')
      ? path
      : `${this.baseUrl}${path}`;
  }

  /**
   * One request with auth and, unless told otherwise, retries. Resolves with a response whose
   * status is one of `expect`; anything else becomes a RegistryError naming the registry.
   */
  async exchange(method: string, path: string, options: ExchangeOptions): Promise<HttpResponse> {
    const attempt = async (): Promise<HttpResponse> => {
      const limit = this.deadlineFor(method, path, options);
      const signal = options.signal
        ? AbortSignal.any([options.signal, limit.signal])
        : limit.signal;
      try {
        const response = await this.hops(method, path, options, signal);
        this.answered = true;
        // The deadline covers reading the body too, and ends with it.
        response.body.once('close', limit.clear);
        return response;
      } catch (error) {
        limit.clear();
        throw error;
      }
    };
    if (options.retry === false)
      return attempt().catch((error: unknown) => {
        throw this.failure(error, method, path, 1);
      });
    return withRetries(attempt, {
      policy: this.retry,
      // A registry that never answered and refuses the connection is not there (yet): six tries
      // would only delay the one line that matters.
      worthRetrying: (error) => this.answered || !isUnreachable(error),
      onRetry: (why, delay, count) => this.showRetry(why, delay, count),
      onGiveUp: (error, tries) => this.failure(error, method, path, tries),
    });
  }

  private showRetry(why: string, delayMs: number, attempt: number): void {
    const line = `${this.registry}: ${why}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.retry.attempts})`;
    if (this.shownRetries.has(why)) this.reporter?.debug(line);
    else {
      this.shownRetries.add(why);
      this.reporter?.warning(line);
    }
  }

  /** A failure as one line naming the registry, the request and how many tries were made. */
  private failure(error: unknown, method: string, path: string, tries: number): unknown {
    return requestFailure(this.registry, error, method, path, tries);
  }

  /** One request, after the 401 of an auth challenge and the redirects of reads. */
  private async hops(
    method: string,
    path: string,
    options: ExchangeOptions,
    signal: AbortSignal,
  ): Promise<HttpResponse> {
    let url = this.url(path);
    for (let hop = 0, authTries = 0; ;) {
      const authorization = sameOrigin(url, this.baseUrl)
        ? await this.auth.header(options.scope)
        : undefined;
      if (authorization?.startsWith('Basic ') && !mayCarryCredentials(new URL(url)))
        throw new RegistryAuthError(
          `refusing to send the credentials for ${this.registry} over plain HTTP; use HTTPS or a loopback registry`,
        );
      const response = await send({
        method,
        url,
        headers: {
          ...options.headers,
          ...(authorization ? { [HEADER.authorization]: authorization } : {}),
        },
        body: options.body,
        idleTimeoutMs: this.idleTimeoutMs,
        signal,
      });
      if (options.expect.includes(response.status)) return response;
      if (response.status === 401 && authTries === 0) {
        authTries += 1;
        // The refusal's body waits meanwhile (it is read for the message if no retry comes).
        const retryWith = await this.auth
          .retryAuthorization(response, options.scope, authorization)
          .catch(async (error: unknown) => {
            await response.discard();
            throw error;
          });
        if (retryWith !== undefined) {
          await response.discard();
          continue;
        }
      }
      const location = response.headers.get(HEADER.location);
      if (
        [301, 302, 303, 307, 308].includes(response.status) &&
        location &&
        (method === 'GET' || method === 'HEAD')
      ) {
        if ((hop += 1) > MAX_REDIRECTS)
          throw new RegistryError(`${this.registry}: too many redirects for ${method} ${path}`);
        await response.discard();
        url = new URL(location, url).toString();
        continue;
      }
      return this.fail(method, url, options.scope, response);
    }
  }

  /** A signal that fires at the deadline of a request (see deadlineSignal). */
  private deadlineFor(
    method: string,
    path: string,
    options: Pick<ExchangeOptions, 'transferBytes' | 'body'>,
  ) {
    const bytes = options.transferBytes ?? options.body?.length ?? 0;
    return deadlineSignal(this.registry, { method, url: this.url(path) }, bytes, this.deadline);
  }

  private fail(method: string, url: string, scope: string, response: HttpResponse) {
    return responseFailure(this.registry, this.hasCredentials, method, url, scope, response);
  }

  /** GET /v2/: is this a registry at all, and can we reach it? */
  async ping(scope: string): Promise<void> {
    let response: HttpResponse;
    try {
      response = await this.exchange('GET', '/v2/', { scope, expect: [200] });
    } catch (error) {
      if (error instanceof RegistryError && error.status === 404) {
        throw new RegistryError(
          `${this.baseUrl} is not an OCI registry (GET /v2/ answered 404)`,
          404,
          { cause: error },
        );
      }
      if (error instanceof RegistryError) throw error;
      throw new RegistryError(
        `cannot reach registry ${this.baseUrl}: ${describeNetworkError(error)}`,
        undefined,
        { cause: error },
      );
    }
    const type = response.headers.get(HEADER.contentType) ?? '';
    const apiVersion = response.headers.get(HEADER.apiVersion);
    await response.discard();
    if (!apiVersion && !type.includes('json')) {
      throw new RegistryError(
        `${this.baseUrl} is not an OCI registry (GET /v2/ answered 200 with ${type || 'no content type'} and no Docker-Distribution-API-Version)`,
      );
    }
  }

  /** HEAD a blob: its size when the repository has it, undefined when not. */
  async blobSize(
    repository: string,
    digest: string,
    scope = scopeFor(repository, 'pull'),
  ): Promise<number | undefined> {
    const response = await this.exchange('HEAD', `/v2/${repository}/blobs/${digest}`, {
      scope,
      expect: [200, 404],
    });
    await response.discard();
    if (response.status === 404) return undefined;
    return Number(response.headers.get(HEADER.contentLength) ?? 0);
  }

  /** Reads a manifest by tag or digest; undefined when there is none. Verifies a digest reference. */
  async getManifest(
    repository: string,
    reference: string,
    scope = scopeFor(repository, 'pull'),
  ): Promise<Manifest | undefined> {
    const response = await this.exchange('GET', `/v2/${repository}/manifests/${reference}`, {
      scope,
      headers: { accept: MANIFEST_ACCEPT },
      expect: [200, 404],
    });
    if (response.status === 404) {
      await response.discard();
      return undefined;
    }
    const bytes = await response.buffer(4 << 20);
    const digest = sha256Digest(bytes);
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw new RegistryError(
        `registry ${this.registry} sent manifest ${digest} for ${repository}@${reference}`,
      );
    }
    const mediaType =
      (response.headers.get(HEADER.contentType) ?? '').split(';')[0]?.trim() || mediaTypeOf(bytes);
    return { mediaType, digest, bytes };
  }

  /**
   * PUTs a manifest under a tag or digest and checks the digest the registry computed against
   * `digest` (the caller's, when it has hashed these bytes already).
   */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
    digest = sha256Digest(bytes),
  ): Promise<string> {
    const response = await this.exchange('PUT', `/v2/${repository}/manifests/${reference}`, {
      scope: scopeFor(repository, 'pull,push'),
      headers: { [HEADER.contentType]: mediaType },
      body: bytes,
      expect: [201, 200],
    });
    const told = response.headers.get(HEADER.dockerContentDigest);
    await response.discard();
    if (told && told !== digest) {
      throw new RegistryError(
        `registry ${this.registry} stored manifest ${repository}:${reference} as ${told}, not ${digest}`,
      );
    }
    return digest;
  }

  /** The repository's tags (one page of up to 1000); none when the repository does not exist. */
  async listTags(repository: string): Promise<string[]> {
    const response = await this.exchange('GET', `/v2/${repository}/tags/list?n=1000`, {
      scope: scopeFor(repository, 'pull'),
      expect: [200, 404],
    });
    if (response.status === 404) {
      await response.discard();
      return [];
    }
    const body = await response.json<{ tags?: string[] | null }>();
    return body.tags ?? [];
  }

  /** Reads a small blob (a config) whole and checks its digest. */
  async getBlob(repository: string, digest: string, limit = 16 << 20): Promise<Buffer> {
    const response = await this.exchange('GET', `/v2/${repository}/blobs/${digest}`, {
      scope: scopeFor(repository, 'pull'),
      expect: [200],
      transferBytes: limit,
    });
    const bytes = await response.buffer(limit);
    if (sha256Digest(bytes) !== digest)
      throw new RegistryError(`registry ${this.registry} sent blob ${digest} with other content`);
    return bytes;
  }

  /**
   * Starts a blob download, from byte `start` on when resuming (206 expected then). `size`, the
   * blob's declared size, sets the deadline of the download.
   */
  async openBlob(
    repository: string,
    digest: string,
    start = 0,
    size?: number,
  ): Promise<HttpResponse> {
    return this.exchange('GET', `/v2/${repository}/blobs/${digest}`, {
      scope: scopeFor(repository, 'pull'),
      transferBytes: size === undefined ? undefined : size - start,
      headers: start > 0 ? { [HEADER.range]: `bytes=${start}-` } : {},
      expect: start > 0 ? [206, 200] : [200],
    });
  }
}

function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

function mediaTypeOf(bytes: Buffer): string {
  try {
    return (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType ?? '';
  } catch {
    return '';
  }
}
