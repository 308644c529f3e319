/**
 * Follows Nix's stderr during a build and keeps the last lines each derivation's builder printed,
 * so a failure can show the failing builder's own output rather than Nix's noise.
 *
 * nix-build prints "building '/nix/store/…-name.drv'..." and then the builder's raw lines;
 * `nix build -L` prefixes each builder line with "name> ".
 */
export class BuildLogTracker {
  private readonly byName = new Map<string, string[]>();
  private current: string | undefined;

  constructor(private readonly keep = 25) {}

  feed(line: string): void {
    const started = /^building '(\/nix\/store\/[^']+\.drv)'/.exec(line);
    if (started?.[1]) {
      this.current = derivationName(started[1]);
      return;
    }
    const prefixed = /^([A-Za-z0-9+._?=-]+)> (.*)$/.exec(line);
    if (prefixed?.[1] !== undefined && prefixed[2] !== undefined) {
      this.append(prefixed[1], prefixed[2]);
      return;
    }
    if (this.current && !isNixMessage(line)) this.append(this.current, line);
  }

  /** The last lines of the builder of `drvPath`, oldest first. */
  tailFor(drvPath: string | undefined): string[] {
    if (!drvPath) return [];
    return [...(this.byName.get(derivationName(drvPath)) ?? [])];
  }

  private append(name: string, line: string) {
    const lines = this.byName.get(name) ?? [];
    lines.push(line);
    if (lines.length > this.keep) lines.shift();
    this.byName.set(name, lines);
  }
}

/** "/nix/store/hash-nginx-1.2.drv" → "nginx-1.2", the name `nix build -L` prefixes lines with. */
export function derivationName(drvPath: string): string {
  const base = drvPath.split('/').pop() ?? drvPath;
  return base.replace(/^[0-9a-z]{32}-/, '').replace(/\.drv$/, '');
}

function isNixMessage(line: string): boolean {
  return (
    /^error:/.test(line) ||
    /^these \d+ (derivations|paths) will be/.test(line) ||
    /^this (derivation|path) will be/.test(line) ||
    /^ {2}\/nix\/store\//.test(line) ||
    /^copying path /.test(line)
  );
}
