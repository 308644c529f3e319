import { HypernixError } from '../util/errors.js';

export interface NixVersion {
  major: number;
  minor: number;
  patch: number;
  /** The whole first line of `nix --version`, e.g. "nix (Nix) 2.8.0". */
  text: string;
}

/** What the running Nix can do; every flag we pass is gated here, never on a guess. */
export interface NixCapabilities {
  /** `nix build --print-out-paths` (Nix 2.9); older ones use `--json`. */
  printOutPaths: boolean;
  /** `nix path-info --json` returns an object keyed by path (2.19) instead of an array. */
  pathInfoJsonIsObject: boolean;
}

export const MINIMUM_NIX = { major: 2, minor: 4 } as const;

/**
 * Reads `nix --version`. Forks print their own name first ("nix (Determinate Nix 3.8.2) 2.30.1",
 * "nix (Lix, like Nix) 2.91.1"); the Nix version is the last number on the line.
 */
export function parseNixVersion(output: string): NixVersion {
  const line = output.trim().split('\n')[0] ?? '';
  const matches = [...line.matchAll(/(\d+)\.(\d+)(?:\.(\d+))?/g)];
  const last = matches.at(-1);
  if (!last) throw new HypernixError(`cannot read the Nix version from ${JSON.stringify(line)}`);
  let major = Number(last[1]);
  let minor = Number(last[2]);
  // Lix numbers itself 2.90+ but forked from Nix 2.18: treat it as what it is compatible with.
  if (/\bLix\b/.test(line) && major === 2 && minor >= 90) minor = 18;
  if (major < 2) major = 2;
  return { major, minor, patch: Number(last[3] ?? 0), text: line };
}

export function atLeast(version: NixVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

export function capabilitiesOf(version: NixVersion): NixCapabilities {
  return {
    printOutPaths: atLeast(version, 2, 9),
    pathInfoJsonIsObject: atLeast(version, 2, 19),
  };
}
