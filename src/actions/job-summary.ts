import * as core from '@actions/core';
import { describeError } from '../util/errors.js';

/**
 * Writes what the steps added to the job summary. A runner or tool without GITHUB_STEP_SUMMARY
 * (@github/local-action, older runners) gets a warning: a summary never fails a build.
 */
export async function writeJobSummary(): Promise<void> {
  try {
    await core.summary.write();
  } catch (error) {
    core.warning(`job summary not written: ${describeError(error)}`);
    core.summary.emptyBuffer();
  }
}
