import type { PushResult } from '../oci/push-image.js';
import { formatBytes } from '../util/format.js';

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

function throughput(bytes: number, seconds: number): string {
  return seconds > 0 ? `${formatBytes(bytes / seconds)}/s` : '-';
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
    '| Layer | Digest | Size | | Time |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Sent ${formatBytes(result.pushedBytes)}, reused ${formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${throughput(result.pushedBytes, result.seconds)}).`,
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
    `Sent ${formatBytes(result.pushedBytes)}, reused ${formatBytes(result.reusedBytes)} in ${result.seconds.toFixed(2)} s (${throughput(result.pushedBytes, result.seconds)})`,
  ].join('\n');
}
