import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers/run-action.js';

const EXAMPLES = join(ROOT, 'examples');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

describe('examples', () => {
  const nixFiles = filesUnder(EXAMPLES, '.nix');

  it('has the guide files', () => {
    const names = nixFiles.map((file) => relative(EXAMPLES, file));
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

  it.each(nixFiles.map((file) => [relative(EXAMPLES, file), file]))(
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

  it('has a Pod manifest as the guide has', () => {
    const pod = parseYaml(readFileSync(join(EXAMPLES, 'k8s', 'pod.yaml'), 'utf8')) as {
      kind: string;
      metadata: { name: string };
      spec: { containers: { ports: { containerPort: number }[] }[] };
    };
    expect(pod.kind).toBe('Pod');
    expect(pod.metadata.name).toBe('a-message-from-the-underworld');
    expect(pod.spec.containers[0]?.ports[0]?.containerPort).toBe(80);
  });

  it('keeps the insecure lab settings behind an explicit opt-in', () => {
    const vm = readFileSync(join(EXAMPLES, 'vm', 'configuration.nix'), 'utf8');
    expect(vm).toMatch(/insecureLab/);
    expect(vm).toMatch(/lib\.mkIf cfg\.insecureLab/);
  });
});
