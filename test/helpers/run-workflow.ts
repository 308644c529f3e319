import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ROOT, runAction, type ActionRun } from './run-action.js';

// A stand-in for the GitHub runner and its job scheduler, for the kit's reusable workflow only:
// jobs in `needs` order, the kit's own actions (`uses: ./.hypernix-kit/…`, bundled in dist/) run
// as runAction runs them (INPUT_*, GITHUB_OUTPUT, GITHUB_STATE, then the post phase), job outputs
// handed to later jobs as `needs.<job>.outputs`. Everything else is skipped and said so: actions
// of other publishers (checkout, install-nix-action) and shell steps act on GitHub's machine.

type Value = string | boolean;
interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, Value>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: {
    workflow_call: {
      inputs: Record<string, { type: 'string' | 'boolean'; default?: Value }>;
      secrets?: Record<string, unknown>;
    };
  };
  jobs: Record<string, Job>;
}

export interface Context {
  inputs: Record<string, Value>;
  secrets: Record<string, string>;
  needs: Record<string, { result: JobResult; outputs: Record<string, string> }>;
  steps: Record<string, { outputs: Record<string, string> }>;
}
export type JobResult = 'success' | 'failure' | 'skipped';

export interface JobRun {
  result: JobResult;
  outputs: Record<string, string>;
  /** What ran and what was skipped, one line each, in order. */
  log: string[];
  /** The kit's steps as run: id (or name), the inputs given, and the run. */
  actions: { step: string; inputs: Record<string, string>; run: ActionRun; post?: ActionRun }[];
}

const KIT = './.hypernix-kit/';

/** Evaluates exactly `${{ inputs.x }}`, `${{ needs.J.outputs.o }}`, `${{ secrets.x }}` and `${{ steps.S.outputs.o }}`, or a literal. */
export function evaluate(text: Value, context: Context): string {
  if (typeof text === 'boolean') return String(text);
  if (!text.includes('${{')) return text;
  const match = /^\$\{\{ (inputs|secrets)\.([a-z0-9-]+) \}\}$/.exec(text);
  if (match) {
    const [, scope, name] = match as unknown as [string, 'inputs' | 'secrets', string];
    const value = context[scope][name];
    if (scope === 'inputs' && value === undefined) throw new Error(`no input ${name} in ${text}`);
    return value === undefined ? '' : String(value);
  }
  const output = /^\$\{\{ (needs|steps)\.([a-z0-9-]+)\.outputs\.([a-z0-9-]+) \}\}$/.exec(text);
  if (output) {
    const [, scope, id, name] = output as unknown as [string, 'needs' | 'steps', string, string];
    return context[scope][id]?.outputs[name] ?? '';
  }
  throw new Error(`the stand-in evaluates only the simple forms; refused: ${text}`);
}

/**
 * The conditions of pipeline.yml, by their exact text: a condition not listed here is refused,
 * so a change to the workflow's logic must be mirrored here on purpose.
 */
const CONDITIONS: Record<string, (context: Context) => boolean> = {
  "inputs.rebuild == 'qcow2' || inputs.rebuild == 'both'": ({ inputs }) =>
    inputs.rebuild === 'qcow2' || inputs.rebuild === 'both',
  "inputs.rebuild == 'container' || inputs.rebuild == 'both'": ({ inputs }) =>
    inputs.rebuild === 'container' || inputs.rebuild === 'both',
  "${{ !cancelled() && inputs.deploy && !contains(needs.*.result, 'failure') }}": ({
    inputs,
    needs,
  }) => inputs.deploy === true && !Object.values(needs).some((need) => need.result === 'failure'),
  "inputs.replace-vms && inputs.deploy-command == 'apply'": ({ inputs }) =>
    inputs['replace-vms'] === true && inputs['deploy-command'] === 'apply',
};

function condition(text: string | undefined, context: Context): boolean {
  if (text === undefined) return true;
  const known = CONDITIONS[text];
  if (!known) throw new Error(`the stand-in knows no condition ${JSON.stringify(text)}`);
  return known(context);
}

export function loadWorkflow(path: string): Workflow {
  return parse(readFileSync(path, 'utf8')) as Workflow;
}

/** Jobs in an order where each comes after all it needs (the order GitHub may start them). */
export function jobOrder(workflow: Workflow): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`needs cycle: ${[...path, name].join(' -> ')}`);
    const job = workflow.jobs[name];
    if (!job) throw new Error(`unknown job ${name}`);
    for (const need of [job.needs ?? []].flat()) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(workflow.jobs)) visit(name, []);
  return order;
}

/** The inputs an action gets: action.yml's literal defaults, then the step's `with:`. */
function actionInputs(actionDir: string, given: Record<string, string>): Record<string, string> {
  const metadata = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string }>;
  };
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {}))
    if (spec.default !== undefined && !spec.default.includes('${{')) inputs[name] = spec.default;
  return { ...inputs, ...given };
}

async function runKitStep(
  step: Step,
  context: Context,
  env: NodeJS.ProcessEnv,
): Promise<JobRun['actions'][number]> {
  const actionDir = resolve(ROOT, (step.uses as string).slice(KIT.length));
  const metadata = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as {
    runs: { main: string; post?: string };
  };
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.with ?? {}))
    given[name] = evaluate(value, context);
  const inputs = actionInputs(actionDir, given);
  const bundle = resolve(actionDir, metadata.runs.main);
  const run = await runAction(inputs, { bundle, env });
  let post: ActionRun | undefined;
  if (metadata.runs.post && run.code === 0)
    post = await runAction(inputs, {
      bundle: resolve(actionDir, metadata.runs.post),
      env,
      state: run.state,
      temp: run.files.temp,
    });
  return { step: step.id ?? step.name ?? step.uses ?? '', inputs, run, post };
}

/** Runs one job's steps; a failing kit step fails the job and stops it, as on GitHub. */
export async function runJob(
  job: Job,
  context: Omit<Context, 'steps'>,
  env: NodeJS.ProcessEnv = {},
): Promise<JobRun> {
  const ctx: Context = { ...context, steps: {} };
  const log: string[] = [];
  const actions: JobRun['actions'] = [];
  if (!condition(job.if, ctx)) return { result: 'skipped', outputs: {}, log, actions };
  for (const step of job.steps) {
    const label = step.name ?? step.uses ?? step.id ?? 'run';
    if (!step.uses?.startsWith(KIT)) {
      log.push(
        step.uses
          ? `skipped ${step.uses}: another publisher's action, run only on GitHub`
          : `skipped "${label}": a shell step for GitHub's runner`,
      );
      continue;
    }
    if (!condition(step.if, ctx)) {
      log.push(`skipped ${label}: its condition is false`);
      continue;
    }
    const done = await runKitStep(step, ctx, env);
    actions.push(done);
    const failed = done.run.code !== 0 || (done.post && done.post.code !== 0);
    log.push(`ran ${step.uses}${step.id ? ` (${step.id})` : ''}: ${failed ? 'failed' : 'ok'}`);
    if (step.id) ctx.steps[step.id] = { outputs: { ...done.run.outputs, ...done.post?.outputs } };
    if (failed) return { result: 'failure', outputs: {}, log, actions };
  }
  const outputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(job.outputs ?? {}))
    outputs[name] = evaluate(value, ctx);
  return { result: 'success', outputs, log, actions };
}

/** The whole workflow_call: inputs with their defaults, jobs in needs order. */
export async function runWorkflow(
  workflow: Workflow,
  given: Record<string, Value>,
  secrets: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<Record<string, JobRun>> {
  const declared = workflow.on.workflow_call.inputs;
  for (const name of Object.keys(given))
    if (!declared[name]) throw new Error(`pipeline.yml declares no input ${name}`);
  for (const name of Object.keys(secrets))
    if (!workflow.on.workflow_call.secrets?.[name])
      throw new Error(`pipeline.yml declares no secret ${name}`);
  const inputs: Record<string, Value> = {};
  for (const [name, spec] of Object.entries(declared))
    inputs[name] = given[name] ?? spec.default ?? (spec.type === 'boolean' ? false : '');
  const runs: Record<string, JobRun> = {};
  for (const name of jobOrder(workflow)) {
    const job = workflow.jobs[name] as Job;
    const needs: Context['needs'] = {};
    for (const need of [job.needs ?? []].flat()) {
      const done = runs[need] as JobRun;
      needs[need] = { result: done.result, outputs: done.outputs };
    }
    // A job whose needs did not all succeed is skipped unless its condition says otherwise.
    const blocked = Object.values(needs).some((need) => need.result !== 'success');
    if (blocked && !job.if?.includes('cancelled()')) {
      runs[name] = { result: 'skipped', outputs: {}, log: [], actions: [] };
      continue;
    }
    runs[name] = await runJob(job, { inputs, secrets, needs }, env);
  }
  return runs;
}
