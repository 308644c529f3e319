import { describe, expect, it } from 'vitest';
import { BuildLogTracker, derivationName } from './build-log.js';

describe('BuildLogTracker', () => {
  it('keeps the lines printed after each "building" line (nix-build)', () => {
    const tracker = new BuildLogTracker(2);
    for (const line of [
      'these 2 derivations will be built:',
      '  /nix/store/8wr6mlm54xnvpaacj90krq52c10q6mmv-dep.drv',
      "building '/nix/store/8wr6mlm54xnvpaacj90krq52c10q6mmv-dep.drv'...",
      'dep output',
      "building '/nix/store/cwz0d2v2046vxx29yli0dqan0ayacnyl-img.drv'...",
      'one',
      'two',
      'three',
      "error: builder for '/nix/store/cwz0d2v2046vxx29yli0dqan0ayacnyl-img.drv' failed",
    ]) {
      tracker.feed(line);
    }
    expect(tracker.tailFor('/nix/store/cwz0d2v2046vxx29yli0dqan0ayacnyl-img.drv')).toEqual([
      'two',
      'three',
    ]);
    expect(tracker.tailFor('/nix/store/8wr6mlm54xnvpaacj90krq52c10q6mmv-dep.drv')).toEqual([
      'dep output',
    ]);
  });

  it('follows the name> prefixes of nix build -L', () => {
    const tracker = new BuildLogTracker();
    tracker.feed('img> compiling');
    tracker.feed('dep> other');
    expect(tracker.tailFor('/nix/store/cwz0d2v2046vxx29yli0dqan0ayacnyl-img.drv')).toEqual([
      'compiling',
    ]);
  });

  it('names derivations as nix build -L does', () => {
    expect(derivationName('/nix/store/cwz0d2v2046vxx29yli0dqan0ayacnyl-nginx-1.2.drv')).toBe(
      'nginx-1.2',
    );
  });
});
