import { describe, expect, it } from 'vitest';
import { analyzeImage, lintImage, loadRegistry, readImage } from '../src/index.js';
import { fixture } from './helpers/image-fixtures.js';

// The package's entry point (package.json "exports") gives the pieces the CLI is made of.
describe('the library entry point', () => {
  it('reads, analyses and lints the demo image', async () => {
    const image = await readImage(fixture('demo', 'demo.tar'));
    const analysis = analyzeImage(image);
    expect(analysis.layers).toHaveLength(11);
    expect([analysis.storedBytes, analysis.hiddenBytes]).toEqual([2284082, 269068]);
    const registry = await loadRegistry({ only: 'image' });
    const { findings } = lintImage(analysis, registry);
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual([
      'duplicated-by-metadata-change',
      'hidden-bytes',
      'runs-as-root',
      'secret-in-layer',
    ]);
  });
});
