import type { LoadedImage } from '../image/types.js';
import { computeDiveMetrics } from './dive.js';
import { computeHiddenBytes } from './hidden.js';
import { cleanCommand, commitReasons, mapHistory } from './history.js';
import type { HiddenFile, ImageAnalysis, LayerAnalysis } from './types.js';

/**
 * Hidden files largest first, then by adding layer, then by path. Sorts indices over typed
 * arrays: a comparator over 100k objects that compares paths on every size tie cost more than
 * the whole analysis; here paths are compared only within runs of equal size and layer.
 */
function largestFirst(files: readonly HiddenFile[]): HiddenFile[] {
  const n = files.length;
  const size = new Float64Array(n);
  const layer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    size[i] = files[i]!.sizeBytes;
    layer[i] = files[i]!.addedInLayer;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => size[b]! - size[a]! || layer[a]! - layer[b]! || a - b);
  const out = order.map((i) => files[i]!);
  // Within a run of equal size and layer, order by path.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (
      end < n &&
      out[end]!.sizeBytes === out[start]!.sizeBytes &&
      out[end]!.addedInLayer === out[start]!.addedInLayer
    )
      end++;
    if (end - start > 1) {
      const run = out
        .slice(start, end)
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (let k = 0; k < run.length; k++) out[start + k] = run[k]!;
    }
    start = end;
  }
  return out;
}

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
  const hiddenFiles = largestFirst(hidden.hiddenFiles);
  const warnings = [...image.warnings];
  if (mapping.warning) warnings.push(mapping.warning);
  return {
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
    hiddenFiles,
    fileCount: dive.fileCount,
    findings: [],
    warnings,
    layerEntries: entries,
    finalFiles: hidden.finalFiles,
  };
}
