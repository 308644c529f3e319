import { isAbsolute, relative } from 'node:path';
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { EOL } from 'node:os';
import { rememberSecret } from '../util/secrets.js';
import type { Reporter, SourceLocation } from '../util/reporter.js';

/** The action's reporter: log groups, annotations and masking through @actions/core. */
export class ActionsReporter implements Reporter {
  info(message: string) {
    core.info(message);
  }
  warning(message: string, location?: SourceLocation) {
    core.warning(message, annotation(location));
  }
  error(message: string, location?: SourceLocation) {
    core.error(message, annotation(location));
  }
  debug(message: string) {
    core.debug(message);
  }
  group<T>(title: string, body: () => Promise<T>): Promise<T> {
    return core.group(title, body);
  }
  /**
   * Builder output is wrapped in `::stop-commands::TOKEN` … `::TOKEN::`: the runner acts on no
   * command in between. The token is new and random for every region, and no child sees it, so
   * a builder cannot print the line that ends the region.
   */
  async untrusted<T>(body: () => Promise<T>): Promise<T> {
    const token = randomBytes(24).toString('hex');
    process.stdout.write(`::stop-commands::${token}${EOL}`);
    try {
      return await body();
    } finally {
      process.stdout.write(`::${token}::${EOL}`);
    }
  }
  addPath(directory: string) {
    core.addPath(directory);
  }
  mask(secret: string) {
    if (!secret) return;
    rememberSecret(secret);
    core.setSecret(secret);
  }
}

/**
 * An annotation at a place in the user's files, for warnings and errors alike; GitHub links it
 * by the file's path in the repository.
 */
export function annotation(
  location?: SourceLocation,
  title = 'Nix',
): core.AnnotationProperties | undefined {
  if (!location) return undefined;
  return {
    title,
    file: workspaceRelative(location.file),
    startLine: location.line,
    ...(location.column ? { startColumn: location.column } : {}),
  };
}

/** A path inside GITHUB_WORKSPACE relative to it; any other path as it is. */
export function workspaceRelative(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace || !isAbsolute(file)) return file;
  const inside = relative(workspace, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}
