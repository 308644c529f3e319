import type { PushResult } from '../oci/push/push-image.js';
import type { PublishResult } from '../publish/publish.js';
import { formatBytes, formatRate } from '../util/format.js';

/** The outputs a push adds to the build's. */
export const PUBLISH_OUTPUT_NAMES = [
  'image-ref',
  'digest',
  'pushed-bytes',
  'reused-bytes',
  'qcow2-ref',
] as const;

export function imageRef(registry: string, result: PushResult): string {
  return `${registry}/${result.repository}@${result.digest}`;
}

export function pushOutputs(registry: string, result: PushResult) {
  return {
    'image-ref': imageRef(registry, result),
    digest: result.digest,
    'pushed-bytes': String(result.pushedBytes),
    'reused-bytes': String(result.reusedBytes),
  };
}

/** Every layer with its size, digest and what happened to it, then the totals. */
export function pushSummaryMarkdown(registry: string, result: PushResult): string {
  const rows = result.layers.map(
    (layer) =>
      `| ${layer.index + 1} | \`${layer.digest.slice(0, 19)}…\` | ${formatBytes(layer.size)} | ${layer.action} | ${layer.seconds.toFixed(2)} s |`,
  );
  return [
    '### hypernix push',
    '',
    `Pushed \`${imageRef(registry, result)}\` as ${result.tags.map((tag) => `\`${tag}\``).join(', ') || 'its digest only'}.`,
    '',
    '| Layer | Digest | Size | Result | Time |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Sent ${formatBytes(result.pushedBytes)}, reused ${formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${formatRate(result.pushedBytes, result.seconds)}).`,
    '',
  ].join('\n');
}

export function pushSummaryText(registry: string, result: PushResult): string {
  const lines = result.layers.map(
    (layer) =>
      `  ${String(layer.index + 1).padStart(3)}  ${layer.digest.slice(0, 19)}  ${formatBytes(layer.size).padStart(10)}  ${layer.action}`,
  );
  return [
    `Pushed ${imageRef(registry, result)}${result.tags.length ? ` (${result.tags.join(', ')})` : ''}`,
    ...lines,
    `Sent ${formatBytes(result.pushedBytes)}, reused ${formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${formatRate(result.pushedBytes, result.seconds)})`,
  ].join('\n');
}

/** Outputs and summary of whatever was published: an image or a qcow2 artifact. */
export function publishOutputs(published: PublishResult): Record<string, string> {
  if (published.kind === 'image') return pushOutputs(published.registry, published.result);
  const { registry, result } = published;
  return {
    'qcow2-ref': `${registry}/${result.repository}@${result.digest}`,
    digest: result.digest,
    'pushed-bytes': String(result.pushedBytes),
    'reused-bytes': String(result.pushedBytes === 0 ? result.size : 0),
  };
}

export function publishSummaryMarkdown(published: PublishResult): string {
  if (published.kind === 'image') return pushSummaryMarkdown(published.registry, published.result);
  const { registry, result } = published;
  return [
    '### hypernix push (qcow2 artifact)',
    '',
    `Pushed \`${registry}/${result.repository}@${result.digest}\` as ${result.tags.map((tag) => `\`${tag}\``).join(', ')}.`,
    '',
    `Blob \`${result.blobDigest}\`, ${formatBytes(result.size)}; sent ${formatBytes(result.pushedBytes)} in ${result.seconds.toFixed(2)} s (${formatRate(result.pushedBytes, result.seconds)}).`,
    '',
  ].join('\n');
}
