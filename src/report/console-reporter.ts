import { rememberSecret } from '../util/secrets.js';
import type { Reporter, SourceLocation } from '../util/reporter.js';

/** The CLI's reporter: plain lines on stderr, so stdout stays free for --json. */
export class ConsoleReporter implements Reporter {
  private readonly secrets: string[] = [];
  constructor(
    private readonly options: {
      verbose?: boolean;
      quiet?: boolean;
      stream?: NodeJS.WritableStream;
    } = {},
  ) {}

  private write(text: string) {
    let safe = text;
    for (const secret of this.secrets) safe = safe.split(secret).join('***');
    (this.options.stream ?? process.stderr).write(`${safe}\n`);
  }
  info(message: string) {
    if (!this.options.quiet) this.write(message);
  }
  warning(message: string, location?: SourceLocation) {
    this.write(`warning: ${at(location)}${message}`);
  }
  error(message: string, location?: SourceLocation) {
    this.write(`error: ${at(location)}${message}`);
  }
  debug(message: string) {
    if (this.options.verbose) this.write(`debug: +${Math.round(performance.now())} ms ${message}`);
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.info(`── ${title}`);
    return body();
  }
  /** A terminal runs no workflow commands: the lines are printed as they are. */
  untrusted<T>(body: () => Promise<T>): Promise<T> {
    return body();
  }
  addPath(directory: string) {
    process.env.PATH = `${directory}:${process.env.PATH ?? ''}`;
  }
  mask(secret: string) {
    if (!secret) return;
    rememberSecret(secret);
    this.secrets.push(secret);
  }
}

function at(location?: SourceLocation): string {
  if (!location) return '';
  return `${location.file}:${location.line}${location.column ? `:${location.column}` : ''}: `;
}
