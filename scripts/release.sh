#!/usr/bin/env bash
# Tags a release in the style of actions/typescript-action's script/release: the version comes
# from package.json (what `hypernix --version` prints), dist/ must be what the sources bundle to,
# CHANGELOG.md must have a section for it; then vX.Y.Z is tagged (never moved) and the major tag
# vX is moved to it. Only the major tag is force-pushed.
#
#   scripts/release.sh            check, tag and push (asks first unless --yes)
#   scripts/release.sh --check    check only: nothing is tagged or pushed
#   scripts/release.sh --notes    print the CHANGELOG section of the version (the release notes)
set -euo pipefail
cd "$(dirname -- "$0")/.."

die() { echo "release: $*" >&2; exit 1; }
mode=release
yes=false
for arg in "$@"; do
  case "$arg" in
    --check) mode=check ;;
    --notes) mode=notes ;;
    --yes) yes=true ;;
    *) die "unknown argument '$arg': expected --check, --notes or --yes" ;;
  esac
done

version=$(node -p 'require("./package.json").version')
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "package.json version '$version': expected X.Y.Z"
tag="v$version"
major="v${version%%.*}"

# The CHANGELOG section "## [X.Y.Z] - date" up to the next "## ".
notes=$(awk -v v="$version" '
  index($0, "## [" v "]") == 1 { found = 1; next }
  found && /^## / { exit }
  found { print }' CHANGELOG.md)
[ -n "$(echo "$notes" | tr -d '[:space:]')" ] || die "CHANGELOG.md has no '## [$version]' section with notes"
if [ "$mode" = notes ]; then printf '%s\n' "$notes"; exit 0; fi

[ -z "$(git status --porcelain --untracked-files=no)" ] || die "the work tree has changes: commit or stash them"
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then die "$tag exists already: bump package.json"; fi
if git ls-remote --exit-code --tags origin "refs/tags/$tag" >/dev/null 2>&1; then
  die "$tag exists on origin already: bump package.json"
fi
# The highest tag so far must be older (semantic versions compare with sort -V).
latest=$(git tag --list 'v[0-9]*.[0-9]*.[0-9]*' | sort -V | tail -n 1)
if [ -n "$latest" ] && [ "$(printf '%s\n%s\n' "$latest" "$tag" | sort -V | tail -n 1)" != "$tag" ]; then
  die "$tag is not newer than $latest"
fi

echo "release: rebundling dist/ to check it is current"
npm run --silent bundle >/dev/null
git diff --quiet -- dist || die "dist/ differs from what the sources bundle to: run 'npm run bundle' and commit dist/"
[ -z "$(git ls-files --others --exclude-standard -- dist)" ] || die "dist/ has files git does not track: commit them"

if [ "$mode" = check ]; then echo "release: $tag ready (major tag $major)"; exit 0; fi

if [ "$yes" != true ]; then
  read -r -p "Tag $tag and move $major to $(git rev-parse --short HEAD)? [y/N] " answer
  [ "$answer" = y ] || die "nothing tagged"
fi
git tag -a "$tag" -m "$tag"
git tag -fa "$major" -m "$major (now $tag)"
# vX.Y.Z is pushed as a new tag (refused if it exists); only the major tag is forced.
git push origin "refs/tags/$tag"
git push --force origin "refs/tags/$major"
echo "release: pushed $tag and moved $major"
