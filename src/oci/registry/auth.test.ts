import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayCarryCredentials, parseChallenge } from './auth.js';
import { credentialsFromDockerConfig } from './credentials.js';
import { tempDir } from '../../../test/helpers/temp.js';

describe('parseChallenge', () => {
  it('reads Bearer and Basic challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/n:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://ghcr.io/token',
      service: 'ghcr.io',
      scope: 'repository:o/n:pull',
    });
    expect(parseChallenge('Basic realm="lab"')).toMatchObject({ scheme: 'basic', realm: 'lab' });
    expect(parseChallenge('Negotiate')).toBeUndefined();
    expect(parseChallenge(null)).toBeUndefined();
  });
});

describe('mayCarryCredentials', () => {
  it('allows HTTPS anywhere and plain HTTP to loopback only', () => {
    const may = (url: string) => mayCarryCredentials(new URL(url));
    expect(may('https://auth.example.com/token')).toBe(true);
    expect(may('http://127.0.0.1:5000/token')).toBe(true);
    expect(may('http://localhost/token')).toBe(true);
    expect(may('http://[::1]:8080/token')).toBe(true);
    expect(may('http://token.example.com/token')).toBe(false);
    expect(may('http://10.1.2.3/token')).toBe(false);
    expect(may('http://127.0.0.1.example.com/token')).toBe(false);
    expect(may('http://localhost.example.com/token')).toBe(false);
    expect(may('ftp://127.0.0.1/token')).toBe(false);
  });
});

describe('credentialsFromDockerConfig', () => {
  const config = (content: object) => {
    const dir = tempDir('docker-config-');
    writeFileSync(join(dir, 'config.json'), JSON.stringify(content));
    return { DOCKER_CONFIG: dir };
  };

  it('reads what docker login wrote', async () => {
    const env = config({
      auths: { 'ghcr.io': { auth: Buffer.from('me:s3cr:et').toString('base64') } },
    });
    expect((await credentialsFromDockerConfig('ghcr.io', env)).credentials).toEqual({
      username: 'me',
      password: 's3cr:et',
    });
    const hub = config({
      auths: { 'https://index.docker.io/v1/': { username: 'u', password: 'p' } },
    });
    expect((await credentialsFromDockerConfig('registry-1.docker.io', hub)).credentials).toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it('names a credential helper it does not run, and copes with no file', async () => {
    expect(
      (await credentialsFromDockerConfig('ghcr.io', config({ credsStore: 'desktop' }))).helper,
    ).toBe('desktop');
    expect(
      (await credentialsFromDockerConfig('ghcr.io', { DOCKER_CONFIG: '/nonexistent' })).credentials,
    ).toBeUndefined();
  });

  it('tells a config it cannot read from one that is not JSON', async () => {
    const unreadable = tempDir('docker-config-');
    mkdirSync(join(unreadable, 'config.json')); // a directory: EISDIR
    await expect(
      credentialsFromDockerConfig('ghcr.io', { DOCKER_CONFIG: unreadable }),
    ).rejects.toThrow(/config\.json: cannot be read \(EISDIR\)/);
    const broken = tempDir('docker-config-');
    writeFileSync(join(broken, 'config.json'), '{"auths": ');
    await expect(credentialsFromDockerConfig('ghcr.io', { DOCKER_CONFIG: broken })).rejects.toThrow(
      /config\.json: not valid JSON/,
    );
  });
});
