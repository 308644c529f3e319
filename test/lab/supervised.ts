// A lab service's process (a registry, Azurite) that never outlives the tests: stopped with
// SIGTERM and then SIGKILL after a grace period, and killed if the test runner exits first.
// Node runs this file directly from bench/, so it uses only erasable TypeScript syntax.
import type { ChildProcess } from 'node:child_process';

export interface Supervised {
  /** Whether the process is still up. */
  running(): boolean;
  /** How it ended: `exit code N`, `signal S` or the spawn error. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export function supervise(child: ChildProcess, graceMs: number): Supervised {
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) =>
      resolve(signal ? `signal ${signal}` : `exit code ${code}`),
    );
    child.once('error', (error) => resolve(error.message));
  });
  let running = true;
  void exited.then(() => (running = false));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    running: () => running,
    exited,
    async stop() {
      process.off('exit', killOnExit);
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
