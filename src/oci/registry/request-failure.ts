import type { HttpResponse } from '../http/transport.js';
import { RegistryAuthError, RegistryError, registryErrorDetail } from './errors.js';
import {
  describeResponse,
  describeRetry,
  isRetryableError,
  isRetryableStatus,
  retryAfterOf,
  RetryableResponseError,
} from './retry-policy.js';

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the registry running, and is this its address?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending',
};

/** The errno code of a network failure anywhere in an error's cause chain. */
export function networkCode(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined; current;) {
    if (typeof current.code === 'string' && current.code in NETWORK_REASONS) return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

/** Nobody listens there, or there is no such host: not something a retry changes soon. */
export function isUnreachable(error: unknown): boolean {
  const code = networkCode(error);
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH';
}

/**
 * A request's failure as one line: the registry, the request, what went wrong in words, and how
 * many tries were made. Errors that are neither the registry's nor the network's pass as they are.
 */
export function requestFailure(
  registry: string,
  error: unknown,
  method: string,
  path: string,
  tries: number,
): unknown {
  const after = tries > 1 ? ` (after ${tries} tries)` : '';
  if (error instanceof RegistryError) {
    return tries > 1
      ? new RegistryError(`${error.message}${after}`, error.status, { cause: error })
      : error;
  }
  const code = networkCode(error);
  if (!code && !isRetryableError(error)) return error;
  const where = path.startsWith('http') ? new URL(path).pathname : path.split('?')[0];
  const reason = code ? (NETWORK_REASONS[code] ?? code) : describeRetry(error);
  return new RegistryError(
    `registry ${registry}: ${method} ${where}: ${reason}${after}`,
    undefined,
    {
      cause: error,
    },
  );
}

/**
 * A response that is not what was expected, as an error: retryable (5xx, 429, 408) for the
 * retry loop, refused credentials named as such, anything else with what the registry said.
 */
export async function responseFailure(
  registry: string,
  hasCredentials: boolean,
  method: string,
  url: string,
  scope: string,
  response: HttpResponse,
): Promise<never> {
  const described = describeResponse(method, url, response);
  if (isRetryableStatus(response.status)) {
    await response.discard();
    throw new RetryableResponseError(response.status, retryAfterOf(response), described);
  }
  const detail = await registryErrorDetail(response);
  if (response.status === 401 || response.status === 403) {
    const who = hasCredentials
      ? 'the given credentials'
      : 'anonymous access (no credentials given)';
    throw new RegistryAuthError(
      `registry ${registry} refused ${who} for scope ${scope}: ${response.status}${detail ? ` ${detail}` : ''}`,
      response.status,
    );
  }
  throw new RegistryError(
    `registry ${registry}: ${described}${detail ? `: ${detail}` : ''}`,
    response.status,
  );
}

export function describeNetworkError(error: unknown): string {
  const code =
    (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const message = (error as Error).message ?? String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
