#!/usr/bin/env bash
# The whole test suite on the local lab: set-up, format, lint, types, the bundles compared with
# the committed dist/, then unit and integration tests on the Node version the actions declare.
set -euo pipefail
cd "$(dirname -- "$0")/../.."

bash test/lab/setup.sh
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
