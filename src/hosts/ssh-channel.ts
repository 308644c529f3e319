import type { Readable, Writable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { Reporter } from '../util/reporter.js';
import { HostCommandError, type CommandFailure } from './errors.js';
import type { ExecOptions } from './host.js';
import { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_TIMEOUT_MS, OutputCollector } from './output.js';

/** Thrown when the channel could not even be opened: nothing ran, so the caller may retry. */
export class ChannelNotOpened extends Error {
  override name = 'ChannelNotOpened';
}

/**
 * The server refused to open the session channel (OpenSSH: MaxSessions, counted until it has
 * closed a finished session, which can lag the client's view): nothing ran, retry shortly.
 */
export class ChannelRefused extends Error {
  override name = 'ChannelRefused';
  constructor(readonly failure: HostCommandError) {
    super(failure.message);
  }
}

export interface ChannelRun {
  client: Client;
  host: string;
  argv: readonly string[];
  /** `argv` quoted for the remote shell. */
  command: string;
  options: ExecOptions;
  reporter: Reporter;
  /** Streams stdin from here instead of `options.input` (uploads over exec). */
  stdin?: Readable;
  /** Sends stdout here instead of collecting it (downloads over exec); no output cap. */
  stdout?: Writable;
}

/**
 * Runs one command on its own channel of an open connection: stdin written then closed, output
 * bounded, a deadline that signals KILL and closes the channel. Resolves with the raw stdout.
 * A connection that drops while the command runs is a failure, never a reason to run it again.
 */
export function runChannel(
  run: ChannelRun,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const { options, host, argv } = run;
  const secrets = options.secrets ?? [];
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const output = new OutputCollector(
    maxBytes,
    options.stream ? { reporter: run.reporter, host, secrets } : undefined,
  );
  const fail = (failure: CommandFailure, cause?: unknown) =>
    new HostCommandError(host, argv, failure, { secrets, stderr: output.finish().stderr, cause });

  return new Promise((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let settled = false;
    const settle = (error?: Error, result?: { code: number; stdout: Buffer; stderr: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.client.removeListener('close', onLost);
      if (error) reject(error);
      else resolve(result!);
    };
    const stop = (failure: CommandFailure) => {
      if (channel) {
        try {
          channel.signal('KILL');
        } catch {
          // the channel may already be gone
        }
        channel.close();
      }
      settle(fail(failure));
    };
    const onLost = () => settle(fail({ kind: 'lost', reason: 'connection closed' }));
    const timer = setTimeout(() => stop({ kind: 'timeout', timeoutMs }), timeoutMs);
    run.client.once('close', onLost);

    try {
      run.client.exec(run.command, (error, opened) => {
        if (error) {
          // The session channel or the exec request was refused: the command did not start.
          const failure = fail({ kind: 'spawn', reason: error.message }, error);
          const refused = typeof (error as { reason?: unknown }).reason === 'number';
          settle(refused ? new ChannelRefused(failure) : failure);
          return;
        }
        channel = opened;
        if (settled) return void opened.close();
        wire(opened, { run, output, maxBytes, stop, settle, fail });
      });
    } catch (error) {
      // ssh2 throws "Not connected" synchronously: nothing was sent.
      settled = true;
      clearTimeout(timer);
      run.client.removeListener('close', onLost);
      reject(new ChannelNotOpened(error instanceof Error ? error.message : String(error)));
    }
  });
}

interface Wiring {
  run: ChannelRun;
  output: OutputCollector;
  maxBytes: number;
  stop: (failure: CommandFailure) => void;
  settle: (error?: Error, result?: { code: number; stdout: Buffer; stderr: string }) => void;
  fail: (failure: CommandFailure, cause?: unknown) => HostCommandError;
}

/** Connects an opened channel's streams and events to the run's bounds and outcome. */
function wire(opened: ClientChannel, c: Wiring) {
  const { run, output, maxBytes, stop, settle, fail } = c;
  const { options } = run;
  let exit: { code: number | null; signal?: string } | undefined;
  if (run.stdout) {
    opened.pipe(run.stdout);
  } else {
    opened.on('data', (chunk: Buffer) => {
      if (!output.stdout(chunk)) stop({ kind: 'output', maxBytes });
    });
  }
  opened.stderr.on('data', (chunk: Buffer) => output.stderr(chunk));
  opened.on('exit', (code: number | null, signal?: string) => {
    exit = { code, signal };
  });
  opened.on('close', () => {
    const { stdout, stderr } = output.finish();
    if (!exit)
      return settle(fail({ kind: 'lost', reason: 'the channel closed without an exit status' }));
    if (exit.signal) return settle(fail({ kind: 'signal', signal: exit.signal }));
    const code = exit.code ?? 1;
    if (code !== 0 && !(options.okCodes ?? []).includes(code)) {
      return settle(fail({ kind: 'exit', code }));
    }
    settle(undefined, { code, stdout, stderr });
  });
  if (run.stdin) run.stdin.pipe(opened);
  else opened.end(options.input === undefined ? undefined : Buffer.from(options.input));
}
