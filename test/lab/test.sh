#!/usr/bin/env bash
# The whole test suite on the local lab: set-up, format, lint, types, the bundles compared with
# the committed dist/, then unit and integration tests on the Node version the actions declare.
set -euo pipefail
cd "$(dirname -- "$0")/../.."

bash test/lab/setup.sh
# The lab's own Nix settings (see setup.sh); a machine's /etc/nix/nix.conf is not changed.
export NIX_CONF_DIR="$PWD/.tmp/lab/nix"
PATH="$PWD/node_modules/.bin:$PATH"
echo "node $(node --version) (the actions declare node24)"

npm run --silent format:check
npm run --silent lint
npm run --silent typecheck
npm run --silent bundle
if [ -d .git ] && ! git diff --quiet -- dist; then
  echo "dist/ differs from what the sources bundle to: run 'npm run bundle' and commit dist/" >&2
  git diff --stat -- dist >&2
  exit 1
fi
npm run --silent test:unit
npm run --silent test:integration
