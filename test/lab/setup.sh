#!/usr/bin/env bash
# Sets up the embedded local lab on a fresh Debian 12 machine (root, no systemd): the Debian
# packages the kit's tests use, single-user Nix without a daemon, and the npm packages.
# Idempotent: re-running it installs nothing that is already there.
set -euo pipefail
cd "$(dirname -- "$0")/../.."

# Root on the lab and in CI; a GitHub-hosted runner's user has sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(nix-bin qemu-utils zstd xz-utils git ca-certificates docker-registry skopeo apache2-utils curl openssl openssh-server openssh-client iproute2)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "lab: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The hypervisor lab (libvirtd, qemu, dnsmasq, OVMF) and the Debian parts of its guest image.
bash test/lab/hypervisor-install.sh

# Debian's nix-bin as LAB.md sets it up: single-user root, no build users, no sandbox, and no
# substituters (nothing outside this machine is reachable). An existing config is kept aside.
nix_conf=/etc/nix/nix.conf
marker='# hypernix lab'
if ! grep -qF "$marker" "$nix_conf" 2>/dev/null; then
  as_root mkdir -p /etc/nix
  if [ -f "$nix_conf" ]; then as_root cp "$nix_conf" "$nix_conf.before-hypernix-lab"; fi
  as_root tee "$nix_conf" >/dev/null <<CONF
$marker
build-users-group =
sandbox = false
experimental-features = nix-command
substituters =
CONF
fi

if [ ! -x node_modules/.bin/vitest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "lab: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
