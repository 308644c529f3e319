// A link of a given rate between two network namespaces made here: the client's and the
// registry's, joined by a veth pair whose both ends are shaped with `tc ... tbf`. Addresses exist
// only inside these namespaces (10.99.N.0/30), so no traffic can leave them. remove() deletes both
// namespaces (the veth pair goes with them); a process exit removes them too.
// Node runs this file directly from bench/, so it uses only erasable TypeScript syntax.
import { spawnSync } from 'node:child_process';

export interface ShapedLink {
  /** The namespace pushers run in (`ip netns exec <client> …`). */
  client: string;
  /** The namespace the registry runs in. */
  server: string;
  /** The registry's side's address. */
  serverAddress: string;
  /** Mbit/s both ways; 0 when not shaped. */
  rateMbit: number;
  /** Reshapes both ends (0: no shaping). */
  shape(rateMbit: number): void;
  /** `command args` as run in the client's namespace. */
  inClient(command: string, args: string[]): [string, string[]];
  /** The same in the registry's namespace. */
  inServer(command: string, args: string[]): [string, string[]];
  remove(): void;
}

const made = new Set<string>();
let exitHooked = false;

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.error) throw new Error(`ip could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr.trim()}`);
}

function tc(namespace: string, args: string[]): void {
  const result = spawnSync('ip', ['netns', 'exec', namespace, 'tc', ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`tc ${args.join(' ')}: ${result.stderr.trim()}`);
}

function removeNamespace(name: string): void {
  spawnSync('ip', ['netns', 'del', name]);
  made.delete(name);
}

/** tbf's bucket must hold at least one timer tick of the rate, and a 64 KiB GSO segment. */
function burstBytes(rateMbit: number): number {
  return Math.max(256 * 1024, Math.ceil((rateMbit * 1e6) / 8 / 100));
}

function shapeEnd(namespace: string, device: string, rateMbit: number): void {
  if (rateMbit <= 0) {
    spawnSync('ip', ['netns', 'exec', namespace, 'tc', 'qdisc', 'del', 'dev', device, 'root']);
    return;
  }
  const burst = String(burstBytes(rateMbit));
  const rate = `${rateMbit}mbit`;
  tc(namespace, [
    'qdisc',
    'replace',
    'dev',
    device,
    'root',
    'tbf',
    'rate',
    rate,
    'burst',
    burst,
    'latency',
    '50ms',
  ]);
}

/**
 * Makes the namespace pair. `id` picks the subnet 10.99.<id>.0/30 (default: from the pid), so
 * two benches or tests on one machine do not collide.
 */
export function createShapedLink(rateMbit: number, id = process.pid % 250): ShapedLink {
  if (process.getuid?.() !== 0) throw new Error('a shaped link needs root (ip netns, tc)');
  const tag = `${process.pid}-${id}`;
  const client = `hxc-${tag}`;
  const server = `hxr-${tag}`;
  const clientAddress = `10.99.${id}.1`;
  const serverAddress = `10.99.${id}.2`;
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => [...made].forEach(removeNamespace));
  }
  for (const name of [client, server]) {
    removeNamespace(name); // a leftover of a crashed run with the same pid
    ip('netns', 'add', name);
    made.add(name);
  }
  try {
    ip(
      '-n',
      client,
      'link',
      'add',
      'eth0',
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      server,
    );
    ip('-n', client, 'addr', 'add', `${clientAddress}/30`, 'dev', 'eth0');
    ip('-n', server, 'addr', 'add', `${serverAddress}/30`, 'dev', 'eth0');
    for (const name of [client, server]) {
      ip('-n', name, 'link', 'set', 'eth0', 'up');
      ip('-n', name, 'link', 'set', 'lo', 'up');
    }
  } catch (error) {
    removeNamespace(client);
    removeNamespace(server);
    throw error;
  }
  const link: ShapedLink = {
    client,
    server,
    serverAddress,
    rateMbit: 0,
    shape(rate: number) {
      for (const name of [client, server]) shapeEnd(name, 'eth0', rate);
      link.rateMbit = rate;
    },
    inClient: (command, args) => ['ip', ['netns', 'exec', client, command, ...args]],
    inServer: (command, args) => ['ip', ['netns', 'exec', server, command, ...args]],
    remove() {
      removeNamespace(client);
      removeNamespace(server);
    },
  };
  try {
    link.shape(rateMbit);
  } catch (error) {
    link.remove();
    throw error;
  }
  return link;
}
