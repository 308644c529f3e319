import * as core from '@actions/core';
import { endProcess } from '../util/end-process.js';
import { annotation } from '../report/actions-reporter.js';
import { HypernixError, describeError } from '../util/errors.js';
import { formatSeconds } from '../util/format.js';
import { claimFailureLine, installLastResort } from '../util/last-resort.js';

/** State names shared by the phases of an action; never bare strings. */
export const STATE = {
  isPost: 'isPost',
  gcRoot: 'gcRoot',
  storeCache: 'storeCache',
  deployJournal: 'deployJournal',
} as const;

export interface ActionPhases {
  /** The action's name for the closing line, e.g. "build-image". */
  name: string;
  main: () => Promise<void>;
  post?: () => Promise<void>;
}

/**
 * The one place the phases of an action are chosen and their failures handled: main runs first
 * and marks the state so the same bundle runs `post` at the end of the job. Any thrown value, not
 * only an Error, fails main with one line (and an annotation where a location is known) or
 * becomes a warning in post, which must never fail a job that succeeded.
 */
export async function runPhases(phases: ActionPhases): Promise<void> {
  const isPost = core.getState(STATE.isPost) === 'true';
  if (!isPost) core.saveState(STATE.isPost, 'true');
  const started = performance.now();
  // A rejection nobody awaited fails main with one line too (post: a warning, never a failure).
  installLastResort(
    (message) => (isPost ? core.warning(message) : core.error(message)),
    () => endProcess(isPost ? 0 : 1),
  );
  try {
    if (isPost) await phases.post?.();
    else {
      await phases.main();
      const seconds = (performance.now() - started) / 1000;
      core.info(`hypernix ${phases.name}: done in ${formatSeconds(seconds)}`);
    }
  } catch (error) {
    const message = describeError(error);
    if (error instanceof HypernixError && error.details.length > 0) {
      for (const line of error.details) core.info(line);
    }
    if (!claimFailureLine()) return;
    if (isPost) {
      core.warning(message);
      return;
    }
    core.error(
      message,
      annotation(
        error instanceof HypernixError ? error.location : undefined,
        'Nix evaluation error',
      ),
    );
    process.exitCode = 1;
  }
}
