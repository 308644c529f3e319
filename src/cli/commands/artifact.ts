import { pushArtifact } from '../../oci/artifact/push-artifact.js';
import { pullArtifact } from '../../oci/artifact/pull-artifact.js';
import { formatReference } from '../../oci/registry/reference.js';
import { ConsoleReporter } from '../../report/console-reporter.js';
import { formatBytes } from '../../util/format.js';
import { InputError } from '../../util/errors.js';
import type { CliIo } from '../io.js';
import { connectTo, readPushOptions, REGISTRY_OPTIONS, tagsToPush } from '../registry-options.js';
import { parseCommandLine, UsageError } from '../usage.js';
import { open, stat } from 'node:fs/promises';

export const ARTIFACT_HELP = `Usage: hypernix artifact push FILE REF [--tag TAG]... [options]
       hypernix artifact pull REF FILE [options]

push: pushes a disk image (qcow2) as an OCI artifact: one blob in a manifest with
      artifactType application/vnd.hypernix.disk-image.qcow2. An unchanged file is not sent.
pull: fetches it by tag or digest into FILE atomically (a fresh temporary file beside FILE,
      at most the declared size, digest verified, then renamed; nothing left on failure).

Options:
  --tag TAG               one more tag (push; repeatable)
  --compression C         none (default), gzip or zstd (push)
  --compression-level N   (push)
  --out-path PATH         the Nix out path to record as an annotation (push)
  --plain-http            talk HTTP, not HTTPS (a registry on loopback or a trusted LAN)
  --username USER         with --password-stdin or HYPERNIX_REGISTRY_PASSWORD
  --password-stdin
  --json                  print the result as JSON
  -h, --help              show this help
`;

const OPTIONS = {
  tag: { type: 'string', multiple: true },
  compression: { type: 'string' },
  'compression-level': { type: 'string' },
  'out-path': { type: 'string' },
  ...REGISTRY_OPTIONS,
} as const;

type ArtifactValues = ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values'];

export async function artifactCommand(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseCommandLine(rest, OPTIONS, 'artifact');
  if (values.help || verb === '--help' || verb === '-h') {
    io.stdout.write(ARTIFACT_HELP);
    return 0;
  }
  if (verb === undefined)
    throw new UsageError(`give a subcommand, push or pull; see 'hypernix artifact --help'`);
  if (verb !== 'push' && verb !== 'pull')
    throw new UsageError(
      `unknown artifact command ${JSON.stringify(verb)}; see 'hypernix artifact --help'`,
    );
  if (positionals.length !== 2) {
    throw new UsageError(
      `expected ${verb === 'push' ? 'FILE and REF' : 'REF and FILE'}; see 'hypernix artifact --help'`,
    );
  }
  const [file, ref] = (verb === 'push' ? positionals : [positionals[1], positionals[0]]) as [
    string,
    string,
  ];
  // The file is checked before anything is asked of the registry.
  if (verb === 'push') await checkDiskImage(file);
  const connected = await connect(ref, values, io);
  return verb === 'push'
    ? artifactPush(file, connected, values, io)
    : artifactPull(file, connected, values, io);
}

/** The options read through the push configuration, and the registry connected. */
async function connect(ref: string, values: ArtifactValues, io: CliIo) {
  const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
  const config = await readPushOptions(ref, values, {}, { compression: 'none' });
  const image = config.image;
  const client = await connectTo(config, reporter);
  return { config, image, client, reporter };
}

type Connected = Awaited<ReturnType<typeof connect>>;

/** A qcow2 disk image starts with these four bytes (QEMU's header magic). */
const QCOW2_MAGIC = Buffer.from('QFI\xfb', 'latin1');

/** The artifact is a disk image, as the help says: a regular file that really is qcow2. */
async function checkDiskImage(file: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new InputError(`argument FILE: ${file} is not a file`);
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4 || !head.equals(QCOW2_MAGIC))
      throw new InputError(
        `argument FILE: ${file} is not a qcow2 disk image (it does not start with QEMU's QFI\\xfb magic); convert it with qemu-img convert -O qcow2`,
      );
  } finally {
    await handle.close();
  }
}

async function artifactPush(
  file: string,
  { config, image, client, reporter }: Connected,
  values: ArtifactValues,
  io: CliIo,
): Promise<number> {
  const tags = tagsToPush(image, config);
  const result = await pushArtifact(file, {
    client,
    repository: image.repository,
    tags,
    compression: config.compression,
    level: config.level,
    outPath: values['out-path'],
    reporter,
  });
  const output = {
    'qcow2-ref': `${image.registry}/${image.repository}@${result.digest}`,
    digest: result.digest,
    'pushed-bytes': String(result.pushedBytes),
  };
  io.stdout.write(
    values.json
      ? `${JSON.stringify(output)}\n`
      : `Pushed ${output['qcow2-ref']} (${formatBytes(result.size)}, sent ${formatBytes(result.pushedBytes)})\n`,
  );
  return 0;
}

async function artifactPull(
  file: string,
  { image, client, reporter }: Connected,
  values: ArtifactValues,
  io: CliIo,
): Promise<number> {
  const reference = image.digest ?? image.tag;
  if (!reference)
    throw new UsageError(
      `argument REF: give a tag or a digest (${formatReference(image)}:TAG or @sha256:…)`,
    );
  const result = await pullArtifact(client, image.repository, reference, file, reporter);
  io.stdout.write(
    values.json
      ? `${JSON.stringify({ path: result.path, digest: result.digest, 'downloaded-bytes': String(result.downloadedBytes) })}\n`
      : `Pulled ${formatReference(image)} (${result.digest}) into ${result.path}\n`,
  );
  return 0;
}
