import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { readImage } from '../../src/image/read-image.js';
import { formatAnalysisJson, formatAnalysisJsonChunks } from '../../src/report/analysis-text.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';

/** The report as one JSON.stringify would write it: what the chunked writer must equal. */
function reference(a: ReturnType<typeof analyzeImage>): string {
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
      expect([...formatAnalysisJsonChunks(a, perChunk)].join('')).toBe(expected);
    }
    const parsed = JSON.parse(expected) as { hiddenFiles: unknown[]; layers: unknown[] };
    expect(parsed.hiddenFiles).toHaveLength(a.hiddenFiles.length);
    expect(parsed).not.toHaveProperty('layerEntries');
  });
});
