import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { HypernixError } from '../util/errors.js';
import { childEnvironment } from '../util/child-env.js';

/** A path lock that could not be taken. */
export class PathLockError extends HypernixError {
  override name = 'PathLockError';
}

// Descriptors handed to one locking child: well under any limit on open files.
const FDS_PER_CHILD = 256;

// Takes an exclusive flock(2) on each inherited descriptor, in the order given. The locks belong
// to the open file descriptions, which this process still holds after the child exits.
const LOCK_SCRIPT =
  'for my $n (@ARGV) { open(my $fh, "+<&=", $n) or die "fd $n: $!\\n"; ' +
  'flock($fh, LOCK_EX) or die "flock fd $n: $!\\n"; }';

/** Whether `perl` runs here (Essential on Debian and Ubuntu, on GitHub's runners). */
export function perlAvailable(): boolean {
  return spawnSync('perl', ['-MFcntl=:flock', '-e', '1'], { stdio: 'ignore' }).status === 0;
}

/**
 * Nix's own locks on store paths (libstore's PathLocks, which every `nix copy`, substitution
 * and build takes before it writes a path): an exclusive flock on `<path>.lock`, taken in sorted
 * order; a lock file with content is one its last holder deleted ("stale"): open it again.
 * Released as Nix does: unlink, write "d" (so a waiter sees it stale), close. Node has no
 * flock(2), so a short-lived `perl` child locks the descriptors this process opened.
 */
export class PathLocks {
  private constructor(private readonly held: Map<string, number>) {}

  /** Locks the real paths (in the store directory as it is on disk), waiting as Nix waits. */
  static async acquire(paths: string[]): Promise<PathLocks> {
    const held = new Map<string, number>();
    let pending = [...new Set(paths)].sort();
    try {
      while (pending.length > 0) {
        const opened = pending.map(
          (path) =>
            [path, openSync(`${path}.lock`, constants.O_RDWR | constants.O_CREAT, 0o600)] as const,
        );
        for (let at = 0; at < opened.length; at += FDS_PER_CHILD) {
          const slice = opened.slice(at, at + FDS_PER_CHILD);
          try {
            await flockAll(slice.map(([, fd]) => fd));
          } catch (error) {
            for (const [, fd] of opened) closeSync(fd);
            throw error;
          }
        }
        const stale: string[] = [];
        for (const [path, fd] of opened) {
          if (fstatSync(fd).size !== 0) {
            closeSync(fd);
            stale.push(path);
          } else held.set(path, fd);
        }
        pending = stale;
      }
    } catch (error) {
      new PathLocks(held).release();
      throw error;
    }
    return new PathLocks(held);
  }

  release(): void {
    for (const [path, fd] of this.held) {
      try {
        unlinkSync(`${path}.lock`);
        writeSync(fd, 'd');
      } catch {
        // Nix ignores a lock file it cannot delete the same way: the lock still goes with close.
      }
      closeSync(fd);
    }
    this.held.clear();
  }
}

function flockAll(fds: number[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'perl',
      ['-MFcntl=:flock', '-e', LOCK_SCRIPT, ...fds.map((_, index) => String(index + 3))],
      { env: childEnvironment(), stdio: ['ignore', 'ignore', 'pipe', ...fds] },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', (error) =>
      reject(new PathLockError(`cannot run perl to take Nix's path locks: ${error.message}`)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new PathLockError(
              `cannot take Nix's path locks: ${stderr.trim().split('\n').at(-1) ?? `perl exit ${code}`}`,
            ),
          ),
    );
  });
}
