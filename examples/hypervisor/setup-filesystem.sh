#!/usr/bin/env bash
# Partition, format and mount DISK on a machine booted from the NixOS installer,
# over SSH as root. ERASES DISK.
#
#   NIXADDR=192.168.33.23 DISK=/dev/sda CONFIRM=yes ./setup-filesystem.sh
#
# The work is done by partition-disk.sh (next to this file), which runs on the
# installer and first refuses a disk that is mounted, is swap, holds the
# installer, is a partition or is not a block device.
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

remote_script="$(dirname -- "$0")/partition-disk.sh"
[ -r "$remote_script" ] || die "cannot read $remote_script; keep it next to setup-filesystem.sh"

read -r -a ssh_opts <<<"${SSH_OPTS:-}"

ssh ${ssh_opts[@]+"${ssh_opts[@]}"} -- "root@${NIXADDR}" \
  "DISK=$(printf '%q' "$DISK") CONFIRM=yes bash -s" <"$remote_script"
