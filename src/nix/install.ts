import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reporter } from '../util/reporter.js';
import { HypernixError, describeError } from '../util/errors.js';
import { run } from '../util/process.js';
import { findNixBinDir, inspectNix, wellKnownNixDirs, type NixInstallation } from './locate.js';

export class NixInstallError extends HypernixError {
  override name = 'NixInstallError';
}

export interface InstallOptions {
  /** A Nix release tarball (nix-VERSION-SYSTEM.tar.xz) holding the official `install` script. */
  url: string;
  /** When given, the download must have this sha256 (hex) or nothing is installed. */
  sha256?: string;
}

const TOOL_NAME = 'nix-installer';

/**
 * The tool-cache version key for a URL: the Nix version in the file name when there is one,
 * so a runner's cache holds each release once; a hash of the URL otherwise.
 */
export function installerCacheVersion(url: string): string {
  const match = /nix-(\d+\.\d+\.\d+)/.exec(url);
  if (match?.[1]) return match[1];
  const digest = createHash('sha256').update(url).digest('hex').slice(0, 12);
  return `0.0.0-url.${digest}`;
}

function extractFlags(url: string): string {
  if (/\.(tar\.xz|txz)$/.test(url)) return 'xJ';
  if (/\.(tar\.gz|tgz)$/.test(url)) return 'xz';
  if (/\.tar\.zst$/.test(url)) return '--zstd -x';
  if (/\.tar$/.test(url)) return 'x';
  throw new NixInstallError(
    `input 'nix-installer-url': expected a Nix release tarball (.tar.xz, .tar.gz, .tar.zst or .tar); got ${JSON.stringify(url)}`,
  );
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** tool-cache needs these; the CLI may run outside a runner, so give them a home of our own. */
function ensureToolCacheEnv() {
  const base = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hypernix');
  process.env.RUNNER_TOOL_CACHE ||= join(base, 'tool-cache');
  process.env.RUNNER_TEMP ||= join(tmpdir(), 'hypernix');
}

async function findInstallScript(dir: string): Promise<string> {
  const direct = join(dir, 'install');
  if (await exists(direct)) return direct;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && (await exists(join(dir, entry.name, 'install')))) {
      return join(dir, entry.name, 'install');
    }
  }
  throw new NixInstallError(
    `the Nix tarball has no install script (looked in ${dir} and one level down)`,
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs Nix single-user from a release tarball: download once per version into the runner's
 * tool cache, verify, extract, run the official installer, then put the profile on PATH.
 */
export async function installNix(
  options: InstallOptions,
  reporter: Reporter,
): Promise<NixInstallation> {
  ensureToolCacheEnv();
  // Loaded here: only an install needs tool-cache (and its HTTP client).
  const toolCache = await import('@actions/tool-cache');
  const version = installerCacheVersion(options.url);
  let extracted = toolCache.find(TOOL_NAME, version);
  if (extracted) {
    reporter.info(`Nix installer ${version} found in the tool cache`);
  } else {
    const flags = extractFlags(options.url);
    reporter.info(`Downloading the Nix installer from ${options.url}`);
    let archive: string;
    try {
      archive = await toolCache.downloadTool(options.url);
    } catch (error) {
      throw new NixInstallError(
        `cannot download the Nix installer from ${options.url}: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    if (options.sha256) {
      const actual = await sha256File(archive);
      if (actual !== options.sha256) {
        throw new NixInstallError(
          `the Nix installer from ${options.url} has sha256 ${actual}, not the expected ${options.sha256}; nothing was installed`,
        );
      }
    }
    const target = await toolCache.extractTar(archive, undefined, flags.split(' '));
    extracted = await toolCache.cacheDir(target, TOOL_NAME, version);
  }
  const script = await findInstallScript(extracted);
  await mkdir(join(homedir(), '.config', 'nix'), { recursive: true });
  await reporter.group('Installing Nix', async () => {
    const result = await reporter.untrusted(() =>
      run('/bin/sh', [script, '--no-daemon', '--no-channel-add'], {
        onStderrLine: (line) => reporter.info(line),
        onStdoutLine: (line) => reporter.info(line),
        env: { NIX_INSTALLER_NO_MODIFY_PROFILE: '1' },
      }),
    );
    if (result.code !== 0) {
      throw new NixInstallError(
        `the Nix installer exited with ${result.code}: ${result.stderrTail.at(-1) ?? 'no output'}`,
      );
    }
  });
  const binDir = await findNixBinDir({ ...process.env, PATH: wellKnownNixDirs().join(':') });
  if (!binDir) {
    throw new NixInstallError(
      `the Nix installer finished but no nix was found in ${wellKnownNixDirs().join(', ')}`,
    );
  }
  reporter.addPath(binDir);
  const installation = await inspectNix(binDir);
  reporter.info(`Installed ${installation.version.text} in ${binDir}`);
  return installation;
}
