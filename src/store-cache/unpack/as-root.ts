import { spawnSync } from 'node:child_process';
import type { NixInstallation } from '../../nix/locate.js';
import type { PathInfo } from '../../nix/path-info.js';
import { childEnvironment } from '../../util/child-env.js';
import { HypernixError } from '../../util/errors.js';
import { run } from '../../util/process.js';
import { FAULT_VARIABLE } from './fault.js';
import { siblingBundle } from './sibling-bundle.js';
import { THREADS_VARIABLE } from './worker-pool.js';

/** What the root child is asked to do (root-child.ts reads it from its stdin). */
export interface RootUnpackRequest {
  nixBinDir: string;
  nixVersion: string;
  dir: string;
  infos: Pick<PathInfo, 'path' | 'narHash' | 'narSize' | 'references'>[];
  store?: string;
  /** The unpacking's own settings (threads, the tests' fault hook): sudo drops the environment. */
  settings: Record<string, string>;
}

// A sudo that asks a directory service may hang; the answer is wanted before the restore starts.
const SUDO_CHECK_MS = 10_000;

/**
 * Whether sudo runs the root child without a password (`sudo -n -l` names the exact command: a
 * sudoers that allows only some commands answers for this one, and nothing runs).
 */
export function sudoAllowsRootChild(script: string): boolean {
  const check = spawnSync('sudo', ['-n', '-l', '--', process.execPath, script], {
    env: childEnvironment(),
    stdio: 'ignore',
    timeout: SUDO_CHECK_MS,
  });
  return check.status === 0;
}

/**
 * On a multi-user store (root's, served by nix-daemon) the unpacking runs as root: a child
 * started through the runner's passwordless sudo restores the pack exactly as a root process
 * would (root-child.ts), so the paths it writes are root's, and Nix's database is written by
 * root's nix-store. The request goes on its stdin, never on a command line; sudo gives the child
 * a clean environment, so no token of ours reaches it. The child's one error line is the error.
 */
export async function unpackAsRoot(
  nix: NixInstallation,
  dir: string,
  infos: RootUnpackRequest['infos'],
  store?: string,
): Promise<void> {
  const script = siblingBundle('unpack-as-root');
  if (!script) throw new HypernixError('the root unpacking script is not beside this bundle');
  const request: RootUnpackRequest = {
    nixBinDir: nix.binDir,
    nixVersion: nix.version.text,
    dir,
    infos,
    store,
    settings: Object.fromEntries(
      [THREADS_VARIABLE, FAULT_VARIABLE].flatMap((name) => {
        const value = process.env[name];
        return value === undefined ? [] : [[name, value]];
      }),
    ),
  };
  const result = await run('sudo', ['-n', '--', process.execPath, script], {
    input: JSON.stringify(request),
    stderrTailLines: 20,
  });
  if (result.code === 0) return;
  const said = result.stderrTail.filter((line) => line.trim()).at(-1);
  throw new HypernixError(said ?? `the root unpacking (through sudo) exited with ${result.code}`);
}
