#!/usr/bin/env bash
# The guide's deploy by hand, as a script (the baseline of bench/deploy/apply.ts): for one VM
# after another, copy the qcow2, `virt-install --import`, wait for its DHCP lease, `ssh hostname`
# — then the next. Sizes are the bench's, not the guide's 6 GB / 4 vCPUs (the lab has 2 cores);
# graphics are off (the guide's VNC on 0.0.0.0 costs nothing to boot but is not wanted here).
#
#   guide-steps.sh IMAGE DIR LEASES KEY BOOT NAME...     (in the hypervisor's namespace, root)
set -euo pipefail
image=$1 dir=$2 leases=$3 key=$4 boot=$5
shift 5
uri=qemu:///system
for name in "$@"; do
  cp -- "$image" "$dir/$name.qcow2"
  virt-install --connect "$uri" --import --noautoconsole --name "$name" \
    --memory 384 --vcpus 1 --osinfo linux2022 --virt-type qemu --boot "$boot" \
    --disk "path=$dir/$name.qcow2,bus=virtio,format=qcow2" \
    --network bridge=br0,model=virtio --graphics none >/dev/null
  mac=$(virsh -c "$uri" domiflist "$name" | awk '/bridge/ { print $5 }')
  # Poll for the address as the guide does (the router's leases), then for SSH.
  address=
  until [ -n "$address" ]; do
    sleep 1
    address=$(awk -v mac="$mac" '$2 == mac { a = $3 } END { print a }' "$leases" 2>/dev/null || true)
  done
  until ssh -i "$key" -F /dev/null -o BatchMode=yes -o ConnectTimeout=5 \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    "root@$address" hostname >/dev/null 2>&1; do
    sleep 1
  done
  echo "$name $mac $address"
done
