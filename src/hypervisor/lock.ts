import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Host } from '../hosts/host.js';
import type { Reporter } from '../util/reporter.js';
import { HypernixError } from '../util/errors.js';

export class LockError extends HypernixError {
  override name = 'LockError';
}

/** How long a holder may go without a heartbeat before its lock is dropped (it died). */
const STALE_SECONDS = 60;
const HEARTBEAT_MS = 10_000;
const LONGEST_HOLD_MS = 12 * 60 * 60_000;

/**
 * Held by a process on the hypervisor, `flock` on `<pool>/.hypernix.lock`: the kernel frees it
 * when that process ends, however it ends. The process lives while a heartbeat file it watches
 * is fresh, so a runner that dies frees the lock within a minute; release deletes the file.
 * The script is a constant; paths and the holder's description reach it as positional
 * parameters, never inside its text.
 */
const HOLDER_SCRIPT = [
  'printf "%s\\n" "$3" > "$1.tmp" && mv -f "$1.tmp" "$1" || exit 2',
  ': > "$2"',
  'while [ -e "$2" ]; do',
  `  [ $(( $(date +%s) - $(stat -c %Y "$2" 2>/dev/null || echo 0) )) -gt ${STALE_SECONDS} ] && exit 3`,
  '  sleep 1',
  'done',
].join('\n');

export interface HeldLock {
  holder: string;
  /** The heartbeat file: removing it frees the lock within a second, from any process. */
  beat: string;
  release(): Promise<void>;
}

/** Takes the deploy lock of a pool, waiting up to `waitMs` for another deploy to finish. */
export async function acquireLock(
  host: Host,
  pool: string,
  options: { waitMs: number; reporter: Reporter; who?: string },
): Promise<HeldLock> {
  const file = `${pool}/.hypernix.lock`;
  const holderFile = `${file}.holder`;
  const token = randomBytes(8).toString('hex');
  const beat = `${file}.${token}.beat`;
  const who = (options.who ?? `${hostname()} pid ${process.pid}`).replace(/[^\w .:@/-]/g, '?');
  const holder = `${token} ${who} since ${new Date().toISOString()}`;
  await host.exec(['mkdir', '-p', '--', pool]);
  const waitSeconds = Math.max(1, Math.ceil(options.waitMs / 1000));
  let ended: unknown;
  let done = false;
  const held = host
    .exec(
      [
        'flock',
        '-w',
        String(waitSeconds),
        '-E',
        '75',
        file,
        'sh',
        '-c',
        HOLDER_SCRIPT,
        'hypernix-lock',
        holderFile,
        beat,
        holder,
      ],
      { timeoutMs: options.waitMs + LONGEST_HOLD_MS, okCodes: [3] },
    )
    .then(
      () => undefined,
      (error: unknown) => {
        ended = error;
      },
    )
    .finally(() => (done = true));
  let told = false;
  const started = Date.now();
  for (;;) {
    const current = await readHolder(host, holderFile);
    if (current.startsWith(`${token} `)) break;
    if (done) {
      throw new LockError(
        `the deploy lock ${file} on ${host.name} is held by ${describeHolder(current)}; gave up after ${waitSeconds} s`,
        { cause: ended },
      );
    }
    if (!told && current && Date.now() - started > 1000) {
      options.reporter.info(
        `Waiting for the deploy lock on ${host.name}, held by ${describeHolder(current)}`,
      );
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const timer = setInterval(() => {
    host.exec(['touch', '--', beat]).catch(() => undefined);
  }, HEARTBEAT_MS);
  return {
    holder: who,
    beat,
    async release() {
      clearInterval(timer);
      await host.exec(['rm', '-f', '--', beat]).catch(() => undefined);
      await held;
    },
  };
}

async function readHolder(host: Host, holderFile: string): Promise<string> {
  const { stdout } = await host.exec(['head', '-c', '300', '--', holderFile], {
    okCodes: [1],
    maxOutputBytes: 4096,
  });
  return stdout.split('\n')[0] ?? '';
}

/** The holder line without its token, quoted: it was written by another deploy. */
function describeHolder(line: string): string {
  const text = line.replace(/^[0-9a-f]{16} /, '');
  return text ? JSON.stringify(text.slice(0, 200)) : 'another deploy';
}
