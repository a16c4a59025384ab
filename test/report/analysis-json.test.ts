import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import type { HiddenFile, ImageAnalysis } from '../../src/analysis/types.js';
import { readImage } from '../../src/image/read-image.js';
import {
  formatAnalysisJson,
  formatAnalysisJsonChunks,
  joinChunks,
} from '../../src/report/analysis-text.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';

/** The report as one JSON.stringify would write it: what the chunked writer must equal. */
function reference(a: ImageAnalysis): string {
  const { layerEntries, finalFiles, ...rest } = a;
  void layerEntries;
  void finalFiles;
  const layers = a.layers.map((l) => {
    const { history, commitReasons, entryCount, ...r } = l;
    void history;
    return {
      ...r,
      emptyHistory: l.emptyHistory.map((h) => h.createdBy ?? ''),
      commitReasons,
      entryCount,
    };
  });
  return `${JSON.stringify({ ...rest, layers }, null, 2)}\n`;
}

describe('analyze --format json', () => {
  it.each([
    ['demo', fixture('demo', 'demo.tar')],
    ['no hidden files', anchor('containers-image__almostempty.tar')],
    ['opaque', anchor('jkcfg-jk__barlib.tar')],
  ])('writes the hidden files in chunks, byte for byte the same JSON (%s)', async (_name, path) => {
    const a = analyzeImage(await readImage(path));
    const expected = reference(a);
    expect(formatAnalysisJson(a)).toBe(expected);
    for (const perChunk of [1, 2, 5]) {
      expect(joinChunks(formatAnalysisJsonChunks(a, perChunk))).toBe(expected);
    }
    const parsed = JSON.parse(expected) as { hiddenFiles: unknown[]; layers: unknown[] };
    expect(parsed.hiddenFiles).toHaveLength(a.hiddenFiles.length);
    expect(parsed).not.toHaveProperty('layerEntries');
  });

  it('writes paths that need escaping, large sizes and a placeholder-like command as JSON.stringify does', async () => {
    const demo = analyzeImage(await readImage(fixture('demo', 'demo.tar')));
    const tricky: HiddenFile[] = [
      {
        path: '/a "quoted" back\\slash\ttab\u0001\u001f\u007f ü € 😀 \u2028\u2029 \ud800 lone',
        sizeBytes: 2 ** 40,
        addedInLayer: 0,
        hiddenByLayer: 1,
        how: 'deleted',
      },
      {
        path: '/max-safe',
        sizeBytes: 2 ** 53 - 1,
        addedInLayer: 1,
        hiddenByLayer: 2,
        how: 'opaque',
      },
      // Past 2^53 the hand-written path steps aside for JSON.stringify.
      {
        path: '/past-safe',
        sizeBytes: 2 ** 60,
        addedInLayer: 1,
        hiddenByLayer: 2,
        how: 'overwritten',
      },
      { path: '/empty', sizeBytes: 0, addedInLayer: 0, hiddenByLayer: 0, how: 'overwritten' },
    ];
    const a: ImageAnalysis = {
      ...demo,
      // A command whose JSON is the text the writer once searched for to place the hidden files.
      layers: demo.layers.map((l, i) => (i === 0 ? { ...l, command: '"__hiddenFiles__"' } : l)),
      hiddenFiles: [...tricky, ...demo.hiddenFiles],
    };
    const expected = reference(a);
    expect(expected).toContain('\\u0001');
    for (const perChunk of [1, 3, 2000]) {
      expect(joinChunks(formatAnalysisJsonChunks(a, perChunk))).toBe(expected);
    }
  });

  it('refuses a chunk size below 1 (it would never finish)', async () => {
    const a = analyzeImage(await readImage(fixture('demo', 'demo.tar')));
    expect(() => [...formatAnalysisJsonChunks(a, 0)]).toThrow(RangeError);
  });
});
