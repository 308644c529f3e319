import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectOneCleanError, hypernixBounded } from '../helpers/bounded.js';
import { startHostileRegistry, type HostileRegistry, type Responder } from '../hostile/registry.js';
import { tempDir } from '../helpers/temp.js';

// Credentials go over HTTPS or to loopback only, for every URL: the registry's token realm too.
// A realm beyond loopback needs an address that is not this machine's: a network namespace made
// here (veth pair, 10.173.N.0/30), with a recorder of every request it gets running inside it.
// The registry is a stand-in on loopback whose 401 names that realm.

const N = 1 + (process.pid % 250);
const NS = `h15realm${N}`;
const HOST_END = `vh15r${N}`;
const REALM_IP = `10.173.${N}.2`;
const REALM = `http://${REALM_IP}:8080/token`;
const USER = 'actor';
const PASSWORD = 'hunter2-realm-secret';

// Runs inside the namespace: records each request as a JSON line, answers a token.
const RECORDER = `
const http = require('node:http'); const fs = require('node:fs');
const [log, ready] = process.argv.slice(1);
http.createServer((q, s) => {
  fs.appendFileSync(log, JSON.stringify({ url: q.url, authorization: q.headers.authorization ?? null }) + '\\n');
  s.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"anonymous-token"}');
}).listen(8080, '${REALM_IP}', () => fs.writeFileSync(ready, 'ok'));`;

let recorder: ChildProcess;
let work: string;
let hostile: HostileRegistry | undefined;
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

beforeAll(async () => {
  work = tempDir('hostile-realm-');
  ip('netns', 'add', NS);
  ip('link', 'add', HOST_END, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NS);
  ip('addr', 'add', `10.173.${N}.1/30`, 'dev', HOST_END);
  ip('link', 'set', HOST_END, 'up');
  ip('-n', NS, 'addr', 'add', `${REALM_IP}/30`, 'dev', 'eth0');
  ip('-n', NS, 'link', 'set', 'eth0', 'up');
  ip('-n', NS, 'link', 'set', 'lo', 'up');
  recorder = spawn(
    'ip',
    [
      'netns',
      'exec',
      NS,
      process.execPath,
      '-e',
      RECORDER,
      join(work, 'realm.log'),
      join(work, 'ready'),
    ],
    { stdio: 'inherit' },
  );
  for (let waited = 0; !existsSync(join(work, 'ready')); waited += 50) {
    if (waited > 10_000) throw new Error('the realm recorder did not start');
    await sleep(50);
  }
});
afterAll(() => {
  recorder?.kill('SIGKILL');
  execFileSync('ip', ['netns', 'del', NS], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
});
afterEach(async () => {
  await hostile?.close();
  hostile = undefined;
});

/** Requests the realm recorder got so far. */
const realmLog = (): { url: string; authorization: string | null }[] => {
  const path = join(work, 'realm.log');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { url: string; authorization: string | null });
};

const challenge =
  (realm: string): Responder =>
  (request, response) => {
    request.resume();
    response
      .writeHead(401, {
        'www-authenticate': `Bearer realm="${realm}",service="stand-in"`,
        'content-type': 'application/json',
      })
      .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  };

async function pullWith(realm: string, credentials: boolean, extra: string[] = []) {
  hostile = await startHostileRegistry([{ path: /^\/v2\//, respond: challenge(realm) }]);
  const target = join(work, `disk-${Date.now()}.qcow2`);
  const args = ['artifact', 'pull', `${hostile.host}/vm/disk:1`, target, '--plain-http', ...extra];
  const run = await hypernixBounded(
    credentials ? [...args, '--username', USER, '--password-stdin'] : args,
    { timeoutMs: 30_000, maxRssMiB: 300, input: credentials ? PASSWORD : '' },
  );
  expect(existsSync(target)).toBe(false);
  return run;
}

describe('token realms and credentials', () => {
  it('reaches the namespace realm without credentials (the control: the path works)', async () => {
    const before = realmLog().length;
    await pullWith(REALM, false);
    const got = realmLog().slice(before);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((entry) => entry.authorization === null)).toBe(true);
  });

  it('refuses to send credentials to a plain-HTTP realm beyond loopback, naming it', async () => {
    const before = realmLog().length;
    const run = await pullWith(REALM, true);
    const line = expectOneCleanError(run);
    expect(line).toContain(REALM);
    expect(line).toMatch(/over plain HTTP; refusing to send the credentials/);
    expect(realmLog().slice(before)).toEqual([]);
    expect(run.stderr + run.stdout).not.toContain(PASSWORD);
  });

  it('says in verbose output that a loopback realm is on another origin, and sends it the credentials', async () => {
    const realm = await startHostileRegistry([
      {
        path: /^\/token/,
        respond: (request, response) => {
          request.resume();
          response.writeHead(403).end();
        },
      },
    ]);
    try {
      const run = await pullWith(`${realm.url}/token`, true, ['--verbose']);
      expectOneCleanError(run);
      expect(run.stderr).toContain(`token realm on another origin: ${realm.url}/token`);
      expect(run.stderr).not.toContain(PASSWORD);
      const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      expect(realm.log.map((entry) => entry.authorization)).toContain(basic);
    } finally {
      await realm.close();
    }
  });
});
