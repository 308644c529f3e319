import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors.js';
import { hostKeyAlgorithms, KnownHosts, parseFingerprint, parsePublicKey } from './known-hosts.js';
import { tempDir } from '../../test/helpers/temp.js';

const dir = tempDir('hypernix-known-hosts-');

/** A real key made by ssh-keygen, with the fingerprint ssh-keygen prints for it. */
function makeKey(name: string, type = 'ed25519') {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', path]);
  const pub = readFileSync(`${path}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], {
    encoding: 'utf8',
  }).split(' ')[1]!;
  return { pub, fingerprint, type: pub.split(' ')[0]! };
}

const ed = makeKey('ed');
const ec = makeKey('ec', 'ecdsa');
const other = makeKey('other');

describe('fingerprints and public keys', () => {
  it('computes the fingerprint ssh-keygen prints', () => {
    expect(parsePublicKey(ed.pub)).toMatchObject({
      type: 'ssh-ed25519',
      fingerprint: ed.fingerprint,
    });
    expect(parsePublicKey(ec.pub)).toMatchObject({
      type: 'ecdsa-sha2-nistp256',
      fingerprint: ec.fingerprint,
    });
  });

  it('accepts a fingerprint with or without its type, and refuses anything else in one line', () => {
    expect(parseFingerprint(ed.fingerprint)).toEqual({
      type: undefined,
      fingerprint: ed.fingerprint,
      source: 'fingerprint',
    });
    expect(parseFingerprint(`ssh-ed25519 ${ed.fingerprint}`).type).toBe('ssh-ed25519');
    for (const bad of [
      '',
      'MD5:aa:bb',
      `${ed.fingerprint}=`,
      'SHA256:short',
      `x y z`,
      `ssh-dss ${ed.fingerprint}`,
    ]) {
      expect(() => parseFingerprint(bad, 'input host-keys')).toThrow(InputError);
    }
    expect(() => parseFingerprint('SHA256:$(id)', 'input host-keys')).toThrow(
      /^input host-keys "SHA256:\$\(id\)" is not a host key fingerprint/,
    );
  });

  it('refuses a public key whose blob does not match its type', () => {
    const [, blob] = ed.pub.split(' ');
    expect(() => parsePublicKey(`ecdsa-sha2-nistp256 ${blob}`)).toThrow(
      /is not valid base64 of a ecdsa-sha2-nistp256 public key/,
    );
    expect(() => parsePublicKey('ssh-ed25519 !!!')).toThrow(InputError);
  });

  it('offers RSA keys with SHA-2 signatures', () => {
    expect(hostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519'])).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
    ]);
  });
});

describe('KnownHosts', () => {
  it('matches plain names, ports, wildcards and negations', () => {
    const text = [
      '# comment',
      `hv1,10.77.1.2 ${ed.pub}`,
      `[10.77.1.2]:2222 ${ec.pub}`,
      `*.lab,!bad.lab ${other.pub}`,
      '',
    ].join('\n');
    const known = KnownHosts.parse(text);
    expect(known.pinsFor('10.77.1.2', 22).keys.map((k) => k.fingerprint)).toEqual([ed.fingerprint]);
    expect(known.pinsFor('10.77.1.2', 2222).keys.map((k) => k.fingerprint)).toEqual([
      ec.fingerprint,
    ]);
    expect(known.pinsFor('vm.lab', 22).keys.map((k) => k.fingerprint)).toEqual([other.fingerprint]);
    expect(known.pinsFor('bad.lab', 22).keys).toEqual([]);
    expect(known.pinsFor('10.77.1.3', 22).keys).toEqual([]);
    expect(known.pinsFor('10.77.1.2', 22).keys[0]!.source).toBe('known_hosts line 2');
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `10.77.5.5 ${ed.pub}\n[10.77.5.5]:2200 ${ec.pub}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\|1\|/);
    const known = KnownHosts.parse(text);
    expect(known.pinsFor('10.77.5.5', 22).keys.map((k) => k.fingerprint)).toEqual([ed.fingerprint]);
    expect(known.pinsFor('10.77.5.5', 2200).keys.map((k) => k.fingerprint)).toEqual([
      ec.fingerprint,
    ]);
    expect(known.pinsFor('10.77.5.6', 22).keys).toEqual([]);
  });

  it('keeps @revoked keys apart and skips @cert-authority lines, saying so', () => {
    const known = KnownHosts.parse(
      `@revoked hv1 ${ed.pub}\n@cert-authority *.lab ${ec.pub}\nhv1 ${other.pub}`,
    );
    expect(known.pinsFor('hv1', 22).revoked.map((k) => k.fingerprint)).toEqual([ed.fingerprint]);
    expect(known.pinsFor('hv1', 22).keys.map((k) => k.fingerprint)).toEqual([other.fingerprint]);
    expect(known.ignored).toEqual([
      'known_hosts line 2: @cert-authority skipped (host certificates are not supported)',
    ]);
  });

  it('names the malformed line', () => {
    const cases: [string, RegExp][] = [
      [`hv1 ssh-ed25519`, /^known_hosts line 1: expected "HOSTS KEYTYPE BASE64KEY/],
      [`\n@trusted hv1 ${ed.pub}`, /^known_hosts line 2: unknown marker "@trusted"/],
      [
        `|1|abc|def ${ed.pub}`,
        /^known_hosts line 1: hashed host "\|1\|abc\|def" is not \|1\|SALT\|HASH/,
      ],
      [`hv1 ssh-ed25519 AAAA$(id)`, /^known_hosts line 1: the ssh-ed25519 key is not valid base64/],
      [`hv1 ${'A'.repeat(20_000)}`, /^known_hosts line 1 is longer than 16384 characters/],
    ];
    for (const [text, message] of cases) expect(() => KnownHosts.parse(text)).toThrow(message);
    expect(() => KnownHosts.parse('#'.repeat(1024 * 1024 + 1), 'input known-hosts')).toThrow(
      'input known-hosts is larger than 1048576 bytes',
    );
  });
});
