import * as core from '@actions/core';
import { rememberSecret } from '../../util/secrets.js';
import { BUILD_INPUT_NAMES, type BuildField, type RawBuildInputs } from '../../config/build.js';
import { PUSH_INPUT_NAMES, type PushField, type RawPushInputs } from '../../config/push.js';
import { CACHE_INPUT_NAMES, type CacheField, type RawCacheInputs } from '../../config/cache.js';

/** Inputs read here and nowhere else; every name comes from the config modules' maps. */
export const GITHUB_TOKEN_INPUT = 'github-token';
export const PRESET_INPUT = 'preset';

/** Reads the build inputs as raw strings; the schema in src/config does all the checking. */
export function readBuildInputs(): RawBuildInputs {
  const raw: Record<string, string> = {};
  for (const [field, name] of Object.entries(BUILD_INPUT_NAMES) as [BuildField, string][]) {
    raw[field] = core.getInput(name, { trimWhitespace: field !== 'args' && field !== 'argstrs' });
  }
  return raw as RawBuildInputs;
}

/** Reads the push inputs, masking the secrets before anything else can print them. */
export function readPushInputs(): RawPushInputs {
  const raw: Record<string, string> = {};
  for (const [field, name] of Object.entries(PUSH_INPUT_NAMES) as [PushField, string][]) {
    raw[field] = core.getInput(name, { trimWhitespace: field !== 'registryPassword' });
    if (field === 'registryPassword' && raw[field]) {
      core.setSecret(raw[field]);
      rememberSecret(raw[field]);
    }
  }
  return raw as RawPushInputs;
}

export function readCacheInputs(): RawCacheInputs {
  const raw: RawCacheInputs = {};
  for (const [field, name] of Object.entries(CACHE_INPUT_NAMES) as [CacheField, string][])
    raw[field] = core.getInput(name);
  return raw;
}

export function readGithubToken(): string {
  const token = core.getInput(GITHUB_TOKEN_INPUT);
  if (token) {
    core.setSecret(token);
    rememberSecret(token);
  }
  return token;
}

/** The preset a sub-action (qcow2/, container/) declares, or '' for the root action. */
export function readPreset(): string {
  return core.getInput(PRESET_INPUT);
}
