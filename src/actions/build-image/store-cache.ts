import * as core from '@actions/core';
import type { BuildKind } from '../../config/build.js';
import type { CacheConfig } from '../../config/cache.js';
import type { NixInstallation } from '../../nix/locate.js';
import type { Reporter } from '../../util/reporter.js';
import {
  restoreCache,
  saveCache,
  type RestoreResult,
  type SaveResult,
} from '../../store-cache/cache.js';
import { cacheKeys, excludesRoots, isForkPullRequest } from '../../store-cache/policy.js';
import { restoreSummaryMarkdown, saveSummaryMarkdown } from '../../report/cache-summary.js';
import { openBackend, type BackendChoice } from '../../store-cache/backends.js';
import { collectGarbageTo } from '../../store-cache/gc.js';
import { writeJobSummary } from '../job-summary.js';
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

/** Restores before the build; returns what post needs to save, or undefined for no save. */
export async function restoreForBuild(
  cache: CacheConfig,
  nix: NixInstallation,
  workingDirectory: string,
  kind: BuildKind,
  reporter: Reporter,
): Promise<{ result: RestoreResult; save?: Omit<StoreCacheState, 'roots'> }> {
  const { key, restoreKeys } = await cacheKeys(
    { key: cache.cacheKey, restoreKeys: cache.cacheRestoreKeys },
    workingDirectory,
  );
  const choice = backendChoice(cache);
  const backend = await openBackend(choice, reporter, { forSave: false, label: "input 'cache'" });
  const result = await reporter.group('store cache: restore', () =>
    restoreCache(
      nix,
      backend,
      { key, restoreKeys, restoreMethod: cache.cacheRestoreMethod },
      reporter,
    ),
  );
  core.setOutput('cache-hit', result.hit);
  core.setOutput('cache-restored-paths', String(result.paths));
  core.setOutput('cache-restored-bytes', String(result.bytes));
  core.summary.addRaw(restoreSummaryMarkdown(key, result), true);
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
      excludeRoots: excludesRoots(kind, cache.cacheImages),
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
  core.summary.addRaw(saveSummaryMarkdown(state.key, result), true);
  await writeJobSummary();
  return result;
}
