import { spawn } from 'node:child_process';
import { childEnvironment } from './child-env.js';

export interface RunOptions {
  cwd?: string;
  /** Variables added to the child's environment, which is otherwise childEnvironment()'s. */
  env?: Record<string, string>;
  /** Called for each complete line of stderr as it arrives (builder output is streamed, not buffered). */
  onStderrLine?: (line: string) => void;
  /** Called for each complete line of stdout as it arrives. */
  onStdoutLine?: (line: string) => void;
  /** Keep at most this many trailing stderr lines in the result (default 200). */
  stderrTailLines?: number;
  /** Data written to the child's stdin, then closed. */
  input?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  /** The last lines of stderr, oldest first. */
  stderrTail: string[];
}

/** Thrown when the program itself cannot be started (not found, not executable). */
export class SpawnError extends Error {
  override name = 'SpawnError';
  constructor(
    readonly command: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`cannot run ${command}: ${code ?? 'spawn failed'}`, options);
  }
}

/**
 * Runs a program from an argument array (never through a shell) and streams its output by lines.
 * Resolves with the exit code; rejects only when the program cannot be started. The child sees
 * only childEnvironment(): no input, password or masked value of ours.
 */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const tailLimit = options.stderrTailLines ?? 200;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnvironment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    const stderrTail: string[] = [];
    const stdoutLines = lineSplitter((line) => options.onStdoutLine?.(line));
    const stderrLines = lineSplitter((line) => {
      stderrTail.push(line);
      if (stderrTail.length > tailLimit) stderrTail.shift();
      options.onStderrLine?.(line);
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      stdoutLines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => stderrLines.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new SpawnError(command, error.code, { cause: error })),
    );
    child.on('close', (code, signal) => {
      stdoutLines.flush();
      stderrLines.flush();
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderrTail });
    });
    child.stdin.on('error', () => undefined); // a child that exits early closes its stdin
    child.stdin.end(options.input ?? '');
  });
}

function lineSplitter(onLine: (line: string) => void) {
  let pending = '';
  return {
    push(chunk: string) {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        onLine(pending.slice(0, newline).replace(/\r$/, ''));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    flush() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}
