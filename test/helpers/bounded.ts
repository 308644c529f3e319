import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI } from './cli.js';
import { ROOT } from './run-action.js';

/** What a run of the `hypernix` command under time and memory bounds did. */
export interface BoundedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set (VmHWM) seen while it ran, in MiB. */
  peakRssMiB: number;
  elapsedMs: number;
  /** Set when the run was killed for passing a bound: 'time' or 'memory'. */
  killedFor?: 'time' | 'memory';
}

export interface Bounds {
  /** Wall-clock limit; the process is killed (SIGKILL) past it. */
  timeoutMs: number;
  /** Resident memory limit; the process is killed past it, so a runaway test cannot eat the machine. */
  maxRssMiB: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // already gone
  }
}

/**
 * Runs the bundled `hypernix` command on hostile input, watching its peak RSS (polled from
 * /proc; VmHWM only grows, so the last poll is close to the true peak) and its time. `ulimit -v`
 * is no use with Node: V8 and WebAssembly reserve far more address space than they ever touch.
 */
export function hypernixBounded(args: string[], bounds: Bounds): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: bounds.cwd ?? ROOT,
      env: { ...process.env, ...bounds.env },
    });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let killedFor: BoundedRun['killedFor'];
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      peak = Math.max(peak, peakRss(child.pid));
      if (peak > bounds.maxRssMiB && !killedFor) {
        killedFor = 'memory';
        child.kill('SIGKILL');
      }
    }, 25);
    const timer = setTimeout(() => {
      killedFor ??= 'time';
      child.kill('SIGKILL');
    }, bounds.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        peakRssMiB: peak,
        elapsedMs: performance.now() - started,
        killedFor,
      });
    });
    child.stdin.end(bounds.input ?? '');
  });
}

/**
 * The shape every hostile input must end in: a usage or failure exit (1 or 2), within its bounds,
 * with one `hypernix:` line naming the problem and no stack trace. Returns that line.
 */
export function expectOneCleanError(run: BoundedRun): string {
  const problems: string[] = [];
  if (run.killedFor)
    problems.push(
      `killed for ${run.killedFor} (peak ${run.peakRssMiB.toFixed(0)} MiB, ${run.elapsedMs.toFixed(0)} ms)`,
    );
  if (run.code !== 1 && run.code !== 2) problems.push(`exit code ${run.code}, expected 1 or 2`);
  if (/\n\s+at .+:\d+:\d+\)?$/m.test(run.stderr)) problems.push('a stack trace on stderr');
  if (/Unhandled|unhandled rejection/i.test(run.stderr)) problems.push('an unhandled rejection');
  const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('hypernix: '));
  if (errorLines.length !== 1)
    problems.push(`${errorLines.length} 'hypernix:' error lines, expected 1`);
  if (problems.length > 0) {
    throw new Error(`${problems.join('; ')}\n--- stderr ---\n${run.stderr.slice(-4000)}`);
  }
  return errorLines[0] as string;
}
