#!/usr/bin/env bash
# Builds the lab's guest image from Debian packages only (see README.md for what it provides) and
# prints the path of the qcow2 on stdout. Built once per set of inputs (these files, the package
# versions, the baked-in key) into the cache and reused: a second run only hashes.
#
#   build.sh [--cache-dir DIR] [--authorized-keys FILE] [--output FILE] [--reboot-once]
#
# --cache-dir        default $HYPERNIX_LAB_CACHE, else ~/.cache/hypernix-lab
# --authorized-keys  public keys baked in for root; default DIR/lab_ed25519.pub (made if missing)
# --output           also copy the image there (the Nix fixture's $out/nixos.qcow2)
# --reboot-once      each VM's first boot reboots once after its lease, before sshd starts: the
#                    guide's hostname service, for the deploy's wait through a reboot
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
here=$(cd "$(dirname -- "$0")" && pwd)

die() { echo "guest build: $*" >&2; exit 1; }
cache=${HYPERNIX_LAB_CACHE:-${HOME:-/root}/.cache/hypernix-lab}
keys=
output=
reboot_once=no
while [ $# -gt 0 ]; do
  case "$1" in
    --cache-dir) cache=${2:?--cache-dir needs a directory}; shift 2 ;;
    --authorized-keys) keys=${2:?--authorized-keys needs a file}; shift 2 ;;
    --output) output=${2:?--output needs a file}; shift 2 ;;
    --reboot-once) reboot_once=yes; shift ;;
    *) die "unknown argument '$1' (expected --cache-dir, --authorized-keys, --output or --reboot-once)" ;;
  esac
done

packages=(busybox-static openssh-server openssh-client qemu-guest-agent systemd-boot-efi
  dosfstools mtools cpio kmod qemu-utils zstd openssl linux-image-cloud-amd64)
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    die "package $package is missing: run test/lab/setup.sh"
done

# The newest Debian cloud kernel that has both its image and its modules.
kver=
for dir in /lib/modules/*-cloud-amd64; do
  version=${dir##*/}
  [ -f "/boot/vmlinuz-$version" ] || continue
  if [ -z "$kver" ] || [ "$(printf '%s\n%s\n' "$kver" "$version" | sort -V | tail -n 1)" = "$version" ]; then
    kver=$version
  fi
done
[ -n "$kver" ] || die "no /boot/vmlinuz-*-cloud-amd64 with modules: run test/lab/setup.sh"

mkdir -p "$cache"
chmod 700 "$cache"
if [ -z "$keys" ]; then
  keys=$cache/lab_ed25519.pub
  [ -s "$keys" ] || ssh-keygen -q -t ed25519 -N '' -C hypernix-lab -f "$cache/lab_ed25519" </dev/null
fi
[ -s "$keys" ] || die "--authorized-keys '$keys' is not a non-empty file of public keys"
grep -qE '^(ssh-|ecdsa-|sk-)' "$keys" || die "--authorized-keys '$keys' holds no OpenSSH public key line"

inputs() {
  echo "kernel $kver"
  echo "reboot-once $reboot_once"
  dpkg-query -W -f='${Package} ${Version}\n' "${packages[@]}" libc6 "linux-image-$kver"
  (cd "$here" && sha256sum build.sh init boot.sh inittab shutdown.sh shutdown-cmd udhcpc.script sshd_config \
    standins/kubeadm standins/kubectl standins/kubelet standins/join.cgi)
  sha256sum < "$keys"
}
hash=$(inputs | sha256sum | cut -c1-16)
image=$cache/guest-$hash.qcow2

publish() {
  if [ -n "$output" ]; then
    mkdir -p "$(dirname -- "$output")"
    cp "$image" "$output.tmp" && mv "$output.tmp" "$output"
  fi
  echo "$image"
}
[ -s "$image" ] && { publish; exit 0; }

# One build at a time per cache; a waiting one finds the image made.
exec 9>"$cache/.build.lock"
flock -w 600 9 || die "timed out waiting for another build holding $cache/.build.lock"
[ -s "$image" ] && { publish; exit 0; }

work=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
echo "guest build: kernel $kver, image $image" >&2

# busybox for /bin/sh, coreutils, ip, udhcpc, init, insmod.
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/ssh,etc/hypernix,proc,sys,dev,run,tmp,root,boot,var/log,var/lib}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done

# OpenSSH (sshd, sftp-server, ssh-keygen) and the guest agent, with the libraries they load.
copy_with_libraries() {
  local file lib
  for file in "$@"; do
    mkdir -p "$root$(dirname -- "$file")"
    cp -L "$file" "$root$file"
    for lib in $(ldd "$file" | grep -oE '/[^ ]+'); do
      [ -e "$root$lib" ] && continue
      mkdir -p "$root$(dirname -- "$lib")"
      cp -L "$lib" "$root$lib"
    done
  done
}
copy_with_libraries /usr/sbin/sshd /usr/lib/openssh/sftp-server /usr/bin/ssh-keygen /usr/sbin/qemu-ga

# Kernel modules in load order, each once.
: > "$root/etc/hypernix/modules"
# br_netfilter and overlay: what kubeadm's preflight (and ours) expects loaded on a node.
for module in virtio_pci virtio_rng virtio_blk virtio_net virtio_console vfat nls_ascii nls_cp437 \
  br_netfilter overlay; do
  modprobe -S "$kver" --show-depends "$module" | awk '$1 == "insmod" {print $2}'
done | awk '!seen[$0]++' | while read -r path; do
  target=${path%.xz}; target=${target%.zst}
  mkdir -p "$root$(dirname -- "$target")"
  case "$path" in
    *.xz) xz -dc "$path" > "$root$target" ;;
    *.zst) zstd -qdc "$path" > "$root$target" ;;
    *) cp "$path" "$root$target" ;;
  esac
  echo "$target" >> "$root/etc/hypernix/modules"
done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
sshd:x:100:65534::/run/sshd:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' > "$root/etc/group"
printf 'root:*:19000:0:99999:7:::\n' > "$root/etc/shadow"
chmod 600 "$root/etc/shadow"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' > "$root/etc/nsswitch.conf"
echo localhost > "$root/etc/hostname"
install -m 755 "$here/init" "$root/init"
install -m 644 "$here/inittab" "$root/etc/inittab"
install -m 755 "$here/boot.sh" "$root/etc/hypernix/boot"
install -m 755 "$here/shutdown.sh" "$root/etc/hypernix/shutdown"
install -m 755 "$here/udhcpc.script" "$root/etc/hypernix/udhcpc.script"
install -m 755 "$here/shutdown-cmd" "$root/sbin/shutdown"
install -m 644 "$here/sshd_config" "$root/etc/ssh/sshd_config"
install -m 600 "$keys" "$root/etc/hypernix/authorized_keys"
if [ "$reboot_once" = yes ]; then : > "$root/etc/hypernix/reboot-once"; fi

# STAND-INS of the test suite for kubeadm, kubectl and the kubelet (the real ones cannot run in
# the lab; see standins/ and docs/deploy.md), with a CA made here: the stand-in API serves the
# hash openssl computes, so the deploy's own computation of it is checked against another.
for tool in kubeadm kubectl kubelet; do install -m 755 "$here/standins/$tool" "$root/usr/bin/$tool"; done
mkdir -p "$root/etc/standin" "$root/etc/containerd"
install -m 755 "$here/standins/join.cgi" "$root/etc/standin/join.cgi"
echo v1.31.2 > "$root/etc/standin/version"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$root/etc/standin/ca.crt" \
  -days 3650 -subj /CN=kubernetes 2>/dev/null
echo "sha256:$(openssl x509 -pubkey -noout -in "$root/etc/standin/ca.crt" | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1)" \
  > "$root/etc/standin/ca.hash"
printf 'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n' \
  > "$root/etc/containerd/config.toml"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | zstd -q -10 -T0 > "$work/initrd"

# A FAT superfloppy ESP (no partition table, no mount, no loop device): systemd-boot, a loader
# entry, the kernel and the initramfs; then qcow2. /hypernix on it keeps each VM's identity.
esp=$work/esp.raw
truncate -s 96M "$esp"
mkfs.fat -F 32 -n HYPERNIX "$esp" >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries ::/hypernix
mcopy -i "$esp" /usr/lib/systemd/boot/efi/systemd-bootx64.efi ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "/boot/vmlinuz-$kver" ::/vmlinuz
mcopy -i "$esp" "$work/initrd" ::/initrd
printf 'timeout 0\ndefault lab.conf\neditor no\n' > "$work/loader.conf"
printf 'title hypernix lab guest\nlinux /vmlinuz\ninitrd /initrd\noptions console=ttyS0 quiet\n' > "$work/lab.conf"
mcopy -i "$esp" "$work/loader.conf" ::/loader/loader.conf
mcopy -i "$esp" "$work/lab.conf" ::/loader/entries/lab.conf
qemu-img convert -f raw -O qcow2 "$esp" "$work/guest.qcow2"
chmod 444 "$work/guest.qcow2"
mv "$work/guest.qcow2" "$image"
publish
