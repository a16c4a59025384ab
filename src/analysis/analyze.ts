import type { LoadedImage } from '../image/types.js';
import { LayeredFilesystem } from '../tree/filesystem.js';
import { computeDiveMetrics } from './dive.js';
import { cleanCommand, commitReasons, mapHistory } from './history.js';
import type { HiddenFile, ImageAnalysis, LayerAnalysis } from './types.js';

function sumFileBytes(image: LoadedImage, index: number): number {
  let total = 0;
  for (const e of image.layers[index]!.entries) total += e.sizeBytes;
  return total;
}

/**
 * Turns a loaded image into plain numbers: dive's figures, exact hidden bytes with attribution,
 * per-layer changes, history and commit detection. Pure: reads nothing, writes nothing.
 */
export function analyzeImage(image: LoadedImage): ImageAnalysis {
  const layerCount = image.layers.length;
  const mapping = mapHistory(image.history, layerCount);
  const fs = new LayeredFilesystem();
  const hiddenFiles: HiddenFile[] = [];
  const hiddenByAdder = new Array<number>(layerCount).fill(0);
  const hiddenByHider = new Array<number>(layerCount).fill(0);
  const changes = Array.from({ length: layerCount }, () => ({ added: 0, modified: 0, removed: 0 }));
  let storedBytes = 0;
  for (const layer of image.layers) {
    const i = layer.index;
    const c = changes[i]!;
    fs.apply(layer.entries, (event) => {
      switch (event.kind) {
        case 'added':
          c.added++;
          break;
        case 'modified':
          c.modified++;
          break;
        case 'removed':
          c.removed++;
          break;
        case 'hidden':
          hiddenFiles.push({
            path: `/${event.path}`,
            sizeBytes: event.sizeBytes,
            addedInLayer: event.addedInLayer,
            hiddenByLayer: i,
            how: event.how,
          });
          hiddenByAdder[event.addedInLayer]! += event.sizeBytes;
          hiddenByHider[i]! += event.sizeBytes;
          break;
      }
    });
    for (const e of layer.entries) if (e.type === 'file' && !e.whiteout) storedBytes += e.sizeBytes;
  }
  let visibleBytes = 0;
  const seen = new Set<object>();
  const stack = [fs.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.inode && !seen.has(node.inode)) {
      seen.add(node.inode);
      visibleBytes += node.inode.sizeBytes;
    }
    if (node.children) for (const child of node.children.values()) stack.push(child);
  }
  const dive = computeDiveMetrics(image.layers.map((l) => l.entries));
  const layers: LayerAnalysis[] = image.layers.map((layer, i) => {
    const { history, emptyHistory } = mapping.layers[i]!;
    const createdBy = history?.createdBy ?? '';
    const reasons = commitReasons(history, image.config, i === layerCount - 1);
    return {
      index: i,
      digest: layer.digest,
      sizeBytes: sumFileBytes(image, i),
      command: createdBy === '' ? (history?.comment ?? '') : cleanCommand(createdBy),
      createdBy,
      history,
      emptyHistory,
      commitBuilt: reasons.length > 0,
      commitReasons: reasons,
      changes: changes[i]!,
      entryCount: layer.entries.length,
      hiddenBytes: hiddenByAdder[i]!,
      hidesBytes: hiddenByHider[i]!,
    };
  });
  const sizeBytes = layers.reduce((sum, l) => sum + l.sizeBytes, 0);
  const userSizeBytes = sizeBytes - (layers[0]?.sizeBytes ?? 0);
  hiddenFiles.sort(
    (a, b) =>
      b.sizeBytes - a.sizeBytes || a.addedInLayer - b.addedInLayer || (a.path < b.path ? -1 : 1),
  );
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
    storedBytes,
    visibleBytes,
    hiddenBytes: storedBytes - visibleBytes,
    hiddenFiles,
    fileCount: dive.fileCount,
    findings: [],
    warnings,
    layerEntries: image.layers.map((l) => l.entries),
    finalFilesystem: fs,
  };
}
