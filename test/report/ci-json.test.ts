import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import type { HiddenFile, ImageAnalysis } from '../../src/analysis/types.js';
import { DEFAULT_CI_CONFIG, evaluateGate } from '../../src/ci/gate.js';
import { readImage } from '../../src/image/read-image.js';
import { formatCiReport } from '../../src/report/ci-reports.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';

/** The CI JSON report as one JSON.stringify would write it: what the writer must equal. */
function reference(a: ImageAnalysis): string {
  const outcome = evaluateGate(a, a.findings, DEFAULT_CI_CONFIG);
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      image: a.image,
      passed: outcome.passed,
      config: null,
      rules: outcome.results,
      analysis: {
        sizeBytes: a.sizeBytes,
        userSizeBytes: a.userSizeBytes,
        efficiency: a.efficiency,
        wastedBytes: a.wastedBytes,
        userWastedPercent: a.userWastedPercent,
        storedBytes: a.storedBytes,
        visibleBytes: a.visibleBytes,
        hiddenBytes: a.hiddenBytes,
        inefficientFiles: a.inefficientFiles,
        hiddenFiles: a.hiddenFiles,
      },
      findings: a.findings,
    },
    null,
    2,
  )}\n`;
}

function ciJson(a: ImageAnalysis): string {
  const outcome = evaluateGate(a, a.findings, DEFAULT_CI_CONFIG);
  return formatCiReport('json', {
    analysis: a,
    outcome,
    config: DEFAULT_CI_CONFIG,
    rules: [],
    toolVersion: '0.1.0',
  });
}

describe('ci --report json', () => {
  it.each([
    ['demo', fixture('demo', 'demo.tar')],
    ['no hidden files', anchor('containers-image__almostempty.tar')],
    ['opaque', anchor('jkcfg-jk__barlib.tar')],
  ])('writes the hidden files byte for byte as JSON.stringify does (%s)', async (_name, path) => {
    const a = analyzeImage(await readImage(path));
    expect(ciJson(a)).toBe(reference(a));
  });

  it('places the hidden files in `analysis` even when a tag or finding holds the key text', async () => {
    const demo = analyzeImage(await readImage(fixture('demo', 'demo.tar')));
    const odd: HiddenFile = {
      path: '/a "quoted"\n    "hiddenFiles": 0',
      sizeBytes: 2 ** 60,
      addedInLayer: 0,
      hiddenByLayer: 1,
      how: 'deleted',
    };
    const a: ImageAnalysis = {
      ...demo,
      image: { ...demo.image, tags: ['\n    "hiddenFiles": 0'] },
      hiddenFiles: [odd, ...demo.hiddenFiles],
    };
    const text = ciJson(a);
    expect(text).toBe(reference(a));
    const parsed = JSON.parse(text) as { analysis: { hiddenFiles: HiddenFile[] } };
    expect(parsed.analysis.hiddenFiles[0]).toEqual(odd);
    expect(parsed.analysis.hiddenFiles).toHaveLength(demo.hiddenFiles.length + 1);
  });
});
