// The Kubernetes "restricted" Pod Security Standard (kubernetes.io/docs/concepts/security/
// pod-security-standards, policy version "latest"), read field by field from a parsed Pod. There is
// no Kubernetes in the lab, so this stands in for the API server's admission check.

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  procMount?: string;
  seccompProfile?: { type?: string };
  appArmorProfile?: { type?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string };
  windowsOptions?: { hostProcess?: boolean };
  capabilities?: { add?: string[]; drop?: string[] };
  sysctls?: { name: string }[];
}

export interface Container {
  name: string;
  securityContext?: SecurityContext;
  ports?: { name?: string; containerPort: number; hostPort?: number }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface Pod {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    hostNetwork?: boolean;
    hostPID?: boolean;
    hostIPC?: boolean;
    securityContext?: SecurityContext;
    containers: Container[];
    initContainers?: Container[];
    ephemeralContainers?: Container[];
    volumes?: Record<string, unknown>[];
  };
}

const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set([
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

/** The checks both the pod's and every container's securityContext must pass. */
function contextViolations(where: string, sc: SecurityContext | undefined): string[] {
  const found: string[] = [];
  if (!sc) return found;
  if (sc.windowsOptions?.hostProcess === true) found.push(`${where}: hostProcess`);
  if (sc.runAsNonRoot === false) found.push(`${where}: runAsNonRoot false`);
  if (sc.runAsUser === 0) found.push(`${where}: runAsUser 0`);
  if (sc.seccompProfile?.type === 'Unconfined') found.push(`${where}: seccomp Unconfined`);
  if (sc.appArmorProfile?.type === 'Unconfined') found.push(`${where}: AppArmor Unconfined`);
  const se = sc.seLinuxOptions;
  if (se?.type !== undefined && !SELINUX_TYPES.has(se.type)) found.push(`${where}: SELinux type`);
  if (se?.user !== undefined || se?.role !== undefined) found.push(`${where}: SELinux user/role`);
  for (const { name } of sc.sysctls ?? [])
    if (!SAFE_SYSCTLS.has(name)) found.push(`${where}: sysctl ${name}`);
  return found;
}

function containerViolations(c: Container, pod: SecurityContext | undefined): string[] {
  const where = `container ${c.name}`;
  const sc = c.securityContext ?? {};
  const found = contextViolations(where, c.securityContext);
  if (sc.privileged === true) found.push(`${where}: privileged`);
  if (sc.allowPrivilegeEscalation !== false)
    found.push(`${where}: allowPrivilegeEscalation is not false`);
  if (sc.runAsNonRoot !== true && pod?.runAsNonRoot !== true)
    found.push(`${where}: runAsNonRoot is not true (pod or container)`);
  const seccomp = sc.seccompProfile?.type ?? pod?.seccompProfile?.type;
  if (!seccomp || !CONFINED.has(seccomp))
    found.push(`${where}: seccompProfile is not RuntimeDefault or Localhost`);
  if (!(sc.capabilities?.drop ?? []).includes('ALL')) found.push(`${where}: does not drop ALL`);
  for (const cap of sc.capabilities?.add ?? [])
    if (cap !== 'NET_BIND_SERVICE') found.push(`${where}: adds ${cap}`);
  if (sc.procMount !== undefined && sc.procMount !== 'Default') found.push(`${where}: procMount`);
  for (const port of c.ports ?? [])
    if (port.hostPort) found.push(`${where}: hostPort ${port.hostPort}`);
  return found;
}

/** Every way `pod` breaks the restricted profile; empty when it is admitted. */
export function restrictedViolations(pod: Pod): string[] {
  const { spec } = pod;
  const found: string[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
    if (spec[field] === true) found.push(`pod: ${field}`);
  found.push(...contextViolations('pod', spec.securityContext));
  for (const volume of spec.volumes ?? []) {
    const kinds = Object.keys(volume).filter((key) => key !== 'name');
    for (const kind of kinds)
      if (!RESTRICTED_VOLUMES.has(kind)) found.push(`volume ${String(volume.name)}: ${kind}`);
  }
  const containers = [
    ...spec.containers,
    ...(spec.initContainers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ];
  for (const container of containers)
    found.push(...containerViolations(container, spec.securityContext));
  return found;
}
