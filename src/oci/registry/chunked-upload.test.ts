// Which side a chunked upload says waited (its Pace, which moves gzip's level: adaptive-level),
// against a stand-in registry on loopback that answers PATCH late (a slow link) or at once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkedUpload } from './chunked-upload.js';
import { RegistryClient } from './registry-client.js';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A registry whose PATCH answers come `patchDelayMs` after the body has arrived. */
async function registry(patchDelayMs: number): Promise<RegistryClient> {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = () => {
        response.writeHead(request.method === 'PATCH' ? 202 : 201, {
          location: '/v2/r/blobs/uploads/u',
          'content-length': '0',
        });
        response.end();
      };
      if (request.method === 'PATCH') setTimeout(answer, patchDelayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new RegistryClient({ registry: `127.0.0.1:${port}`, plainHttp: true });
}

function recorder() {
  const waits = { link: [] as number[], deflate: [] as number[] };
  const pace = {
    waitedForLink: (ms: number) => waits.link.push(ms),
    waitedForDeflate: (ms: number) => waits.deflate.push(ms),
  };
  return { waits, pace };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SESSION = Promise.resolve('/v2/r/blobs/uploads/u');

describe('ChunkedUpload pace', () => {
  it('a chunk full while the PATCH before it is still going: the link waited', async () => {
    const client = await registry(150);
    const { waits, pace } = recorder();
    const upload = await ChunkedUpload.start(client, 'r', 4096, SESSION, 1024, pace);
    await upload.write(Buffer.alloc(1024)); // the first PATCH leaves
    await upload.write(Buffer.alloc(2048)); // full at once: waits for the first's answer
    expect(waits.link).toHaveLength(1);
    expect(waits.link[0]).toBeGreaterThan(100);
    expect(waits.deflate).toEqual([]);
    await upload.finish('sha256:' + '0'.repeat(64));
  });

  it('nothing on the wire while the next chunk filled: the compressor was waited for', async () => {
    const client = await registry(0);
    const { waits, pace } = recorder();
    const upload = await ChunkedUpload.start(client, 'r', 4096, SESSION, 1024, pace);
    await upload.write(Buffer.alloc(1024));
    await sleep(200); // the PATCH is answered long before the producer has the next chunk
    await upload.write(Buffer.alloc(2048));
    expect(waits.link).toEqual([]);
    // The first chunk may count too: the wire is the process's, idle since the last test's.
    expect(waits.deflate.at(-1)).toBeGreaterThan(100);
    await upload.finish('sha256:' + '0'.repeat(64));
  });
});
