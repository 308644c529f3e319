import type { SourceLocation } from './errors.js';
import { rememberSecret } from './secrets.js';

export type { SourceLocation };

/**
 * How domain modules talk to the person running them. The action implements it with
 * @actions/core (log groups, annotations, masking); the CLI with plain stderr; tests record it.
 */
export interface Reporter {
  info(message: string): void;
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  debug(message: string): void;
  /** Runs `body` with its log lines folded under `title`. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
  /**
   * Runs `body`, whose lines are another program's output (a builder's): shown as they are but
   * never acted on as workflow commands (`::set-output`, `::add-mask::`, `::error …`).
   */
  untrusted<T>(body: () => Promise<T>): Promise<T>;
  /** Makes a directory's programs available to later steps as well as to this process. */
  addPath(directory: string): void;
  /** Hides a secret value in everything printed from now on. */
  mask(secret: string): void;
}

/** A Reporter that keeps everything in memory: for tests and for callers that want silence. */
export class MemoryReporter implements Reporter {
  readonly lines: {
    level: 'info' | 'warning' | 'error' | 'debug';
    message: string;
    location?: SourceLocation;
  }[] = [];
  readonly groups: string[] = [];
  /** How many untrusted() regions were opened. */
  untrustedRegions = 0;
  readonly paths: string[] = [];
  readonly secrets: string[] = [];
  info(message: string) {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string, location?: SourceLocation) {
    this.lines.push({ level: 'warning', message, location });
  }
  error(message: string, location?: SourceLocation) {
    this.lines.push({ level: 'error', message, location });
  }
  debug(message: string) {
    this.lines.push({ level: 'debug', message });
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.groups.push(title);
    return body();
  }
  async untrusted<T>(body: () => Promise<T>): Promise<T> {
    this.untrustedRegions += 1;
    return body();
  }
  addPath(directory: string) {
    this.paths.push(directory);
    process.env.PATH = `${directory}:${process.env.PATH ?? ''}`;
  }
  mask(secret: string) {
    rememberSecret(secret);
    this.secrets.push(secret);
  }
}
