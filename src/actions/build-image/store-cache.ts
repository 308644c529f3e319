import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import type { BuildKind } from '../../config/build.js';
import type { CacheConfig } from '../../config/cache.js';
import type { NixInstallation } from '../../nix/locate.js';
import type { Reporter } from '../../report/reporter.js';
import {
  restoreCache,
  saveCache,
  type RestoreResult,
  type SaveResult,
} from '../../store-cache/cache.js';
import { defaultCacheKey } from '../../store-cache/default-key.js';
import { openBackend, type BackendChoice } from '../../store-cache/backends.js';
import { collectGarbageTo } from '../../store-cache/gc.js';
import { writeJobSummary } from '../job-summary.js';
import { countOf, formatBytes, formatRate } from '../../util/format.js';
import { STATE } from '../dispatch.js';

export const CACHE_OUTPUT_NAMES = [
  'cache-hit',
  'cache-restored-paths',
  'cache-restored-bytes',
  'cache-saved-paths',
  'cache-saved-bytes',
] as const;

/** What main hands to post for the save: the settings and what was built. */
export interface StoreCacheState {
  backend: BackendChoice;
  key: string;
  restoreKeys: string[];
  includeUpstream: boolean;
  buildInputs: boolean;
  excludeRoots: boolean;
  maxPackChain: number;
  maxStoreSize?: number;
  roots: string[];
}

/** A pull request from a fork must not write to the base repository's cache. */
export async function isForkPullRequest(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.GITHUB_EVENT_NAME?.startsWith('pull_request') || !env.GITHUB_EVENT_PATH) return false;
  try {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: {
        head?: { repo?: { full_name?: string } };
        base?: { repo?: { full_name?: string } };
      };
    };
    return event.pull_request?.head?.repo?.full_name !== event.pull_request?.base?.repo?.full_name;
  } catch {
    return true; // when in doubt, do not write
  }
}

/** Restores before the build; returns what post needs to save, or undefined for no save. */
export async function restoreForBuild(
  cache: CacheConfig,
  nix: NixInstallation,
  workingDirectory: string,
  kind: BuildKind,
  reporter: Reporter,
): Promise<{ result: RestoreResult; save?: Omit<StoreCacheState, 'roots'> }> {
  const defaults = await defaultCacheKey(resolve(workingDirectory));
  const key = cache.cacheKey ?? defaults.key;
  const restoreKeys =
    cache.cacheRestoreKeys.length > 0 ? cache.cacheRestoreKeys : defaults.restoreKeys;
  const choice = backendChoice(cache);
  const backend = await openBackend(choice, reporter, { forSave: false, label: "input 'cache'" });
  const result = await reporter.group('store cache: restore', () =>
    restoreCache(nix, backend, { key, restoreKeys }, reporter),
  );
  core.setOutput('cache-hit', result.hit);
  core.setOutput('cache-restored-paths', String(result.paths));
  core.setOutput('cache-restored-bytes', String(result.bytes));
  core.summary.addRaw(restoreSummary(key, result), true);
  if (!cache.cacheSave) {
    reporter.info('store cache: cache-save is false; restore only');
    return { result };
  }
  if (await isForkPullRequest()) {
    reporter.info('store cache: a pull request from a fork; restore only');
    return { result };
  }
  return {
    result,
    save: {
      backend: choice,
      key,
      restoreKeys,
      includeUpstream: cache.cacheUpstreamPaths,
      buildInputs: cache.cacheBuildInputs,
      // A disk image or image archive is large and cheap to rebuild from its cached inputs.
      excludeRoots: kind !== 'derivation' && !cache.cacheImages,
      maxPackChain: cache.maxPackChain,
      maxStoreSize: cache.maxStoreSize,
    },
  };
}

function backendChoice(cache: CacheConfig): BackendChoice {
  return cache.cache === 'dir' ? { kind: 'dir', dir: cache.cacheDir as string } : { kind: 'gha' };
}

export function rememberForSave(state: StoreCacheState): void {
  core.saveState(STATE.storeCache, JSON.stringify(state));
}

/** The post step's save; any failure reaches the dispatcher, which makes it a warning. */
export async function saveAfterBuild(
  nix: NixInstallation,
  reporter: Reporter,
): Promise<SaveResult | undefined> {
  const text = core.getState(STATE.storeCache);
  if (!text) return undefined;
  const state = JSON.parse(text) as StoreCacheState;
  const backend = await openBackend(state.backend, reporter, {
    forSave: true,
    label: "input 'cache-dir'",
  });
  if (state.maxStoreSize !== undefined) await collectGarbageTo(nix, state.maxStoreSize, reporter);
  const result = await saveCache(
    nix,
    backend,
    {
      key: state.key,
      restoreKeys: state.restoreKeys,
      roots: state.roots,
      includeUpstream: state.includeUpstream,
      buildInputs: state.buildInputs,
      excludeRoots: state.excludeRoots,
      maxPackChain: state.maxPackChain,
    },
    reporter,
  );
  core.setOutput('cache-saved-paths', String(result.paths));
  core.setOutput('cache-saved-bytes', String(result.bytes));
  core.summary.addRaw(
    [
      '### hypernix store cache: save',
      '',
      result.paths === 0
        ? `Nothing new to save under \`${state.key}\`.`
        : `Saved ${countOf(result.paths, 'path')}, ${formatBytes(result.bytes)}, under \`${state.key}\`${result.compacted ? ' (compacted into one pack)' : ''}, in ${result.seconds.toFixed(2)} s (${formatRate(result.bytes, result.seconds)}).`,
      '',
    ].join('\n'),
    true,
  );
  await writeJobSummary();
  return result;
}

function restoreSummary(key: string, result: RestoreResult): string {
  const what =
    result.hit === 'miss'
      ? `Miss for \`${key}\`: nothing restored.`
      : `${result.hit === 'exact' ? 'Hit' : 'Partial hit'} (\`${result.key}\`): restored ${countOf(result.paths, 'path')}, ${formatBytes(result.bytes)}, in ${result.seconds.toFixed(2)} s (${formatRate(result.bytes, result.seconds)}).`;
  return ['### hypernix store cache: restore', '', what, ''].join('\n');
}
