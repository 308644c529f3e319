import {
  buildTarget,
  DEFAULT_NIX_INSTALLER_URL,
  type BuildConfig,
  type BuildKind,
} from '../config/build.js';
import type { Reporter } from '../util/reporter.js';
import { describeTarget, runNixBuild } from '../nix/build.js';
import { closureSize } from '../nix/closure.js';
import { installNix } from '../nix/install.js';
import { findNixBinDir, locateNix, type NixInstallation } from '../nix/locate.js';
import { findImageOutputs, type ArchiveOutput, type DiskImageOutput } from '../nix/outputs.js';

/** Everything one build produced: the action's outputs, the summary and `--json` come from it. */
export interface BuildResult {
  kind: BuildKind;
  target: string;
  outPath: string;
  outPaths: string[];
  qcow2?: DiskImageOutput;
  archive?: ArchiveOutput;
  closureSize: number;
  buildSeconds: number;
  nixVersion: string;
}

export interface BuildOptions {
  /** Where the out-link (GC root) goes; none when undefined. */
  outLink?: string;
  /** A Nix found (or installed) already, e.g. to restore the store cache before the build. */
  nix?: NixInstallation;
  labels: { file: string; attribute: string; workingDirectory: string };
}

/** Finds Nix, or installs it when the config says so; otherwise fails naming the installers. */
export async function ensureNix(config: BuildConfig, reporter: Reporter): Promise<NixInstallation> {
  const existing = await findNixBinDir();
  if (existing) {
    if (!(process.env.PATH ?? '').split(':').includes(existing)) reporter.addPath(existing);
    return locateNix(reporter);
  }
  if (!config.installNix) return locateNix(reporter); // throws the message naming the installers
  return installNix(
    { url: config.nixInstallerUrl ?? DEFAULT_NIX_INSTALLER_URL, sha256: config.nixInstallerSha256 },
    reporter,
  );
}

export async function buildImage(
  config: BuildConfig,
  reporter: Reporter,
  options: BuildOptions,
): Promise<BuildResult> {
  const nix = options.nix ?? (await ensureNix(config, reporter));
  const target = buildTarget(config);
  const built = await runNixBuild(
    nix,
    {
      target,
      nixArgs: config.nixArgs,
      workingDirectory: config.workingDirectory,
      outLink: options.outLink,
      labels: options.labels,
    },
    reporter,
  );
  const outPath = built.outPaths[0] as string;
  const [outputs, size] = await Promise.all([
    findImageOutputs(config.kind, outPath),
    closureSize(nix, built.outPaths),
  ]);
  return {
    kind: config.kind,
    target: describeTarget(target),
    outPath,
    outPaths: built.outPaths,
    ...outputs,
    closureSize: size,
    buildSeconds: built.seconds,
    nixVersion: nix.version.text,
  };
}
