import { describe, expect, it } from 'vitest';
import { mapFlakeSource, nixBuildCommand, parseOutPaths } from './build.js';
import type { NixInstallation } from './locate.js';
import { capabilitiesOf, parseNixVersion } from './version.js';

function nixOf(version: string): NixInstallation {
  const parsed = parseNixVersion(version);
  return {
    binDir: '/bin',
    version: parsed,
    capabilities: capabilitiesOf(parsed),
    program: (name) => `/bin/${name}`,
  };
}

const labels = {
  file: "input 'file'",
  attribute: "input 'attribute'",
  workingDirectory: "input 'working-directory'",
};

describe('nixBuildCommand', () => {
  it('builds a file with nix-build, args as separate words', () => {
    const command = nixBuildCommand(
      nixOf('nix (Nix) 2.8.0'),
      {
        target: {
          type: 'file',
          file: 'img.nix',
          attribute: 'qcow',
          args: [{ name: 'n', value: '1' }],
          argstrs: [{ name: 's', value: 'a b' }],
        },
        nixArgs: ['--option', 'cores', '2'],
        labels,
      },
      '/abs/img.nix',
    );
    expect(command).toEqual({
      program: '/bin/nix-build',
      args: [
        '/abs/img.nix',
        '--no-out-link',
        '--attr',
        'qcow',
        '--arg',
        'n',
        '1',
        '--argstr',
        's',
        'a b',
        '--option',
        'cores',
        '2',
      ],
    });
  });

  it('uses --json on Nix 2.8 and --print-out-paths where it exists', () => {
    const request = {
      target: { type: 'flake' as const, installable: '.#img' },
      nixArgs: [],
      labels,
    };
    expect(nixBuildCommand(nixOf('nix (Nix) 2.8.0'), request).args).toContain('--json');
    expect(nixBuildCommand(nixOf('nix (Nix) 2.8.0'), request).args).not.toContain(
      '--print-out-paths',
    );
    expect(nixBuildCommand(nixOf('nix (Nix) 2.28.3'), request).args).toContain('--print-out-paths');
  });

  it('keeps an out-link when asked', () => {
    const request = {
      target: { type: 'flake' as const, installable: '.#img' },
      nixArgs: [],
      labels,
      outLink: '/t/result',
    };
    expect(nixBuildCommand(nixOf('nix (Nix) 2.8.0'), request).args).toEqual(
      expect.arrayContaining(['--out-link', '/t/result']),
    );
  });
});

describe('parseOutPaths', () => {
  it('reads lines and the --json form', () => {
    expect(parseOutPaths('/nix/store/a-x\n/nix/store/b-y\n')).toEqual([
      '/nix/store/a-x',
      '/nix/store/b-y',
    ]);
    expect(
      parseOutPaths(
        '[{"drvPath":"/nix/store/d.drv","outputs":{"out":"/nix/store/a-x","dev":"/nix/store/b-x-dev"}}]',
      ),
    ).toEqual(['/nix/store/a-x', '/nix/store/b-x-dev']);
  });
});

describe('mapFlakeSource', () => {
  it("points errors in the store copy of a local flake back at the user's directory", () => {
    const location = {
      file: '/nix/store/npx5d726nm0365s8ynl71vkbr1vs4hb2-source/images.nix',
      line: 5,
      column: 12,
    };
    expect(mapFlakeSource(location, { type: 'flake', installable: './vm#img' }, '/tmp')).toEqual({
      ...location,
      file: '/tmp/vm/images.nix',
    });
    expect(
      mapFlakeSource(location, { type: 'flake', installable: 'github:o/r#img' }, '/tmp'),
    ).toEqual(location);
  });
});
