import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors.js';
import { deployJsonSchema, loadDeployConfig, parseDeployConfig } from './deploy.js';
import { tempDir } from '../../test/helpers/temp.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const IMAGE = `image: {ref: "127.0.0.1:5000/vm/k8s@${DIGEST}", plain-http: true}\n`;

function withVms(vms: string, extra = ''): string {
  return `${IMAGE}${extra}vms:\n${vms}`;
}

function refusal(text: string): string {
  try {
    parseDeployConfig(text, 'hypernix.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the config to be refused');
}

describe('hypernix.yaml', () => {
  it('fills defaults and reads sizes', () => {
    const config = parseDeployConfig(
      withVms(
        '  - {name: cp-1, role: control-plane}\n  - {name: w-1, role: worker, memory: 4096, disk: 40GiB}\n',
        'defaults: {memory: 6GiB, vcpus: 4, disk: 20GiB}\n',
      ),
      'hypernix.yaml',
    );
    expect(config.hypervisor).toMatchObject({
      'libvirt-uri': 'qemu:///system',
      bridge: 'br0',
      'virt-type': 'auto',
    });
    expect(config.hypervisor.ssh).toBeUndefined();
    expect(config.image.source).toMatchObject({ kind: 'ref', plainHttp: true });
    expect(config.image.firmware).toBe('bios');
    expect(config.vms).toEqual([
      {
        name: 'cp-1',
        role: 'control-plane',
        memoryMiB: 6144,
        vcpus: 4,
        diskMiB: 20480,
        graphics: 'none',
        vncListen: '127.0.0.1',
        address: undefined,
      },
      expect.objectContaining({ name: 'w-1', memoryMiB: 4096, diskMiB: 40960 }),
    ]);
    expect(config.replace).toBe('never');
    expect(config.prune).toBe(false);
    expect(config.ssh).toEqual({ user: 'root', port: 22, 'via-hypervisor': true });
  });

  it.each([['a;rm -rf /'], ['$(id)'], ['a\nb'], ['x'.repeat(200)], ['Upper'], ['-lead']])(
    'refuses the VM name %j naming the key',
    (name) => {
      const message = refusal(withVms(`  - {name: ${JSON.stringify(name)}, role: worker}\n`));
      expect(message).toMatch(/^hypernix\.yaml: vms\[0\]\.name: expected a lower-case name/);
    },
  );

  it('refuses a duplicated VM name', () => {
    expect(
      refusal(withVms('  - {name: a, role: worker}\n  - {name: a, role: control-plane}\n')),
    ).toBe('hypernix.yaml: vms[1].name: "a" is used twice');
  });

  it('refuses memory "6 GB" with what is expected', () => {
    expect(refusal(withVms('  - {name: a, role: worker, memory: "6 GB"}\n'))).toBe(
      'hypernix.yaml: vms[0].memory: expected a memory size like "6GiB" or "6144MiB" (units MiB, GiB, TiB, no space); got "6 GB"',
    );
    expect(refusal(withVms('  - {name: a, role: worker, disk: 20}\n'))).toMatch(
      /vms\[0\]\.disk: expected a size with a unit/,
    );
  });

  it('names unknown keys with their path', () => {
    expect(refusal(withVms('  - {name: a, role: worker, cpus: 2}\n'))).toBe(
      'hypernix.yaml: vms[0]: unknown key "cpus"',
    );
    expect(refusal(withVms('  - {name: a, role: worker}\n', 'colour: blue\n'))).toBe(
      'hypernix.yaml: unknown key "colour"',
    );
    expect(
      refusal(
        withVms('  - {name: a, role: worker}\n', 'hypervisor: {ssh: {host: h, pasword: x}}\n'),
      ),
    ).toBe('hypernix.yaml: hypervisor.ssh: unknown key "pasword"');
  });

  it('refuses text that is not YAML, naming the file', () => {
    expect(refusal('vms: [a, b\n')).toMatch(/^hypernix\.yaml is not valid YAML \(line \d+\): /);
    expect(refusal('just a string')).toMatch(/^hypernix\.yaml: expected a YAML mapping/);
  });

  it('refuses a tag-only image reference and an image with both ref and path', () => {
    expect(refusal('image: {ref: "r.example/vm/k8s:1"}\nvms: [{name: a, role: worker}]\n')).toMatch(
      /image\.ref: expected a reference with a digest/,
    );
    expect(
      refusal(`image: {ref: "r.example/k@${DIGEST}", path: /x}\nvms: [{name: a, role: worker}]\n`),
    ).toMatch(/^hypernix\.yaml: image: expected exactly one of ref and path/);
  });

  it('refuses values that would reach virt-install unchecked', () => {
    expect(
      refusal(
        withVms('  - {name: a, role: worker}\n', 'hypervisor: {bridge: "br0,model=e1000"}\n'),
      ),
    ).toMatch(/hypervisor\.bridge: expected a network interface name/);
    expect(
      refusal(withVms('  - {name: a, role: worker}\n', 'hypervisor: {pool: "/x/../etc"}\n')),
    ).toMatch(/hypervisor\.pool: expected a path without/);
    expect(refusal(withVms('  - {name: a, role: worker, address: "10.0.0.1;x"}\n'))).toMatch(
      /vms\[0\]\.address: expected an IPv4 address/,
    );
    expect(refusal(withVms('  - {name: a, role: worker, vnc-listen: "10.0.0.1"}\n'))).toMatch(
      /vms\[0\]\.vnc-listen: /,
    );
  });

  it('loads a file and refuses a missing one', async () => {
    const dir = tempDir('deploy-config-');
    const file = join(dir, 'hypernix.yaml');
    writeFileSync(file, withVms('  - {name: a, role: worker}\n'));
    expect((await loadDeployConfig(file)).vms[0]?.name).toBe('a');
    await expect(loadDeployConfig(join(dir, 'none.yaml'))).rejects.toThrow(/no such config file/);
  });

  it('exports a JSON Schema that refuses unknown keys', () => {
    const schema = deployJsonSchema() as {
      additionalProperties?: boolean;
      properties: Record<string, unknown>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['hypervisor', 'image', 'vms', 'replace', 'prune']),
    );
  });

  it('reads the example in examples/deploy, and the committed JSON Schema is current', async () => {
    const config = await loadDeployConfig('examples/deploy/hypernix.yaml');
    expect(config.vms.map((vm) => `${vm.name}:${vm.role}:${vm.memoryMiB}`)).toEqual([
      'cp-1:control-plane:6144',
      'worker-1:worker:6144',
      'worker-2:worker:8192',
    ]);
    const committed = JSON.parse(readFileSync('schemas/hypernix.schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(deployJsonSchema());
  });
});
