import { describe, expect, it } from 'vitest';
import { childEnvironment } from './child-env.js';
import { rememberSecret } from './secrets.js';

describe('childEnvironment', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/root',
    LC_ALL: 'C.UTF-8',
    NIX_PATH: 'nixpkgs=/x',
    NIX_SSHOPTS: '-i key',
    https_proxy: 'http://proxy:3128',
    GITHUB_SHA: 'abc',
    GITHUB_TOKEN: 'ghs_secret',
    'INPUT_REGISTRY-PASSWORD': 'hunter22',
    INPUT_IMAGE: 'x',
    HYPERNIX_REGISTRY_PASSWORD: 'hunter22',
    ACTIONS_RUNTIME_TOKEN: 'tok',
    ACTIONS_CACHE_URL: 'https://cache',
    AWS_SECRET_ACCESS_KEY: 'aws',
    NIX_MY_PASSWORD: 'p',
    RANDOM_THING: 'r',
  };

  it('passes what Nix needs and nothing that may hold a secret', () => {
    expect(childEnvironment({}, env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      LC_ALL: 'C.UTF-8',
      NIX_PATH: 'nixpkgs=/x',
      NIX_SSHOPTS: '-i key',
      https_proxy: 'http://proxy:3128',
      GITHUB_SHA: 'abc',
    });
  });

  it('drops any passed variable that holds a masked value', () => {
    rememberSecret('proxy-password-42');
    const result = childEnvironment({}, { ...env, http_proxy: 'http://u:proxy-password-42@p:1' });
    expect(result.http_proxy).toBeUndefined();
    expect(result.https_proxy).toBe('http://proxy:3128');
  });

  it('adds the extra variables asked for', () => {
    expect(childEnvironment({ NIX_INSTALLER_NO_MODIFY_PROFILE: '1' }, { PATH: '/b' })).toEqual({
      PATH: '/b',
      NIX_INSTALLER_NO_MODIFY_PROFILE: '1',
    });
  });
});
