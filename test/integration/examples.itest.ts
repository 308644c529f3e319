import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { restrictedViolations, type Pod } from '../helpers/pod-security.js';
import { ROOT } from '../helpers/run-action.js';

const EXAMPLES = join(ROOT, 'examples');
// The Nix files the CI job evaluates the examples with (test/fixtures/examples).
const FIXTURES = join(ROOT, 'test', 'fixtures', 'examples');

// The guide's manifest, as published.
const GUIDE_POD = `
apiVersion: v1
kind: Pod
metadata:
  name: a-message-from-the-underworld
spec:
  containers:
  - name: message
    image: joshrosso/kubecon:1.4
    ports:
    - containerPort: 80
`;

function readYaml<T>(...path: string[]): T {
  return parseYaml(readFileSync(join(EXAMPLES, ...path), 'utf8')) as T;
}

/** A number the nginx image sets in nginx-common.nix (its port, its uid). */
function nginxSetting(pattern: RegExp): number {
  const common = readFileSync(join(EXAMPLES, 'container', 'nginx-common.nix'), 'utf8');
  return Number(pattern.exec(common)?.[1]);
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

describe('examples', () => {
  const nixFiles = [...filesUnder(EXAMPLES, '.nix'), ...filesUnder(FIXTURES, '.nix')];

  it('has the guide files', () => {
    const names = filesUnder(EXAMPLES, '.nix').map((file) => relative(EXAMPLES, file));
    for (const expected of [
      'hypervisor/hypervisor.nix',
      'vm/configuration.nix',
      'vm/hostname.nix',
      'vm/image.nix',
      'container/nginx.nix',
      'container/nginx-stream.nix',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(nixFiles.map((file) => [relative(ROOT, file), file]))(
    '%s parses with nix-instantiate --parse',
    (_name, file) => {
      const result = spawnSync('nix-instantiate', ['--parse', file], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );

  it('pins nixpkgs everywhere to one rev (flake.lock narHash = fetchTarball sha256)', () => {
    const output = execFileSync('bash', [join(EXAMPLES, 'check-pins.sh')], { encoding: 'utf8' });
    expect(output).toMatch(/ok|agree/i);
    for (const lock of filesUnder(EXAMPLES, 'flake.lock')) {
      const nodes = (
        JSON.parse(readFileSync(lock, 'utf8')) as {
          nodes: Record<string, { locked?: { rev?: string; narHash?: string } }>;
        }
      ).nodes;
      expect(nodes.nixpkgs?.locked?.narHash).toMatch(/^sha256-/);
    }
  });

  it('has a Pod manifest as the guide has, on the port the image listens on', () => {
    const pod = readYaml<Pod>('k8s', 'pod.yaml');
    expect(pod.kind).toBe('Pod');
    expect(pod.metadata.name).toBe('a-message-from-the-underworld');
    expect(pod.spec.containers[0]?.ports?.[0]?.containerPort).toBe(nginxSetting(/\bport = (\d+);/));
  });

  it('the Pod meets the restricted Pod Security Standard', () => {
    const pod = readYaml<Pod>('k8s', 'pod.yaml');
    expect(restrictedViolations(pod)).toEqual([]);
    // The user the image runs as (User in nginx-common.nix), stated so the kubelet can check it.
    expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.spec.securityContext?.runAsUser).toBe(nginxSetting(/\buid = (\d+);/));
    expect(pod.spec.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
  });

  it("the guide's own Pod is refused by that check (it can fail)", () => {
    const violations = restrictedViolations(parseYaml(GUIDE_POD) as Pod);
    expect(violations).toEqual([
      'container message: allowPrivilegeEscalation is not false',
      'container message: runAsNonRoot is not true (pod or container)',
      'container message: seccompProfile is not RuntimeDefault or Localhost',
      'container message: does not drop ALL',
    ]);
    const rooted = readYaml<Pod>('k8s', 'pod.yaml');
    rooted.spec.securityContext = { ...rooted.spec.securityContext, runAsUser: 0 };
    expect(restrictedViolations(rooted)).toEqual(['pod: runAsUser 0']);
  });

  it('the read-only root file system has an emptyDir wherever nginx writes', () => {
    const pod = readYaml<Pod>('k8s', 'pod.yaml');
    const container = pod.spec.containers[0];
    expect(container?.securityContext?.readOnlyRootFilesystem).toBe(true);
    const emptyDirs = new Set(
      (pod.spec.volumes ?? []).filter((v) => 'emptyDir' in v).map((v) => v.name),
    );
    const writable = (container?.volumeMounts ?? [])
      .filter((m) => emptyDirs.has(m.name) && m.readOnly !== true)
      .map((m) => m.mountPath);
    // The image's Volumes are the paths nginx.conf and nginx's compiled-in error log write to.
    const common = readFileSync(join(EXAMPLES, 'container', 'nginx-common.nix'), 'utf8');
    const volumes = /^\s*Volumes = \{(.*)\};$/m.exec(common)?.[1] ?? '';
    const imageVolumes = [...volumes.matchAll(/"([^"]+)" = \{ \}/g)].map((m) => m[1]);
    expect(imageVolumes).toEqual(['/tmp', '/var/log/nginx']);
    expect(writable.sort()).toEqual(imageVolumes);
    for (const path of common.matchAll(/^\s*(?:pid|\w+_temp_path) (\S+);$/gm))
      expect(imageVolumes.some((dir) => path[1]?.startsWith(`${dir}/`))).toBe(true);
  });

  it("the Service maps port 80 to the Pod's port, and the port-forward stays on localhost", () => {
    const pod = readYaml<Pod>('k8s', 'pod.yaml');
    const service = readYaml<{
      kind: string;
      spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] };
    }>('k8s', 'service.yaml');
    expect(service.kind).toBe('Service');
    expect(service.spec.selector).toEqual(pod.metadata.labels);
    expect(service.spec.ports[0]?.port).toBe(80);
    const target = pod.spec.containers[0]?.ports?.find(
      (p) => p.name === service.spec.ports[0]?.targetPort,
    );
    expect(target?.containerPort).toBe(8080);
    const manifests = readFileSync(join(EXAMPLES, 'k8s', 'pod.yaml'), 'utf8');
    expect(manifests).toContain(
      'kubectl port-forward service/a-message-from-the-underworld 8080:80',
    );
    expect(manifests).not.toContain('--address');
  });

  it('the VM README starts VMs with virtio and the guest-agent channel', () => {
    const readme = readFileSync(join(EXAMPLES, 'vm', 'README.md'), 'utf8');
    const command = /virt-install (?:[^\n]*\\\n)*[^\n]*\n/.exec(readme)?.[0] ?? '';
    expect(command).toContain('--osinfo linux2022');
    expect(command).toContain('bus=virtio,format=qcow2');
    expect(command).toContain('--network bridge=br0,model=virtio');
    expect(command).toContain(
      '--channel unix,target.type=virtio,target.name=org.qemu.guest_agent.0',
    );
    expect(command).toContain('--graphics none');
    expect(command).not.toContain('generic');
  });

  it('configures containerd through settings, not the deprecated configFile', () => {
    const vm = readFileSync(join(EXAMPLES, 'vm', 'configuration.nix'), 'utf8');
    expect(vm).not.toMatch(/configFile/);
    expect(vm).toMatch(
      /virtualisation\.containerd = \{[^]*settings = \{[^]*options\.SystemdCgroup = true;/,
    );
    expect(filesUnder(EXAMPLES, '.toml')).toEqual([]);
  });

  it('keeps the insecure lab settings behind an explicit opt-in', () => {
    const vm = readFileSync(join(EXAMPLES, 'vm', 'configuration.nix'), 'utf8');
    expect(vm).toMatch(/insecureLab/);
    expect(vm).toMatch(/lib\.mkIf cfg\.insecureLab/);
  });
});
