import { setTimeout as sleep } from 'node:timers/promises';
import { HEADER } from '../media-types.js';
import type { HttpResponse } from '../http/transport.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we wait for; beyond it we give up rather than stall a job. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

/** A dropped or reset connection, a stalled transfer: worth another try. */
export function isRetryableError(error: unknown): boolean {
  for (
    let current = error as { code?: string; name?: string; cause?: unknown } | undefined;
    current;
  ) {
    if (current.code && RETRYABLE_CODES.has(current.code)) return true;
    if (['TimeoutError', 'StallError', 'IncompleteTransferError'].includes(current.name ?? ''))
      return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** Retry-After as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter, so many runners retrying do not retry together. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

export interface RetryContext {
  attempt: number;
  /** Set by the operation when a response told how long to wait (Retry-After). */
  retryAfterMs?: number;
}

/** A transfer that ended before all its bytes arrived: resumable. */
export class IncompleteTransferError extends Error {
  override name = 'IncompleteTransferError';
}

export class RetryableResponseError extends Error {
  override name = 'RetryableResponseError';
  constructor(
    readonly status: number,
    readonly retryAfter: number | undefined,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * Runs `operation` until it succeeds, retrying network failures and RetryableResponseError with
 * backoff (honouring Retry-After). Other errors pass straight through.
 */
export async function withRetries<T>(
  operation: (context: RetryContext) => Promise<T>,
  options: {
    policy?: RetryPolicy;
    onRetry?: (why: string, delayMs: number, attempt: number) => void;
    /** A last word on an error that is retryable in general: false ends the tries. */
    worthRetrying?: (error: unknown) => boolean;
    /** Called with the last error and the number of tries made, to say so; its result is thrown. */
    onGiveUp?: (error: unknown, tries: number) => unknown;
  } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation({ attempt });
    } catch (error) {
      const retryable =
        (error instanceof RetryableResponseError || isRetryableError(error)) &&
        (options.worthRetrying?.(error) ?? true);
      const giveUp = () => (options.onGiveUp ? options.onGiveUp(error, attempt + 1) : error);
      if (!retryable || attempt + 1 >= policy.attempts) throw giveUp();
      const told = error instanceof RetryableResponseError ? error.retryAfter : undefined;
      if (told !== undefined && told > policy.maxRetryAfterMs) throw giveUp();
      const delay = told ?? backoffMs(attempt, policy);
      options.onRetry?.(describeRetry(error), delay, attempt + 1);
      await sleep(delay);
    }
  }
}

export function describeRetry(error: unknown): string {
  if (error instanceof RetryableResponseError) return error.description;
  const code =
    (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  return code ?? (error as Error).message ?? String(error);
}

/** Headers for a response-less summary: status and a header or two, for messages. */
export function describeResponse(method: string, url: string, response: HttpResponse): string {
  const path = new URL(url).pathname;
  return `${method} ${path} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

export function retryAfterOf(response: HttpResponse): number | undefined {
  return retryAfterMs(response.headers.get(HEADER.retryAfter));
}
