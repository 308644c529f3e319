// Bundles each entry point into dist/<name>/index.js with @vercel/ncc (ESM, as the action runs it).
// dist/ is committed; CI rebuilds it and fails when it differs (check-dist).
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

const entries = {
  'build-image': 'src/actions/build-image/index.ts',
  cli: 'src/cli/index.ts',
};

for (const [name, entry] of Object.entries(entries)) {
  const out = `dist/${name}`;
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
}
chmodSync('dist/cli/index.js', 0o755);
