import { InputError } from '../../util/errors.js';

/**
 * An image reference, parsed as the distribution spec and Docker's reference grammar define it:
 * [registry[:port]/]repository[:tag][@digest]. Built from named parts so each can be read alone.
 */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = `${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])`;
const REGISTRY = `${HOST}(?::[0-9]+)?`;

const REPOSITORY_RE = new RegExp(`^${REPOSITORY}$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const DIGEST_RE = new RegExp(`^${DIGEST}$`);
const REGISTRY_RE = new RegExp(`^${REGISTRY}$`);

/** Whether `text` is a sha256 digest as registries write them (`sha256:` and 64 hex digits). */
export const isSha256Digest = (text: string): boolean => DIGEST_RE.test(text);

export const DOCKER_HUB = 'registry-1.docker.io';

export interface ImageReference {
  /** host[:port] to talk to (Docker Hub's API host for docker.io). */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export class ImageReferenceError extends InputError {
  override name = 'ImageReferenceError';
}

/** A first path part is a registry when it has a dot, a port, or is localhost (Docker's rule). */
function looksLikeRegistry(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost' || part.startsWith('[');
}

export function parseReference(text: string, label = 'reference'): ImageReference {
  const fail = (why: string): never => {
    throw new ImageReferenceError(`${label}: ${why}; got ${JSON.stringify(text)}`);
  };
  const input = text.trim();
  if (input === '') fail('expected an image reference such as ghcr.io/owner/name:tag');
  if (/\s/.test(input))
    fail(
      'not a valid image reference: it contains whitespace (expected registry/repository[:tag])',
    );
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest))
      fail('the digest must be sha256: followed by 64 lowercase hex characters');
  }
  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  if (slash > 0 && looksLikeRegistry(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
    if (!REGISTRY_RE.test(registry))
      fail(`${JSON.stringify(registry)} is not a registry host[:port]`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag))
      fail('a tag is 1-128 characters of letters, digits, _ . and -, not starting with . or -');
  }
  if (rest === '') fail('the repository name is empty');
  if (rest !== rest.toLowerCase()) fail('the repository name must be lowercase');
  if (!REPOSITORY_RE.test(rest))
    fail('the repository name has characters or separators the registry refuses');
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = DOCKER_HUB;
  const repository = registry === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
  return { registry, repository, tag, digest };
}

export function validateTag(tag: string, label = 'tags'): string {
  if (!TAG_RE.test(tag)) {
    throw new ImageReferenceError(
      `${label}: a tag is 1-128 characters of letters, digits, _ . and -, not starting with . or -; got ${JSON.stringify(tag)}`,
    );
  }
  return tag;
}

export function formatReference(reference: ImageReference): string {
  const base = `${reference.registry}/${reference.repository}`;
  if (reference.digest) return `${base}@${reference.digest}`;
  return reference.tag ? `${base}:${reference.tag}` : base;
}
