import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BuildTarget } from './target.js';
import type { Reporter } from '../util/reporter.js';
import { HypernixError, InputError, type SourceLocation } from '../util/errors.js';
import { run } from '../util/process.js';
import { BuildLogTracker } from './build-log.js';
import { NixBuildError, failureMessage, parseNixFailure } from './failure.js';
import type { NixInstallation } from './locate.js';
import { stopwatch } from '../util/stopwatch.js';

export interface NixBuildRequest {
  target: BuildTarget;
  /** Extra arguments passed to Nix as they are (after ours, so they can override). */
  nixArgs: string[];
  /** Where relative files and flakes are resolved; the process's cwd by default. */
  workingDirectory?: string;
  /**
   * A path for Nix's out-link (a GC root that keeps the result alive until removed); none when
   * undefined. More outputs get "-NAME" suffixes, as nix-build does.
   */
  outLink?: string;
  /** How the caller names the inputs in messages (input 'file' / option '--file'). */
  labels: { file: string; attribute: string; workingDirectory: string };
}

export interface NixBuildResult {
  /** Every output path, the first being the main one. */
  outPaths: string[];
  seconds: number;
  /** The exact argument array Nix ran with, for the log and the summary. */
  command: string[];
}

const FLAKES = ['--extra-experimental-features', 'nix-command flakes'];

export function nixBuildCommand(
  nix: NixInstallation,
  request: NixBuildRequest,
  resolvedFile?: string,
): { program: string; args: string[] } {
  const { target } = request;
  const link = request.outLink ? ['--out-link', request.outLink] : ['--no-out-link'];
  if (target.type === 'file') {
    const args = [resolvedFile ?? target.file, ...link];
    if (target.attribute) args.push('--attr', target.attribute);
    for (const arg of target.args) args.push('--arg', arg.name, arg.value);
    for (const arg of target.argstrs) args.push('--argstr', arg.name, arg.value);
    return { program: nix.program('nix-build'), args: [...args, ...request.nixArgs] };
  }
  const output = nix.capabilities.printOutPaths ? ['--print-out-paths'] : ['--json'];
  const flakeLink = request.outLink ? ['--out-link', request.outLink] : ['--no-link'];
  return {
    program: nix.program('nix'),
    args: [
      ...FLAKES,
      'build',
      target.installable,
      ...flakeLink,
      '--print-build-logs',
      ...output,
      ...request.nixArgs,
    ],
  };
}

/** Reads the out paths from what Nix printed: one per line, or `nix build --json`. */
export function parseOutPaths(stdout: string): string[] {
  const text = stdout.trim();
  if (text.startsWith('[')) {
    const parsed = JSON.parse(text) as { outputs?: Record<string, string> }[];
    return parsed.flatMap((entry) => Object.values(entry.outputs ?? {}));
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('/'));
}

async function resolveFile(request: NixBuildRequest, cwd: string): Promise<string | undefined> {
  if (request.target.type !== 'file') return undefined;
  const { file } = request.target;
  // Channel-style paths (<nixpkgs/…>) and URLs are Nix's to resolve.
  if (/^<.+>$/.test(file) || /^[a-z]+:\/\//.test(file)) return file;
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  try {
    await stat(path);
  } catch {
    throw new InputError(`${request.labels.file}: ${path} does not exist`);
  }
  return path;
}

async function resolveWorkingDirectory(request: NixBuildRequest): Promise<string> {
  const cwd = resolve(request.workingDirectory ?? '.');
  const info = await stat(cwd).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InputError(`${request.labels.workingDirectory}: ${cwd} is not a directory`);
  }
  return cwd;
}

/**
 * Runs the build with the builder's output streamed into a log group. A failure becomes a
 * NixBuildError that tells evaluation from build, with the location or the failing derivation.
 */
export async function runNixBuild(
  nix: NixInstallation,
  request: NixBuildRequest,
  reporter: Reporter,
): Promise<NixBuildResult> {
  const cwd = await resolveWorkingDirectory(request);
  const file = await resolveFile(request, cwd);
  const { program, args } = nixBuildCommand(nix, request, file);
  const tracker = new BuildLogTracker();
  const elapsed = stopwatch();
  const result = await reporter.group(`nix build: ${describeTarget(request.target)}`, async () => {
    reporter.info(`$ ${[program, ...args].map(quoteForLog).join(' ')}`);
    // Builders print what they like: nothing they print may act as a workflow command.
    return reporter.untrusted(() =>
      run(program, args, {
        cwd,
        onStderrLine: (line) => {
          tracker.feed(line);
          reporter.info(line);
        },
      }),
    );
  });
  const seconds = elapsed();
  if (result.code !== 0) {
    const failure = parseNixFailure(result.code, result.stderrTail, []);
    if (failure.kind === 'build') {
      const streamed = tracker.tailFor(failure.derivation);
      if (streamed.length > 0) failure.logTail = streamed;
    } else if (
      request.target.type === 'file' &&
      request.target.attribute &&
      /attribute '.*' in selection path .* not found/.test(failure.summary)
    ) {
      throw new InputError(`${request.labels.attribute}: ${failure.summary} in ${file}`);
    }
    if (failure.location) failure.location = mapFlakeSource(failure.location, request.target, cwd);
    throw new NixBuildError(failureMessage(failure), failure);
  }
  const outPaths = parseOutPaths(result.stdout);
  if (outPaths.length === 0) {
    throw new HypernixError(`Nix built ${describeTarget(request.target)} but printed no out path`);
  }
  return { outPaths, seconds, command: [program, ...args] };
}

/**
 * Nix evaluates a local flake from a copy in the store (/nix/store/…-source/), so its errors point
 * there. Point them back at the user's checkout: the git top level the copy was made from, or the
 * flake's own directory outside git.
 */
export function mapFlakeSource(
  location: SourceLocation,
  target: BuildTarget,
  cwd: string,
): SourceLocation {
  const copy = /^\/nix\/store\/[0-9a-z]{32}-source\/(.*)$/.exec(location.file);
  if (!copy?.[1] || target.type !== 'flake') return location;
  const ref = target.installable.split('#')[0] ?? '';
  const local = /^(?:path:|git\+file:\/\/)?([./][^?]*)/.exec(ref || '.');
  if (!local?.[1]) return location;
  const flakeDir = resolve(cwd, local[1]);
  return { ...location, file: join(gitTopLevel(flakeDir) ?? flakeDir, copy[1]) };
}

function gitTopLevel(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

export function describeTarget(target: BuildTarget): string {
  if (target.type === 'flake') return target.installable;
  return target.attribute ? `${target.file} -A ${target.attribute}` : target.file;
}

function quoteForLog(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
