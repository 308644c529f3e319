import type { Reporter } from '../../util/reporter.js';
import type { Credentials } from './credentials.js';
import { RegistryAuthError } from './errors.js';
import { HEADER } from '../media-types.js';
import type { HttpRequest, HttpResponse } from '../http/transport.js';

export interface Challenge {
  scheme: 'basic' | 'bearer';
  realm?: string;
  service?: string;
  scope?: string;
}

/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (quoted or bare values). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] as string).toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const part of (match[2] as string).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[(part[1] as string).toLowerCase()] = (part[2] ?? part[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme, realm: params.realm, service: params.service, scope: params.scope };
}

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/**
 * Whether credentials may go to this URL: over HTTPS, or over plain HTTP to this machine only
 * (loopback), whoever named the URL: the user (the registry) or a registry (its token realm).
 */
export function mayCarryCredentials(url: URL): boolean {
  return (
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname))
  );
}

/** A URL for messages: origin and path, never a query or user info. */
const shownUrl = (url: URL) => `${url.origin}${url.pathname}`;

interface CachedToken {
  value: string;
  expiresAt: number;
}

export type Sender = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * Authorization for one registry: learns its scheme from the first 401, then sends Basic
 * credentials or a Bearer token for the scope (fetched from the realm and cached per scope until
 * shortly before it expires). The password only ever goes into an Authorization header.
 */
export class RegistryAuth {
  private scheme: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(
    readonly registry: string,
    private readonly credentials: Credentials | undefined,
    private readonly sendRequest: Sender,
    private readonly reporter?: Reporter,
    /** The registry's own origin: a realm elsewhere is said in verbose output. */
    private readonly origin?: string,
  ) {}

  /** The header to send for a scope, when the scheme is known; undefined before the first 401. */
  async header(scope: string): Promise<string | undefined> {
    if (!this.scheme) return undefined;
    if (this.scheme.scheme === 'basic') return this.basic();
    const cached = this.tokens.get(scope);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.value}`;
    // Requests that start together share one token request.
    let fetching = this.fetching.get(scope);
    if (!fetching) {
      fetching = this.fetchToken(scope).finally(() => this.fetching.delete(scope));
      this.fetching.set(scope, fetching);
    }
    return `Bearer ${await fetching}`;
  }

  /**
   * Takes a 401's challenge and the authorization the refused request carried (none, when it left
   * before the scheme was known: several do at the start of a push). Returns the authorization to
   * retry with, or undefined when a retry would send the same thing again.
   */
  async retryAuthorization(
    response: HttpResponse,
    scope: string,
    sent: string | undefined,
  ): Promise<string | undefined> {
    const challenge = parseChallenge(response.headers.get(HEADER.wwwAuthenticate));
    if (!challenge) return undefined;
    this.scheme = challenge;
    // A refused token lacks the scope or has expired: ask for a new one.
    if (sent !== undefined && sent === `Bearer ${this.tokens.get(scope)?.value}`)
      this.tokens.delete(scope);
    const next = await this.header(scope);
    return next !== undefined && next !== sent ? next : undefined;
  }

  private basic(): string | undefined {
    if (!this.credentials) return undefined;
    const { username, password } = this.credentials;
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  private async fetchToken(scope: string): Promise<string> {
    const realm = this.scheme?.realm;
    if (!realm)
      throw new RegistryAuthError(
        `registry ${this.registry} asked for a bearer token but named no realm`,
      );
    const url = URL.canParse(realm) ? new URL(realm) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      throw new RegistryAuthError(
        `registry ${this.registry} named the token realm ${JSON.stringify(realm.slice(0, 200))}, not an http(s) URL`,
      );
    if (this.scheme?.service) url.searchParams.set('service', this.scheme.service);
    for (const part of scope.split(' ').filter(Boolean)) url.searchParams.append('scope', part);
    const basic = this.basic();
    if (basic && !mayCarryCredentials(url))
      throw new RegistryAuthError(
        `registry ${this.registry} sends its token requests to ${shownUrl(url)} over plain HTTP; refusing to send the credentials there (HTTPS or a loopback realm only)`,
      );
    if (this.origin && url.origin !== this.origin)
      this.reporter?.debug(
        `registry ${this.registry} has its token realm on another origin: ${shownUrl(url)}${basic ? ' (the credentials go there)' : ''}`,
      );
    const response = await this.sendRequest({
      method: 'GET',
      url: url.toString(),
      headers: basic ? { [HEADER.authorization]: basic } : {},
      idleTimeoutMs: 30_000,
    });
    if (response.status < 200 || response.status > 299) {
      await response.discard();
      const who = this.credentials
        ? `user ${JSON.stringify(this.credentials.username)}`
        : 'anonymous access';
      throw new RegistryAuthError(
        `registry ${this.registry} refused ${who} for scope ${scope} (token endpoint answered ${response.status})`,
        response.status,
      );
    }
    const body = await response.json<{
      token?: string;
      access_token?: string;
      expires_in?: number;
    }>();
    const token = body.token ?? body.access_token;
    if (!token)
      throw new RegistryAuthError(
        `registry ${this.registry}: the token endpoint returned no token`,
      );
    // Renew 10 s early so a token never expires in the middle of a request.
    const lifetime = Math.max(30, body.expires_in ?? 60) * 1000;
    this.tokens.set(scope, { value: token, expiresAt: Date.now() + lifetime - 10_000 });
    return token;
  }
}
