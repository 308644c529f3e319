import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './run-action.js';

export const CLI = join(ROOT, 'dist', 'cli', 'index.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled `hypernix` command as a user would; `input` goes to its standard input. */
export function hypernix(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The last line of stderr: the one a failing command ends with. */
export const lastLine = (run: CliRun) => run.stderr.trim().split('\n').at(-1) ?? '';
