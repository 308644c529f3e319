import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { findNixBinDir, inspectNix } from '../../nix/locate.js';
import { ActionsReporter } from '../../report/actions-reporter.js';
import { describeError } from '../../util/errors.js';
import { STATE } from '../dispatch.js';
import { saveAfterBuild } from './store-cache.js';

/**
 * Saves the store cache (when main restored one and saving is allowed), then drops the GC root
 * that main made, so the image can be collected once the job is over. Any failure here is a
 * warning: the dispatcher never fails a job in post.
 */
export async function post(): Promise<void> {
  const gcRootDir = core.getState(STATE.gcRoot);
  try {
    if (core.getState(STATE.storeCache)) {
      const binDir = await findNixBinDir();
      if (!binDir) throw new Error('store cache: Nix is gone from this runner; nothing saved');
      const reporter = new ActionsReporter();
      try {
        await saveAfterBuild(await inspectNix(binDir), reporter);
      } catch (error) {
        reporter.warning(`store cache: ${describeError(error)}; nothing saved`);
      }
    }
  } finally {
    if (gcRootDir) {
      await rm(gcRootDir, { recursive: true, force: true });
      core.debug(`removed GC root ${gcRootDir}`);
    }
  }
}
