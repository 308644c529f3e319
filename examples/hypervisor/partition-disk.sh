#!/usr/bin/env bash
# Runs ON the machine booted from the NixOS installer, as root: partitions,
# formats and mounts DISK at /mnt. ERASES DISK. setup-filesystem.sh sends it
# over SSH; on the installer's console you can also run it directly:
#
#   DISK=/dev/sda CONFIRM=yes bash partition-disk.sh
#
# Layout (UEFI): partition 1 = ext4 "nixos" (512MiB to the end), partition 2 =
# FAT32 ESP "boot" (1MiB-512MiB), mounted at /mnt and /mnt/boot.
# Every check runs before the first command that writes to the disk.

# One function, called on the last line: when bash reads this file from stdin
# (ssh ... bash -s), no command inside can swallow the rest of the script.
main() {
  set -euo pipefail

  die() {
    printf 'partition-disk.sh: %s\n' "$*" >&2
    exit 1
  }

  [ -n "${DISK:-}" ] || die "DISK is required: the whole disk to erase, e.g. /dev/sda or /dev/nvme0n1"
  [ "${CONFIRM:-}" = yes ] || die "this ERASES $DISK; run again with CONFIRM=yes"
  [ -e "$DISK" ] || die "DISK $DISK does not exist (see lsblk)"
  # Resolve /dev/disk/by-id/... links to the kernel name, so partitions are <disk>1 or <disk>p1.
  local disk
  disk="$(readlink -f -- "$DISK")"

  # In use: the disk or anything on it (partitions, LVM/RAID holders) is mounted
  # or is swap. This also catches the installer medium, which is mounted at /iso.
  local devices=("$disk") dev target
  if [ -b "$disk" ]; then
    local names
    names="$(lsblk -nrpo NAME -- "$disk")" || die "lsblk cannot read $disk"
    mapfile -t devices <<<"$names"
  fi
  for dev in "${devices[@]}"; do
    if [ "$(findmnt -rno SOURCE /iso 2>/dev/null || true)" = "$dev" ]; then
      die "DISK $DISK holds the NixOS installer ($dev is mounted at /iso); pick the target disk"
    fi
    target="$(findmnt -rno TARGET --source "$dev" | head -n 1 || true)"
    [ -z "$target" ] || die "DISK $DISK is in use: $dev is mounted at $target; unmount it first"
    if awk -v dev="$dev" '$1 == dev { found = 1 } END { exit !found }' /proc/swaps; then
      die "DISK $DISK is in use: $dev is active swap; swapoff it first"
    fi
  done

  [ -b "$disk" ] || die "DISK $DISK is not a block device; expected a whole disk such as /dev/sda"
  [ "$(lsblk -dnro TYPE -- "$disk")" = disk ] ||
    die "DISK $DISK is not a whole disk (lsblk TYPE $(lsblk -dnro TYPE -- "$disk")); expected e.g. /dev/sda, not /dev/sda1"
  [ "$(lsblk -dnro RO -- "$disk")" = 0 ] || die "DISK $DISK is read-only"
  ! mountpoint -q /mnt || die "/mnt is already a mount point; unmount it first (umount -R /mnt)"

  # /dev/nvme0n1 -> /dev/nvme0n1p1, /dev/sda -> /dev/sda1
  local part
  case "$disk" in
    *[0-9]) part="${disk}p" ;;
    *) part="$disk" ;;
  esac

  wipefs -a -- "$disk"
  parted -s -- "$disk" mklabel gpt
  parted -s -- "$disk" mkpart primary 512MiB 100%
  parted -s -- "$disk" mkpart ESP fat32 1MiB 512MiB
  parted -s -- "$disk" set 2 esp on
  udevadm settle

  mkfs.ext4 -F -L nixos -- "${part}1"
  mkfs.fat -F 32 -n boot -- "${part}2"
  udevadm settle

  # By the device paths just made: a label could also match another disk.
  mount -- "${part}1" /mnt
  mkdir -p /mnt/boot
  # umask=077: the ESP holds the boot loader's random seed.
  mount -o umask=077 -- "${part}2" /mnt/boot
  lsblk -f -- "$disk"
}
main "$@"
