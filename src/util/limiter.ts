/**
 * Runs at most `limit` tasks at once; each call returns its own task's promise, so callers can
 * use results as they arrive (in the order they need them) while the rest keep running.
 */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** Runs every task (at most `limit` at once) to its end, then throws the first failure. */
export async function allOrFirstFailure<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const run = limiter(limit);
  const settled = await Promise.allSettled(tasks.map((task) => run(task)));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
