/** What a build makes: the kinds of image the kit knows and checks its result against. */
export const BUILD_KINDS = ['qcow2', 'container', 'derivation'] as const;
export type BuildKind = (typeof BUILD_KINDS)[number];

/** A `--arg` or `--argstr` of nix-build. */
export interface NixArgument {
  name: string;
  value: string;
}

/** What to build, as a discriminated union the Nix module can switch on. */
export type BuildTarget =
  | { type: 'file'; file: string; attribute?: string; args: NixArgument[]; argstrs: NixArgument[] }
  | { type: 'flake'; installable: string };
