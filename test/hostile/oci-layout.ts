// Builds OCI image layouts whose descriptors lie, for the hostile-input corpus: made by this
// script at test time, never committed as blobs.
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface HostileLayer {
  /** What the manifest says; a well-formed sha256 digest of `bytes` when absent. */
  digest?: unknown;
  size?: unknown;
  /** Written as the blob the digest names, when the digest is a well-formed one. */
  bytes?: Buffer;
  /** Make the blob a symlink to this path instead. */
  linkTo?: string;
}

export interface HostileLayout {
  /** The layout directory. */
  layout: string;
  /** A file beside the layout, which no descriptor may make us read: `../secret.bin` from it. */
  secret: string;
}

/** A layout of one image: a valid config, and the layers as described. */
export function makeHostileLayout(layers: HostileLayer[], secretBytes?: Buffer): HostileLayout {
  const root = tempDir('hostile-layout-');
  const secret = join(root, 'secret.bin');
  writeFileSync(secret, secretBytes ?? Buffer.from('the secret outside the layout\n'));
  const layout = join(root, 'layout');
  const blobs = join(layout, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const blob = (bytes: Buffer) => {
    const hex = sha256(bytes);
    writeFileSync(join(blobs, hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  );
  const descriptors = layers.map((layer) => {
    const bytes = layer.bytes ?? Buffer.from('layer');
    const digest = layer.digest ?? `sha256:${sha256(bytes)}`;
    const size = layer.size ?? bytes.length;
    if (typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest)) {
      const file = join(blobs, digest.slice(7));
      if (layer.linkTo) symlinkSync(layer.linkTo, file);
      else writeFileSync(file, bytes);
    }
    return { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size };
  });
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...blob(config) },
        layers: descriptors,
      }),
    ),
  );
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
  return { layout, secret };
}

export { sha256 as sha256Hex };
