/**
 * Nix's SHA-256 hash notations: `sha256:<nix base32>` (narinfos, `nix-store --dump-db`),
 * `sha256:<hex>`, and SRI `sha256-<base64>` (`nix path-info --json` since 2.4). Nix's base32 is
 * not RFC 4648: its own alphabet (no e o t u), read from the last character backwards.
 */

const ALPHABET = '0123456789abcdfghijklmnpqrsvwxyz';
const SHA256_BYTES = 32;
const BASE32_LENGTH = Math.floor((SHA256_BYTES * 8 - 1) / 5) + 1; // 52

/** Nix base32 of a digest (libutil's printHash32). */
export function toNixBase32(digest: Uint8Array): string {
  const length = Math.floor((digest.length * 8 - 1) / 5) + 1;
  let text = '';
  for (let n = length - 1; n >= 0; n -= 1) {
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    const low = (digest[i] as number) >> j;
    const high = i >= digest.length - 1 ? 0 : (digest[i + 1] as number) << (8 - j);
    text += ALPHABET[(low | high) & 0x1f];
  }
  return text;
}

/** The digest of a Nix base32 text of `bytes` bytes, or undefined when it is not one. */
export function fromNixBase32(text: string, bytes = SHA256_BYTES): Buffer | undefined {
  if (text.length !== Math.floor((bytes * 8 - 1) / 5) + 1) return undefined;
  const digest = Buffer.alloc(bytes);
  for (let n = 0; n < text.length; n += 1) {
    const digit = ALPHABET.indexOf(text[text.length - n - 1] as string);
    if (digit < 0) return undefined;
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    digest[i] = (digest[i] as number) | ((digit << j) & 0xff);
    const carry = digit >> (8 - j);
    if (i < bytes - 1) digest[i + 1] = (digest[i + 1] as number) | carry;
    else if (carry) return undefined; // bits beyond the digest: not a canonical text
  }
  return digest;
}

/** The 32 bytes of a SHA-256 in any of Nix's notations, or undefined when it is none of them. */
export function parseSha256(text: string): Buffer | undefined {
  const sri = /^sha256-([A-Za-z0-9+/]{43}=)$/.exec(text);
  if (sri) return Buffer.from(sri[1] as string, 'base64');
  const typed = /^sha256:(.+)$/.exec(text);
  if (!typed) return undefined;
  const body = typed[1] as string;
  if (body.length === BASE32_LENGTH) return fromNixBase32(body);
  if (/^[0-9a-f]{64}$/.test(body)) return Buffer.from(body, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(body)) return Buffer.from(body, 'base64');
  return undefined;
}

/** `sha256:<nix base32>`: what every Nix reads (register-validity, --load-db, narinfos). */
export function printSha256(digest: Uint8Array): string {
  return `sha256:${toNixBase32(digest)}`;
}
