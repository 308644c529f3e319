#!/usr/bin/env bash
# The kit's main job on the embedded local lab, run as a GitHub runner runs it: the bundled
# hypernix/build-image action builds the guide's two images (the lab's fixture stand-ins, since
# nixpkgs cannot be downloaded here: a NixOS-layout qcow2 and a dockerTools-layout layered image)
# with the local Nix, then prints each job summary and the outputs.
set -euo pipefail
cd "$(dirname -- "$0")/../.."

bash test/lab/setup.sh
PATH="$PWD/node_modules/.bin:$PATH"

work=$(mktemp -d "${TMPDIR:-/tmp}/hypernix-main-job.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Runs one action step: inputs as INPUT_* variables, outputs and summary through the runner's files.
step() {
  local name=$1 action=$2
  shift 2
  local dir="$work/$name"
  mkdir -p "$dir"
  : > "$dir/output" && : > "$dir/summary.md" && : > "$dir/state" && : > "$dir/path"
  echo "── step: $name ($action)"
  env "$@" GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary.md" GITHUB_STATE="$dir/state" \
    GITHUB_PATH="$dir/path" GITHUB_WORKSPACE="$PWD" RUNNER_TEMP="$dir" RUNNER_TOOL_CACHE="$work/tool-cache" \
    node "$(node -e "const y=require('fs').readFileSync('$action/action.yml','utf8');console.log('$action/'+/main: *(\S+)/.exec(y)[1])")" \
    | grep -v '^::debug::' | sed -e '/^::group::/d' -e '/^::endgroup::/d'
  echo "── job summary"
  cat "$dir/summary.md"
  echo "── outputs"
  sed -n 's/^\([a-z0-9-]*\)<<.*/\1/p' "$dir/output" | while read -r output; do
    printf '  %-15s %s\n' "$output" "$(sed -n "/^$output<</{n;p}" "$dir/output")"
  done
  echo
}

fixtures=test/fixtures/nix/images.nix
step qcow2 qcow2 INPUT_FILE="$fixtures" INPUT_ATTRIBUTE=qcow INPUT_PRESET=qcow2 INPUT_KIND=qcow2
step container container INPUT_FILE="$fixtures" INPUT_ATTRIBUTE=layered INPUT_PRESET=container INPUT_KIND=container
