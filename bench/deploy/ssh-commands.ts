// 60 commands over 3 hosts: pooled ssh2 channels (SshHost) next to one OpenSSH `ssh` process per
// command, side by side in each round, against real sshd servers in network namespaces.
//
//   node_modules/.bin/node bench/deploy/ssh-commands.ts [--rounds 5]      (root: makes namespaces)
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSshLab } from '../../test/lab/ssh-hosts.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '5' },
    // `machine`: sessions run root's own ~/.bashrc, as any SSH command on this machine does.
    bashrc: { type: 'string', default: 'empty' },
  },
});
const emptyBashrc = values.bashrc !== 'machine';
const rounds = Number(values.rounds);
const COMMANDS_PER_HOST = 20;
// Both sides run at most this many commands at once per host (SshHost's channel limit).
const PARALLEL_PER_HOST = 8;

// SshHost is TypeScript with NodeNext `.js` imports: compile the module graph it needs first.
const BUILD = join(ROOT, 'build', 'bench-deploy');
execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), [
  '--outDir',
  BUILD,
  '--rootDir',
  ROOT,
  '--module',
  'NodeNext',
  '--moduleResolution',
  'NodeNext',
  '--target',
  'ES2023',
  '--skipLibCheck',
  '--types',
  'node',
  join(ROOT, 'src', 'hosts', 'ssh-host.ts'),
]);
const { SshHost } = (await import(
  join(BUILD, 'src', 'hosts', 'ssh-host.js')
)) as typeof import('../../src/hosts/ssh-host.ts');
const { MemoryReporter } = (await import(
  join(BUILD, 'src', 'util', 'reporter.js')
)) as typeof import('../../src/util/reporter.ts');

const lab = startSshLab(
  ['vm1', 'vm2', 'vm3'].map((name) => ({ name, emptyBashrc })),
  {
    subnet: 60,
    tag: 'bd',
  },
);
const hosts = Object.values(lab.hosts);
const knownHostsFile = join(lab.dir, 'known_hosts');
writeFileSync(knownHostsFile, hosts.map((h) => h.knownHosts).join(''));

/** Runs `tasks` with at most `limit` at once. */
async function pool(limit: number, tasks: (() => Promise<unknown>)[]) {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
}

const command = (i: number) => ['echo', `command-${i}`];

async function pooledSsh2(): Promise<number> {
  const started = performance.now();
  await Promise.all(
    hosts.map(async (lh) => {
      const host = new SshHost({
        name: lh.name,
        address: lh.address,
        username: 'root',
        privateKey: { path: lab.clientKeyPath },
        hostKeys: { knownHosts: lh.knownHosts },
        reporter: new MemoryReporter(),
      });
      try {
        await Promise.all(
          Array.from({ length: COMMANDS_PER_HOST }, (_, i) => host.exec(command(i))),
        );
      } finally {
        await host.close();
      }
    }),
  );
  return performance.now() - started;
}

function opensshOnce(address: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ssh',
      [
        '-i',
        lab.clientKeyPath,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${knownHostsFile}`,
        '-o',
        'ControlMaster=no',
        '-o',
        'ControlPath=none',
        '-F',
        '/dev/null',
        `root@${address}`,
        '--',
        ...argv,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ssh to ${address} exited ${code}`)),
    );
  });
}

async function sshPerCommand(): Promise<number> {
  const started = performance.now();
  await Promise.all(
    hosts.map((lh) =>
      pool(
        PARALLEL_PER_HOST,
        Array.from(
          { length: COMMANDS_PER_HOST },
          (_, i) => () => opensshOnce(lh.address, command(i)),
        ),
      ),
    ),
  );
  return performance.now() - started;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  const ssh2Times: number[] = [];
  const sshTimes: number[] = [];
  await pooledSsh2(); // warm-up: page cache, JIT
  for (let round = 1; round <= rounds; round += 1) {
    // Alternate which side goes first, so neither always meets a warmer machine.
    const order = round % 2 ? [pooledSsh2, sshPerCommand] : [sshPerCommand, pooledSsh2];
    for (const side of order) (side === pooledSsh2 ? ssh2Times : sshTimes).push(await side());
    process.stderr.write(
      `round ${round}: ssh2 ${ssh2Times.at(-1)!.toFixed(0)} ms, ssh ${sshTimes.at(-1)!.toFixed(0)} ms\n`,
    );
  }
  const a = median(ssh2Times);
  const b = median(sshTimes);
  console.log(
    `| 60 commands over 3 hosts (${rounds} rounds, ${values.bashrc} ~/.bashrc) | median ms |`,
  );
  console.log('| --- | ---: |');
  console.log(`| pooled ssh2 channels (SshHost, one connection per host) | ${a.toFixed(0)} |`);
  console.log(`| one OpenSSH \`ssh\` process per command (same parallelism) | ${b.toFixed(0)} |`);
  console.log(`| ratio | ${(a / b).toFixed(3)}x |`);
} finally {
  lab.close();
}
