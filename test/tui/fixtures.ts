import { analyzeImage } from '../../src/analysis/analyze.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { readImage } from '../../src/image/read-image.js';
import { buildImageTree, type ImageTree } from '../../src/tui/view-model/image-tree.js';

export const DIVE_IMAGE = 'fixtures/anchors/wagoodman-dive__test-docker-image.tar';
export const DEMO_IMAGE = 'fixtures/demo/demo.tar';

const loaded = new Map<string, Promise<{ tree: ImageTree; analysis: ImageAnalysis }>>();

/** A real fixture image, read once per test file. */
export function loadFixture(path: string): Promise<{ tree: ImageTree; analysis: ImageAnalysis }> {
  let hit = loaded.get(path);
  if (!hit) {
    hit = readImage(path, {}).then((image) => ({
      tree: buildImageTree(image),
      analysis: analyzeImage(image),
    }));
    loaded.set(path, hit);
  }
  return hit;
}
