import { describeError, HypernixError, InputError } from '../util/errors.js';
import type { CliIo } from './io.js';
import { UsageError } from './usage.js';
import { kitVersion } from './version.js';
import { claimFailureLine } from '../util/last-resort.js';
export { endProcess } from '../util/end-process.js';
export { installLastResort } from '../util/last-resort.js';

export const MAIN_HELP = `hypernix: build NixOS qcow2 and Nix container images the way the hypernix actions do

Usage:
  hypernix build --kind KIND (--file FILE [--attr ATTR] [--arg NAME=EXPR]... [--argstr NAME=VALUE]...
                              | --flake INSTALLABLE) [--json] [-- NIX_ARGS...]
  hypernix push ARCHIVE REF [--tag TAG]... [--plain-http] [--json]
  hypernix artifact push FILE REF [--tag TAG]... | hypernix artifact pull REF FILE
  hypernix cache restore|save (--dir DIR | --gha) --key KEY [PATH...]
  hypernix deploy plan|apply|destroy -f hypernix.yaml [--json]
  hypernix help [COMMAND]
  hypernix --version

Commands:
  build    build an image with Nix and report its out path, qcow2 or archive, and sizes
  push     push a docker archive to a registry, sending only the layers it lacks
  artifact push a qcow2 disk image as an OCI artifact, or pull one back
  cache    save and restore new /nix/store paths in a cache directory or the Actions cache
  deploy   make the VMs of hypernix.yaml on a libvirt hypervisor (plan, apply, destroy)

Run 'hypernix COMMAND --help' for the options of a command.
`;

/**
 * Each command is loaded only when it runs: a push does not pay for loading what a build or an
 * install of Nix needs (start-up is most of the time of a push that has nothing to send).
 */
const COMMANDS = {
  build: async () => (await import('./commands/build.js')).buildCommand,
  push: async () => (await import('./commands/push.js')).pushCommand,
  artifact: async () => (await import('./commands/artifact.js')).artifactCommand,
  cache: async () => (await import('./commands/cache.js')).cacheCommand,
  deploy: async () => (await import('./commands/deploy.js')).deployCommand,
} satisfies Record<string, () => Promise<(argv: string[], io: CliIo) => Promise<number>>>;

const unknownCommand = (name: string) =>
  new UsageError(`unknown command ${JSON.stringify(name)}; see 'hypernix --help'`);

async function runCommand(name: string, argv: string[], io: CliIo): Promise<number> {
  const command = await COMMANDS[name as keyof typeof COMMANDS]();
  return command(argv, io);
}

/** Runs the command line; returns the exit code (0 done, 1 failed, 2 bad usage). */
export async function runCli(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        if (rest[0] !== undefined) {
          if (!(rest[0] in COMMANDS)) throw unknownCommand(rest[0]);
          return await runCommand(rest[0], ['--help'], io);
        }
        io.stdout.write(MAIN_HELP);
        return 0;
      case '-V':
      case '--version':
        io.stdout.write(`hypernix ${kitVersion()}\n`);
        return 0;
      default:
        if (!(command in COMMANDS)) throw unknownCommand(command);
        return await runCommand(command, rest, io);
    }
  } catch (error) {
    if (error instanceof HypernixError) {
      for (const line of error.details) io.stderr.write(`${line}\n`);
    }
    if (claimFailureLine()) io.stderr.write(`hypernix: ${describeError(error)}\n`);
    return error instanceof UsageError || error instanceof InputError ? 2 : 1;
  }
}
