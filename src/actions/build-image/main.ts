import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { buildImage } from '../../build/build-image.js';
import { labelsFor, parseBuildConfig } from '../../config/build.js';
import { applyPreset } from '../../config/presets.js';
import { ActionsReporter } from '../../report/actions-reporter.js';
import { buildOutputs, buildSummaryMarkdown } from '../../report/build-summary.js';
import { STATE } from '../dispatch.js';
import { kitRoot } from '../kit-root.js';
import { readBuildInputs, readPreset } from './inputs.js';

export async function main(): Promise<void> {
  const reporter = new ActionsReporter();
  const labels = labelsFor('action');
  const config = parseBuildConfig(applyPreset(readBuildInputs(), readPreset(), kitRoot()), labels);

  // The out-link is a GC root that keeps the image alive for later steps (push, deploy) even if
  // something collects garbage in between; the post phase removes it.
  const gcRootDir = join(process.env.RUNNER_TEMP || tmpdir(), `hypernix-gcroot-${randomUUID()}`);
  core.saveState(STATE.gcRoot, gcRootDir);
  await mkdir(gcRootDir, { recursive: true });

  const result = await buildImage(config, reporter, {
    outLink: join(gcRootDir, 'result'),
    labels: {
      file: labels.file,
      attribute: labels.attribute,
      workingDirectory: labels.workingDirectory,
    },
  });

  for (const [name, value] of Object.entries(buildOutputs(result))) core.setOutput(name, value);
  core.info(`Built ${result.outPath}`);
  await core.summary.addRaw(buildSummaryMarkdown(result), true).write();
}
