import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { InputError } from '../util/errors.js';
import { openTarStream, sniffFile } from '../oci/archive-format.js';
import type { ArchiveSource } from '../oci/push-image.js';

/**
 * Opens what the build produced as a source of image layers: a plain tar file is read in
 * parallel by offsets; a gzip/zstd archive, a streamLayeredImage script (run, its stdout read)
 * or standard input ('-') is read once as a stream.
 */
export async function openArchive(path: string, label: string): Promise<ArchiveSource> {
  if (path === '-')
    return { type: 'stream', open: () => process.stdin, describe: 'standard input' };
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InputError(`${label}: ${path} does not exist`);
  if (info.isDirectory())
    throw new InputError(`${label}: ${path} is a directory, not a docker archive`);
  const format = await sniffFile(path);
  switch (format) {
    case 'tar':
      return { type: 'file', path };
    case 'tar.gz':
    case 'tar.zst':
      return { type: 'stream', open: () => openTarStream(path, format), describe: path };
    case 'stream':
      return {
        type: 'stream',
        describe: path,
        open: () => {
          const child = spawn(path, [], { stdio: ['ignore', 'pipe', 'inherit'] });
          child.on('error', (error) => child.stdout.destroy(error));
          child.on('close', (code) => {
            if (code)
              child.stdout.destroy(
                new InputError(`${path} (a streamLayeredImage script) exited with ${code}`),
              );
          });
          return child.stdout;
        },
      };
    default:
      throw new InputError(
        `${label}: ${path} is not a docker archive (expected a .tar, .tar.gz or .tar.zst docker archive or a streamLayeredImage script)`,
      );
  }
}
