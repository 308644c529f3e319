import { buildImage } from '../../build/build-image.js';
import { labelsFor, parseBuildConfig } from '../../config/build.js';
import { ConsoleReporter } from '../../report/console-reporter.js';
import { buildOutputs, buildSummaryText } from '../../report/build-summary.js';
import type { CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage.js';

export const BUILD_HELP = `Usage: hypernix build --kind KIND (--file FILE [--attr ATTR] | --flake INSTALLABLE) [options] [-- NIX_ARGS...]

Builds an image with Nix, checks its layout, and reports the same outputs as the
hypernix/build-image action (out-path, qcow2, archive, archive-format, closure-size, build-seconds).

What to build:
  --kind KIND               qcow2, container or derivation
  --file FILE               a Nix file, built with nix-build
  --attr ATTR               the attribute of FILE to build
  --arg NAME=EXPR           pass --arg NAME EXPR to nix-build (repeatable)
  --argstr NAME=VALUE       pass --argstr NAME VALUE to nix-build (repeatable)
  --flake INSTALLABLE       a flake installable instead of a file,
                            e.g. .#nixosConfigurations.k8s.config.system.build.images.qemu

Options:
  --nix-arg ARG             one more argument for Nix (repeatable); or put them after --
  --working-directory DIR   resolve FILE and the flake from DIR
  --out-link PATH           keep a GC root at PATH (default: none, like --no-out-link)
  --install-nix             install Nix from --nix-installer-url when it is missing
  --nix-installer-url URL   a Nix release tarball (nix-VERSION-SYSTEM.tar.xz)
  --nix-installer-sha256 H  the tarball's sha256
  --json                    print the outputs as one JSON object on stdout
  -v, --verbose             print debug lines
  -h, --help                show this help

Exit codes: 0 built, 1 the build failed, 2 bad options.
`;

const OPTIONS = {
  kind: { type: 'string' },
  file: { type: 'string' },
  attr: { type: 'string' },
  arg: { type: 'string', multiple: true },
  argstr: { type: 'string', multiple: true },
  flake: { type: 'string' },
  'nix-arg': { type: 'string', multiple: true },
  'working-directory': { type: 'string' },
  'out-link': { type: 'string' },
  'install-nix': { type: 'boolean' },
  'nix-installer-url': { type: 'string' },
  'nix-installer-sha256': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function buildCommand(argv: string[], io: CliIo): Promise<number> {
  const dashDash = argv.indexOf('--');
  const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
  const passThrough = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
  const { values, positionals } = parseCommandLine(own, OPTIONS, 'build');
  if (values.help) {
    io.stdout.write(BUILD_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(positionals[0])}; see 'hypernix build --help'`,
    );
  }
  const labels = labelsFor('cli');
  const config = parseBuildConfig(
    {
      kind: values.kind,
      file: values.file,
      attribute: values.attr,
      args: values.arg ?? [],
      argstrs: values.argstr ?? [],
      flake: values.flake,
      nixArgs: [...(values['nix-arg'] ?? []), ...passThrough],
      workingDirectory: values['working-directory'],
      installNix: values['install-nix'] ?? false,
      nixInstallerUrl: values['nix-installer-url'],
      nixInstallerSha256: values['nix-installer-sha256'],
    },
    labels,
  );
  const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
  const result = await buildImage(config, reporter, {
    outLink: values['out-link'],
    labels: {
      file: labels.file,
      attribute: labels.attribute,
      workingDirectory: labels.workingDirectory,
    },
  });
  io.stdout.write(
    values.json ? `${JSON.stringify(buildOutputs(result))}\n` : `${buildSummaryText(result)}\n`,
  );
  return 0;
}
