import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cryptoLoaded } from '../util/lazy-builtins.js';
import { framedLayer, type FramedChunk, type Framing } from './framed-layer.js';
import { HashedBody, HEAD_START } from './hashed-body.js';

const dir = mkdtempSync(join(tmpdir(), 'hypernix-hashed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A layer of `size` random bytes inside a file, and a reader that counts the chunks it reads. */
function layerFile(size: number, framing: Framing) {
  const layer = randomBytes(size);
  const path = join(dir, `layer-${size}-${Math.random()}`);
  writeFileSync(path, Buffer.concat([randomBytes(512), layer, randomBytes(100)]));
  const counted = { chunks: 0 };
  async function* read(): AsyncGenerator<FramedChunk> {
    for await (const chunk of framedLayer(path, 512, size, framing)) {
      counted.chunks += 1;
      yield chunk;
    }
  }
  return { layer, read, counted };
}

/** Sends a body to its end, as the transport does: each chunk is gone once the next is asked for. */
async function sendAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const sent: Buffer[] = [];
  for await (const chunk of body) sent.push(Buffer.from(chunk));
  return Buffer.concat(sent);
}

async function* blobs(chunks: AsyncIterable<FramedChunk>): AsyncGenerator<Buffer> {
  for await (const { blob } of chunks) yield blob;
}

// One file: node:crypto is loaded (through lazy-builtins) by the first body hashed, and this
// module's state lasts from test to test, so the order of the tests matters here.
describe('HashedBody', () => {
  it('sends its first bytes unhashed until node:crypto is loaded, and hashes them read again', async () => {
    expect(cryptoLoaded()).toBe(false);
    const { layer, read, counted } = layerFile(HEAD_START + 700_000, 'stored-gzip');
    const body = new HashedBody(read, 'stored-gzip');
    const blob = await sendAll(body.stream());
    expect(await body.hashed).toEqual({ diffId: sha256(layer), digest: sha256(blob) });
    expect(cryptoLoaded()).toBe(true);
    // One read to send, and the head start's chunks read once more to hash them.
    const bodyChunks = counted.chunks;
    counted.chunks = 0;
    await sendAll(blobs(read()));
    expect(bodyChunks).toBeGreaterThan(counted.chunks);
    expect(bodyChunks).toBeLessThan(2 * counted.chunks);
  });

  it('reads the layer once when node:crypto is loaded', async () => {
    const { layer, read, counted } = layerFile(HEAD_START + 700_000, 'stored-gzip');
    const body = new HashedBody(read, 'stored-gzip');
    const blob = await sendAll(body.stream());
    const bodyChunks = counted.chunks;
    counted.chunks = 0;
    await sendAll(blobs(read()));
    expect(bodyChunks).toBe(counted.chunks);
    expect(await body.digests()).toEqual({ diffId: sha256(layer), digest: sha256(blob) });
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
});
