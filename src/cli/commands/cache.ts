import { resolve } from 'node:path';
import { countOf, formatBytes } from '../../util/format.js';
import { locateNix } from '../../nix/locate.js';
import { ConsoleReporter } from '../../report/console-reporter.js';
import { restoreCache, saveCache } from '../../store-cache/cache.js';
import { openBackend, type BackendChoice } from '../../store-cache/backends.js';
import { DEFAULT_MAX_PACK_CHAIN, parseCacheConfig } from '../../config/cache.js';
import { InputError } from '../../util/errors.js';
import type { CliIo } from '../io.js';
import { parseCommandLine, UsageError } from '../usage.js';

export const CACHE_HELP = `Usage: hypernix cache restore (--dir DIR | --gha) --key KEY [--restore-key PREFIX]... [--json]
       hypernix cache save (--dir DIR | --gha) --key KEY [--restore-key PREFIX]... [options] PATH...

A /nix/store cache in a directory (a local or shared disk) or in the GitHub Actions cache (in a
step on a GitHub runner). save writes only what is new in the closures of PATH... (by default
only paths built on this machine) as one pack added to the chain of the entry it extends;
restore unpacks and verifies the newest entry's packs itself where the store is ours to
write (on a multi-user store, as root through passwordless sudo), else (or with
--restore-method nix-copy) imports them through nix copy.

Options:
  --dir DIR              the cache directory
  --gha                  the GitHub Actions cache (needs the runner's ACTIONS_* variables)
  --key KEY              the entry to restore or save (letters, digits and . _ + = @ : -)
  --restore-key PREFIX   fall back to the newest entry whose key starts with PREFIX (repeatable)
  --include-upstream     save paths an upstream cache serves too
  --build-inputs         save the build-time inputs of PATH... too
  --exclude-roots        leave PATH... themselves out (e.g. a large image)
  --max-pack-chain N     past N packs, save one compacted pack instead (default ${DEFAULT_MAX_PACK_CHAIN})
  --store STORE          restore into another store, e.g. a chroot store /tmp/root
  --restore-method M     unpack (default: unpack and verify NARs here where the store is
                         ours to write or sudo -n may, else nix copy) or nix-copy (always)
  --json                 print the result as JSON
  -v, --verbose          print debug lines
  -h, --help             show this help
`;

const OPTIONS = {
  dir: { type: 'string' },
  gha: { type: 'boolean' },
  key: { type: 'string' },
  'restore-key': { type: 'string', multiple: true },
  'include-upstream': { type: 'boolean' },
  'build-inputs': { type: 'boolean' },
  'exclude-roots': { type: 'boolean' },
  'max-pack-chain': { type: 'string' },
  store: { type: 'string' },
  'restore-method': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function cacheCommand(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    io.stdout.write(CACHE_HELP);
    return 0;
  }
  if (verb !== 'save' && verb !== 'restore') {
    throw new UsageError(
      `unknown cache command ${JSON.stringify(verb)}; see 'hypernix cache --help'`,
    );
  }
  const { values, positionals } = parseCommandLine(rest, OPTIONS, 'cache');
  if (values.help) {
    io.stdout.write(CACHE_HELP);
    return 0;
  }
  if (verb === 'restore' && positionals.length > 0)
    throw new UsageError(`restore takes no paths; see 'hypernix cache --help'`);
  if (verb === 'save' && positionals.length === 0)
    throw new UsageError(`save needs the store paths to cache; see 'hypernix cache --help'`);
  const config = readConfig(values);
  const reporter = new ConsoleReporter({ verbose: values.verbose, stream: io.stderr });
  const nix = await locateNix(reporter);
  const choice: BackendChoice = values.dir ? { kind: 'dir', dir: values.dir } : { kind: 'gha' };
  const backend = await openBackend(choice, reporter, {
    forSave: verb === 'save',
    label: "option '--dir'",
  });
  const key = config.cacheKey as string;
  const restoreKeys = config.cacheRestoreKeys;
  if (verb === 'restore') {
    const result = await restoreCache(
      nix,
      backend,
      {
        key,
        restoreKeys,
        store: storeOption(values.store),
        restoreMethod: config.cacheRestoreMethod,
      },
      reporter,
    );
    io.stdout.write(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `${result.hit}: ${countOf(result.paths, 'path')}, ${formatBytes(result.bytes)}\n`,
    );
    return 0;
  }
  const result = await saveCache(
    nix,
    backend,
    {
      key,
      restoreKeys,
      roots: positionals,
      includeUpstream: values['include-upstream'] ?? false,
      buildInputs: values['build-inputs'] ?? false,
      excludeRoots: values['exclude-roots'] ?? false,
      maxPackChain: config.maxPackChain,
    },
    reporter,
  );
  io.stdout.write(
    values.json
      ? `${JSON.stringify(result)}\n`
      : `saved ${countOf(result.paths, 'path')}, ${formatBytes(result.bytes)}\n`,
  );
  return 0;
}

/** The options through the action's schema, so the command line and the inputs follow one set of rules. */
function readConfig(values: ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values']) {
  if (!values.dir === !values.gha) {
    throw new InputError(
      `option '--dir': expected either --dir DIR (a cache directory) or --gha (the GitHub Actions cache)`,
    );
  }
  if (!values.key) throw new InputError(`option '--key': required: the entry to restore or save`);
  return parseCacheConfig(
    {
      cache: values.gha ? 'gha' : 'dir',
      cacheDir: values.dir,
      cacheKey: values.key,
      cacheRestoreKeys: values['restore-key'] ?? [],
      maxPackChain: values['max-pack-chain'],
      cacheRestoreMethod: values['restore-method'],
    },
    'cli',
  );
}

/**
 * A chroot store given as a relative directory, made absolute (Nix takes a store directory only
 * as an absolute path); a store URL (`daemon`, `local`, `ssh://…`) is passed on as it is.
 */
function storeOption(store: string | undefined): string | undefined {
  if (store === undefined || store.includes('://') || ['auto', 'daemon', 'local'].includes(store))
    return store;
  return resolve(store);
}
