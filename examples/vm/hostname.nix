# hostname-init: on first boot, name the VM after its DHCP address
# (192.168.1.23 -> 192-168-1-23). This assumes the lease never changes.
# Use with `pkgs.callPackage ./hostname.nix { }`.
{ writeShellApplication, iproute2, gawk, systemd }:

writeShellApplication {
  name = "hostname-init";
  runtimeInputs = [ iproute2 gawk systemd ];
  text = ''
    SN="hostname-init"

    if [ -s /etc/hostname ]; then
      echo "$SN: /etc/hostname exists; noop"
      exit 0
    fi

    # First global IPv4 address that is not on loopback or a container bridge.
    # awk reads to the end (no early exit) so that pipefail never sees SIGPIPE.
    name="$(ip -o -4 addr show scope global \
      | awk '!found && $2 !~ /^(lo|docker[0-9]*|cni[0-9]*|flannel\..*)$/ {
          sub(/\/.*/, "", $4); gsub(/\./, "-", $4); print $4; found = 1
        }')"

    if [ -z "$name" ]; then
      echo "$SN: no IPv4 address yet; not naming the host" >&2
      exit 1
    fi

    echo "$SN: setting hostname to $name"
    printf '%s\n' "$name" > /etc/hostname.tmp
    mv /etc/hostname.tmp /etc/hostname
    # Apply it now rather than rebooting.
    hostnamectl set-hostname "$name"
  '';
}
