import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { loadCiConfig } from '../../src/ci/config.js';
import { type CiConfig, DEFAULT_CI_CONFIG, evaluateGate } from '../../src/ci/gate.js';
import { parseCiConfig } from '../../src/ci/parse-config.js';
import { humanizeBytes, parseBytes, parseFraction } from '../../src/ci/thresholds.js';
import { ConfigError } from '../../src/errors.js';
import { readImage } from '../../src/image/read-image.js';
import { anchor, tempDir } from '../helpers/image-fixtures.js';

const diveImage = analyzeImage(await readImage(anchor('wagoodman-dive__test-docker-image.tar')));

function config(rules: string): CiConfig {
  return parseCiConfig(`rules:\n${rules}`, '.dive-ci')!;
}

function statuses(c: CiConfig): Record<string, string> {
  const outcome = evaluateGate(diveImage, [], c);
  return Object.fromEntries(outcome.results.map((r) => [r.rule, r.status]));
}

describe("dive's Test_Evaluator cases on dive's image", () => {
  it.each([
    [
      '0.99',
      '1B',
      '0.01',
      { lowestEfficiency: 'fail', highestWastedBytes: 'fail', highestUserWastedPercent: 'fail' },
      false,
    ],
    [
      '0.9',
      '50kB',
      '0.5',
      { lowestEfficiency: 'pass', highestWastedBytes: 'pass', highestUserWastedPercent: 'pass' },
      true,
    ],
    [
      'disabled',
      'disabled',
      'disabled',
      { lowestEfficiency: 'skip', highestWastedBytes: 'skip', highestUserWastedPercent: 'skip' },
      true,
    ],
    [
      '0.9',
      '1B',
      '0.5',
      { lowestEfficiency: 'pass', highestWastedBytes: 'fail', highestUserWastedPercent: 'pass' },
      false,
    ],
  ])('efficiency %s, wasted %s, user wasted %s', (eff, bytes, pct, expected, passed) => {
    const c = config(
      `  lowestEfficiency: ${eff}\n  highestWastedBytes: ${bytes}\n  highestUserWastedPercent: ${pct}\n`,
    );
    expect(statuses(c)).toMatchObject(expected);
    expect(evaluateGate(diveImage, [], c).passed).toBe(passed);
  });

  it.each([
    ['lowestEfficiency: 1.1', /\.dive-ci:2:21: lowestEfficiency must be a number between 0 and 1/],
    ['lowestEfficiency: -0.1', /lowestEfficiency must be a number between 0 and 1/],
    ['lowestEfficiency: not_a_number', /lowestEfficiency must be a number between 0 and 1/],
    ['highestWastedBytes: not_a_size', /\.dive-ci:2:23: highestWastedBytes must be a size/],
    ['highestUserWastedPercent: 1.1', /highestUserWastedPercent must be a number between 0 and 1/],
    ['highestUserWastedPercent: -0.1', /highestUserWastedPercent must be a number/],
    ['highestUserWastedPercent: not_a_number', /highestUserWastedPercent must be a number/],
  ])('Test_Evaluator_Misconfigurations: %s', (line, message) => {
    expect(() => config(`  ${line}\n`)).toThrow(ConfigError);
    expect(() => config(`  ${line}\n`)).toThrow(message);
  });

  it('compares strictly: a threshold equal to the measured value passes', () => {
    const c = config(
      `  lowestEfficiency: ${diveImage.efficiency}\n  highestWastedBytes: 32025\n  highestUserWastedPercent: ${diveImage.userWastedPercent}\n`,
    );
    expect(evaluateGate(diveImage, [], c).passed).toBe(true);
    const over = config('  highestWastedBytes: 32024\n');
    expect(statuses(over).highestWastedBytes).toBe('fail');
  });

  it('uses dive’s defaults: 0.9, disabled, 0.1 (dive-fail.yaml)', () => {
    const outcome = evaluateGate(diveImage, [], DEFAULT_CI_CONFIG);
    expect(outcome.results.map((r) => [r.rule, r.status, r.message])).toEqual([
      ['failOn', 'pass', '0 findings at error or above'],
      ['highestHiddenBytes', 'skip', 'disabled'],
      ['highestUserWastedPercent', 'fail', 'user wasted 0.4835 > 0.1'],
      ['highestWastedBytes', 'skip', 'disabled'],
      ['lowestEfficiency', 'pass', 'efficiency 0.9844 >= 0.9'],
    ]);
    expect(outcome.passed).toBe(false);
  });

  it("dive's .data/.dive-ci (0.95 / 20Mb / 0.5) passes dive's image and its kaniko build", async () => {
    const c = config(
      '  lowestEfficiency: 0.95\n  highestWastedBytes: 20Mb\n  highestUserWastedPercent: 0.5\n',
    );
    expect(evaluateGate(diveImage, [], c).passed).toBe(true);
    const kaniko = analyzeImage(await readImage(anchor('wagoodman-dive__test-kaniko-image.tar')));
    expect(evaluateGate(kaniko, [], c).passed).toBe(true);
  });

  it("Test_CI_DefaultCIConfig's .dive-ci (0.96 / 19Mb / 0.6) loads as dive reads it", () => {
    const c = config(
      '  lowestEfficiency: 0.96\n  highestWastedBytes: 19Mb\n  highestUserWastedPercent: 0.6\n',
    );
    expect(c.lowestEfficiency).toEqual({ disabled: false, value: 0.96 });
    expect(c.highestWastedBytes).toEqual({ disabled: false, value: 19_000_000 });
    expect(c.highestUserWastedPercent).toEqual({ disabled: false, value: 0.6 });
  });

  it('a user-wasted ratio that does not exist (no user bytes) passes, as NaN does in dive', async () => {
    const oneLayer = analyzeImage(
      await readImage(anchor('wagoodman-dive__test-oci-gzip-image.tar')),
    );
    expect(oneLayer.userWastedPercent).toBeNull();
    expect(evaluateGate(oneLayer, [], DEFAULT_CI_CONFIG).passed).toBe(true);
  });
});

describe('layerlint additions', () => {
  it('highestHiddenBytes and failOn from a .layerlint.yaml ci: section', () => {
    const c = parseCiConfig(
      'ci:\n  highestHiddenBytes: 32kB\n  failOn: warning\n',
      '.layerlint.yaml',
    )!;
    expect(c.highestHiddenBytes).toEqual({ disabled: false, value: 32000 });
    const outcome = evaluateGate(diveImage, [], c);
    expect(outcome.results.find((r) => r.rule === 'highestHiddenBytes')).toMatchObject({
      status: 'fail',
      value: 32025,
      threshold: 32000,
      message: 'hidden bytes 32025 > 32000',
    });
    const finding = {
      file: 'Dockerfile',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      rule: 'x',
      hadolint: null,
      severity: 'warning' as const,
      message: 'm',
    };
    expect(
      evaluateGate(diveImage, [finding], c).results.find((r) => r.rule === 'failOn'),
    ).toMatchObject({
      status: 'fail',
      message: '1 finding at warning or above',
    });
    expect(() => parseCiConfig('ci:\n  failOn: fatal\n', '.layerlint.yaml')).toThrow(
      '.layerlint.yaml:2:11: failOn must be one of error, warning, info, style, none (got "fatal")',
    );
  });
});

describe('threshold values', () => {
  it.each([
    ['20MB', 20_000_000],
    ['19Mb', 19_000_000],
    ['50kB', 50_000],
    ['1B', 1],
    ['1MiB', 1_048_576],
    ['1.5 GB', 1_500_000_000],
    [1024, 1024],
  ])('bytes %s = %d', (raw, bytes) => {
    expect(parseBytes(raw)).toEqual({ disabled: false, value: bytes });
  });

  it.each(['disabled', 'Off', 'false', '', false])('%s disables a rule', (raw) => {
    expect(parseFraction(raw)).toEqual({ disabled: true });
    expect(parseBytes(raw)).toEqual({ disabled: true });
  });

  it.each([
    [131, '131 B'],
    [6405, '6.4 kB'],
    [12810, '13 kB'],
    [32025, '32 kB'],
    [1220598, '1.2 MB'],
    [5, '5 B'],
  ])("go-humanize's Bytes(%d) = %s", (bytes, text) => {
    expect(humanizeBytes(bytes)).toBe(text);
  });
});

describe('loadCiConfig', () => {
  it("no config file from cwd upwards and no .dive-ci: dive's defaults", async () => {
    expect(await loadCiConfig({ cwd: tempDir() })).toBe(DEFAULT_CI_CONFIG);
  });

  it('an unreadable --ci-config is a ConfigError naming the file and the reason', async () => {
    const file = join(tempDir(), 'missing.yaml');
    const loading = loadCiConfig({ ciConfig: file, cwd: tempDir() });
    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loading).rejects.toThrow(`${file}: cannot be read (ENOENT)`);
  });
});
