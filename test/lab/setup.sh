#!/usr/bin/env bash
# Sets up the embedded local lab on a fresh Debian 12 machine (root, no systemd): the Debian
# packages the kit's tests use, single-user Nix without a daemon, and the npm packages.
# Idempotent: re-running it installs nothing that is already there.
set -euo pipefail
cd "$(dirname -- "$0")/../.."

# shellcheck source=apt.sh
. test/lab/apt.sh

install_missing nix-bin qemu-utils zstd xz-utils git ca-certificates docker-registry skopeo \
  apache2-utils curl openssl openssh-server openssh-client iproute2 sudo

# The hypervisor lab (libvirtd, qemu, dnsmasq, OVMF) and the Debian parts of its guest image.
bash test/lab/hypervisor-install.sh

# Debian's nix-bin set up for the lab: single-user root, no build users, no sandbox, and no
# substituters (nothing outside this machine is reachable). The lab's runs (test.sh, main-job.sh)
# read this from a directory of their own through NIX_CONF_DIR, so a nix.conf the machine already
# has is left as it is. Only where the machine has none is the same file written to /etc/nix too,
# so that Nix works the same when a developer runs a single test by hand.
lab_nix_conf_dir="$PWD/.tmp/lab/nix"
mkdir -p "$lab_nix_conf_dir"
cat > "$lab_nix_conf_dir/nix.conf" <<'CONF'
# hypernix lab
build-users-group =
sandbox = false
experimental-features = nix-command
substituters =
CONF
if [ ! -e /etc/nix/nix.conf ]; then
  echo "lab: /etc/nix/nix.conf did not exist; writing the lab's (single-user, no sandbox, no substituters)"
  as_root mkdir -p /etc/nix
  as_root cp "$lab_nix_conf_dir/nix.conf" /etc/nix/nix.conf
fi

# Two runner users for the multi-user store test (store-cache-multi-user.itest.ts starts its own
# nix-daemon): one with passwordless sudo, as on GitHub's runners, and one without.
for user in hypernix-sudo hypernix-nosudo; do
  id -u "$user" > /dev/null 2>&1 || as_root useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
done
if [ ! -e /etc/sudoers.d/hypernix-lab ]; then
  echo 'hypernix-sudo ALL=(ALL:ALL) NOPASSWD: ALL' > .tmp/lab/sudoers
  as_root visudo -cqf .tmp/lab/sudoers
  as_root install -m 0440 -o root -g root .tmp/lab/sudoers /etc/sudoers.d/hypernix-lab
fi

if [ ! -x node_modules/.bin/vitest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "lab: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
