// A multi-user store on the lab, as the Nix installers set one up on GitHub's runners: the
// machine's /nix/store and Nix's database stay root's, a real nix-daemon (on a socket of its own)
// serves the runner users test/lab/setup.sh makes. Used by the multi-user test and by
// bench/cache/multi-user.ts (so no vitest here).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The lab's runner users: one with passwordless sudo (as GitHub's `runner`), one without. */
export const RUNNER_USERS = { sudo: 'hypernix-sudo', plain: 'hypernix-nosudo' } as const;

const ROOT = join(import.meta.dirname, '..', '..');

export interface MultiUserStore {
  /** A directory every user may read: Node, the bundles, Nix's settings, the daemon's socket. */
  dir: string;
  socket: string;
  stop(): void;
  /** The command line that runs the bundled `hypernix ARGS` as `user`, as a runner's user runs it. */
  asUser(user: string, args: string[], env?: string[]): [string, string[]];
}

/** Fills `dir` (made by the caller) for the runner users and starts the daemon on it. */
export async function startMultiUserStore(dir: string): Promise<MultiUserStore> {
  cpSync(process.execPath, join(dir, 'node'));
  for (const bundle of ['cli', 'unpack-worker', 'unpack-as-root']) {
    cpSync(join(ROOT, 'dist', bundle), join(dir, 'dist', bundle), { recursive: true });
  }
  // The lab's settings; nix copy --no-check-sigs through a daemon needs a trusted user, as
  // install-nix-action makes the runner.
  const conf = readFileSync(join(process.env.NIX_CONF_DIR ?? '/etc/nix', 'nix.conf'), 'utf8');
  const trusted = `trusted-users = root ${RUNNER_USERS.sudo} ${RUNNER_USERS.plain}`;
  writeFileSync(join(dir, 'nix.conf'), `${conf}\n${trusted}\n`);
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  chmodSync(dir, 0o755);
  const socket = join(dir, 'daemon.socket');
  const daemon: ChildProcess = spawn('nix-daemon', [], {
    env: { ...process.env, NIX_CONF_DIR: dir, NIX_DAEMON_SOCKET_PATH: socket },
    stdio: 'ignore',
  });
  for (let waited = 0; !existsSync(socket); waited += 50) {
    if (waited > 10_000) {
      daemon.kill();
      throw new Error('nix-daemon did not open its socket');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const nixBin = dirname(execFileSync('sh', ['-c', 'command -v nix-store'], { encoding: 'utf8' }));
  return {
    dir,
    socket,
    stop: () => daemon.kill(),
    asUser: (user, args, env = []) => [
      'runuser',
      [
        '-u',
        user,
        '--',
        'env',
        '-i',
        `PATH=${nixBin}:/usr/local/bin:/usr/bin:/bin`,
        `HOME=${dir}`,
        `NIX_CONF_DIR=${dir}`,
        `NIX_DAEMON_SOCKET_PATH=${socket}`,
        ...env,
        join(dir, 'node'),
        join(dir, 'dist', 'cli', 'index.js'),
        ...args,
      ],
    ],
  };
}
