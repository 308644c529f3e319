#!/usr/bin/env bash
# The lab's real hypervisor (LAB.md): libvirtd + virtlogd in the network namespace `hnlab`, with
# bridge br0, dnsmasq giving DHCP on it, sshd for the "deploy over SSH" path, and a veth pair
# routed from this host so the runner reaches the guests. One libvirtd per machine: tests that
# use it run one at a time.
#
#   hypervisor.sh start    idempotent; prints the facts (as status does)
#   hypervisor.sh status   KEY=VALUE facts on stdout (also STATE/facts.env and facts.json); exit 1 if down
#   hypervisor.sh stop     destroys and undefines every domain, stops the daemons by PID, removes
#                          the namespace, the route and STATE
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
here=$(cd "$(dirname -- "$0")" && pwd)

ns=hnlab
state=${HYPERNIX_LAB_HV_STATE:-/tmp/hypernix-lab-hv}
bridge=br0
bridge_address=10.88.0.1
subnet=10.88.0.0/24
dhcp_first=10.88.0.100
dhcp_last=10.88.0.199
host_veth=hnlab-host        # this host's end, 10.87.0.1
ns_veth=uplink              # the namespace's end, 10.87.0.2: sshd listens here
host_address=10.87.0.1
ns_address=10.87.0.2
uri=qemu:///system
daemons=(dnsmasq sshd virtlogd libvirtd)

die() { echo "hypervisor: $*" >&2; exit 1; }
in_ns() { ip netns exec "$ns" "$@"; }
# A daemon's parent here may be slow to reap it: a zombie counts as gone.
running() { kill -0 "$1" 2>/dev/null && ! grep -q '^[^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
pid_alive() { [ -s "$state/$1.pid" ] && running "$(cat "$state/$1.pid")"; }
[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, libvirtd)"

lock() {
  mkdir -p /run/lock
  exec 8>/run/lock/hypernix-lab-hv.lock
  flock -w 300 8 || die "timed out waiting for another hypervisor.sh holding /run/lock/hypernix-lab-hv.lock"
}

up() {
  [ "$(pid_alive libvirtd && echo y)" = y ] && [ -f "$state/facts.env" ] && ip netns list | grep -qw "$ns"
}

start_network() {
  ip netns list | grep -qw "$ns" || ip netns add "$ns"
  in_ns ip link set lo up
  in_ns ip link show "$bridge" >/dev/null 2>&1 || in_ns ip link add "$bridge" type bridge
  in_ns ip addr replace "$bridge_address/24" dev "$bridge"
  in_ns ip link set "$bridge" up
  if ! ip link show "$host_veth" >/dev/null 2>&1; then
    ip link add "$host_veth" type veth peer name "$ns_veth" netns "$ns"
  fi
  ip addr replace "$host_address/24" dev "$host_veth"
  ip link set "$host_veth" up
  in_ns ip addr replace "$ns_address/24" dev "$ns_veth"
  in_ns ip link set "$ns_veth" up
  in_ns sysctl -qw net.ipv4.ip_forward=1
  ip route replace "$subnet" via "$ns_address" dev "$host_veth"
}

start_dnsmasq() {
  pid_alive dnsmasq && return
  touch "$state/dnsmasq.leases"
  in_ns dnsmasq --conf-file=/dev/null --user=root --group=root --port=0 \
    --interface="$bridge" --bind-interfaces --except-interface=lo \
    --dhcp-range="$dhcp_first,$dhcp_last,255.255.255.0,1h" --dhcp-authoritative \
    --dhcp-option=option:router,"$bridge_address" \
    --dhcp-leasefile="$state/dnsmasq.leases" --pid-file="$state/dnsmasq.pid" \
    --log-facility="$state/dnsmasq.log" --log-dhcp 8>&-
}

start_sshd() {
  pid_alive sshd && return
  [ -f "$state/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C hnlab-host -f "$state/ssh_host_ed25519_key"
  [ -f "$state/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C hnlab-client -f "$state/client_ed25519"
  cp "$state/client_ed25519.pub" "$state/authorized_keys"
  echo "$ns_address $(cut -d' ' -f1-2 "$state/ssh_host_ed25519_key.pub")" > "$state/known_hosts"
  cat > "$state/sshd_config" <<CONF
Port 22
ListenAddress $ns_address
HostKey $state/ssh_host_ed25519_key
PidFile $state/sshd.pid
AuthorizedKeysFile $state/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
AllowTcpForwarding yes
Subsystem sftp /usr/lib/openssh/sftp-server
SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CONF
  mkdir -p /run/sshd && chmod 755 /run/sshd
  in_ns /usr/sbin/sshd -f "$state/sshd_config" -E "$state/sshd.log" 8>&-
}

start_libvirt() {
  if ! pid_alive libvirtd; then
    # One that a stop just killed may take a moment to go (a zombie nobody reaps does not count).
    local other= pid _
    for _ in $(seq 1 100); do
      other=
      for pid in $(pgrep -x libvirtd || true); do running "$pid" && other="$other $pid"; done
      [ -z "$other" ] && break
      sleep 0.1
    done
    [ -z "$other" ] || die "another libvirtd (pid${other}) runs on this machine; the lab's must be the only one"
  fi
  # Daemons must not inherit the lock's descriptor (8): they would hold it for good.
  pid_alive virtlogd || in_ns virtlogd -d -p "$state/virtlogd.pid" 8>&-
  pid_alive libvirtd || in_ns libvirtd -d --pid-file "$state/libvirtd.pid" 8>&-
  for _ in $(seq 1 100); do
    virsh -c "$uri" version >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "libvirtd did not answer on $uri within 10 s"
}

write_facts() {
  local image
  image=$(bash "$here/guest/build.sh")
  local cache=${HYPERNIX_LAB_CACHE:-${HOME:-/root}/.cache/hypernix-lab}
  cat > "$state/facts.env.tmp" <<FACTS
LAB_NETNS=$ns
LAB_STATE_DIR=$state
LIBVIRT_URI=$uri
BRIDGE=$bridge
BRIDGE_ADDRESS=$bridge_address
SUBNET=$subnet
DHCP_RANGE=$dhcp_first-$dhcp_last
DHCP_LEASES=$state/dnsmasq.leases
POOL_DIR=$state/pool
HV_SSH_HOST=$ns_address
HV_SSH_PORT=22
HV_SSH_USER=root
HV_SSH_HOST_KEY=$state/ssh_host_ed25519_key.pub
HV_SSH_KNOWN_HOSTS=$state/known_hosts
HV_SSH_CLIENT_KEY=$state/client_ed25519
GUEST_IMAGE=$image
GUEST_CLIENT_KEY=$cache/lab_ed25519
GUEST_FIRMWARE=uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=no
GUEST_OSINFO=linux2022
FACTS
  mkdir -p "$state/pool"
  # The same facts as JSON, for tools that prefer it.
  awk -F= 'BEGIN { printf "{" } { v = substr($0, length($1) + 2); gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v);
    printf "%s\"%s\":\"%s\"", (NR > 1 ? "," : ""), $1, v } END { print "}" }' "$state/facts.env.tmp" > "$state/facts.json"
  mv "$state/facts.env.tmp" "$state/facts.env"
}

start() {
  lock
  bash "$here/hypervisor-install.sh"
  mkdir -p "$state" && chmod 700 "$state"
  if ! up; then
    start_network
    start_dnsmasq
    start_sshd
    start_libvirt
  fi
  write_facts
  cat "$state/facts.env"
}

status() {
  up || { echo "hypervisor: not running (start it with test/lab/hypervisor.sh start)" >&2; exit 1; }
  local daemon
  for daemon in "${daemons[@]}"; do
    pid_alive "$daemon" || { echo "hypervisor: $daemon is not running (see $state)" >&2; exit 1; }
  done
  cat "$state/facts.env"
}

stop_pid() {
  local name=$1 pid
  [ -s "$state/$name.pid" ] || return 0
  pid=$(cat "$state/$name.pid")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do running "$pid" || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do running "$pid" || return 0; sleep 0.1; done
}

stop() {
  lock
  if pid_alive libvirtd; then
    local domain
    for domain in $(virsh -c "$uri" list --all --name 2>/dev/null); do
      virsh -c "$uri" destroy "$domain" >/dev/null 2>&1 || true
      virsh -c "$uri" undefine --nvram "$domain" >/dev/null 2>&1 ||
        virsh -c "$uri" undefine "$domain" >/dev/null 2>&1 || true
    done
  fi
  local daemon
  for daemon in "${daemons[@]}"; do stop_pid "$daemon"; done
  # A guest whose libvirtd died before it could destroy it: its qemu, by the PID libvirt wrote.
  local pidfile
  for pidfile in /run/libvirt/qemu/*.pid; do
    [ -s "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  ip route del "$subnet" 2>/dev/null || true
  ip link del "$host_veth" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) die "usage: hypervisor.sh start|status|stop (got '${1:-}')" ;;
esac
