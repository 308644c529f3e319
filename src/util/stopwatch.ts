/**
 * A stopwatch: the function it returns gives the seconds since it was started. It reads
 * process.hrtime, not performance.now(): the first use of `performance` loads Node's perf_hooks,
 * which a push that has nothing to send would wait for.
 */
export function stopwatch(): () => number {
  const start = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - start) / 1e9;
}
