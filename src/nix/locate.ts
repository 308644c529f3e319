import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Reporter } from '../util/reporter.js';
import { HypernixError } from '../util/errors.js';
import { run } from '../util/process.js';
import {
  MINIMUM_NIX,
  atLeast,
  capabilitiesOf,
  parseNixVersion,
  type NixCapabilities,
  type NixVersion,
} from './version.js';

/** A Nix found on this machine, with absolute paths to the programs we call. */
export interface NixInstallation {
  binDir: string;
  version: NixVersion;
  capabilities: NixCapabilities;
  program(name: 'nix' | 'nix-build' | 'nix-store' | 'nix-instantiate'): string;
}

export class NixNotFoundError extends HypernixError {
  override name = 'NixNotFoundError';
}

/**
 * Where Nix lives when an earlier step installed it but this process's PATH predates it:
 * the single-user profile, the multi-user default profile, and NixOS's system profile.
 */
export function wellKnownNixDirs(home = homedir()): string[] {
  return [
    join(home, '.nix-profile', 'bin'),
    '/nix/var/nix/profiles/default/bin',
    '/run/current-system/sw/bin',
  ];
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the directory holding nix and nix-build: PATH first, then the well-known profiles. */
export async function findNixBinDir(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const pathDirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...wellKnownNixDirs(env.HOME || homedir())]) {
    if ((await isExecutable(join(dir, 'nix'))) && (await isExecutable(join(dir, 'nix-build')))) {
      return dir;
    }
  }
  return undefined;
}

export async function inspectNix(binDir: string): Promise<NixInstallation> {
  const nix = join(binDir, 'nix');
  const result = await run(nix, ['--version']);
  if (result.code !== 0) {
    throw new HypernixError(
      `${nix} --version failed: ${result.stderrTail.at(-1) ?? `exit ${result.code}`}`,
    );
  }
  const version = parseNixVersion(result.stdout);
  if (!atLeast(version, MINIMUM_NIX.major, MINIMUM_NIX.minor)) {
    throw new HypernixError(
      `${version.text} is too old: hypernix needs Nix ${MINIMUM_NIX.major}.${MINIMUM_NIX.minor} or newer`,
    );
  }
  return installationAt(binDir, version);
}

/** The installation in binDir whose `nix --version` said `version` (inspectNix's answer). */
export function installationAt(binDir: string, version: NixVersion): NixInstallation {
  return {
    binDir,
    version,
    capabilities: capabilitiesOf(version),
    program: (name) => join(binDir, name),
  };
}

export const NIX_MISSING_MESSAGE =
  'Nix is not installed on this runner: add cachix/install-nix-action or ' +
  'DeterminateSystems/nix-installer-action before this step, or set install-nix: true';

export async function locateNix(reporter: Reporter): Promise<NixInstallation> {
  const binDir = await findNixBinDir();
  if (!binDir) throw new NixNotFoundError(NIX_MISSING_MESSAGE);
  const installation = await inspectNix(binDir);
  reporter.info(`Using ${installation.version.text} from ${binDir}`);
  return installation;
}
