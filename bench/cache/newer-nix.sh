#!/usr/bin/env bash
# Unpacks Debian trixie's Nix (2.26) and the libraries it needs into DIR, without installing
# anything, and writes DIR/bin with one wrapper per Nix program. The lab's Nix is bookworm's 2.8;
# runners install a 2.2x Nix, whose `nix copy` is faster. Trixie's Nix needs a newer glibc than
# bookworm's, so the wrappers start it with trixie's own loader.
#
# Only for restores into chroot stores (--store DIR): a newer Nix would upgrade the schema of the
# lab's own store database, which Nix 2.8 then could not open.
#
#   bash bench/cache/newer-nix.sh /tmp/nix-2.26
#   node_modules/.bin/node bench/cache/run.ts --restore-nix /tmp/nix-2.26/bin
set -euo pipefail

dir=${1:?usage: newer-nix.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
apt_root="$dir/apt"
root="$dir/root"
rm -rf "$apt_root" "$root" "$dir/bin"
mkdir -p "$apt_root/etc/apt/preferences.d" "$apt_root/var/lib/apt/lists/partial" \
  "$apt_root/var/cache/apt/archives/partial" "$apt_root/var/lib/dpkg" "$root" "$dir/bin" "$dir/debs"
touch "$apt_root/var/lib/dpkg/status"
echo 'deb http://deb.debian.org/debian trixie main' > "$apt_root/etc/apt/sources.list"
apt_options=(
  -o "Dir=$apt_root" -o "Dir::State::status=$apt_root/var/lib/dpkg/status"
  -o "Dir::Etc=$apt_root/etc/apt" -o Dir::Etc::trusted=/etc/apt/trusted.gpg
  -o Dir::Etc::trustedparts=/etc/apt/trusted.gpg.d -o APT::Architecture=amd64
  -o APT::Sandbox::User=root
)
apt-get "${apt_options[@]}" update -qq

# nix-bin's libraries and theirs; perl, PAM, debconf and the like are not needed to copy paths.
mapfile -t packages < <(
  apt-cache "${apt_options[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances nix-bin |
    grep -v '^[ <]' | sort -u |
    grep -v -E '^(perl.*|libperl.*|lib.*-perl|debconf|cdebconf|base-passwd|debianutils|libpam.*|libselinux1|libsemanage.*|libsepol2|libaudit.*|libnewt.*|libslang2|libdebian-installer4|libdebconfclient0|curl|bash-static|bzip2|xz-utils)$'
)
(cd "$dir/debs" && apt-get "${apt_options[@]}" download -qq "${packages[@]}")
for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$root"; done

loader="$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
libraries="$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu"
for program in "$root"/usr/bin/nix*; do
  name=$(basename "$program")
  # Nix is one program that acts by the name it is run as: keep that name.
  printf '#!/bin/sh\nexec %q --library-path %q %q "$@"\n' "$loader" "$libraries" "$program" \
    > "$dir/bin/$name"
  chmod +x "$dir/bin/$name"
done
"$dir/bin/nix" --version
