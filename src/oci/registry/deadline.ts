import { InputError } from '../../util/errors.js';
import { RegistryError } from './errors.js';

/**
 * How long one transfer may take in all, besides the idle timeout: a floor, plus its bytes at a
 * slow but honest rate. A registry that trickles a byte now and then (never idle long enough to
 * trip the idle timeout) fails at this deadline instead of holding a job for hours.
 */
export interface TransferDeadline {
  floorMs: number;
  /** The slowest rate a transfer is allowed, in bytes per second. */
  bytesPerSecond: number;
}

export const DEFAULT_DEADLINE: TransferDeadline = { floorMs: 60_000, bytesPerSecond: 1 << 20 };

export function deadlineMs(bytes: number, deadline: TransferDeadline): number {
  return Math.ceil(deadline.floorMs + (Math.max(0, bytes) / deadline.bytesPerSecond) * 1000);
}

/** A transfer that passed its deadline: not retried (a registry that slow would be again). */
export class TransferDeadlineError extends RegistryError {
  override name = 'TransferDeadlineError';
}

/**
 * The deadline the environment sets (HYPERNIX_TRANSFER_FLOOR_SECONDS, HYPERNIX_TRANSFER_MIN_RATE
 * in bytes per second), else the default: for a slow link, or a test that cannot wait a minute.
 */
export function transferDeadlineFromEnv(env: NodeJS.ProcessEnv): TransferDeadline {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new InputError(`${name}: expected a positive number, got ${JSON.stringify(raw)}`);
    return value;
  };
  return {
    floorMs: read('HYPERNIX_TRANSFER_FLOOR_SECONDS', DEFAULT_DEADLINE.floorMs / 1000) * 1000,
    bytesPerSecond: read('HYPERNIX_TRANSFER_MIN_RATE', DEFAULT_DEADLINE.bytesPerSecond),
  };
}

/**
 * A signal that fails a request at its deadline with one line naming the registry and the
 * request (a blob's path names its digest). `clear` once the request and its body are done.
 */
export function deadlineSignal(
  registry: string,
  request: { method: string; url: string },
  bytes: number,
  deadline: TransferDeadline,
): { signal: AbortSignal; clear: () => void } {
  const ms = deadlineMs(bytes, deadline);
  const controller = new AbortController();
  const shown = new URL(request.url).pathname;
  const timer = setTimeout(
    () =>
      controller.abort(
        new TransferDeadlineError(
          `registry ${registry}: ${request.method} ${shown} did not finish within ${Math.round(ms / 1000)} s (the deadline for ${bytes} bytes)`,
        ),
      ),
    ms,
  );
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
