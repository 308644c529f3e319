import { describe, expect, it } from 'vitest';
import { registrationText } from '../../nix/register.js';
import { chooseRestoreMethod, type RestoreFacts } from './method.js';

const root: RestoreFacts = {
  requested: 'unpack',
  nodeZstd: true,
  perl: true,
  euid: 0,
  storeOwner: 0,
  store: 'local',
  sudo: false,
};

describe('restore method', () => {
  it('unpacks as root, or as the owner of a single-user store', () => {
    expect(chooseRestoreMethod(root).method).toBe('unpack');
    expect(chooseRestoreMethod({ ...root, euid: 1001, storeOwner: 1001 }).method).toBe('unpack');
  });

  it('unpacks in a root child on a multi-user store where sudo allows it', () => {
    const multiUser = { ...root, euid: 1001, storeOwner: 0, sudo: true };
    expect(chooseRestoreMethod(multiUser).method).toBe('unpack-as-root');
    expect(chooseRestoreMethod({ ...multiUser, requested: 'nix-copy' }).method).toBe('nix-copy');
    // sudo is no use where the unpacking could not run as root either.
    expect(chooseRestoreMethod({ ...multiUser, perl: false }).method).toBe('nix-copy');
    expect(chooseRestoreMethod({ ...multiUser, store: 'other' }).method).toBe('nix-copy');
    // NIX_REMOTE=daemon: the machine's store, which only root writes directly.
    const throughDaemon = { ...root, euid: 1001, store: 'daemon' as const };
    expect(chooseRestoreMethod({ ...throughDaemon, sudo: true }).method).toBe('unpack-as-root');
    expect(chooseRestoreMethod({ ...throughDaemon, sudo: false }).why).toMatch(
      /through its daemon .* sudo -n cannot/,
    );
    expect(chooseRestoreMethod({ ...throughDaemon, euid: 0 }).method).toBe('nix-copy');
  });

  it('takes nix copy on a multi-user store, when asked, or when a tool is missing', () => {
    const cases: [Partial<RestoreFacts>, RegExp][] = [
      [{ euid: 1001, storeOwner: 0 }, /another user .* sudo -n cannot/],
      [{ requested: 'nix-copy' }, /restore-method is nix-copy/],
      [{ nodeZstd: false }, /cannot decode zstd/],
      [{ perl: false }, /perl is missing/],
      [{ store: 'other' }, /not a local store/],
    ];
    for (const [change, why] of cases) {
      const choice = chooseRestoreMethod({ ...root, ...change });
      expect(choice.method).toBe('nix-copy');
      expect(choice.why).toMatch(why);
    }
  });
});

describe('registration text', () => {
  it('is path, base32 hash, size, deriver, reference count, references', () => {
    const text = registrationText([
      {
        path: '/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b',
        narHash: Buffer.alloc(32),
        narSize: 120,
        deriver: '',
        references: ['/nix/store/cccccccccccccccccccccccccccccccc-d'],
      },
    ]);
    expect(text).toBe(
      [
        '/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b',
        `sha256:${'0'.repeat(52)}`,
        '120',
        '',
        '1',
        '/nix/store/cccccccccccccccccccccccccccccccc-d',
        '',
      ].join('\n'),
    );
  });
});
