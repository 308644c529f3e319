import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { buildImage, ensureNix } from '../../build/build-image.js';
import { parseCacheConfig } from '../../config/cache.js';
import type { NixInstallation } from '../../nix/locate.js';
import { describeError } from '../../util/errors.js';
import { rememberForSave, restoreForBuild, type StoreCacheState } from './store-cache.js';
import { labelsFor, parseBuildConfig } from '../../config/build.js';
import { applyPreset } from '../../config/presets.js';
import { parsePushConfig, pushLabelsFor } from '../../config/push.js';
import { publishBuild } from '../../publish/publish.js';
import { ActionsReporter } from '../../report/actions-reporter.js';
import { buildOutputs, buildSummaryMarkdown } from '../../report/build-summary.js';
import { publishOutputs, publishSummaryMarkdown } from '../../report/push-summary.js';
import { runPhases, STATE } from '../dispatch.js';
import { post } from './post.js';
import { writeJobSummary } from '../job-summary.js';
import { kitRoot } from '../kit-root.js';
import {
  readBuildInputs,
  readCacheInputs,
  readGithubToken,
  readPreset,
  readPushInputs,
} from './inputs.js';

/**
 * The action's entry point, exported as actions/typescript-action does so that tools such as
 * @github/local-action can drive it: main, or post at the end of the job.
 */
export async function run(): Promise<void> {
  await runPhases({ name: 'build-image', main, post });
}

export async function main(): Promise<void> {
  const reporter = new ActionsReporter();
  const labels = labelsFor('action');
  const pushLabels = pushLabelsFor('action');
  // Every input is checked before anything is built, so a bad one costs no build.
  const rawPush = readPushInputs();
  const githubToken = readGithubToken();
  const config = parseBuildConfig(applyPreset(readBuildInputs(), readPreset(), kitRoot()), labels);
  const push = parsePushConfig(rawPush, pushLabels, {
    compression: config.kind === 'qcow2' ? 'none' : 'gzip',
  });
  const cache = parseCacheConfig(readCacheInputs());
  if (push.push && config.kind === 'derivation') {
    core.warning(
      `input 'push': kind derivation has nothing to push; only qcow2 and container builds are pushed`,
    );
  }

  // The out-link is a GC root that keeps the image alive for later steps (push, deploy) even if
  // something collects garbage in between; the post phase removes it.
  const gcRootDir = join(process.env.RUNNER_TEMP || tmpdir(), `hypernix-gcroot-${randomUUID()}`);
  core.saveState(STATE.gcRoot, gcRootDir);
  await mkdir(gcRootDir, { recursive: true });

  // The store cache comes back before the build; caching never fails a build.
  let nix: NixInstallation | undefined;
  let save: Omit<StoreCacheState, 'roots'> | undefined;
  if (cache.cache !== 'off') {
    nix = await ensureNix(config, reporter);
    try {
      ({ save } = await restoreForBuild(
        cache,
        nix,
        config.workingDirectory ?? '.',
        config.kind,
        reporter,
      ));
    } catch (error) {
      reporter.warning(`store cache: ${describeError(error)}; building without it`);
    }
  }

  const result = await buildImage(config, reporter, {
    nix,
    outLink: join(gcRootDir, 'result'),
    labels: {
      file: labels.file,
      attribute: labels.attribute,
      workingDirectory: labels.workingDirectory,
    },
  });
  if (save) rememberForSave({ ...save, roots: result.outPaths });
  for (const [name, value] of Object.entries(buildOutputs(result))) core.setOutput(name, value);
  core.info(`Built ${result.outPath}`);
  core.summary.addRaw(buildSummaryMarkdown(result), true);

  if (push.push && config.kind !== 'derivation') {
    const published = await publishBuild(result, push, reporter, {
      labels: { image: pushLabels.image, tags: pushLabels.tags },
      github: { token: githubToken, actor: process.env.GITHUB_ACTOR },
    });
    for (const [name, value] of Object.entries(publishOutputs(published)))
      core.setOutput(name, value);
    core.summary.addRaw(publishSummaryMarkdown(published), true);
  }
  await writeJobSummary();
}
