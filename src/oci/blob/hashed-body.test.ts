import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { framedLayer, type FramedChunk, type Framing } from './framed-layer.js';
import { HashedBody } from './hashed-body.js';
import { tempDir } from '../../../test/helpers/temp.js';

const dir = tempDir('hypernix-hashed-');

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/**
 * A layer of `size` random bytes inside a file, and a reader that counts the chunks it reads.
 * `failingRead`: the read of that number (1 = the first) throws after its first chunk.
 */
function layerFile(size: number, framing: Framing, failingRead?: number) {
  const layer = randomBytes(size);
  const path = join(dir, `layer-${size}-${Math.random()}`);
  writeFileSync(path, Buffer.concat([randomBytes(512), layer, randomBytes(100)]));
  const counted = { chunks: 0, reads: 0 };
  async function* read(): AsyncGenerator<FramedChunk> {
    counted.reads += 1;
    const failing = counted.reads === failingRead;
    for await (const chunk of framedLayer(path, 512, size, framing)) {
      counted.chunks += 1;
      yield chunk;
      if (failing) throw new Error('EIO: the disk went away');
    }
  }
  return { layer, read, counted };
}

async function* blobs(chunks: AsyncIterable<FramedChunk>): AsyncGenerator<Buffer> {
  for await (const { blob } of chunks) yield blob;
}

/** Sends a body to its end, as the transport does: each chunk is gone once the next is asked for. */
async function sendAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const sent: Buffer[] = [];
  for await (const chunk of body) sent.push(Buffer.from(chunk));
  return Buffer.concat(sent);
}

/** How many chunks one read of the layer has. */
async function chunksOfOneRead(
  read: () => AsyncIterable<FramedChunk>,
  counted: { chunks: number },
) {
  const before = counted.chunks;
  await sendAll(blobs(read()));
  return counted.chunks - before;
}

describe('HashedBody', () => {
  it('reads the layer once, hashing each chunk as it is sent', async () => {
    const { layer, read, counted } = layerFile(2_700_000, 'stored-gzip');
    const body = new HashedBody(read, 'stored-gzip');
    const blob = await sendAll(body.stream());
    const bodyChunks = counted.chunks;
    expect(bodyChunks).toBe(await chunksOfOneRead(read, counted));
    expect(await body.hashed).toEqual({ diffId: sha256(layer), digest: sha256(blob) });
    expect(await body.digests()).toEqual(await body.hashed);
  });

  it('hashes an identity blob once, as the layer', async () => {
    const { layer, read } = layerFile(300_000, 'identity');
    const body = new HashedBody(read, 'identity');
    const blob = await sendAll(body.stream());
    expect(blob.equals(layer)).toBe(true);
    expect(await body.hashed).toEqual({ diffId: sha256(layer), digest: sha256(layer) });
  });

  it('leaves the digests to the next body when one is given up part-way', async () => {
    const { layer, read } = layerFile(1_000_000, 'stored-gzip');
    const body = new HashedBody(read, 'stored-gzip');
    let settled = false;
    void body.hashed.then(() => (settled = true));
    for await (const chunk of body.stream()) {
      expect(chunk.length).toBeGreaterThan(0);
      break; // a try that failed after its first chunk
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    const blob = await sendAll(body.stream());
    expect(await body.hashed).toEqual({ diffId: sha256(layer), digest: sha256(blob) });
  });

  it('hashes the layer on its own when no body was read to its end', async () => {
    const { layer, read } = layerFile(1_000_000, 'stored-gzip');
    const body = new HashedBody(read, 'stored-gzip');
    const blob = await sendAll(blobs(read()));
    expect(await body.digests()).toEqual({ diffId: sha256(layer), digest: sha256(blob) });
  });

  it('fails its digests when the layer cannot be read', async () => {
    // The registry may be waiting on the digests: they must fail, not hang.
    const { read } = layerFile(300_000, 'stored-gzip', 1);
    const body = new HashedBody(read, 'stored-gzip');
    await expect(sendAll(body.stream())).rejects.toThrow(/EIO/);
    await expect(body.hashed).rejects.toThrow(/EIO/);
  });
});
