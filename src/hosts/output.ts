import type { Reporter } from '../report/reporter.js';
import { redact } from './errors.js';

/** Defaults shared by every Host. */
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Stderr is kept only as a tail: enough for an error's details, bounded whatever a host sends. */
const STDERR_KEEP_BYTES = 64 * 1024;
/** A streamed line longer than this is logged in pieces (a host may send no newline at all). */
const STREAM_LINE_BYTES = 8 * 1024;

/**
 * Collects a command's output within bounds: stdout up to `maxBytes` (past it `overflowed` turns
 * true and the caller stops the command), stderr as a bounded tail, and, when streaming, each
 * line to the reporter as `[host] line`, secrets redacted.
 */
export class OutputCollector {
  private stdoutChunks: Buffer[] = [];
  private stdoutBytes = 0;
  private stderrTail = Buffer.alloc(0);
  private lines: { out: LineBuffer; err: LineBuffer } | undefined;
  overflowed = false;

  constructor(
    private readonly maxBytes: number,
    stream?: { reporter: Reporter; host: string; secrets: readonly string[] },
  ) {
    if (stream) {
      const emit = (line: string) =>
        stream.reporter.info(`[${stream.host}] ${redact(line, stream.secrets)}`);
      this.lines = { out: new LineBuffer(emit), err: new LineBuffer(emit) };
    }
  }

  /** Takes a stdout chunk; returns false once the cap is passed (the chunk is not kept). */
  stdout(chunk: Buffer): boolean {
    if (this.overflowed) return false;
    if (this.stdoutBytes + chunk.length > this.maxBytes) {
      this.overflowed = true;
      return false;
    }
    this.stdoutBytes += chunk.length;
    this.stdoutChunks.push(chunk);
    this.lines?.out.push(chunk);
    return true;
  }

  stderr(chunk: Buffer): void {
    const joined = Buffer.concat([this.stderrTail, chunk]);
    this.stderrTail =
      joined.length > STDERR_KEEP_BYTES ? joined.subarray(-STDERR_KEEP_BYTES) : joined;
    this.lines?.err.push(chunk);
  }

  /** Ends streaming (flushes partial lines) and returns what was kept. */
  finish(): { stdout: Buffer; stderr: string } {
    this.lines?.out.flush();
    this.lines?.err.flush();
    return { stdout: Buffer.concat(this.stdoutChunks), stderr: this.stderrTail.toString('utf8') };
  }
}

/** Splits a byte stream into lines (UTF-8 kept whole across chunks), bounded per line. */
class LineBuffer {
  private pending = Buffer.alloc(0);
  constructor(private readonly emit: (line: string) => void) {}
  push(chunk: Buffer) {
    let data = Buffer.concat([this.pending, chunk]);
    let newline = data.indexOf(0x0a);
    while (newline >= 0) {
      this.emit(data.subarray(0, newline).toString('utf8').replace(/\r$/, ''));
      data = data.subarray(newline + 1);
      newline = data.indexOf(0x0a);
    }
    while (data.length > STREAM_LINE_BYTES) {
      this.emit(data.subarray(0, STREAM_LINE_BYTES).toString('utf8'));
      data = data.subarray(STREAM_LINE_BYTES);
    }
    this.pending = Buffer.from(data);
  }
  flush() {
    if (this.pending.length > 0) this.emit(this.pending.toString('utf8'));
    this.pending = Buffer.alloc(0);
  }
}
