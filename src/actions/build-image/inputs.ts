import * as core from '@actions/core';
import { BUILD_INPUT_NAMES, type BuildField, type RawBuildInputs } from '../../config/build.js';

/** Reads the build inputs as raw strings; the schema in src/config does all the checking. */
export function readBuildInputs(): RawBuildInputs {
  const raw: Record<string, string> = {};
  for (const [field, name] of Object.entries(BUILD_INPUT_NAMES) as [BuildField, string][]) {
    raw[field] = core.getInput(name, { trimWhitespace: field !== 'args' && field !== 'argstrs' });
  }
  return raw as RawBuildInputs;
}

/** The preset a sub-action (qcow2/, container/) declares, or '' for the root action. */
export function readPreset(): string {
  return core.getInput('preset');
}
