#!/usr/bin/env bash
# Installs what the lab's hypervisor and guest image need on a fresh Debian 12 machine (root, no
# systemd), as LAB.md verified: libvirtd + virtlogd + qemu (TCG), dnsmasq, OVMF, OpenSSH, and
# the Debian parts of the guest image. Idempotent; called by setup.sh and hypervisor.sh start.
# Never libvirt-daemon-system: it pulls in systemd as init.
set -euo pipefail

# shellcheck source=apt.sh
. "$(dirname -- "$0")/apt.sh"

install_missing libvirt-clients virtinst libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 \
  qemu-utils dnsmasq-base ovmf openssh-server openssh-client iproute2 util-linux \
  busybox-static linux-image-cloud-amd64 systemd-boot-efi dosfstools mtools cpio kmod zstd \
  qemu-guest-agent

getent group kvm >/dev/null || as_root groupadd --system kvm
getent group libvirt-qemu >/dev/null || as_root groupadd --system libvirt-qemu
id libvirt-qemu >/dev/null 2>&1 ||
  as_root useradd --system --no-create-home -d /var/lib/libvirt -s /usr/sbin/nologin -g kvm libvirt-qemu

# qemu as root: the lab's files are root's. The packaged file is kept aside once.
qemu_conf=/etc/libvirt/qemu.conf
marker='# hypernix lab'
if ! grep -qF "$marker" "$qemu_conf" 2>/dev/null; then
  if [ -f "$qemu_conf" ]; then as_root cp "$qemu_conf" "$qemu_conf.before-hypernix-lab"; fi
  printf '%s\nuser = "root"\ngroup = "root"\n' "$marker" | as_root tee "$qemu_conf" >/dev/null
fi
as_root mkdir -p /var/log/libvirt/qemu /var/lib/libvirt/qemu /run/sshd
as_root chmod 755 /run/sshd
