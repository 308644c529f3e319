import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BUILD_IMAGE_BUNDLE = join(ROOT, 'dist', 'build-image', 'index.js');

export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  /** Workflow commands the action printed, e.g. `::error file=…::message`. */
  commands: string[];
  /** Milliseconds from start at which each stdout line arrived. */
  lineTimes: { line: string; ms: number }[];
  files: { output: string; summary: string; state: string; path: string; temp: string };
}

/** Reads the `name<<DELIM … DELIM` records that @actions/core writes to GITHUB_OUTPUT and GITHUB_STATE. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] as string);
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i] as string);
    values[name] = value.join('\n');
  }
  return values;
}

/**
 * Runs a bundled action the way the runner does: inputs as INPUT_* variables, the file commands
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_PATH) as files, state as STATE_*.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: {
    bundle?: string;
    env?: NodeJS.ProcessEnv;
    state?: Record<string, string>;
    cwd?: string;
    temp?: string;
    /**
     * Polled every 25 ms with the state written so far: true kills the action with SIGKILL, as
     * a runner that is shut down would (a cancelled job's step is cut off the same way).
     */
    killWhen?: (state: Record<string, string>) => boolean;
  } = {},
): Promise<ActionRun> {
  const temp = options.temp ?? tempDir('hypernix-action-');
  const files = {
    output: join(temp, 'output'),
    summary: join(temp, 'summary.md'),
    state: join(temp, 'state'),
    path: join(temp, 'path'),
    temp,
  };
  for (const file of [files.output, files.summary, files.state, files.path])
    writeFileSync(file, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_WORKSPACE: options.cwd ?? ROOT,
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: join(temp, 'tool-cache'),
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const started = Date.now();
  const child = spawn(process.execPath, [options.bundle ?? BUILD_IMAGE_BUNDLE], {
    env,
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let pending = '';
  const lineTimes: ActionRun['lineTimes'] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) lineTimes.push({ line, ms: Date.now() - started });
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stdout += chunk));
  const killWhen = options.killWhen;
  const watcher = killWhen
    ? setInterval(() => {
        if (killWhen(parseFileCommands(readFileSync(files.state, 'utf8')))) {
          child.kill('SIGKILL');
          clearInterval(watcher);
        }
      }, 25)
    : undefined;
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exit) => resolve(exit ?? 1));
  }).finally(() => clearInterval(watcher));
  return {
    code,
    stdout,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    commands: stdout.split('\n').filter((line) => line.startsWith('::')),
    lineTimes,
    files,
  };
}

/** The ::error:: lines, which a runner shows as failure annotations. */
export function errorsOf(run: ActionRun): string[] {
  return run.commands.filter((line) => line.startsWith('::error'));
}
