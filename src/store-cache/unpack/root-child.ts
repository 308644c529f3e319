// The store cache's unpacking as root (bundled on its own as dist/unpack-as-root/index.js; see
// as-root.ts): started through sudo on a multi-user store, it reads one request from stdin,
// restores the pack as a root process would (importPack: unpack, verify, lock, rename, register
// with root's nix-store on the local store), and says one line on stderr when it cannot.
import { installationAt } from '../../nix/locate.js';
import { parseNixVersion } from '../../nix/version.js';
import { describeError, HypernixError } from '../../util/errors.js';
import { readBounded } from '../../util/read-bounded.js';
import { importPack } from '../pack.js';
import type { RootUnpackRequest } from './as-root.js';

// An entry's path records, with their references: 2,000 paths take about 1 MB.
const MAX_REQUEST_BYTES = 256 << 20;

async function readRequest(): Promise<RootUnpackRequest> {
  const input = await readBounded(
    process.stdin,
    MAX_REQUEST_BYTES,
    () => new HypernixError('the root unpacking request is too large'),
  );
  const request = JSON.parse(input.toString('utf8')) as RootUnpackRequest;
  const strings = [request.nixBinDir, request.nixVersion, request.dir];
  if (strings.some((value) => typeof value !== 'string') || !Array.isArray(request.infos)) {
    throw new HypernixError('the root unpacking request is not one hypernix sends');
  }
  return request;
}

async function main(): Promise<void> {
  const request = await readRequest();
  // Root writes the store itself: never through a daemon, whatever sudo kept of the environment.
  delete process.env.NIX_REMOTE;
  for (const [name, value] of Object.entries(request.settings ?? {})) process.env[name] = value;
  const nix = installationAt(request.nixBinDir, parseNixVersion(request.nixVersion));
  await importPack(nix, request.dir, request.infos, request.store, 'unpack');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(1);
  },
);
