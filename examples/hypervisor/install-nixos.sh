#!/usr/bin/env bash
# Install NixOS onto the file systems that setup-filesystem.sh mounted at /mnt,
# over SSH as root. Root gets your SSH public key and no password.
#
#   NIXADDR=192.168.33.23 SSH_PUBKEY_FILE=~/.ssh/id_ed25519.pub ./install-nixos.sh
#   SSH_PUBKEY_FILE=~/.ssh/id_ed25519.pub ./install-nixos.sh --print-access-nix
#
# The second form only prints the install-access.nix it would write (no SSH).
# SSH_PUBKEY_FILE defaults to ~/.ssh/id_ed25519.pub.
# SSH_OPTS: extra ssh options, split on spaces (e.g. "-i ~/.ssh/lab").
set -euo pipefail

die() {
  printf 'install-nixos.sh: %s\n' "$*" >&2
  exit 1
}

case "${1:-}" in
  "") mode=install ;;
  --print-access-nix) mode=print ;;
  *) die "unknown argument $1; expected none or --print-access-nix" ;;
esac

if [ "$mode" = install ]; then
  [ -n "${NIXADDR:-}" ] || die "NIXADDR is required: the address of the machine booted from the NixOS installer"
fi

pubkey_file="${SSH_PUBKEY_FILE:-$HOME/.ssh/id_ed25519.pub}"
[ -f "$pubkey_file" ] && [ -r "$pubkey_file" ] ||
  die "cannot read the SSH public key $pubkey_file; set SSH_PUBKEY_FILE"
pubkey="$(head -n 1 -- "$pubkey_file")"
case "$pubkey" in
  ssh-* | ecdsa-* | sk-*) ;;
  *) die "$pubkey_file does not look like an SSH public key (ssh-ed25519 AAAA...)" ;;
esac
# The key goes into a Nix string: refuse what Nix would interpret there.
case "$pubkey" in
  *\"* | *\\* | *\$\{*) die "$pubkey_file contains characters that cannot go into a Nix string" ;;
esac

# The settings are mkDefault so that hypervisor.nix (imported beside this file)
# can turn password logins on: two plain definitions of an sshd setting conflict.
access_nix="# Written by install-nixos.sh: root logs in over SSH with this key only.
{ lib, ... }:
{
  nix.settings.experimental-features = [ \"nix-command\" \"flakes\" ];
  services.openssh.enable = true;
  services.openssh.settings.PermitRootLogin = lib.mkDefault \"prohibit-password\";
  services.openssh.settings.PasswordAuthentication = lib.mkDefault false;
  users.users.root.openssh.authorizedKeys.keys = [ \"${pubkey}\" ];
}"

if [ "$mode" = print ]; then
  printf '%s\n' "$access_nix"
  exit 0
fi

# base64 keeps the file intact on the remote command line (no quoting to get wrong).
access_b64="$(printf '%s\n' "$access_nix" | base64 | tr -d '\n')"

read -r -a ssh_opts <<<"${SSH_OPTS:-}"

# The remote script runs from a function so that nothing in it can read the
# rest of the script from stdin.
ssh ${ssh_opts[@]+"${ssh_opts[@]}"} -- "root@${NIXADDR}" "ACCESS_B64=${access_b64} bash -s" <<'REMOTE'
main() {
  set -euo pipefail
  mountpoint -q /mnt || { echo "/mnt is not mounted; run setup-filesystem.sh first" >&2; exit 1; }

  # Keeps an existing configuration.nix; regenerates hardware-configuration.nix.
  nixos-generate-config --root /mnt

  # Access settings live in their own file instead of being edited into
  # configuration.nix, so a rerun replaces them instead of adding twice.
  printf '%s' "$ACCESS_B64" | base64 -d >/mnt/etc/nixos/install-access.nix.tmp
  mv /mnt/etc/nixos/install-access.nix.tmp /mnt/etc/nixos/install-access.nix

  conf=/mnt/etc/nixos/configuration.nix
  if ! grep -q 'install-access\.nix' "$conf"; then
    sed -i 's|\./hardware-configuration\.nix|& ./install-access.nix|' "$conf"
  fi
  grep -q 'install-access\.nix' "$conf" ||
    { echo "could not add ./install-access.nix to the imports of $conf" >&2; exit 1; }

  nixos-install --no-root-passwd
}
main
REMOTE

printf 'Installed. Reboot with: ssh root@%s reboot\n' "$NIXADDR"
