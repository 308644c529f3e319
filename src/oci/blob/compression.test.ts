import { randomBytes } from 'node:crypto';
import { Duplex, Readable, type Transform } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressionOf, compressor, manifestFormatFor, transformChunks } from './compression.js';
import { MEDIA_TYPE } from '../media-types.js';

/** Chunks of `data` handed over in one buffer that is overwritten for each, as readFileRange does. */
async function* reusedChunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  const scratch = Buffer.alloc(size);
  for (let at = 0; at < data.length; at += size) {
    const length = data.copy(scratch, 0, at, at + size);
    yield scratch.subarray(0, length);
    scratch.fill(0xaa);
  }
}

async function collect(output: AsyncIterable<Buffer>, into: Buffer[]): Promise<void> {
  for await (const chunk of output) into.push(chunk);
}

describe('transformChunks', () => {
  it('gzips a source that reuses one buffer, each chunk taken before the next is read', async () => {
    const text = Buffer.from(`${randomBytes(200_000).toString('hex')}\n`.repeat(3));
    const out: Buffer[] = [];
    await transformChunks(reusedChunks(text, 65_536), compressor('gzip', 1), (output) =>
      collect(output, out),
    );
    expect(gunzipSync(Buffer.concat(out)).equals(text)).toBe(true);
  });

  it('fails, rather than waiting for ever, when the output ends before the input is taken', async () => {
    // A compressor process that died: its output has ended and its input is never taken.
    const dead = new Duplex({ read() {}, write() {} }) as unknown as Transform;
    dead.push(null);
    const run = transformChunks(reusedChunks(randomBytes(1 << 20), 65_536), dead, (output) =>
      collect(output, []),
    );
    await expect(run).rejects.toThrow(/ended its output before it had all its input/);
  });

  it('fails with the error of a sink that fails', async () => {
    const run = transformChunks(
      Readable.from([randomBytes(300_000), randomBytes(300_000)]),
      compressor('gzip', 1),
      async () => {
        throw new Error('registry gone');
      },
    );
    await expect(run).rejects.toThrow('registry gone');
  });
});

describe('manifestFormatFor', () => {
  it('makes OCI manifests unless Docker schema 2 is asked for, which takes gzip only', () => {
    expect(manifestFormatFor('gzip')).toBe('oci');
    expect(manifestFormatFor('gzip', 'docker')).toBe('docker');
    expect(manifestFormatFor('zstd', 'docker')).toBe('oci');
    expect(manifestFormatFor('none')).toBe('oci');
  });
});

describe('compressionOf', () => {
  it('knows the layer types of both manifest kinds, and offers no foreign layer for reuse', () => {
    expect(compressionOf(MEDIA_TYPE.dockerLayerGzip)).toBe('gzip');
    expect(compressionOf(MEDIA_TYPE.ociLayerGzip)).toBe('gzip');
    expect(compressionOf(MEDIA_TYPE.ociLayerZstd)).toBe('zstd');
    expect(compressionOf(MEDIA_TYPE.ociLayer)).toBe('none');
    expect(compressionOf('application/vnd.docker.image.rootfs.diff.tar')).toBe('none');
    expect(compressionOf('application/vnd.docker.image.rootfs.foreign.diff.tar.gzip')).toBe(
      undefined,
    );
    expect(compressionOf('application/vnd.oci.image.layer.nondistributable.v1.tar+gzip')).toBe(
      undefined,
    );
  });
});
