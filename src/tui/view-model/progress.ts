import { formatSize } from './format.js';

/** What the loading screen knows: reading the archive, then building the file tree. */
export interface LoadingStatus {
  readonly stage: 'reading' | 'analysing' | 'building';
  readonly source: string;
  readonly layerIndex: number;
  readonly layerCount: number;
  readonly bytesRead: number;
  readonly bytesTotal: number | undefined;
  readonly entries: number;
}

/** `[██████░░░░░░]` for a fraction 0..1 in `width` cells. */
function progressBar(fraction: number, width: number): string {
  const cells = Math.max(0, width);
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * cells);
  return `[${'█'.repeat(filled)}${'░'.repeat(cells - filled)}]`;
}

/** The loading screen's lines: what is happening, a bar, and the counts. */
export function loadingLines(status: LoadingStatus, width: number): string[] {
  const barWidth = Math.max(10, Math.min(60, width - 10));
  const layer =
    status.layerCount > 0 ? `layer ${status.layerIndex + 1}/${status.layerCount}` : 'archive';
  if (status.stage === 'reading') {
    const fraction = status.bytesTotal ? status.bytesRead / status.bytesTotal : 0;
    const bytes = status.bytesTotal
      ? `${formatSize(status.bytesRead)} / ${formatSize(status.bytesTotal)}`
      : formatSize(status.bytesRead);
    return [
      `Reading ${status.source}`,
      `${progressBar(fraction, barWidth)} ${Math.floor(fraction * 100)}%`,
      `${layer}  ${bytes}  ${status.entries} entries`,
    ];
  }
  if (status.stage === 'analysing') {
    return [
      `Analysing ${status.source}`,
      progressBar(1, barWidth),
      `${status.entries} entries in ${status.layerCount} layers`,
    ];
  }
  const fraction = status.layerCount > 0 ? (status.layerIndex + 1) / status.layerCount : 1;
  return [
    `Building the file tree of ${status.source}`,
    `${progressBar(fraction, barWidth)} ${Math.floor(fraction * 100)}%`,
    `${layer}  ${status.entries} entries`,
  ];
}
