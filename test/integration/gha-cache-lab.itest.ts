import { restoreCache, saveCache } from '@actions/cache';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGhaCacheService, type GhaCacheService } from '../lab/gha-cache.js';
import { tempDir } from '../helpers/temp.js';

// Proves the stand-in of GitHub's cache service (test/lab/gha-cache.ts) with the real
// @actions/cache library: its tar + zstd, its Twirp client, @azure/storage-blob against Azurite.
// The library reports through @actions/core on stdout, so each test reads what it printed.

const ENV_NAMES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
];

let scratch: string;
let savedEnv: Record<string, string | undefined>;
let output: string[];

beforeAll(() => {
  scratch = tempDir('hypernix-gha-cache-test-');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function useService(service: GhaCacheService): void {
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, service.env);
}

/** A workspace holding `data/` with the given files. */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(scratch, 'ws-'));
  mkdirSync(join(dir, 'data'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, 'data', name), content);
  return dir;
}

function save(ws: string, key: string, paths = [join(ws, 'data')]): Promise<number> {
  process.env.GITHUB_WORKSPACE = ws;
  return saveCache(paths, key);
}

/** Restores into `into`; `paths` must be the strings the save used, they are in the version. */
function restore(
  into: string,
  paths: string[],
  key: string,
  restoreKeys?: string[],
): Promise<string | undefined> {
  process.env.GITHUB_WORKSPACE = into;
  return restoreCache(paths, key, restoreKeys);
}

function printed(): string {
  return output.join('');
}

function warnings(): string[] {
  return printed()
    .split('\n')
    .filter((line) => line.startsWith('::warning::'));
}

describe('GitHub cache stand-in, blob URLs on *.blob.core.windows.net (as on hosted runners)', () => {
  let service: GhaCacheService;
  beforeAll(async () => {
    service = await startGhaCacheService();
  });
  afterAll(async () => {
    await service?.stop();
  });
  beforeEach(() => useService(service));

  it('saves a directory and restores it by its exact key into an empty workspace', async () => {
    const source = workspace({ 'a.txt': 'alpha', 'b.bin': 'b'.repeat(10_000) });
    const paths = [join(source, 'data')];
    const before = service.requests().length;

    const id = await save(source, 'exact-key');
    expect(id).toBeGreaterThan(0);
    const entry = service.entries().find((candidate) => candidate.key === 'exact-key');
    expect(entry).toMatchObject({ id, key: 'exact-key' });
    expect(entry?.version).toMatch(/^[0-9a-f]{64}$/);
    expect(entry?.size).toBeGreaterThan(0);

    const target = mkdtempSync(join(scratch, 'empty-'));
    expect(await restore(target, paths, 'exact-key')).toBe('exact-key');
    expect(readFileSync(join(target, 'data', 'a.txt'), 'utf8')).toBe('alpha');
    expect(readFileSync(join(target, 'data', 'b.bin'), 'utf8')).toBe('b'.repeat(10_000));
    expect(printed()).toContain('Cache hit for: exact-key');

    // The library took the Azure SDK paths: one Put Blob, then Get Properties and a ranged Get.
    const seen = service
      .requests()
      .slice(before)
      .map((request) => `${request.method} ${request.status}`);
    expect(seen).toEqual([
      'CreateCacheEntry 200',
      'PUT 201',
      'FinalizeCacheEntryUpload 200',
      'GetCacheEntryDownloadURL 200',
      'HEAD 200',
      'GET 206',
    ]);
  });

  it('restores the newest entry matching a restore-key prefix, and only finalized entries of the same version', async () => {
    const older = workspace({ 'which.txt': 'older' });
    const paths = [join(older, 'data')];
    expect(await save(older, 'prefix-linux-1', paths)).toBeGreaterThan(0);
    // Newer, but from other paths: another version, never a match for `paths`.
    const other = workspace({ 'which.txt': 'other version' });
    expect(await save(other, 'prefix-linux-2')).toBeGreaterThan(0);
    writeFileSync(join(older, 'data', 'which.txt'), 'newest');
    expect(await save(older, 'prefix-linux-3', paths)).toBeGreaterThan(0);

    // Uploaded but never finalized: invisible to lookups.
    writeFileSync(join(older, 'data', 'which.txt'), 'unfinalized');
    service.failTwirp({ status: 429, method: 'FinalizeCacheEntryUpload' });
    expect(await save(older, 'prefix-linux-4', paths)).toBe(-1);
    expect(service.entries().map((entry) => entry.key)).not.toContain('prefix-linux-4');

    const target = mkdtempSync(join(scratch, 'empty-'));
    expect(await restore(target, paths, 'prefix-linux-missing', ['prefix-linux-'])).toBe(
      'prefix-linux-3',
    );
    expect(readFileSync(join(target, 'data', 'which.txt'), 'utf8')).toBe('newest');
    expect(printed()).toContain('Cache hit for restore-key: prefix-linux-3');

    // The exact key comes before the restore keys; other paths mean another version: a miss.
    const exact = mkdtempSync(join(scratch, 'empty-'));
    expect(await restore(exact, paths, 'prefix-linux-1', ['prefix-linux-'])).toBe('prefix-linux-1');
    expect(readFileSync(join(exact, 'data', 'which.txt'), 'utf8')).toBe('older');
    expect(await restore(exact, [join(exact, 'elsewhere')], 'prefix-linux-1')).toBeUndefined();
  });

  it('refuses a second save of the same key and version without saveCache throwing', async () => {
    const ws = workspace({ 'a.txt': 'first' });
    const first = await save(ws, 'dup-key');
    expect(first).toBeGreaterThan(0);
    writeFileSync(join(ws, 'data', 'a.txt'), 'second');
    output.length = 0;

    expect(await save(ws, 'dup-key')).toBe(-1);
    expect(service.requests().at(-1)).toEqual({
      kind: 'twirp',
      method: 'CreateCacheEntry',
      status: 409,
    });
    // GitHub's 409 already_exists, reported as info (not a warning) by the library.
    expect(printed()).toContain(
      '(409) Conflict: cache entry with the same key, version, and scope already exists',
    );
    expect(printed()).toContain(
      'Failed to save: Unable to reserve cache with key dup-key, another job may be creating this cache.',
    );
    expect(warnings()).toEqual([]);
    expect(service.entries().filter((entry) => entry.key === 'dup-key')).toHaveLength(1);
  });

  it('answers 429 with Retry-After; the library warns, does not retry, and carries on', async () => {
    const ws = workspace({ 'a.txt': 'rate' });
    const paths = [join(ws, 'data')];
    expect(await save(ws, 'rate-key')).toBeGreaterThan(0);
    const before = service.requests().length;

    service.rateLimit(1, 42);
    expect(await restore(mkdtempSync(join(scratch, 'empty-')), paths, 'rate-key')).toBeUndefined();
    expect(service.requests().slice(before)).toEqual([
      { kind: 'twirp', method: 'GetCacheEntryDownloadURL', status: 429 },
    ]);
    expect(warnings()).toEqual([
      "::warning::You've hit a rate limit, your rate limit will reset in 42 seconds",
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Rate limited: Failed request: (429) Too Many Requests: rate limit exceeded',
    ]);

    // On CreateCacheEntry the 429 ends as the "another job" ReserveCacheError, at info level.
    output.length = 0;
    service.rateLimit(1, 42);
    expect(await save(ws, 'rate-key-2')).toBe(-1);
    expect(warnings()).toEqual([
      "::warning::You've hit a rate limit, your rate limit will reset in 42 seconds",
    ]);
    expect(printed()).toContain(
      'Failed to save: Unable to reserve cache with key rate-key-2, another job may be creating this cache.',
    );

    // The limit is spent: the next calls go through.
    expect(await restore(mkdtempSync(join(scratch, 'empty-')), paths, 'rate-key')).toBe('rate-key');
  });

  it('answers 500 once; the library retries the Twirp call after its 3 s back-off', async () => {
    const ws = workspace({ 'a.txt': 'retry' });
    const paths = [join(ws, 'data')];
    expect(await save(ws, 'retry-key')).toBeGreaterThan(0);
    const before = service.requests().length;

    service.failTwirp({ status: 500, method: 'GetCacheEntryDownloadURL', retryAfterSeconds: 60 });
    const started = Date.now();
    expect(await restore(mkdtempSync(join(scratch, 'empty-')), paths, 'retry-key')).toBe(
      'retry-key',
    );
    // Retry-After is ignored on 5xx: the fixed first delay is 3000 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(
      service
        .requests()
        .slice(before)
        .filter((request) => request.kind === 'twirp')
        .map((request) => request.status),
    ).toEqual([500, 200]);
    expect(printed()).toContain('Attempt 1 of 5 failed with error: Failed request: (500)');
  });

  it('checks the runtime token', async () => {
    const ws = workspace({ 'a.txt': 'token' });
    expect(await save(ws, 'token-key')).toBeGreaterThan(0);
    process.env.ACTIONS_RUNTIME_TOKEN = 'not-the-token';
    expect(
      await restore(mkdtempSync(join(scratch, 'empty-')), [join(ws, 'data')], 'token-key'),
    ).toBeUndefined();
    expect(warnings().join('\n')).toContain('(401) Unauthorized');
  });

  it('blob faults: the SDK retries a 503 upload at once, and does not retry a 429 download', async () => {
    const ws = workspace({ 'a.txt': 'blob' });
    const paths = [join(ws, 'data')];
    const before = service.requests().length;
    service.failBlob({ status: 503, op: 'upload' });
    expect(await save(ws, 'blob-key')).toBeGreaterThan(0);
    expect(
      service
        .requests()
        .slice(before)
        .filter((request) => request.kind === 'blob')
        .map((request) => `${request.method} ${request.status}`),
    ).toEqual(['PUT 503', 'PUT 201']);

    service.failBlob({ status: 429, op: 'download', retryAfterSeconds: 1 });
    output.length = 0;
    expect(await restore(mkdtempSync(join(scratch, 'empty-')), paths, 'blob-key')).toBeUndefined();
    // The hit is announced before the download fails; the HEAD's error has no message.
    expect(printed()).toContain('Cache hit for: blob-key');
    expect(warnings()).toEqual(['::warning::Failed to restore: ']);
  });
});

describe('GitHub cache stand-in, blob URLs on 127.0.0.1', () => {
  let service: GhaCacheService;
  beforeAll(async () => {
    service = await startGhaCacheService({ blobHost: 'loopback' });
  });
  afterAll(async () => {
    await service?.stop();
  });
  beforeEach(() => useService(service));

  it('saves and restores; the library downloads with one plain GET, not the Azure SDK', async () => {
    expect(service.env.HTTP_PROXY).toBeUndefined();
    const ws = workspace({ 'a.txt': 'loopback' });
    const paths = [join(ws, 'data')];
    expect(await save(ws, 'loopback-key')).toBeGreaterThan(0);
    const target = mkdtempSync(join(scratch, 'empty-'));
    expect(await restore(target, paths, 'loopback-key')).toBe('loopback-key');
    expect(readFileSync(join(target, 'data', 'a.txt'), 'utf8')).toBe('loopback');
    expect(service.requests().map((request) => `${request.method} ${request.status}`)).toEqual([
      'CreateCacheEntry 200',
      'PUT 201',
      'FinalizeCacheEntryUpload 200',
      'GetCacheEntryDownloadURL 200',
      'GET 200',
    ]);
  });
});
