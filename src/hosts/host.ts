/**
 * A machine the deploy works on: the hypervisor (local or over SSH) and the VMs (over SSH,
 * directly or through the hypervisor). Every command is an argument vector; the SSH host quotes
 * it for the remote shell with one tested function, never by string concatenation.
 */
export interface Host {
  /** A short label for logs and errors: "hypervisor", "cp-1", "local". */
  readonly name: string;

  /**
   * Runs `argv` and resolves with its output once it exits 0 (or with a code in `okCodes`).
   * Otherwise rejects with a HostCommandError naming the host, the command (secrets redacted),
   * the exit code or signal, and the last lines of stderr; a timeout rejects the same way.
   */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;

  /** Writes `content` to `path` through a temporary file in the same directory, then renames. */
  writeFile(path: string, content: string | Uint8Array, options?: { mode?: number }): Promise<void>;

  /** Reads a file, refusing one over `maxBytes` (default 1 MiB): what a host sends is untrusted. */
  readFile(path: string, options?: { maxBytes?: number }): Promise<Buffer>;

  /**
   * Copies a local file to `remotePath` (temporary name, sha256 checked on the far side, then
   * renamed). Resolves with the sha256 hex of what was written.
   */
  upload(localPath: string, remotePath: string, options?: { mode?: number }): Promise<string>;

  /** Copies a remote file to `localPath` the same way; `sha256` (hex), when given, must match. */
  download(remotePath: string, localPath: string, options?: { sha256?: string }): Promise<string>;

  /** Closes connections; safe to call twice. */
  close(): Promise<void>;
}

export interface ExecOptions {
  /** Per-command deadline (default 120 s). */
  timeoutMs?: number;
  /** Written to the command's stdin, then closed: the way secrets reach a command. */
  input?: string | Uint8Array;
  /** Exit codes that count as success besides 0. */
  okCodes?: readonly number[];
  /** Stream each output line to the log as it arrives, prefixed with the host's name. */
  stream?: boolean;
  /** Values never shown in logs or errors (tokens in a command's output, for example). */
  secrets?: readonly string[];
  /** Upper bound on captured stdout (default 16 MiB); past it the command fails. */
  maxOutputBytes?: number;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}
