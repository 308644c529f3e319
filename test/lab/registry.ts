// Starts Docker's distribution registry (Debian `docker-registry`) on loopback for tests and
// benchmarks, as CONTRIBUTING.md describes. Node runs this file directly from bench/, so it uses only
// erasable TypeScript syntax.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supervise } from './supervised.ts';

const REGISTRY_BIN = '/usr/bin/docker-registry';
const READY_DEADLINE_MS = 10_000;
const STOP_GRACE_MS = 2_000;
// Enough of its log to show why the registry failed.
const LOG_TAIL = 16 * 1024;

export interface LabRegistryOptions {
  auth?: { username: string; password: string };
  port?: number;
  /** Serve HTTPS with a certificate for 127.0.0.1 made for this registry (see caFile). */
  tls?: boolean;
  /** Serve on `address`:5000 inside this network namespace (test/lab/shaped-link.ts). */
  netns?: { name: string; address: string };
}

export interface LabRegistry {
  /** `127.0.0.1:PORT`, as image references spell it. */
  host: string;
  /** `http://127.0.0.1:PORT` (https: with tls). */
  url: string;
  /** With tls: the PEM file of the registry's self-signed certificate, to trust it. */
  caFile?: string;
  /** The filesystem storage root; removed by stop(). */
  dataDir: string;
  stop(): Promise<void>;
}

export async function startRegistry(options: LabRegistryOptions = {}): Promise<LabRegistry> {
  for (let attempt = 1; ; attempt += 1) {
    const root = mkdtempSync(join(tmpdir(), 'hypernix-registry-'));
    try {
      return await launch(root, options);
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      // Another process can take the probed free port before the registry binds it.
      const portTaken = /address already in use|EADDRINUSE/.test(String(error));
      if (!portTaken || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function launch(root: string, options: LabRegistryOptions): Promise<LabRegistry> {
  const dataDir = join(root, 'data');
  // Binding first also catches a taken fixed port, which another server would answer for.
  // A namespace made for the registry has nothing bound in it yet.
  const port = options.netns ? 5000 : await bindablePort(options.port ?? 0);
  const host = `${options.netns?.address ?? '127.0.0.1'}:${port}`;
  const url = `${options.tls ? 'https' : 'http'}://${host}`;

  const config = [
    'version: 0.1',
    'log: {level: error, accesslog: {disabled: true}}',
    'storage:',
    '  cache: {blobdescriptor: inmemory}',
    `  filesystem: {rootdirectory: ${dataDir}}`,
    '  delete: {enabled: true}',
    'http:',
    `  addr: ${host}`,
  ];
  let ca: string | undefined;
  if (options.tls) {
    const { certificate, key } = makeCertificate(root);
    config.push(`  tls: {certificate: ${certificate}, key: ${key}}`);
    ca = readFileSync(certificate, 'utf8');
  }
  if (options.auth) {
    const htpasswdFile = join(root, 'htpasswd');
    writeHtpasswd(htpasswdFile, options.auth.username, options.auth.password);
    config.push(`auth: {htpasswd: {realm: lab, path: ${htpasswdFile}}}`);
  }
  const configFile = join(root, 'config.yml');
  writeFileSync(configFile, `${config.join('\n')}\n`);

  // stderr goes to a file, not a pipe: a test that blocks its event loop (spawnSync of skopeo,
  // say) could not drain a pipe, and the registry logs every 404 there, so it would hang.
  const logFile = join(root, 'registry.log');
  const logFd = openSync(logFile, 'a');
  // `ip netns exec` execs the registry itself: the child's pid is the registry's.
  const [command, args]: [string, string[]] = options.netns
    ? ['ip', ['netns', 'exec', options.netns.name, REGISTRY_BIN, 'serve', configFile]]
    : [REGISTRY_BIN, ['serve', configFile]];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', logFd] });
  closeSync(logFd);
  const log = () => tail(logFile);
  const service = supervise(child, STOP_GRACE_MS);
  const stop = async () => {
    await service.stop();
    rmSync(root, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_DEADLINE_MS;
  for (;;) {
    if (!service.running()) {
      const how = await service.exited;
      const text = log();
      await stop();
      throw new Error(`docker-registry on ${host} exited before it was ready (${how}):\n${text}`);
    }
    if (options.netns ? answersIn(options.netns.name, url) : await answers(url, ca)) break;
    if (Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(
        `docker-registry on ${host} did not answer GET /v2/ within ${READY_DEADLINE_MS} ms:\n${text}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { host, url, dataDir, stop, ...(ca ? { caFile: join(root, 'cert.pem') } : {}) };
}

/** 200 without auth, 401 with it: either way the registry is serving. */
async function answers(url: string, ca: string | undefined): Promise<boolean> {
  if (ca) return answersOverTls(url, ca);
  try {
    const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

/** The same from inside a namespace, where this process cannot reach. */
function answersIn(namespace: string, url: string): boolean {
  const curl = ['curl', '-s', '-o', '/dev/null', '-m', '1', '-w', '%{http_code}', `${url}/v2/`];
  const result = spawnSync('ip', ['netns', 'exec', namespace, ...curl], { encoding: 'utf8' });
  return result.stdout === '200' || result.stdout === '401';
}

function answersOverTls(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = httpsGet(`${url}/v2/`, { ca, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 || response.statusCode === 401);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/**
 * A name for a lab registry that is not loopback, so that a client sends it through a proxy
 * (test/helpers/connect-proxy.ts resolves it). `.test` names never resolve in DNS (RFC 6761).
 */
export const LAB_REGISTRY_NAME = 'registry.hypernix.test';

/** A throwaway self-signed certificate for 127.0.0.1, localhost and LAB_REGISTRY_NAME, for a day. */
function makeCertificate(root: string): { certificate: string; key: string } {
  const certificate = join(root, 'cert.pem');
  const key = join(root, 'key.pem');
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certificate,
      '-days',
      '1',
      '-subj',
      '/CN=hypernix lab registry',
      '-addext',
      `subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:${LAB_REGISTRY_NAME}`,
    ],
    { encoding: 'utf8' },
  );
  if (result.error) throw new Error(`openssl could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`openssl failed (${result.status}): ${result.stderr}`);
  return { certificate, key };
}

/** The port after binding it once: a free one for 0, else the port itself if nothing holds it. */
function bindablePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** bcrypt (the registry accepts nothing else); the password goes through stdin, never argv. */
function writeHtpasswd(file: string, username: string, password: string): void {
  const result = spawnSync('htpasswd', ['-B', '-i', '-c', file, username], {
    input: password,
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`htpasswd could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`htpasswd failed (${result.status}): ${result.stderr}`);
}

function tail(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.length > LOG_TAIL ? `…${text.slice(-LOG_TAIL)}` : text;
}
