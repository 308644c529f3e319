// The closure-only restore on a multi-user store, where GitHub's runners are: the machine's own
// /nix/store is root's, a nix-daemon (started here on a socket of this run's own) serves the
// runner's user. Alternating, `sync` before each, medians: root unpacking in its own process
// (the single-user case), the runner user with passwordless sudo (`hypernix-sudo`: the unpacking
// in a root child), and the user without sudo (`hypernix-nosudo`: nix copy through the daemon,
// what every multi-user runner took before). Uses unpack-ab.ts's prepared pack (.tmp/ab/):
//
//   NIX_CONF_DIR=$PWD/.tmp/lab/nix node_modules/.bin/node bench/cache/multi-user.ts [--reps 5]
//       [--settle 61]
//
// It deletes the closure's paths from the machine's store before each restore (not timed) and
// leaves them valid at the end, rooted by .tmp/ab/root again. Needs test/lab/setup.sh's users.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RUNNER_USERS, startMultiUserStore } from '../../test/helpers/multi-user-store.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WORK = join(ROOT, '.tmp', 'ab');
const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '5' },
    // Seconds to wait after deleting the closure: on an ext4 without a journal (this VM's), the
    // kernel skips inodes deleted in the last 60 s when it allocates one, at a cost per inode.
    settle: { type: 'string', default: '0' },
  },
});
const log = (line: string) => process.stderr.write(`multi-user: ${line}\n`);

const prepared = JSON.parse(readFileSync(join(WORK, 'prepared.json'), 'utf8')) as { root: string };
const paths = readFileSync(join(WORK, 'closure.paths'), 'utf8').trim().split('\n');

// What the users run must be readable by them: Node, the bundles, the pack, Nix's settings.
const shared = mkdtempSync(join(tmpdir(), 'hypernix-multi-user-'));
cpSync(join(WORK, 'cache'), join(shared, 'cache'), { recursive: true });
const lab = await startMultiUserStore(shared);

const restoreArgs = ['cache', 'restore', '--dir', join(shared, 'cache'), '--key', 'bench'];
const asUser = (user: string) => () => {
  const [command, args] = lab.asUser(user, restoreArgs);
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
};
const contenders: [string, () => void][] = [
  [
    'root (unpack)',
    () =>
      execFileSync(
        join(shared, 'node'),
        [join(shared, 'dist', 'cli', 'index.js'), ...restoreArgs],
        {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, NIX_CONF_DIR: shared },
        },
      ),
  ],
  ['sudo (unpack-as-root)', asUser(RUNNER_USERS.sudo)],
  ['no sudo (nix copy)', asUser(RUNNER_USERS.plain)],
];

const median = (list: number[]) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const times = new Map(contenders.map(([name]) => [name, [] as number[]]));
const outLink = join(WORK, 'root');
try {
  rmSync(outLink, { force: true }); // the closure must be deletable
  for (let rep = 0; rep < Number(values.reps); rep += 1) {
    for (let index = 0; index < contenders.length; index += 1) {
      const [name, restore] = contenders[(index + rep) % contenders.length] as [string, () => void];
      execFileSync('nix-store', ['--delete', ...paths], { stdio: 'ignore' });
      execFileSync('sync');
      execFileSync('sleep', [values.settle]);
      const started = performance.now();
      restore();
      times.get(name)?.push((performance.now() - started) / 1000);
      const verify = spawnSync('nix-store', ['--verify-path', prepared.root]);
      if (verify.status !== 0) throw new Error(`${name} did not restore ${prepared.root}`);
    }
    log(
      `#${rep + 1} ${[...times].map(([name, all]) => `${name} ${all.at(-1)?.toFixed(2)}`).join(', ')} (load ${loadavg()[0]?.toFixed(2)})`,
    );
  }
} finally {
  lab.stop();
  spawnSync('nix-store', ['--add-root', outLink, '--indirect', '--realise', prepared.root], {
    stdio: 'ignore',
  });
  rmSync(shared, { recursive: true, force: true });
}
const base = median(times.get('root (unpack)') ?? []);
console.log(`${paths.length} paths, ${values.reps} repetitions, ${cpus().length} cores, medians`);
for (const [name, all] of times) {
  console.log(
    `${name.padEnd(24)} ${median(all).toFixed(2)} s (${(median(all) / base).toFixed(2)}x root)  [${all.map((t) => t.toFixed(2)).join(' ')}]`,
  );
}
