import type { Host } from '../hosts/host.js';
import { networkOf, overlaps } from './cidr.js';
import { ClusterError, type ClusterNode } from './node.js';
import type { Cidr, ClusterSpec } from './spec.js';

/**
 * Checks every node before anything changes, the way kubeadm's own preflight would refuse later
 * and more obscurely: one line per problem, naming the node and the fix.
 */

/** Read-only probe, run by the node's /bin/sh from stdin; prints KEY=VALUE lines. */
const PROBE = `
r() { cat "$1" 2>/dev/null | head -n 1; }
echo "swap=$(tail -n +2 /proc/swaps 2>/dev/null | awk '{print $1}' | tr '\\n' ' ')"
for m in br_netfilter overlay; do
  if [ -d /sys/module/$m ] || grep -qw $m /proc/filesystems 2>/dev/null; then echo "module_$m=yes"; else echo "module_$m=no"; fi
done
echo "ip_forward=$(r /proc/sys/net/ipv4/ip_forward)"
echo "bridge_nf_iptables=$(r /proc/sys/net/bridge/bridge-nf-call-iptables)"
echo "bridge_nf_ip6tables=$(r /proc/sys/net/bridge/bridge-nf-call-ip6tables)"
echo "containerd_systemd_cgroup=$(grep -o 'SystemdCgroup *= *[a-z]*' /etc/containerd/config.toml 2>/dev/null | tail -n 1 | awk -F= '{gsub(/ /,"",$2); print $2}')"
echo "kubelet_cgroup_driver=$(grep -o '^cgroupDriver: *[a-z]*' /var/lib/kubelet/config.yaml 2>/dev/null | awk '{print $2}')"
echo "hostname=$(hostname)"
echo "machine_id=$(r /etc/machine-id)"
echo "product_uuid=$(r /sys/class/dmi/id/product_uuid)"
echo "macs=$(for i in /sys/class/net/*; do [ "\${i##*/}" = lo ] || r $i/address; done | tr '\\n' ' ')"
echo "addresses=$(ip -4 -o addr show 2>/dev/null | awk '$2 != "lo" {print $4}' | tr '\\n' ' ')"
echo "kubeadm=$(kubeadm version -o short 2>/dev/null)"
echo "kubelet=$(kubelet --version 2>/dev/null | awk '{print $2}')"
`;

export interface NodeFacts {
  node: string;
  values: Map<string, string>;
}

/** Runs the probe on a host; what it prints is untrusted and only compared. */
export async function probe(host: Host, name = host.name): Promise<NodeFacts> {
  const { stdout } = await host.exec(['sh', '-s'], {
    input: PROBE,
    timeoutMs: 30_000,
    maxOutputBytes: 64 * 1024,
  });
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  return { node: name, values };
}

const words = (text: string | undefined) => (text ?? '').split(/\s+/).filter(Boolean);

/** Networks of `A.B.C.D/N` words (ip -o addr), ignoring what does not parse. */
export function networksOf(facts: NodeFacts): Cidr[] {
  return words(facts.values.get('addresses')).flatMap((word) => {
    const [address = '', prefix = ''] = word.split('/');
    const network = networkOf(address, Number(prefix));
    return network ? [network] : [];
  });
}

function nodeProblems(facts: NodeFacts, spec: ClusterSpec): string[] {
  const v = (key: string) => facts.values.get(key) ?? '';
  const n = facts.node;
  const problems: string[] = [];
  const swap = words(v('swap'));
  if (swap.length > 0)
    problems.push(
      `${n}: swap is on (${swap.join(', ')}); fix: swapoff -a and remove it from /etc/fstab`,
    );
  for (const module of ['br_netfilter', 'overlay'])
    if (v(`module_${module}`) !== 'yes')
      problems.push(
        `${n}: kernel module ${module} is not loaded; fix: modprobe ${module} and list it in /etc/modules-load.d`,
      );
  const sysctls: [string, string][] = [
    ['ip_forward', 'net.ipv4.ip_forward'],
    ['bridge_nf_iptables', 'net.bridge.bridge-nf-call-iptables'],
    ['bridge_nf_ip6tables', 'net.bridge.bridge-nf-call-ip6tables'],
  ];
  for (const [key, name] of sysctls)
    if (v(key) !== '1')
      problems.push(
        `${n}: sysctl ${name} is ${v(key) || 'absent'}; fix: set ${name}=1 in /etc/sysctl.d`,
      );
  const systemd = v('containerd_systemd_cgroup');
  const containerdDriver = systemd === 'true' ? 'systemd' : systemd === 'false' ? 'cgroupfs' : '';
  if (containerdDriver !== spec.cgroupDriver)
    problems.push(
      `${n}: containerd's SystemdCgroup is ${systemd || 'not set'} but the kubelet's cgroup driver is ${spec.cgroupDriver}; fix: set SystemdCgroup = ${spec.cgroupDriver === 'systemd'} in /etc/containerd/config.toml`,
    );
  const kubelet = v('kubelet_cgroup_driver');
  if (kubelet && kubelet !== spec.cgroupDriver)
    problems.push(
      `${n}: /var/lib/kubelet/config.yaml has cgroupDriver ${kubelet}, the config asks for ${spec.cgroupDriver}; fix: make them agree (cluster.cgroup-driver)`,
    );
  if (!v('kubeadm') || !v('kubelet'))
    problems.push(`${n}: kubeadm or kubelet is not installed; fix: use an image that has both`);
  for (const [subnet, key] of [
    [spec.podSubnet, 'pod-subnet'],
    [spec.serviceSubnet, 'service-subnet'],
  ] as const) {
    for (const network of networksOf(facts))
      if (overlaps(subnet, network))
        problems.push(
          `${n}: cluster.${key} ${subnet.text} overlaps the node's network ${network.text}; fix: choose a ${key} outside it`,
        );
  }
  return problems;
}

/** Values that must differ between nodes (kubeadm needs them unique; clones share them). */
const UNIQUE: [string, string][] = [
  ['hostname', 'hostname'],
  ['machine_id', 'machine-id'],
  ['product_uuid', 'product_uuid'],
];

function crossProblems(all: readonly NodeFacts[]): string[] {
  const problems: string[] = [];
  for (const [key, label] of UNIQUE) {
    const seen = new Map<string, string>();
    for (const facts of all) {
      const value = facts.values.get(key) ?? '';
      const other = value ? seen.get(value) : undefined;
      if (other)
        problems.push(
          `${facts.node}: ${label} ${value} is also ${other}'s; fix: give every VM its own ${label}`,
        );
      else if (value) seen.set(value, facts.node);
    }
  }
  const macs = new Map<string, string>();
  for (const facts of all)
    for (const mac of words(facts.values.get('macs'))) {
      const other = macs.get(mac);
      if (other && other !== facts.node)
        problems.push(
          `${facts.node}: MAC ${mac} is also ${other}'s; fix: give every NIC its own MAC`,
        );
      macs.set(mac, facts.node);
    }
  const first = all[0];
  for (const tool of ['kubeadm', 'kubelet']) {
    const expected = first?.values.get(tool);
    for (const facts of all.slice(1)) {
      const version = facts.values.get(tool);
      if (expected && version && version !== expected)
        problems.push(
          `${facts.node}: ${tool} ${version} differs from ${first?.node}'s ${expected}; fix: install the same version on every node`,
        );
    }
  }
  return problems;
}

/** Every problem found, one line each; `hypervisor` networks must not overlap the subnets. */
export function evaluate(
  all: readonly NodeFacts[],
  spec: ClusterSpec,
  hypervisor?: NodeFacts,
): string[] {
  const problems = all.flatMap((facts) => nodeProblems(facts, spec));
  problems.push(...crossProblems(all));
  const outside = [...(hypervisor ? networksOf(hypervisor) : []), ...spec.hostNetworks];
  for (const [subnet, key] of [
    [spec.podSubnet, 'pod-subnet'],
    [spec.serviceSubnet, 'service-subnet'],
  ] as const)
    for (const network of outside)
      if (overlaps(subnet, network))
        problems.push(
          `hypervisor: cluster.${key} ${subnet.text} overlaps ${network.text}, a network the hypervisor is on; fix: choose a ${key} outside it`,
        );
  return [...new Set(problems)];
}

/** Probes every node (and the hypervisor) in parallel; throws with every problem found. */
export async function preflight(
  nodes: readonly ClusterNode[],
  spec: ClusterSpec,
  hypervisor?: Host,
): Promise<void> {
  const [hv, ...all] = await Promise.all([
    hypervisor ? probe(hypervisor, 'hypervisor') : Promise.resolve(undefined),
    ...nodes.map((node) => probe(node.host, node.name)),
  ]);
  const problems = evaluate(all as NodeFacts[], spec, hv);
  if (problems.length > 0)
    throw new ClusterError(
      `preflight found ${problems.length} problem(s), nothing was changed: ${problems[0]}`,
      problems,
    );
}
