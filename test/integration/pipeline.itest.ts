import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES_NIX } from '../helpers/fixtures.js';
import { ROOT } from '../helpers/run-action.js';
import {
  evaluate,
  jobOrder,
  loadWorkflow,
  runWorkflow,
  type Context,
} from '../helpers/run-workflow.js';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { tempDir } from '../helpers/temp.js';

// The reusable workflow .github/workflows/pipeline.yml, its jobs run in `needs` order by a
// stand-in for GitHub's scheduler and runner (test/helpers/run-workflow.ts): the kit's own
// actions run from dist/ for real — real Nix builds of the lab fixtures, real pushes to a real
// registry, the real deploy against libvirt's test driver (plan: no VM boots) — while checkout,
// install-nix-action and shell steps are skipped, as they act on GitHub's machine.

const PIPELINE = join(ROOT, '.github', 'workflows', 'pipeline.yml');
const workflow = loadWorkflow(PIPELINE);
const dir = tempDir('hypernix-pipeline-');
// A secret the pipeline must carry to the kit's steps and nowhere else.
const SECRET = `not-a-real-password-${Date.now()}`;
let registry: LabRegistry;
let config: string;
const CONFIG_DIGEST = `sha256:${'c0'.repeat(32)}`;
// The run's variables the runner sets for every step (a push to main of this commit).
const RUNNER_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(),
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_EVENT_NAME: 'push',
};

beforeAll(async () => {
  registry = await startRegistry({ auth: { username: 'lab', password: SECRET } });
  config = join(dir, 'hypernix.yaml');
  writeFileSync(
    config,
    [
      'deployment: pipeline-lab',
      'hypervisor:',
      '  libvirt-uri: test:///default',
      `  pool: ${join(dir, 'pool')}`,
      // What deploys when the qcow2 is not rebuilt: the config's own image.
      `image: {ref: "${registry.host}/lab/k8s-node@${CONFIG_DIGEST}"}`,
      'vms:',
      '  - {name: cp-1, role: control-plane}',
      '  - {name: worker-1, role: worker}',
      '',
    ].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const labInputs = () => ({
  'qcow2-file': IMAGES_NIX,
  'qcow2-attribute': 'qcow',
  'qcow2-image': `${registry.host}/lab/k8s-node`,
  'container-file': IMAGES_NIX,
  'container-attribute': 'layered',
  'container-image': `${registry.host}/lab/nginx`,
  'plain-http': true,
  'registry-username': 'lab',
  cache: 'off',
  'deploy-command': 'plan',
  'deploy-config': config,
  environment: 'lab',
});

describe('the reusable pipeline, job by job in the lab', () => {
  it('orders the jobs by needs', () => {
    expect(jobOrder(workflow)).toEqual(['inputs', 'build-qcow2', 'build-container', 'deploy']);
  });

  it('builds and pushes both images, and the deploy plans with the pushed qcow2 digest', async () => {
    const runs = await runWorkflow(
      workflow,
      labInputs(),
      { 'registry-password': SECRET },
      RUNNER_ENV,
    );
    for (const [name, run] of Object.entries(runs))
      expect(run.result, `${name}: ${run.actions.map((a) => a.run.stdout).join('\n')}`).toBe(
        'success',
      );

    const qcow2Ref = runs['build-qcow2']?.outputs['qcow2-ref'] as string;
    const imageRef = runs['build-container']?.outputs['image-ref'] as string;
    expect(qcow2Ref).toMatch(new RegExp(`^${registry.host}/lab/k8s-node@sha256:[0-9a-f]{64}$`));
    expect(imageRef).toMatch(new RegExp(`^${registry.host}/lab/nginx@sha256:[0-9a-f]{64}$`));
    expect(runs['build-qcow2']?.outputs.digest).toBe(qcow2Ref.split('@')[1]);

    // The deploy job got the build job's output as its input, and planned that image.
    const deploy = runs.deploy;
    const step = deploy?.actions.find((action) => action.step === 'deploy');
    expect(step?.inputs['qcow2-ref']).toBe(qcow2Ref);
    const digest = qcow2Ref.split('@sha256:')[1] as string;
    const vms = JSON.parse(deploy?.outputs.vms as string) as { name: string; image: string }[];
    expect(vms.map((vm) => [vm.name, vm.image])).toEqual([
      ['cp-1', `sha256:${digest}`],
      ['worker-1', `sha256:${digest}`],
    ]);
    expect(deploy?.outputs.plan).toContain(`+ create  cp-1 (control-plane`);
    expect(deploy?.outputs.plan).toContain(`image ${digest.slice(0, 12)}`);

    // What the stand-in did not run, it says; the replace step's condition was false.
    expect(runs.inputs?.log).toEqual(['skipped "run": a shell step for GitHub\'s runner']);
    expect(runs['build-qcow2']?.log).toEqual([
      "skipped actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8: another publisher's action, run only on GitHub",
      "skipped actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8: another publisher's action, run only on GitHub",
      'skipped "let the Nix build users open /dev/kvm (GitHub-hosted runners)": a shell step for GitHub\'s runner',
      "skipped cachix/install-nix-action@630ae543ea3a38a9a4166f03376c02c50f408342: another publisher's action, run only on GitHub",
      'ran ./.hypernix-kit/qcow2 (build): ok',
    ]);
    expect(deploy?.log).toContain('skipped remove the VMs to replace them: its condition is false');

    // The secret reached the kit's steps as an input, was masked first (the runner takes the
    // ::add-mask:: line and shows it to nobody), and is in no other line and no job output.
    expect(step?.inputs['registry-password']).toBe(SECRET);
    for (const run of Object.values(runs)) {
      expect(JSON.stringify(run.outputs)).not.toContain(SECRET);
      for (const action of run.actions) {
        const lines = action.run.stdout.split('\n');
        expect(lines[0]).toBe(`::add-mask::${SECRET}`);
        expect(
          lines.filter((line) => line.includes(SECRET) && line !== `::add-mask::${SECRET}`),
          action.step,
        ).toEqual([]);
      }
    }
  }, 300_000);

  it('rebuilding only the container deploys the config image, the qcow2 build skipped', async () => {
    const runs = await runWorkflow(
      workflow,
      { ...labInputs(), rebuild: 'container' },
      { 'registry-password': SECRET },
      RUNNER_ENV,
    );
    expect(runs['build-qcow2']?.result).toBe('skipped');
    const container = runs['build-container'];
    expect(container?.result, container?.actions[0]?.run.stdout).toBe('success');
    expect(runs.deploy?.result).toBe('success');
    const step = runs.deploy?.actions.find((action) => action.step === 'deploy');
    expect(step?.inputs['qcow2-ref']).toBe('');
    const vms = JSON.parse(runs.deploy?.outputs.vms as string) as { image: string }[];
    expect(vms.map((vm) => vm.image)).toEqual([CONFIG_DIGEST, CONFIG_DIGEST]);
  }, 300_000);

  it('a failing build stops the deploy', async () => {
    const runs = await runWorkflow(
      workflow,
      { ...labInputs(), rebuild: 'qcow2', 'qcow2-attribute': 'no-such-attribute' },
      { 'registry-password': SECRET },
      RUNNER_ENV,
    );
    expect(runs['build-qcow2']?.result).toBe('failure');
    expect(runs['build-qcow2']?.actions[0]?.run.stdout).toMatch(/::error.*no-such-attribute/);
    expect(runs.deploy?.result).toBe('skipped');
    expect(runs.deploy?.actions).toEqual([]);
  }, 120_000);
});

describe("the stand-in's expression evaluator", () => {
  const context: Context = {
    inputs: { rebuild: 'both', push: true },
    secrets: {},
    needs: { a: { result: 'success', outputs: { ref: 'r@sha256:1' } } },
    steps: {},
  };

  it('evaluates the simple forms and nothing else', () => {
    expect(evaluate('${{ inputs.rebuild }}', context)).toBe('both');
    expect(evaluate('${{ inputs.push }}', context)).toBe('true');
    expect(evaluate('${{ needs.a.outputs.ref }}', context)).toBe('r@sha256:1');
    expect(evaluate('${{ secrets.absent }}', context)).toBe('');
    expect(evaluate('plain', context)).toBe('plain');
    for (const text of [
      "${{ inputs.rebuild || 'x' }}",
      '${{ github.token }}',
      'a ${{ inputs.rebuild }}',
      '${{ toJSON(inputs) }}',
    ])
      expect(() => evaluate(text, context)).toThrow(/refused/);
    expect(() => evaluate('${{ inputs.nope }}', context)).toThrow(/no input nope/);
  });

  it('refuses inputs and secrets the pipeline does not declare', async () => {
    await expect(runWorkflow(workflow, { rebuilt: 'both' }, {})).rejects.toThrow(
      /declares no input rebuilt/,
    );
    await expect(runWorkflow(workflow, {}, { token: 'x' })).rejects.toThrow(
      /declares no secret token/,
    );
  });
});
