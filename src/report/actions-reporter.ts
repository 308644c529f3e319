import * as core from '@actions/core';
import type { Reporter, SourceLocation } from './reporter.js';

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
  addPath(directory: string) {
    core.addPath(directory);
  }
  mask(secret: string) {
    if (secret) core.setSecret(secret);
  }
}

function annotation(location?: SourceLocation): core.AnnotationProperties | undefined {
  if (!location) return undefined;
  return {
    title: 'Nix',
    file: location.file,
    startLine: location.line,
    ...(location.column ? { startColumn: location.column } : {}),
  };
}
