import { deployJsonSchema, loadDeployConfig, withOverrides } from '../../config/deploy.js';
import type { SessionResult } from '../../deploy/session.js';
import { ConsoleReporter } from '../../report/console-reporter.js';
import { InputError } from '../../util/errors.js';
import type { CliIo } from '../io.js';
import { readPassword, REGISTRY_OPTIONS } from '../registry-options.js';
import { parseCommandLine, UsageError } from '../usage.js';

export const DEPLOY_HELP = `Usage: hypernix deploy plan|apply|destroy -f hypernix.yaml [options]
       hypernix deploy schema

plan:    compare the config with the domains on the hypervisor and print what apply would do
         (create, keep, replace, remove); changes nothing.
apply:   do it, under the pool's lock: pull the image once by digest, a copy-on-write disk per VM,
         define and start the domains, wait for each new VM's address and SSH. Running it twice
         changes nothing and says so.
         With a cluster: section, apply then makes the kubeadm cluster on the VMs (preflight,
         init, joins, CNI, kubeconfig, workload, smoke test; each step skipped when done).
destroy: remove every VM of this deployment and the pool images no domain uses.
schema:  print the JSON Schema of hypernix.yaml (for editors).

Options:
  -f, --file FILE         the config (default hypernix.yaml)
  --lock-wait SECONDS     how long to wait for another deploy's lock (default 1800)
  --ssh-wait SECONDS      how long a new VM may take to answer SSH (default 600)
  --image REF             the workload's image, registry/repository@sha256:… (overrides
                          cluster.workload.image-from)
  --plain-http            talk HTTP to the registry (loopback or a trusted LAN)
  --username USER         registry user, with --password-stdin or HYPERNIX_REGISTRY_PASSWORD
  --password-stdin
  --json                  print {"vms": [...], "changed": bool, "plan": [...]} on stdout
  -v, --verbose
  -h, --help              show this help

SSH private keys: the config's key-file entries, else HYPERNIX_SSH_KEY (the key's text).
A new VM's host key is taken only from the line it prints on its serial console
("hypernix-hostkey: SHA256:… TYPE"), never from the network alone.
`;

const OPTIONS = {
  file: { type: 'string', short: 'f' },
  'lock-wait': { type: 'string' },
  'ssh-wait': { type: 'string' },
  image: { type: 'string' },
  ...REGISTRY_OPTIONS,
} as const;

const VERBS = ['plan', 'apply', 'destroy', 'schema'] as const;

export async function deployCommand(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseCommandLine(rest, OPTIONS, 'deploy');
  if (values.help || verb === '--help' || verb === '-h' || verb === undefined) {
    io.stdout.write(DEPLOY_HELP);
    return 0;
  }
  if (!(VERBS as readonly string[]).includes(verb))
    throw new UsageError(
      `unknown deploy command ${JSON.stringify(verb)}; see 'hypernix deploy --help'`,
    );
  if (positionals.length > 0)
    throw new UsageError(
      `unexpected argument ${JSON.stringify(positionals[0])}; see 'hypernix deploy --help'`,
    );
  if (verb === 'schema') {
    io.stdout.write(`${JSON.stringify(deployJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
  const config = withOverrides(await loadDeployConfig(values.file ?? 'hypernix.yaml'), {
    workloadImage: values.image,
  });
  const { openDeploy } = await import('../../deploy/session.js');
  const session = await openDeploy(config, {
    reporter,
    registry: {
      username: values.username,
      password: await readPassword(values['password-stdin'], values.username),
      plainHttp: values['plain-http'],
    },
    lockWaitMs: seconds(values['lock-wait'], '--lock-wait', 1800),
    sshWaitMs: seconds(values['ssh-wait'], '--ssh-wait', 600),
  });
  try {
    const result = await session.run(verb as 'plan' | 'apply' | 'destroy');
    io.stdout.write(values.json ? `${JSON.stringify(outputOf(result))}\n` : describe(verb, result));
  } finally {
    await session.close();
  }
  return 0;
}

function seconds(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  if (!/^[0-9]{1,6}$/.test(value))
    throw new InputError(
      `${option}: expected a whole number of seconds; got ${JSON.stringify(value)}`,
    );
  return Number(value) * 1000;
}

function outputOf(result: SessionResult) {
  return { vms: result.vms, changed: result.changed, plan: result.plan, cluster: result.cluster };
}

function describe(verb: string, result: SessionResult): string {
  // apply and destroy printed their plan on stderr before changing anything.
  const lines = verb === 'plan' ? [...result.plan] : [];
  if (verb !== 'plan')
    lines.push(result.changed ? `Done: ${result.plan.at(-1) ?? ''}` : 'Nothing changed.');
  if (result.vms.length > 0) {
    lines.push('', 'NAME                 ROLE           STATE      ADDRESS          MAC');
    for (const vm of result.vms) {
      const cells = [vm.name.padEnd(20), vm.role.padEnd(14), vm.state.padEnd(10)];
      lines.push([...cells, (vm.address ?? '-').padEnd(16), vm.mac].join(' '));
    }
  }
  const cluster = result.cluster;
  if (cluster) {
    lines.push('', `Cluster: control plane ${cluster.endpoint}, kubeconfig ${cluster.kubeconfig}`);
    for (const node of cluster.nodes)
      lines.push(
        `  ${node.name.padEnd(20)} ${node.role.padEnd(14)} ${node.version.padEnd(10)} ${node.ready ? 'Ready' : 'NotReady'}`,
      );
    for (const stage of cluster.stages)
      lines.push(
        `  ${stage.name.padEnd(14)} ${(stage.ms / 1000).toFixed(1).padStart(6)} s  ${stage.note}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
