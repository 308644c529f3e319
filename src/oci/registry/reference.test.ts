import { describe, expect, it } from 'vitest';
import { InputError } from '../../util/errors.js';
import { formatReference, parseReference } from './reference.js';

describe('parseReference', () => {
  it.each([
    ['ghcr.io/owner/name:1.4', { registry: 'ghcr.io', repository: 'owner/name', tag: '1.4' }],
    ['127.0.0.1:5000/lab/nginx', { registry: '127.0.0.1:5000', repository: 'lab/nginx' }],
    [
      'localhost/x@sha256:' + 'a'.repeat(64),
      { registry: 'localhost', repository: 'x', digest: 'sha256:' + 'a'.repeat(64) },
    ],
    ['nginx:1.27', { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.27' }],
    [
      'joshrosso/kubecon:1.4',
      { registry: 'registry-1.docker.io', repository: 'joshrosso/kubecon', tag: '1.4' },
    ],
    ['[::1]:5000/a/b:c', { registry: '[::1]:5000', repository: 'a/b', tag: 'c' }],
  ])('reads %s', (text, expected) => {
    expect(parseReference(text)).toEqual({ tag: undefined, digest: undefined, ...expected });
  });

  it.each([
    ['ghcr.io/Owner/name:1', 'the repository name must be lowercase'],
    ['', 'expected an image reference'],
    ['ghcr.io/:tag', 'the repository name is empty'],
    ['NOT A REF', 'not a valid image reference: it contains whitespace'],
    ['ghcr.io/a/b:-bad', 'a tag is 1-128 characters'],
    ['ghcr.io/a/b:has space', 'not a valid image reference: it contains whitespace'],
    ['ghcr.io/a/b:has\u0001ctl', 'a tag is 1-128 characters'],
    [
      'ghcr.io/a/b@sha256:abc',
      'the digest must be sha256: followed by 64 lowercase hex characters',
    ],
    ['ghcr.io/a//b:1', 'the repository name has characters or separators the registry refuses'],
  ])('refuses %j with one line', (text, why) => {
    expect(() => parseReference(text, "input 'image'")).toThrow(InputError);
    expect(() => parseReference(text, "input 'image'")).toThrow(`input 'image': ${why}`);
  });

  it('formats back', () => {
    expect(formatReference(parseReference('127.0.0.1:5000/lab/nginx:1'))).toBe(
      '127.0.0.1:5000/lab/nginx:1',
    );
  });
});
