import { describe, expect, it } from 'vitest';
import {
  copyKeepingHiddenFiles,
  hiddenFileList,
  hiddenFileListOf,
} from '../../src/analysis/hidden-files.js';
import type { HiddenFile } from '../../src/analysis/types.js';
import { lintImageAnalysis } from '../../src/cli/pipeline.js';
import { DEFAULT_CONFIG } from '../../src/config/settings.js';
import { formatAnalysisJson } from '../../src/report/analysis-text.js';
import { analyzeFixture } from '../helpers/image-rule-data.js';

describe('hidden files in columns (HiddenFileList)', () => {
  it('the image rules and the JSON report read the columns: no object is made', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    const list = hiddenFileListOf(a)!;
    expect(list.length).toBe(11);
    let made = 0;
    const toArray = list.toArray.bind(list);
    list.toArray = () => {
      made++;
      return toArray();
    };
    const joined = await lintImageAnalysis(a, undefined, DEFAULT_CONFIG);
    // The three rules that read hidden files all report here.
    expect(joined.analysis.findings.map((f) => f.rule)).toEqual([
      'duplicated-by-metadata-change',
      'hidden-bytes',
      'runs-as-root',
      'secret-in-layer',
    ]);
    const text = formatAnalysisJson(joined.analysis);
    expect(made).toBe(0);
    // Made once, when asked for, and the same as what the report wrote.
    const parsed = JSON.parse(text) as { hiddenFiles: HiddenFile[] };
    expect(parsed.hiddenFiles).toEqual(joined.analysis.hiddenFiles);
    expect(joined.analysis.hiddenFiles).toBe(a.hiddenFiles);
    expect(made).toBe(1);
    expect(a.hiddenFiles.map((h) => h.how)).toEqual([
      'deleted',
      'deleted',
      'overwritten',
      'deleted',
      'deleted',
      'deleted',
      'deleted',
      'overwritten',
      'deleted',
      'overwritten',
      'overwritten',
    ]);
  });

  it('a copy keeps the getter and the key order; a spread or a new array is read as objects', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    const list = hiddenFileListOf(a)!;
    const copy = copyKeepingHiddenFiles(a, { findings: [] });
    expect(Object.keys(copy)).toEqual(Object.keys(a));
    expect(hiddenFileListOf(copy)).toBe(list);
    const spread = { ...a };
    expect(hiddenFileListOf(spread)).toBeUndefined();
    expect(hiddenFileList(spread).toArray()).toEqual(a.hiddenFiles);
    const odd: HiddenFile = {
      path: '/a "quoted"\n/é',
      sizeBytes: 5,
      addedInLayer: 1,
      hiddenByLayer: 2,
      how: 'opaque',
    };
    const replaced = copyKeepingHiddenFiles(a, { hiddenFiles: [odd, ...a.hiddenFiles] });
    expect(hiddenFileListOf(replaced)).toBeUndefined();
    const rebuilt = hiddenFileList(replaced);
    expect(rebuilt.table).not.toBe(list.table);
    expect(rebuilt.toArray()).toEqual([odd, ...a.hiddenFiles]);
    expect(JSON.parse(formatAnalysisJson(replaced)).hiddenFiles).toEqual([odd, ...a.hiddenFiles]);
  });
});
