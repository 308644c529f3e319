import { z } from 'zod';
import {
  booleanInput,
  enumInput,
  listInput,
  optionalString,
  parseWith,
  shown,
  splitWords,
} from './parse-helpers.js';

import { BUILD_KINDS, type BuildKind, type BuildTarget, type NixArgument } from '../nix/target.js';

export { BUILD_KINDS, type BuildKind, type BuildTarget, type NixArgument };

/** The default Nix release tarball for `install-nix: true` (the official single-user installer). */
export const DEFAULT_NIX_INSTALLER_URL =
  'https://releases.nixos.org/nix/nix-2.28.4/nix-2.28.4-x86_64-linux.tar.xz';

/** Fields of the build configuration; each maps to an action input and a CLI option. */
export type BuildField =
  | 'kind'
  | 'file'
  | 'attribute'
  | 'args'
  | 'argstrs'
  | 'flake'
  | 'nixArgs'
  | 'workingDirectory'
  | 'installNix'
  | 'nixInstallerUrl'
  | 'nixInstallerSha256';

export const BUILD_INPUT_NAMES: Record<BuildField, string> = {
  kind: 'kind',
  file: 'file',
  attribute: 'attribute',
  args: 'args',
  argstrs: 'argstrs',
  flake: 'flake',
  nixArgs: 'nix-args',
  workingDirectory: 'working-directory',
  installNix: 'install-nix',
  nixInstallerUrl: 'nix-installer-url',
  nixInstallerSha256: 'nix-installer-sha256',
};

export const BUILD_CLI_OPTIONS: Record<BuildField, string> = {
  kind: '--kind',
  file: '--file',
  attribute: '--attr',
  args: '--arg',
  argstrs: '--argstr',
  flake: '--flake',
  nixArgs: '--nix-arg',
  workingDirectory: '--working-directory',
  installNix: '--install-nix',
  nixInstallerUrl: '--nix-installer-url',
  nixInstallerSha256: '--nix-installer-sha256',
};

/** What the action or the CLI read, before validation: strings from inputs, arrays from flags. */
export interface RawBuildInputs {
  kind?: string;
  file?: string;
  attribute?: string;
  args?: string | string[];
  argstrs?: string | string[];
  flake?: string;
  nixArgs?: string | string[];
  workingDirectory?: string;
  installNix?: string | boolean;
  nixInstallerUrl?: string;
  nixInstallerSha256?: string;
}

/** Nix identifiers, as the `--arg NAME` of nix-build accepts them. */
const NIX_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

const nameValueList = listInput.transform((entries, ctx): NixArgument[] => {
  const parsed: NixArgument[] = [];
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    const name = equals > 0 ? entry.slice(0, equals).trim() : '';
    if (!NIX_IDENTIFIER.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected name=value with a Nix identifier as name; got ${shown(entry)}`,
      });
      return z.NEVER;
    }
    parsed.push({ name, value: entry.slice(equals + 1) });
  }
  return parsed;
});

const nixArgsInput = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx): string[] => {
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    const words = splitWords(value);
    if (!Array.isArray(words)) {
      ctx.addIssue({ code: 'custom', message: `${words.error} in ${shown(value)}` });
      return z.NEVER;
    }
    return words;
  });

const sha256Input = optionalString.refine(
  (value) => value === undefined || /^[0-9a-f]{64}$/.test(value),
  { message: 'expected 64 lowercase hex characters (a sha256)' },
);

const urlInput = optionalString.refine(
  (value) => value === undefined || /^(https?|file):\/\//.test(value),
  { message: 'expected an http(s):// or file:// URL' },
);

const buildSchema = z
  .object({
    kind: enumInput(BUILD_KINDS),
    file: optionalString,
    attribute: optionalString,
    args: nameValueList,
    argstrs: nameValueList,
    flake: optionalString,
    nixArgs: nixArgsInput,
    workingDirectory: optionalString,
    installNix: booleanInput(false),
    nixInstallerUrl: urlInput,
    nixInstallerSha256: sha256Input,
  })
  .superRefine((config, ctx) => {
    if (config.file && config.flake) {
      ctx.addIssue({
        code: 'custom',
        path: ['flake'],
        message: `give either a file (with an attribute) or a flake installable, not both`,
      });
    } else if (!config.file && !config.flake) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'required: a Nix file to build (or a flake installable instead)',
      });
    }
    if (config.flake) {
      for (const field of ['attribute', 'args', 'argstrs'] as const) {
        const value = config[field];
        if (value !== undefined && (!Array.isArray(value) || value.length > 0)) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'applies to a file build only; a flake installable names its attribute itself',
          });
        }
      }
    }
  });

export type BuildConfig = z.output<typeof buildSchema>;

export function buildTarget(config: BuildConfig): BuildTarget {
  return config.flake
    ? { type: 'flake', installable: config.flake }
    : {
        type: 'file',
        file: config.file as string,
        attribute: config.attribute,
        args: config.args,
        argstrs: config.argstrs,
      };
}

export function parseBuildConfig(
  raw: RawBuildInputs,
  labels: Record<BuildField, string> = labelsFor('action'),
): BuildConfig {
  return parseWith(buildSchema, raw, (field) => labels[field as BuildField] ?? field);
}

export function labelsFor(surface: 'action' | 'cli'): Record<BuildField, string> {
  const names = surface === 'action' ? BUILD_INPUT_NAMES : BUILD_CLI_OPTIONS;
  const kind = surface === 'action' ? 'input' : 'option';
  return Object.fromEntries(
    Object.entries(names).map(([field, name]) => [field, `${kind} '${name}'`]),
  ) as Record<BuildField, string>;
}
