// Bundles each entry point into dist/<name>/index.js with @vercel/ncc (ESM, as the action runs it).
// dist/ is committed; the test suite and CI rebuild it and fail when it differs (check-dist).
// Each bundle is built beside its old one and swapped in only when complete.
import { execFileSync } from 'node:child_process';
import { chmodSync, renameSync, rmSync } from 'node:fs';

const entries = {
  'build-image': 'src/actions/build-image/index.ts',
  cli: 'src/cli/index.ts',
  deploy: 'src/actions/deploy/index.ts',
  // The store cache's unpacking threads (src/store-cache/unpack/worker-pool.ts finds it beside cli/).
  'unpack-worker': 'src/store-cache/unpack/worker.ts',
  // The store cache's unpacking as root through sudo on a multi-user store (unpack/as-root.ts).
  'unpack-as-root': 'src/store-cache/unpack/root-child.ts',
};

for (const [name, entry] of Object.entries(entries)) {
  const out = `dist/${name}`;
  const staging = `dist/.${name}.new`;
  rmSync(staging, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      staging,
      '--license',
      'licenses.txt',
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
  if (name === 'cli') chmodSync(`${staging}/index.js`, 0o755);
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
}
