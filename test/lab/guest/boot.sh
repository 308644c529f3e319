#!/bin/sh
# The guest's boot, run once by busybox init (sysinit) before sshd starts. The contract it keeps
# is in README.md: state on the boot disk, credentials from SMBIOS, the host-key line, DHCP, agent.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
say() { echo "$*" > /dev/console; }

# Debian's virtio, FAT and RNG modules, in the order `modprobe --show-depends` gave at build time.
while read -r module; do insmod "$module" 2>/dev/null; done < /etc/hypernix/modules

# What a Kubernetes node needs (kubeadm's preflight checks it): forwarding and bridge netfilter.
for key in net/ipv4/ip_forward net/bridge/bridge-nf-call-iptables net/bridge/bridge-nf-call-ip6tables; do
  [ -w "/proc/sys/$key" ] && echo 1 > "/proc/sys/$key"
done

mkdir -p /run/hypernix /run/credentials/@system /run/sshd /run/qemu-ga /etc/ssh/authorized_keys.d
chmod 700 /run/credentials/@system
ip link set lo up

# Credentials from SMBIOS type 11 strings, systemd's convention (virt-install --sysinfo
# oemStrings.entry0=io.systemd.credential:NAME=VALUE): only the names below are used.
for raw in /sys/firmware/dmi/entries/11-*/raw; do
  [ -r "$raw" ] || continue
  skip=$(od -An -tu1 -j1 -N1 "$raw" | tr -d ' ')
  # Strings follow the formatted area, NUL-separated; a newline inside one is kept as \001.
  tail -c +"$((skip + 1))" "$raw" | tr '\n\0' '\001\n' | while IFS= read -r entry; do
    case "$entry" in
      io.systemd.credential:*=*) body=${entry#io.systemd.credential:}; decode=cat ;;
      io.systemd.credential.binary:*=*) body=${entry#io.systemd.credential.binary:}; decode='base64 -d' ;;
      *) continue ;;
    esac
    name=${body%%=*}
    case "$name" in
      system.hostname | system.machine_id | ssh.authorized_keys.root)
        printf '%s' "${body#*=}" | tr '\001' '\n' | $decode > "/run/credentials/@system/$name" ;;
    esac
  done
done
credential() { [ -s "/run/credentials/@system/$1" ] && head -n 1 "/run/credentials/@system/$1"; }

# The boot disk (this VM's own copy-on-write overlay) keeps the identity across reboots.
state=/var/lib/hypernix
mkdir -p "$state"
for try in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vda ] && break; sleep 0.5; done
if mount -t vfat -o umask=077,iocharset=ascii /dev/vda /boot 2>/dev/null; then
  mkdir -p /boot/hypernix && mount --bind /boot/hypernix "$state"
else
  say "hypernix: no boot disk at /dev/vda; identity lasts until poweroff"
fi

# machine-id: a credential, else the one this VM made on its first boot, else a new random one.
machine_id=$(credential system.machine_id | tr -cd '0-9a-f')
[ "${#machine_id}" -eq 32 ] || machine_id=$({ tr -cd '0-9a-f' < "$state/machine-id"; } 2>/dev/null)
[ "${#machine_id}" -eq 32 ] || machine_id=$(tr -d '-' < /proc/sys/kernel/random/uuid)
echo "$machine_id" > /etc/machine-id
cp /etc/machine-id "$state/machine-id"

# The SSH host key: made on this VM's first boot, kept on its disk.
key=/etc/ssh/ssh_host_ed25519_key
if [ -s "$state/ssh_host_ed25519_key" ] && [ -s "$state/ssh_host_ed25519_key.pub" ]; then
  cp "$state/ssh_host_ed25519_key" "$state/ssh_host_ed25519_key.pub" /etc/ssh/
else
  ssh-keygen -q -t ed25519 -N '' -C hypernix-guest -f "$key"
  cp "$key" "$key.pub" "$state/"
fi
chmod 600 "$key"
chmod 644 "$key.pub"
sync

# Keys allowed for root: the ones baked in at build time, and the credential's.
keys=/etc/ssh/authorized_keys.d/root
cat /etc/hypernix/authorized_keys > "$keys" 2>/dev/null
[ -s /run/credentials/@system/ssh.authorized_keys.root ] && {
  echo
  cat /run/credentials/@system/ssh.authorized_keys.root
} >> "$keys"
chmod 600 "$keys"

fingerprint=$(ssh-keygen -l -E sha256 -f "$key.pub" | cut -d' ' -f2)
say "hypernix-hostkey: $fingerprint ed25519"
say "hypernix-hostkey-pub: $(cut -d' ' -f1-2 "$key.pub")"

# The NIC by DHCP: in the foreground until the first lease, then udhcpc keeps it renewed.
mac=$(cat /sys/class/net/eth0/address 2>/dev/null)
name=$(credential system.hostname)
send_name=
[ -n "$name" ] && send_name="-x hostname:$name"
# shellcheck disable=SC2086 # send_name is empty or two words on purpose
udhcpc -i eth0 -s /etc/hypernix/udhcpc.script -O hostname $send_name -t 20 -T 1 -A 3 -b -S \
  -p /run/udhcpc.pid > /dev/null 2>&1
[ -n "$name" ] || name=$(head -n 1 /run/hypernix/dhcp-hostname 2>/dev/null)
[ -n "$name" ] || name="vm-$(echo "$mac" | tr -d ':')"
hostname "$name"
echo "$name" > /etc/hostname
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$name" > /etc/hosts

# The qemu guest agent on the virtio-serial port libvirt names org.qemu.guest_agent.0.
agent=
for try in 1 2 3 4 5 6 7 8 9 10; do
  for port in /sys/class/virtio-ports/*; do
    [ "$(cat "$port/name" 2>/dev/null)" = org.qemu.guest_agent.0 ] && agent=/dev/${port##*/}
  done
  [ -n "$agent" ] && break
  sleep 0.5
done
if [ -n "$agent" ]; then
  mkdir -p /dev/virtio-ports && ln -sf "$agent" /dev/virtio-ports/org.qemu.guest_agent.0
  qemu-ga -d -m virtio-serial -p "$agent" -f /run/qemu-ga.pid -t /run/qemu-ga
else
  say "hypernix: no org.qemu.guest_agent.0 port; the guest agent is not running"
fi

address=$(ip -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}')

# Built with --reboot-once: the guide's hostname service, which sets the name on the first boot
# and reboots. The address is out (lease, agent), SSH never came up; on the next boot it does.
if [ -e /etc/hypernix/reboot-once ] && [ ! -e "$state/rebooted-once" ]; then
  : > "$state/rebooted-once"
  say "hypernix-reboot-once: address=${address:-none}; rebooting"
  sync
  umount "$state" /boot 2>/dev/null
  sleep 2 # long enough for a deploy to see the address before the VM goes away
  reboot -f
fi
say "hypernix-ready: hostname=$name mac=$mac address=${address:-none} machine-id=$machine_id"
