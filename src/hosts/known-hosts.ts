import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { InputError } from '../util/errors.js';

/** A host key the deploy trusts, with where it came from (for messages). */
export interface PinnedKey {
  /** The key type (`ssh-ed25519`), or undefined for a bare fingerprint. */
  type?: string;
  /** `SHA256:` + unpadded base64, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  source: string;
}

/** The keys pinned for one host, and keys that must never be accepted. */
export interface HostPins {
  keys: PinnedKey[];
  revoked: PinnedKey[];
}

// Host key types ssh2 can verify. Others (security keys, DSA) are skipped with a note.
const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
]);
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_LINE_CHARS = 16 * 1024;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** `SHA256:…` of a public key blob, the way OpenSSH prints it (base64 without padding). */
export function keyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The type named inside an SSH public key blob (its first length-prefixed string). */
export function blobKeyType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  const type = blob.subarray(4, 4 + length).toString('latin1');
  return /^[a-z0-9@.-]+$/.test(type) ? type : undefined;
}

/** The signature algorithms to offer for host keys of these types (RSA keys sign with SHA-2). */
export function hostKeyAlgorithms(types: readonly string[]): string[] {
  const algorithms = new Set<string>();
  for (const type of types) {
    if (type === 'ssh-rsa')
      for (const a of ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']) algorithms.add(a);
    else algorithms.add(type);
  }
  return [...algorithms];
}

/**
 * A pin from a fingerprint: `SHA256:…`, optionally preceded by its key type
 * (`ssh-ed25519 SHA256:…`) so that the connection can offer only that type.
 */
export function parseFingerprint(text: string, source = 'fingerprint'): PinnedKey {
  const words = text.trim().split(/\s+/);
  const [type, fingerprint] = words.length === 2 ? words : [undefined, words[0]];
  if (words.length > 2 || !fingerprint || !FINGERPRINT.test(fingerprint)) {
    throw new InputError(
      `${source} ${JSON.stringify(text.slice(0, 100))} is not a host key fingerprint: expected "SHA256:" and 43 base64 characters, optionally after the key type`,
    );
  }
  if (type !== undefined && !KEY_TYPES.has(type)) {
    throw new InputError(
      `${source}: key type ${JSON.stringify(type.slice(0, 40))} is not one of ${[...KEY_TYPES].join(', ')}`,
    );
  }
  return { type, fingerprint, source };
}

/** A pin from a public key line (`ssh-ed25519 AAAA… comment`), such as a guest's host key file. */
export function parsePublicKey(text: string, source = 'public key'): PinnedKey {
  const words = text.trim().split(/\s+/);
  if (words.length < 2) throw new InputError(`${source}: expected "KEYTYPE BASE64KEY [comment]"`);
  return pinFromKey(words[0]!, words[1]!, source);
}

function pinFromKey(type: string, base64: string, source: string): PinnedKey {
  if (!KEY_TYPES.has(type)) {
    throw new InputError(
      `${source}: key type ${JSON.stringify(type.slice(0, 40))} is not one of ${[...KEY_TYPES].join(', ')}`,
    );
  }
  const blob = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64') : undefined;
  if (!blob || blobKeyType(blob) !== type) {
    throw new InputError(`${source}: the ${type} key is not valid base64 of a ${type} public key`);
  }
  return { type, fingerprint: keyFingerprint(blob), source };
}

interface Entry {
  patterns: string[];
  marker?: 'revoked';
  key: PinnedKey;
}

/**
 * known_hosts text (OpenSSH's format): `HOSTS KEYTYPE BASE64 [comment]` lines, hosts as plain
 * patterns (`*`, `?`, `!negation`, `[host]:port`) or hashed (`|1|salt|hash`), `#` comments.
 * `@revoked` keys are refused for their hosts; `@cert-authority` lines (certificates are not
 * supported) and key types ssh2 cannot check are skipped and listed in `ignored`. Anything else
 * malformed is refused with its line number. The text is untrusted: size and lines are bounded.
 */
export class KnownHosts {
  readonly ignored: string[] = [];
  private readonly entries: Entry[] = [];

  static parse(text: string, origin = 'known_hosts'): KnownHosts {
    if (Buffer.byteLength(text) > MAX_TEXT_BYTES) {
      throw new InputError(`${origin} is larger than ${MAX_TEXT_BYTES} bytes`);
    }
    const known = new KnownHosts();
    text.split('\n').forEach((raw, index) => known.parseLine(raw, `${origin} line ${index + 1}`));
    return known;
  }

  private parseLine(raw: string, where: string) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.length > MAX_LINE_CHARS)
      throw new InputError(`${where} is longer than ${MAX_LINE_CHARS} characters`);
    const words = line.split(/\s+/);
    let marker: string | undefined;
    if (words[0]!.startsWith('@')) marker = words.shift();
    if (marker !== undefined && marker !== '@revoked' && marker !== '@cert-authority') {
      throw new InputError(
        `${where}: unknown marker ${JSON.stringify(marker.slice(0, 40))}; expected @revoked or @cert-authority`,
      );
    }
    if (words.length < 3)
      throw new InputError(`${where}: expected "HOSTS KEYTYPE BASE64KEY [comment]"`);
    const [hosts, type, base64] = words as [string, string, string];
    if (marker === '@cert-authority') {
      this.ignored.push(`${where}: @cert-authority skipped (host certificates are not supported)`);
      return;
    }
    if (!KEY_TYPES.has(type)) {
      this.ignored.push(
        `${where}: key type ${JSON.stringify(type.slice(0, 40))} skipped (not supported)`,
      );
      return;
    }
    const patterns = hosts.split(',');
    for (const pattern of patterns) checkPattern(pattern, where);
    this.entries.push({
      patterns,
      marker: marker === '@revoked' ? 'revoked' : undefined,
      key: pinFromKey(type, base64, where),
    });
  }

  /** The pins for a host as dialled (its name or address and port). */
  pinsFor(hostname: string, port: number): HostPins {
    const name = port === 22 ? hostname : `[${hostname}]:${port}`;
    const pins: HostPins = { keys: [], revoked: [] };
    for (const entry of this.entries) {
      if (!matchesHost(entry.patterns, name)) continue;
      (entry.marker === 'revoked' ? pins.revoked : pins.keys).push(entry.key);
    }
    return pins;
  }
}

function checkPattern(pattern: string, where: string) {
  if (pattern.startsWith('|')) {
    const parts = pattern.split('|');
    const ok =
      parts.length === 4 &&
      parts[1] === '1' &&
      Buffer.from(parts[2]!, 'base64').length === 20 &&
      Buffer.from(parts[3]!, 'base64').length === 20;
    if (!ok)
      throw new InputError(
        `${where}: hashed host ${JSON.stringify(pattern.slice(0, 80))} is not |1|SALT|HASH`,
      );
  } else if (pattern === '' || pattern === '!' || /[\s\0]/.test(pattern)) {
    throw new InputError(`${where}: empty or malformed host pattern`);
  }
}

/** OpenSSH's rule: some pattern matches and no negated pattern does. */
function matchesHost(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false;
    } else if (pattern.startsWith('|')) {
      if (hashedMatch(pattern, name)) matched = true;
    } else if (wildcardMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split('|') as [string, string, string, string];
  const computed = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  const expected = Buffer.from(hash, 'base64');
  return expected.length === computed.length && timingSafeEqual(expected, computed);
}

/** `*` and `?` globbing, case-insensitive like OpenSSH host names; linear, no regex built. */
function wildcardMatch(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  let pi = 0;
  let ni = 0;
  let star = -1;
  let mark = 0;
  while (ni < n.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === n[ni])) {
      pi += 1;
      ni += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      mark = ni;
      pi += 1;
    } else if (star >= 0) {
      pi = star + 1;
      mark += 1;
      ni = mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
}
