// An unpacking thread (bundled on its own as dist/unpack-worker/index.js; see worker-pool.ts):
// unpacks each NAR the main thread sends (read, decode, hash, parse, write: unpackNar) and
// answers with its id, and one line when it failed (unpackNar has then removed its tree).
import { parentPort } from 'node:worker_threads';
import { describeError } from '../../util/errors.js';
import { FAULT_VARIABLE } from './fault.js';
import { unpackNar } from './unpack-nar.js';
import type { WorkerReply, WorkerRequest } from './worker-pool.js';

const port = parentPort;
port?.on('message', (request: WorkerRequest) => {
  // Structured cloning turned the Buffer into a Uint8Array.
  const job = { ...request.job, narHash: Buffer.from(request.job.narHash) };
  unpackNar(job).then(
    () => {
      // Test-only: the thread dies with the tree written and unreported.
      if (process.env[FAULT_VARIABLE] === 'crash-worker') process.exit(3);
      port.postMessage({ id: request.id } satisfies WorkerReply);
    },
    (error: unknown) => port.postMessage({ id: request.id, error: describeError(error) }),
  );
});
