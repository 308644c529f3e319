/** Media types and header names of the OCI distribution and image specs; never bare strings. */
export const MEDIA_TYPE = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  /** The artifactType of a qcow2 disk image pushed by hypernix. */
  qcow2Artifact: 'application/vnd.hypernix.disk-image.qcow2',
  qcow2Layer: 'application/vnd.hypernix.disk-image.qcow2',
} as const;

export const HEADER = {
  contentType: 'content-type',
  contentLength: 'content-length',
  contentRange: 'content-range',
  dockerContentDigest: 'docker-content-digest',
  location: 'location',
  range: 'range',
  retryAfter: 'retry-after',
  wwwAuthenticate: 'www-authenticate',
  authorization: 'authorization',
  apiVersion: 'docker-distribution-api-version',
} as const;

/** What we accept when reading a manifest by tag: every single-image and index form. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPE.ociManifest,
  MEDIA_TYPE.dockerManifest,
  MEDIA_TYPE.ociIndex,
  MEDIA_TYPE.dockerManifestList,
].join(', ');

/** The OCI empty descriptor: `{}`, the config of an artifact that has none. */
export const EMPTY_CONFIG = {
  mediaType: MEDIA_TYPE.ociEmpty,
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  data: 'e30=',
} as const;

/** Annotation keys hypernix writes (OCI descriptors): on artifacts, and on image layers. */
export const ANNOTATION = {
  title: 'org.opencontainers.image.title',
  outPath: 'vnd.hypernix.nix.out-path',
  /** The digest of a layer's or file's bytes before compression: an image layer's diff_id. */
  uncompressedDigest: 'vnd.hypernix.uncompressed.digest',
  uncompressedSize: 'vnd.hypernix.uncompressed.size',
  /** On an image manifest: the config whose diff_ids its layers' uncompressedDigest repeat. */
  diffIdsOf: 'vnd.hypernix.diff-ids.of',
} as const;
