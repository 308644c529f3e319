import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { STATE } from '../dispatch.js';

/** Drops the GC root that main made, so the image can be collected once the job is over. */
export async function post(): Promise<void> {
  const gcRootDir = core.getState(STATE.gcRoot);
  if (!gcRootDir) return;
  await rm(gcRootDir, { recursive: true, force: true });
  core.debug(`removed GC root ${gcRootDir}`);
}
