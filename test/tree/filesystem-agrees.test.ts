import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import type { HiddenFile } from '../../src/analysis/types.js';
import { readImage } from '../../src/image/read-image.js';
import { LayeredFilesystem } from '../../src/tree/filesystem.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';

/**
 * The whiteout semantics live twice, on purpose: `LayeredFilesystem` (objects and events, for the
 * explorer's trees) and the array model in `src/analysis/hidden.ts` (the analysis, built for a
 * million entries). This keeps the two the same on every fixture image.
 */
const NOT_SINGLE_IMAGES = new Set([
  'SOURCES.md',
  'aquasecurity-trivy__walker-test-layer.tar',
  'wagoodman-dive__rootfs-tar-not-an-image.tar',
  'google-go-containerregistry__test_bundle.tar',
  'google-go-containerregistry__test_link.tar',
  'regclient-regclient__testrepo',
]);
const IMAGES = [
  ...readdirSync(fixture('anchors'))
    .filter((n) => !NOT_SINGLE_IMAGES.has(n))
    .map((n) => anchor(n)),
  ...readdirSync(fixture('built'))
    .filter((n) => !n.startsWith('multi.'))
    .map((n) => fixture('built', n)),
  fixture('demo', 'demo.tar'),
];

function key(h: HiddenFile): string {
  return `${h.path} ${h.sizeBytes} ${h.addedInLayer} ${h.hiddenByLayer} ${h.how}`;
}

describe('the explorer’s filesystem and the analysis agree', () => {
  it.each(IMAGES.map((p) => [p.split('/').slice(-2).join('/'), p]))('%s', async (_name, path) => {
    const image = await readImage(path);
    const analysis = analyzeImage(image);
    const fs = new LayeredFilesystem();
    const hidden: string[] = [];
    const changes = image.layers.map((layer, i) => {
      const c = { added: 0, modified: 0, removed: 0 };
      fs.apply(layer.entries, (event) => {
        if (event.kind !== 'hidden') {
          c[event.kind]++;
          return;
        }
        const { path, sizeBytes, addedInLayer, how } = event;
        hidden.push(key({ path: `/${path}`, sizeBytes, addedInLayer, hiddenByLayer: i, how }));
      });
      return c;
    });
    expect(changes).toEqual(analysis.layers.map((l) => l.changes));
    expect(hidden.sort()).toEqual(analysis.hiddenFiles.map(key).sort());
    expect(analysis.hiddenFiles.length).toBe(hidden.length);
  });
});
