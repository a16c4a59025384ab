import type { LoadedImage } from '../image/types.js';
import { computeDiveMetrics } from './dive.js';
import { computeHiddenBytes } from './hidden.js';
import { withHiddenFiles } from './hidden-files.js';
import { cleanCommand, commitReasons, mapHistory } from './history.js';
import type { ImageAnalysis, LayerAnalysis } from './types.js';

/**
 * Turns a loaded image into plain numbers: dive's figures, exact hidden bytes with attribution,
 * per-layer changes, history and commit detection. Pure: reads nothing, writes nothing.
 */
export function analyzeImage(image: LoadedImage): ImageAnalysis {
  const layerCount = image.layers.length;
  const mapping = mapHistory(image.history, layerCount);
  const entries = image.layers.map((l) => l.entries);
  const hidden = computeHiddenBytes(entries, image.paths);
  const dive = computeDiveMetrics(entries, image.paths);
  const layers: LayerAnalysis[] = image.layers.map((layer, i) => {
    const { history, emptyHistory } = mapping.layers[i]!;
    const createdBy = history?.createdBy ?? '';
    const reasons = commitReasons(history, image.config, i === layerCount - 1);
    return {
      index: i,
      digest: layer.digest,
      sizeBytes: layer.entries.fileBytes(),
      command: createdBy === '' ? (history?.comment ?? '') : cleanCommand(createdBy),
      createdBy,
      history,
      emptyHistory,
      commitBuilt: reasons.length > 0,
      commitReasons: reasons,
      changes: hidden.changes[i]!,
      entryCount: layer.entries.length,
      hiddenBytes: hidden.hiddenByAdder[i]!,
      hidesBytes: hidden.hiddenByHider[i]!,
    };
  });
  const sizeBytes = layers.reduce((sum, l) => sum + l.sizeBytes, 0);
  const userSizeBytes = sizeBytes - (layers[0]?.sizeBytes ?? 0);
  const warnings = [...image.warnings];
  if (mapping.warning) warnings.push(mapping.warning);
  const analysis: ImageAnalysis = {
    schemaVersion: 1,
    image: {
      source: image.source,
      format: image.format,
      tags: image.tags,
      id: image.id,
      os: image.config.os,
      architecture: image.config.architecture,
      user: image.config.user ?? '',
    },
    layers,
    sizeBytes,
    userSizeBytes,
    efficiency: dive.efficiency,
    wastedBytes: dive.wastedBytes,
    userWastedPercent: userSizeBytes === 0 ? null : dive.wastedBytes / userSizeBytes,
    inefficientFiles: dive.inefficientFiles,
    storedBytes: hidden.storedBytes,
    visibleBytes: hidden.visibleBytes,
    hiddenBytes: hidden.storedBytes - hidden.visibleBytes,
    hiddenFiles: [], // replaced below, in this place among the keys
    fileCount: dive.fileCount,
    findings: [],
    warnings,
    layerEntries: entries,
    finalFiles: hidden.finalFiles,
  };
  return withHiddenFiles(analysis, hidden.hiddenFiles);
}
