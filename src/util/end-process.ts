// How the `hypernix` command and the action bundles end their process.

type Execve = (file: string, args?: string[], env?: NodeJS.ProcessEnv) => never;

/**
 * Ends the process with `code` once standard output and error are flushed (a runner reads its
 * workflow commands there). Not process.exit(): on Node 24 (24.21 included) that can hang for
 * ever (nodejs/node#54918). It joins V8's worker threads, and a background compile that waits
 * for the main thread to collect garbage then never ends (some cold pushes hung here that way;
 * bench/push/README.md, "The end"). The end of the event loop has a variant of the same
 * deadlock (in DrainTasks). Replacing the process image instead (execve, Node 22.15+) ends
 * every thread at once; a shell exits with the code. It skips Node's own teardown
 * too, which nothing here needs: files are closed by then, and the kernel frees the rest.
 */
export async function endProcess(code: number): Promise<never> {
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise((resolve) => stream.write('', resolve));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  const execve = (process as { execve?: Execve }).execve;
  const status = Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1;
  if (execve && process.platform !== 'win32') {
    try {
      // process.execve announces itself with an ExperimentalWarning on the next tick, which
      // never comes: the process is replaced first.
      execve('/bin/sh', ['sh', '-c', `exit ${status}`], {});
    } catch {
      // No /bin/sh, or the call refused: the usual exit, which almost always works.
    }
  }
  process.exit(status);
}
