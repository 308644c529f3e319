import { readOptionalEnum } from '../../config/input-readers.js';
import { ARCHIVE_FORMATS, type ArchiveFormat } from '../../oci/formats/archive-format.js';
import { pushArchive } from '../../oci/push/push-archive.js';
import { ConsoleReporter } from '../../report/console-reporter.js';
import { pushOutputs, pushSummaryText } from '../../report/push-summary.js';
import type { CliIo } from '../io.js';
import { connectTo, readPushOptions, REGISTRY_OPTIONS, tagsToPush } from '../registry-options.js';
import { parseCommandLine, UsageError } from '../usage.js';

export const PUSH_HELP = `Usage: hypernix push ARCHIVE REF [--tag TAG]... [options]

Pushes a docker archive (.tar, .tar.gz, .tar.zst, a streamLayeredImage script, or - for
standard input) to a registry without a Docker daemon. REF is registry/repository[:tag].
Layers the registry already has are neither compressed nor sent.

Options:
  --tag TAG                 one more tag (repeatable); REF's own tag counts too
  --compression C           gzip (default; in an OCI manifest, a layer that does not
                            deflate goes up uncompressed), zstd or none
  --compression-level N     gzip 1-9 (default 1 on loopback, 5 beyond), zstd 1-22 (default 3);
                            auto: gzip's level follows the link (1-5; blobs differ per push)
  --concurrency N           layers worked on at once (default 4)
  --mount-from REF          another repository of the registry to mount known layers from
  --manifest-format F       oci (default) or docker (Docker v2 schema 2, gzip only)
  --archive-format F        tar, tar.gz, tar.zst, or stream: ARCHIVE is a streamLayeredImage
                            script, run and its output read (only then is it run); default:
                            told from the file's bytes (a script is refused)
  --plain-http              talk HTTP, not HTTPS (a registry on loopback or a trusted LAN)
  --username USER           with the password on standard input (--password-stdin) or in
  --password-stdin          HYPERNIX_REGISTRY_PASSWORD; else docker login's config.json
  --json                    print image-ref, digest, pushed-bytes, reused-bytes as JSON
  -h, --help                show this help
`;

const OPTIONS = {
  tag: { type: 'string', multiple: true },
  compression: { type: 'string' },
  'compression-level': { type: 'string' },
  concurrency: { type: 'string' },
  'mount-from': { type: 'string' },
  'manifest-format': { type: 'string' },
  'archive-format': { type: 'string' },
  ...REGISTRY_OPTIONS,
} as const;

export async function pushCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, 'push');
  if (values.help) {
    io.stdout.write(PUSH_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(`expected ARCHIVE and REF; see 'hypernix push --help'`);
  }
  const [archivePath, ref] = positionals as [string, string];
  // Every option is checked before the first request: a bad one ends the run at once.
  const config = await readPushOptions(ref, values, {
    concurrency: values.concurrency,
    mountFrom: values['mount-from'],
    manifestFormat: values['manifest-format'],
  });
  const archiveFormat = readArchiveFormat(values['archive-format']);
  const image = config.image;
  // config.tags, not values.tag: '--tag v1,v2' means two tags, split and checked there.
  const tags = tagsToPush(image, config);
  const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
  const client = await connectTo(config, reporter);
  const result = await pushArchive(
    archivePath,
    'argument ARCHIVE',
    { client, repository: image.repository, tags, reporter },
    config,
    archiveFormat,
  );
  io.stdout.write(
    values.json
      ? `${JSON.stringify(pushOutputs(image.registry, result))}\n`
      : `${pushSummaryText(image.registry, result)}\n`,
  );
  return 0;
}

function readArchiveFormat(value: string | undefined): ArchiveFormat | undefined {
  try {
    return readOptionalEnum(ARCHIVE_FORMATS, value);
  } catch (error) {
    throw new UsageError(`option '--archive-format': ${(error as Error).message}`, {
      cause: error,
    });
  }
}
