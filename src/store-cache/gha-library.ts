import type { Reporter } from '../util/reporter.js';

/** What @actions/cache said while one of its calls ran. */
export interface LibraryNotes {
  /** Its warnings and errors, in its words. */
  problems: string[];
  /** Set when the service answered 429: the seconds it asked to wait (0 when it did not say). */
  rateLimitSeconds?: number;
}

// Lines of ours always pass: every store-cache message starts with this.
const OUR_PREFIX = 'store cache:';
const WORKFLOW_COMMAND = /^::(warning|error|debug|notice)(?: [^:]*)?::(.*)$/;
const RATE_LIMIT_RESET = /rate limit will reset in (\d+) seconds/;

/**
 * @actions/cache reports failures only through @actions/core, that is as workflow commands on
 * stdout, and then returns undefined or -1. Those lines would land in the CLI's output, and a
 * rate limit could not be told from a miss. While its calls run, the library's lines are taken
 * off stdout: warnings and errors become notes for the caller, the rest debug lines. Lines of
 * ours (and anything the reporter prints) go through unchanged.
 */
export class LibraryOutput {
  private active = 0;
  private forwarding = false;
  private original: typeof process.stdout.write | undefined;
  private readonly listeners = new Set<LibraryNotes>();

  constructor(private readonly reporter: Reporter) {}

  async run<T>(call: () => Promise<T>): Promise<{ value: T; notes: LibraryNotes }> {
    const notes: LibraryNotes = { problems: [] };
    this.listeners.add(notes);
    if (this.active++ === 0) this.install();
    try {
      return { value: await call(), notes };
    } finally {
      this.listeners.delete(notes);
      if (--this.active === 0) this.uninstall();
    }
  }

  private install(): void {
    // Kept as it was, to put back exactly; called bound to stdout.
    this.original = process.stdout.write;
    const original = this.original.bind(process.stdout) as typeof process.stdout.write;
    let pending = '';
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      if (this.forwarding) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        this.route(pending.slice(0, newline).replace(/\r$/, ''), original);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      const callback = rest.find((argument) => typeof argument === 'function') as
        (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }

  private uninstall(): void {
    if (this.original) process.stdout.write = this.original;
    this.original = undefined;
  }

  private route(line: string, original: typeof process.stdout.write): void {
    if (line.includes(OUR_PREFIX)) {
      original(`${line}\n`);
      return;
    }
    const command = WORKFLOW_COMMAND.exec(line);
    const level = command?.[1];
    const text = command ? decodeCommandData(command[2] ?? '') : line;
    const reset = RATE_LIMIT_RESET.exec(text);
    for (const notes of this.listeners) {
      if (reset || /\bRate limited\b|\(429\)/.test(text)) {
        notes.rateLimitSeconds = Math.max(notes.rateLimitSeconds ?? 0, Number(reset?.[1] ?? 0));
      }
      if (level === 'warning' || level === 'error') notes.problems.push(text);
    }
    this.forwarding = true;
    try {
      this.reporter.debug(`@actions/cache: ${text}`);
    } finally {
      this.forwarding = false;
    }
  }
}

/** Undoes @actions/core's escaping of workflow command data. */
function decodeCommandData(data: string): string {
  return data.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}
