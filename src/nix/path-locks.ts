import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { HypernixError } from '../util/errors.js';
import { childEnvironment } from '../util/child-env.js';

/** A path lock that could not be taken. */
export class PathLockError extends HypernixError {
  override name = 'PathLockError';
}

// libstore's lockPaths and PathLocks::unlock, line for line: open (create) `<path>.lock`,
// flock LOCK_EX (waiting), and if the file has content its last holder deleted it: open again.
// Released on "release" or when our end of the pipe closes (we died): unlink, write "d", close.
const LOCK_SCRIPT = `
use Fcntl qw(:flock O_RDWR O_CREAT);
$| = 1;
my @held;
while (my $path = <STDIN>) {
  chomp $path;
  last if $path eq '';
  for (;;) {
    sysopen(my $fh, "$path.lock", O_RDWR | O_CREAT, 0600) or die "cannot open $path.lock: $!\\n";
    flock($fh, LOCK_EX) or die "cannot lock $path.lock: $!\\n";
    if ((stat $fh)[7] != 0) { close $fh; next; }
    push @held, [$path, $fh];
    last;
  }
}
print "locked\\n";
my $ignored = <STDIN>;
for my $lock (@held) { unlink "$lock->[0].lock"; syswrite($lock->[1], "d"); close $lock->[1]; }
`;

/** Whether `perl` runs here with Fcntl (perl-base is Essential on Debian and Ubuntu). */
export function perlAvailable(): boolean {
  return spawnSync('perl', ['-MFcntl=:flock', '-e', '1'], { stdio: 'ignore' }).status === 0;
}

/**
 * Nix's own locks on store paths (libstore's PathLocks, which every `nix copy`, substitution
 * and build takes before it writes a path), so a restore cannot race a daemon or another Nix
 * adding the same path. Node has no flock(2): a `perl` child takes the locks (in sorted order,
 * as Nix does) and holds them until release(), or until this process dies and the pipe closes.
 * The child works beside this process: acquire() starts it, locked() waits for it.
 */
export class PathLocks {
  private readonly exited: Promise<number | null>;
  private readonly ready: Promise<void>;

  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, Readable>) {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    this.exited = new Promise((resolve) => {
      child.on('close', (code) => resolve(code));
      child.on('error', () => resolve(null));
    });
    this.ready = new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        stdout += text;
        if (stdout.includes('locked\n')) resolve();
      });
      void this.exited.then((code) =>
        reject(
          new PathLockError(
            `cannot take Nix's path locks: ${stderr.trim().split('\n').at(-1) || `perl exit ${code}`}`,
          ),
        ),
      );
    });
    this.ready.catch(() => undefined); // the caller sees it in locked()
  }

  /** Starts taking the locks on these real paths (in the store directory as it is on disk). */
  static acquire(paths: string[]): PathLocks {
    const sorted = [...new Set(paths)].sort();
    const bad = sorted.find((path) => path.includes('\n') || !path.startsWith('/'));
    if (bad !== undefined) throw new PathLockError(`cannot lock ${JSON.stringify(bad)}`);
    const child = spawn('perl', ['-e', LOCK_SCRIPT], {
      env: childEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.on('error', () => undefined); // perl died: locked() says why
    child.stdin.write(`${sorted.join('\n')}\n\n`);
    return new PathLocks(child);
  }

  /** Resolves once every lock is held; rejects with one line when they cannot be taken. */
  locked(): Promise<void> {
    return this.ready;
  }

  /** Releases the locks as Nix does and waits for it. */
  async release(): Promise<void> {
    this.child.stdin.end('release\n');
    await this.exited;
  }
}
