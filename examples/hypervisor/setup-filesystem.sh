#!/usr/bin/env bash
# Partition, format and mount DISK on a machine booted from the NixOS installer,
# over SSH as root. ERASES DISK.
#
#   NIXADDR=192.168.33.23 DISK=/dev/sda CONFIRM=yes ./setup-filesystem.sh
#
# Layout (UEFI): partition 1 = ext4 "nixos" (512MiB to the end), partition 2 =
# FAT32 ESP "boot" (1MiB-512MiB), mounted at /mnt and /mnt/boot.
# SSH_OPTS: extra ssh options, split on spaces (e.g. "-i ~/.ssh/lab -p 22").
set -euo pipefail

die() {
  printf 'setup-filesystem.sh: %s\n' "$*" >&2
  exit 1
}

[ -n "${NIXADDR:-}" ] || die "NIXADDR is required: the address of the machine booted from the NixOS installer"
[ -n "${DISK:-}" ] || die "DISK is required: the whole disk to erase, e.g. /dev/sda or /dev/nvme0n1"
case "$DISK" in
  /dev/*) ;;
  *) die "DISK must be a device path under /dev, got: $DISK" ;;
esac
[ "${CONFIRM:-}" = yes ] || die "this ERASES $DISK on $NIXADDR; run again with CONFIRM=yes"

read -r -a ssh_opts <<<"${SSH_OPTS:-}"

# The remote script runs from a function so that nothing in it can read the
# rest of the script from stdin.
ssh ${ssh_opts[@]+"${ssh_opts[@]}"} -- "root@${NIXADDR}" "DISK=$(printf '%q' "$DISK") bash -s" <<'REMOTE'
main() {
  set -euo pipefail
  [ -b "$DISK" ] || { echo "not a block device: $DISK" >&2; exit 1; }
  # Resolve /dev/disk/by-id/... links to the kernel name, so partitions are <disk>1 or <disk>p1.
  DISK="$(readlink -f "$DISK")"
  # /dev/nvme0n1 -> /dev/nvme0n1p1, /dev/sda -> /dev/sda1
  case "$DISK" in
    *[0-9]) part="${DISK}p" ;;
    *) part="$DISK" ;;
  esac

  umount -R /mnt 2>/dev/null || true
  wipefs -a "$DISK"
  parted -s "$DISK" -- mklabel gpt
  parted -s "$DISK" -- mkpart primary 512MiB 100%
  parted -s "$DISK" -- mkpart ESP fat32 1MiB 512MiB
  parted -s "$DISK" -- set 2 esp on
  udevadm settle

  mkfs.ext4 -F -L nixos "${part}1"
  mkfs.fat -F 32 -n boot "${part}2"
  udevadm settle

  mount /dev/disk/by-label/nixos /mnt
  mkdir -p /mnt/boot
  # umask=077: the ESP holds the boot loader's random seed.
  mount -o umask=077 /dev/disk/by-label/boot /mnt/boot
  lsblk -f "$DISK"
}
main
REMOTE
