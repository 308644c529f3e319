// A STAND-IN of GitHub's Actions cache service (cache service v2), for tests and benchmarks.
//
// GitHub's service cannot run here, so this file plays its part: a node:http server answering the
// three Twirp JSON calls that the real `@actions/cache` library (6.3.x) makes under
// `/twirp/github.actions.results.api.v1.CacheService/` — CreateCacheEntry,
// FinalizeCacheEntryUpload, GetCacheEntryDownloadURL — and handing out signed (SAS) Azure Blob
// URLs on Azurite, the Azure Storage emulator. What is real: the client library and everything
// it does (tar + zstd, its retries, @azure/storage-blob uploads and downloads), the HTTP, and the
// blob storage protocol (Azurite checks the SAS signatures). What is imitated: the service's
// bookkeeping, as far as the library can observe it —
//   - entries match on key AND version (the library hashes the paths and compression into it);
//   - lookup: the primary key exactly, then the keys that start with it, then each restore key
//     the same way (exact, then prefix), the newest entry first, as GitHub's docs describe;
//   - an entry is visible only after FinalizeCacheEntryUpload (which checks that the blob exists
//     and has the announced size);
//   - CreateCacheEntry for a key+version that exists, or is being uploaded, answers
//     409 `already_exists` as GitHub does (the library reports it as "another job may be
//     creating this cache");
//   - the Bearer token is checked (401 `unauthenticated`); with `readOnly`, CreateCacheEntry
//     answers 200 ok=false "cache write denied: …" as GitHub does for read-only tokens.
// Not imitated: scopes/branches, eviction, quotas, reservation expiry.
//
// Blob URLs: on GitHub they are https://<account>.blob.core.windows.net/…, and the library only
// downloads through the Azure SDK for such hosts (any other host goes through a plain
// @actions/http-client GET). With `blobHost: 'azure'` (the default) the URLs name
// devstoreaccount1.blob.core.windows.net over http, and `env` sets HTTP_PROXY to this server,
// which forwards those requests to Azurite (NO_PROXY keeps loopback direct): the library then
// takes the same SDK paths as on a hosted runner. `blobHost: 'loopback'` hands out
// http://127.0.0.1:<port>/devstoreaccount1/… URLs (also relayed by this server) and no proxy.
// Either way blob requests pass this server, so blob faults can be injected too.
//
// Node runs this file directly from bench/, so it uses only erasable TypeScript syntax.
import {
  BlobSASPermissions,
  ContainerClient,
  SASProtocol,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supervise } from './supervised.ts';

/** Azurite's well-known development account (public, documented by Microsoft). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const AZURE_BLOB_HOST = `${ACCOUNT}.blob.core.windows.net`;
const CONTAINER = 'actions-cache';
const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const SAS_LIFETIME_MS = 60 * 60 * 1000;
const MAX_TWIRP_BODY = 1024 * 1024;
const READY_DEADLINE_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const LOG_TAIL = 16 * 1024;
const AZURITE_MAIN = new URL('../../node_modules/azurite/dist/src/blob/main.js', import.meta.url)
  .pathname;

export type TwirpMethod =
  'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL';

/** The next `times` Twirp calls (of `method`, or any) answer `status` as a Twirp error. */
export interface TwirpFault {
  status: number;
  /** Default 1. */
  times?: number;
  method?: TwirpMethod;
  /** Sent as a Retry-After header when set. */
  retryAfterSeconds?: number;
  /** The Twirp error's `msg`; e.g. "insufficient usage" makes the library raise its UsageError. */
  msg?: string;
}

/** The next `times` blob requests (`upload` = PUT, `download` = GET/HEAD, or any) answer `status`. */
export interface BlobFault {
  status: number;
  times?: number;
  op?: 'upload' | 'download';
  retryAfterSeconds?: number;
}

export interface GhaCacheServiceOptions {
  /** The runtime token the service accepts; random by default. */
  token?: string;
  /** The next `calls` Twirp calls answer 429, with Retry-After when `retryAfterSeconds` is set. */
  rateLimit?: { calls: number; retryAfterSeconds?: number };
  twirpFaults?: TwirpFault[];
  blobFaults?: BlobFault[];
  /** CreateCacheEntry refuses with "cache write denied:", as for a read-only token. */
  readOnly?: boolean;
  /** 'azure' (default): *.blob.core.windows.net URLs through HTTP_PROXY; 'loopback': 127.0.0.1. */
  blobHost?: 'azure' | 'loopback';
}

export interface GhaCacheEntry {
  id: number;
  key: string;
  version: string;
  size: number;
}

export interface GhaCacheRequest {
  kind: 'twirp' | 'blob';
  /** The Twirp method, or the HTTP method of a blob request. */
  method: string;
  status: number;
}

export interface GhaCacheService {
  /** What a step needs in its environment for the library to use this service. */
  env: Record<string, string>;
  /** `http://127.0.0.1:PORT/`, ACTIONS_RESULTS_URL. */
  url: string;
  token: string;
  /** Finalized entries, oldest first. */
  entries(): GhaCacheEntry[];
  /** Every Twirp call and blob request seen, in order (faults included). */
  requests(): GhaCacheRequest[];
  rateLimit(calls: number, retryAfterSeconds?: number): void;
  failTwirp(fault: TwirpFault): void;
  failBlob(fault: BlobFault): void;
  /** Milliseconds from spawning Azurite to its listening line. */
  azuriteStartupMs: number;
  stop(): Promise<void>;
}

interface Entry {
  id: number;
  key: string;
  version: string;
  blobName: string;
  size: number;
  finalized: boolean;
}

interface PendingFault {
  status: number;
  remaining: number;
  retryAfterSeconds: number | undefined;
  method: string | undefined;
  msg: string | undefined;
}

export async function startGhaCacheService(
  options: GhaCacheServiceOptions = {},
): Promise<GhaCacheService> {
  const root = mkdtempSync(join(tmpdir(), 'hypernix-gha-cache-'));
  const azuriteDir = join(root, 'azurite');
  const runnerTemp = join(root, 'runner-temp');
  mkdirSync(azuriteDir);
  mkdirSync(runnerTemp);
  // A test runner that dies must leave no temporary files behind either.
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  process.once('exit', removeRoot);
  const cleanUp = () => {
    process.off('exit', removeRoot);
    removeRoot();
  };
  let azurite: Azurite | undefined;
  try {
    azurite = await launchAzurite(azuriteDir, join(root, 'azurite.log'));
    return await serve(runnerTemp, azurite, options, cleanUp);
  } catch (error) {
    await azurite?.stop();
    cleanUp();
    throw error;
  }
}

async function serve(
  runnerTemp: string,
  azurite: Azurite,
  options: GhaCacheServiceOptions,
  cleanUp: () => void,
): Promise<GhaCacheService> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const blobHost = options.blobHost ?? 'azure';
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY);
  const container = direct(
    () =>
      new ContainerClient(`http://127.0.0.1:${azurite.port}/${ACCOUNT}/${CONTAINER}`, credential),
  );
  await container.createIfNotExists();

  const entries: Entry[] = [];
  const log: GhaCacheRequest[] = [];
  const twirpFaults: PendingFault[] = [];
  const blobFaults: PendingFault[] = [];
  let nextId = 1;
  const upstream = new Agent({ keepAlive: true });

  const addTwirpFault = (fault: TwirpFault) =>
    twirpFaults.push({
      status: fault.status,
      remaining: fault.times ?? 1,
      retryAfterSeconds: fault.retryAfterSeconds,
      method: fault.method,
      msg: fault.msg,
    });
  const addBlobFault = (fault: BlobFault) =>
    blobFaults.push({
      status: fault.status,
      remaining: fault.times ?? 1,
      retryAfterSeconds: fault.retryAfterSeconds,
      method: fault.op,
      msg: undefined,
    });
  const rateLimit = (calls: number, retryAfterSeconds?: number) =>
    addTwirpFault({ status: 429, times: calls, retryAfterSeconds, msg: 'rate limit exceeded' });
  if (options.rateLimit) rateLimit(options.rateLimit.calls, options.rateLimit.retryAfterSeconds);
  for (const fault of options.twirpFaults ?? []) addTwirpFault(fault);
  for (const fault of options.blobFaults ?? []) addBlobFault(fault);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) twirpError(res, 500, 'internal', String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  function blobUrl(blobName: string, permissions: string): string {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + SAS_LIFETIME_MS),
        protocol: SASProtocol.HttpsAndHttp,
      },
      credential,
    ).toString();
    const base =
      blobHost === 'azure'
        ? `http://${AZURE_BLOB_HOST}/${CONTAINER}`
        : `http://127.0.0.1:${port}/${ACCOUNT}/${CONTAINER}`;
    return `${base}/${blobName}?${sas}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    // A proxy request names the whole URL; relay the blob host to Azurite, others as they are.
    if (/^http:\/\//i.test(target)) {
      const requested = new URL(target);
      if (requested.hostname.toLowerCase() === AZURE_BLOB_HOST) {
        relayBlob(req, res, `/${ACCOUNT}${requested.pathname}${requested.search}`);
      } else {
        relay(req, res, requested);
      }
      return;
    }
    if (target.startsWith(`/${ACCOUNT}/`)) {
      relayBlob(req, res, target);
      return;
    }
    if (target.startsWith(TWIRP_PREFIX)) {
      await twirp(req, res, target.slice(TWIRP_PREFIX.length).split('?')[0] ?? '');
      return;
    }
    res.writeHead(404).end();
  }

  async function twirp(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const body = await readBody(req);
    const answer = (status: number) => log.push({ kind: 'twirp', method, status });
    const fault = takeFault(twirpFaults, method);
    if (fault) {
      answer(fault.status);
      twirpError(
        res,
        fault.status,
        twirpCode(fault.status),
        fault.msg ?? `injected fault (${fault.status})`,
        fault.retryAfterSeconds,
      );
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      answer(401);
      twirpError(res, 401, 'unauthenticated', 'invalid or missing runtime token');
      return;
    }
    if (req.method !== 'POST') {
      answer(404);
      twirpError(res, 404, 'bad_route', `unsupported method ${req.method}`);
      return;
    }
    let request: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      request = parsed as Record<string, unknown>;
    } catch (error) {
      answer(400);
      twirpError(res, 400, 'malformed', `the body is not a JSON object: ${String(error)}`);
      return;
    }
    const key = stringField(request, 'key');
    const version = stringField(request, 'version');
    if (!key || !version) {
      answer(400);
      twirpError(res, 400, 'invalid_argument', 'key and version are required');
      return;
    }
    switch (method) {
      case 'CreateCacheEntry': {
        if (options.readOnly) {
          answer(200);
          json(res, 200, {
            ok: false,
            message: 'cache write denied: token has no writable scopes',
          });
          return;
        }
        if (entries.some((entry) => entry.key === key && entry.version === version)) {
          answer(409);
          twirpError(
            res,
            409,
            'already_exists',
            'cache entry with the same key, version, and scope already exists',
          );
          return;
        }
        const entry: Entry = {
          id: nextId++,
          key,
          version,
          blobName: randomUUID(),
          size: 0,
          finalized: false,
        };
        entries.push(entry);
        answer(200);
        json(res, 200, { ok: true, signed_upload_url: blobUrl(entry.blobName, 'cw') });
        return;
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = entries.find(
          (candidate) =>
            candidate.key === key && candidate.version === version && !candidate.finalized,
        );
        if (!entry) {
          answer(404);
          twirpError(res, 404, 'not_found', 'no cache entry is being created with this key');
          return;
        }
        const announced = Number(request.size_bytes ?? request.sizeBytes);
        let stored: number | undefined;
        try {
          const blob = direct(() => container.getBlockBlobClient(entry.blobName));
          const properties = await blob.getProperties();
          stored = properties.contentLength;
        } catch {
          stored = undefined;
        }
        if (stored === undefined || stored !== announced) {
          answer(200);
          json(res, 200, {
            ok: false,
            message: `the uploaded blob has ${stored ?? 'no'} bytes, ${announced} were announced`,
          });
          return;
        }
        entry.size = stored;
        entry.finalized = true;
        answer(200);
        json(res, 200, { ok: true, entry_id: String(entry.id) });
        return;
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = request.restore_keys ?? request.restoreKeys ?? [];
        const keys = [key, ...(Array.isArray(restoreKeys) ? restoreKeys.map(String) : [])];
        const match = lookup(
          entries.filter((entry) => entry.finalized && entry.version === version),
          keys,
        );
        answer(200);
        if (!match) {
          json(res, 200, { ok: false });
          return;
        }
        json(res, 200, {
          ok: true,
          signed_download_url: blobUrl(match.blobName, 'r'),
          matched_key: match.key,
        });
        return;
      }
      default:
        answer(404);
        twirpError(res, 404, 'bad_route', `no such method: ${method}`);
    }
  }

  function relayBlob(req: IncomingMessage, res: ServerResponse, path: string): void {
    const op = req.method === 'PUT' ? 'upload' : 'download';
    const method = req.method ?? 'GET';
    const fault = takeFault(blobFaults, op);
    if (fault) {
      log.push({ kind: 'blob', method, status: fault.status });
      req.resume();
      const code =
        fault.status === 503
          ? 'ServerBusy'
          : fault.status >= 500
            ? 'InternalError'
            : 'TooManyRequests';
      const headers: Record<string, string> = {
        'content-type': 'application/xml',
        'x-ms-error-code': code,
      };
      if (fault.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(fault.retryAfterSeconds);
      }
      res.writeHead(fault.status, headers);
      res.end(
        method === 'HEAD'
          ? undefined
          : `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>injected fault (${fault.status})</Message></Error>`,
      );
      return;
    }
    forward(req, res, { host: '127.0.0.1', port: azurite.port, path }, (status) =>
      log.push({ kind: 'blob', method, status }),
    );
  }

  function relay(req: IncomingMessage, res: ServerResponse, requested: URL): void {
    forward(req, res, {
      host: requested.hostname,
      port: Number(requested.port || 80),
      path: `${requested.pathname}${requested.search}`,
    });
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    to: { host: string; port: number; path: string },
    onStatus?: (status: number) => void,
  ): void {
    const headers: IncomingHttpHeaders = { ...req.headers, host: `${to.host}:${to.port}` };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const outgoing = httpRequest(
      { host: to.host, port: to.port, path: to.path, method: req.method, headers, agent: upstream },
      (incoming) => {
        onStatus?.(incoming.statusCode ?? 502);
        res.writeHead(incoming.statusCode ?? 502, incoming.headers);
        incoming.pipe(res);
      },
    );
    outgoing.on('error', (error) => {
      onStatus?.(502);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`relay to ${to.host}:${to.port} failed: ${error.message}`);
    });
    req.pipe(outgoing);
  }

  const env: Record<string, string> = {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: url,
    ACTIONS_RUNTIME_TOKEN: token,
    // Anything but github.com, *.ghe.com or *.localhost counts as GHES and forces service v1.
    GITHUB_SERVER_URL: 'https://github.com',
    // Where the library writes its archives (its default, /home/actions/temp, is not writable).
    RUNNER_TEMP: runnerTemp,
  };
  if (blobHost === 'azure') {
    const proxy = `http://127.0.0.1:${port}`;
    const noProxy = '127.0.0.1,localhost,::1';
    Object.assign(env, {
      HTTP_PROXY: proxy,
      http_proxy: proxy,
      NO_PROXY: noProxy,
      no_proxy: noProxy,
    });
  }

  let stopped = false;
  return {
    env,
    url,
    token,
    azuriteStartupMs: azurite.startupMs,
    entries: () =>
      entries
        .filter((entry) => entry.finalized)
        .map(({ id, key, version, size }) => ({ id, key, version, size })),
    requests: () => log.slice(),
    rateLimit,
    failTwirp: addTwirpFault,
    failBlob: addBlobFault,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      upstream.destroy();
      await azurite.stop();
      cleanUp();
    },
  };
}

const PROXY_VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
];

/**
 * Makes an Azure SDK client that talks to Azurite directly. The SDK takes its proxy from the
 * environment each time it makes a client, and a test may have put this service's HTTP_PROXY
 * there (its NO_PROXY is read only once per process, so it cannot be relied on).
 */
function direct<T>(make: () => T): T {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARIABLES) delete process.env[name];
  try {
    return make();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * GitHub's documented order: the primary key exactly, then as a prefix, then each restore key
 * the same way; among prefix matches the newest entry wins.
 */
function lookup(candidates: Entry[], keys: string[]): Entry | undefined {
  for (const key of keys) {
    const exact = candidates.find((entry) => entry.key === key);
    if (exact) return exact;
    const newest = candidates
      .filter((entry) => entry.key.startsWith(key))
      .sort((a, b) => b.id - a.id)[0];
    if (newest) return newest;
  }
  return undefined;
}

function takeFault(faults: PendingFault[], method: string): PendingFault | undefined {
  const fault = faults.find(
    (candidate) =>
      candidate.remaining > 0 && (candidate.method === undefined || candidate.method === method),
  );
  if (fault) fault.remaining -= 1;
  return fault;
}

/** Twirp's error codes for the statuses the faults use. */
function twirpCode(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_argument';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 409:
      return 'already_exists';
    case 429:
      return 'resource_exhausted';
    case 503:
      return 'unavailable';
    case 504:
      return 'deadline_exceeded';
    default:
      return status >= 500 ? 'internal' : 'unknown';
  }
}

function twirpError(
  res: ServerResponse,
  status: number,
  code: string,
  msg: string,
  retryAfterSeconds?: number,
): void {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  json(res, status, { code, msg }, headers);
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function stringField(request: Record<string, unknown>, name: string): string | undefined {
  const value = request[name];
  return typeof value === 'string' ? value : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_TWIRP_BODY) throw new Error(`request body over ${MAX_TWIRP_BODY} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

interface Azurite {
  port: number;
  startupMs: number;
  stop(): Promise<void>;
}

/** Azurite's blob service alone, on a free loopback port, storing under `location`. */
async function launchAzurite(location: string, logFile: string): Promise<Azurite> {
  const started = Date.now();
  // Output goes to a file, not a pipe, so a test that blocks its event loop cannot stall it.
  const logFd = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      AZURITE_MAIN,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--location',
      location,
      '--silent',
      '--loose',
      '--skipApiVersionCheck',
      '--disableTelemetry',
    ],
    { cwd: location, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const azurite = supervise(child, STOP_GRACE_MS);
  const stop = () => azurite.stop();
  const tail = () => {
    const text = readFileSync(logFile, 'utf8');
    return text.length > LOG_TAIL ? `…${text.slice(-LOG_TAIL)}` : text;
  };

  const deadline = started + READY_DEADLINE_MS;
  for (;;) {
    const listening = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(tail());
    if (listening?.[1]) {
      return { port: Number(listening[1]), startupMs: Date.now() - started, stop };
    }
    if (!azurite.running()) {
      await stop();
      throw new Error(`Azurite exited before it was ready (${await azurite.exited}):\n${tail()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Azurite was not listening within ${READY_DEADLINE_MS} ms:\n${tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
