import { describe, expect, it } from 'vitest';
import { parseCidr } from './cidr.js';
import { evaluate, type NodeFacts } from './preflight.js';
import type { Cidr, ClusterSpec } from './spec.js';

const cidr = (text: string) => parseCidr(text) as Cidr;
const spec = (pod = '10.244.0.0/16', hostNetworks: string[] = []) =>
  ({
    podSubnet: cidr(pod),
    serviceSubnet: cidr('10.96.0.0/12'),
    cgroupDriver: 'systemd',
    hostNetworks: hostNetworks.map(cidr),
  }) as ClusterSpec;

const good = (node: string, n: number, extra: Record<string, string> = {}): NodeFacts => ({
  node,
  values: new Map(
    Object.entries({
      swap: '',
      module_br_netfilter: 'yes',
      module_overlay: 'yes',
      ip_forward: '1',
      bridge_nf_iptables: '1',
      bridge_nf_ip6tables: '1',
      containerd_systemd_cgroup: 'true',
      kubelet_cgroup_driver: '',
      hostname: node,
      machine_id: `${n}`.repeat(32),
      product_uuid: `uuid-${n}`,
      macs: `52:54:00:00:00:0${n}`,
      addresses: `192.168.1.${10 + n}/24`,
      kubeadm: 'v1.31.2',
      kubelet: 'v1.31.2',
      ...extra,
    }),
  ),
});

describe('preflight', () => {
  it('passes healthy, distinct nodes', () => {
    expect(evaluate([good('cp-1', 1), good('w-1', 2)], spec())).toEqual([]);
  });

  it('names the node and the fix for each problem', () => {
    const problems = evaluate(
      [
        good('cp-1', 1, { swap: '/dev/vda2', module_br_netfilter: 'no', ip_forward: '0' }),
        good('w-1', 2, {
          containerd_systemd_cgroup: 'false',
          machine_id: '1'.repeat(32),
          kubelet: 'v1.30.0',
          macs: '52:54:00:00:00:01',
        }),
      ],
      spec(),
    );
    expect(problems).toEqual([
      'cp-1: swap is on (/dev/vda2); fix: swapoff -a and remove it from /etc/fstab',
      'cp-1: kernel module br_netfilter is not loaded; fix: modprobe br_netfilter and list it in /etc/modules-load.d',
      'cp-1: sysctl net.ipv4.ip_forward is 0; fix: set net.ipv4.ip_forward=1 in /etc/sysctl.d',
      "w-1: containerd's SystemdCgroup is false but the kubelet's cgroup driver is systemd; fix: set SystemdCgroup = true in /etc/containerd/config.toml",
      `w-1: machine-id ${'1'.repeat(32)} is also cp-1's; fix: give every VM its own machine-id`,
      "w-1: MAC 52:54:00:00:00:01 is also cp-1's; fix: give every NIC its own MAC",
      "w-1: kubelet v1.30.0 differs from cp-1's v1.31.2; fix: install the same version on every node",
    ]);
  });

  it("refuses the guide's 192.168.0.0/16 pod subnet on a 192.168.1.x LAN, on the nodes and the hypervisor", () => {
    const hypervisor = good('hypervisor', 9, { addresses: '192.168.1.2/24 10.88.0.1/24' });
    const problems = evaluate([good('cp-1', 1)], spec('192.168.0.0/16'), hypervisor);
    expect(problems).toEqual([
      "cp-1: cluster.pod-subnet 192.168.0.0/16 overlaps the node's network 192.168.1.0/24; fix: choose a pod-subnet outside it",
      'hypervisor: cluster.pod-subnet 192.168.0.0/16 overlaps 192.168.1.0/24, a network the hypervisor is on; fix: choose a pod-subnet outside it',
    ]);
  });
});
