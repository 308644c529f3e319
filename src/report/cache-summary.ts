import type { RestoreResult, SaveResult } from '../store-cache/cache.js';
import { countOf, formatBytes, formatRate } from '../util/format.js';

/** The job summary's section for a restore. */
export function restoreSummaryMarkdown(key: string, result: RestoreResult): string {
  const what =
    result.hit === 'miss'
      ? `Miss for \`${key}\`: nothing restored.`
      : `${result.hit === 'exact' ? 'Hit' : 'Partial hit'} (\`${result.key}\`): restored ${countOf(result.paths, 'path')}, ${formatBytes(result.bytes)}, in ${result.seconds.toFixed(2)} s (${formatRate(result.bytes, result.seconds)}).`;
  return ['### hypernix store cache: restore', '', what, ''].join('\n');
}

/** The job summary's section for a save. */
export function saveSummaryMarkdown(key: string, result: SaveResult): string {
  const what =
    result.paths === 0
      ? `Nothing new to save under \`${key}\`.`
      : `Saved ${countOf(result.paths, 'path')}, ${formatBytes(result.bytes)}, under \`${key}\`${result.compacted ? ' (compacted into one pack)' : ''}, in ${result.seconds.toFixed(2)} s (${formatRate(result.bytes, result.seconds)}).`;
  return ['### hypernix store cache: save', '', what, ''].join('\n');
}
