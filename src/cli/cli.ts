import { describeError, HypernixError, InputError } from '../util/errors.js';
import { buildCommand, BUILD_HELP } from './commands/build.js';
import { pushCommand, PUSH_HELP } from './commands/push.js';
import { artifactCommand, ARTIFACT_HELP } from './commands/artifact.js';
import { UsageError } from './usage.js';

const VERSION = '0.1.0';

export const MAIN_HELP = `hypernix: build NixOS qcow2 and Nix container images the way the hypernix actions do

Usage:
  hypernix build --kind KIND (--file FILE [--attr ATTR] [--arg NAME=EXPR]... [--argstr NAME=VALUE]...
                              | --flake INSTALLABLE) [--json] [-- NIX_ARGS...]
  hypernix push ARCHIVE REF [--tag TAG]... [--plain-http] [--json]
  hypernix artifact push FILE REF [--tag TAG]... | hypernix artifact pull REF FILE
  hypernix help [COMMAND]
  hypernix --version

Commands:
  build    build an image with Nix and report its out path, qcow2 or archive, and sizes
  push     push a docker archive to a registry, sending only the layers it lacks
  artifact push a qcow2 disk image as an OCI artifact, or pull one back

Run 'hypernix COMMAND --help' for the options of a command.
`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
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
        io.stdout.write(
          rest[0] === 'build'
            ? BUILD_HELP
            : rest[0] === 'push'
              ? PUSH_HELP
              : rest[0] === 'artifact'
                ? ARTIFACT_HELP
                : MAIN_HELP,
        );
        return 0;
      case '-V':
      case '--version':
        io.stdout.write(`hypernix ${VERSION}\n`);
        return 0;
      case 'build':
        return await buildCommand(rest, io);
      case 'push':
        return await pushCommand(rest, io);
      case 'artifact':
        return await artifactCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; run 'hypernix --help'`);
    }
  } catch (error) {
    if (error instanceof HypernixError) {
      for (const line of error.details) io.stderr.write(`${line}\n`);
    }
    io.stderr.write(`hypernix: ${describeError(error)}\n`);
    return error instanceof UsageError || error instanceof InputError ? 2 : 1;
  }
}
