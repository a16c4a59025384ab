import { describe, expect, it } from 'vitest';
import { lintImageAnalysis } from '../../src/cli/pipeline.js';
import { findConfigFile, parseConfig, toLintSettings } from '../../src/config/index.js';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { ConfigError } from '../../src/errors.js';
import { lintImage, lintModel } from '../../src/lint/engine.js';
import { loadRegistry } from '../../src/lint/registry.js';
import { analyzeFixture } from '../helpers/image-rule-data.js';

// A .hadolint.yaml as hadolint's README documents it.
const HADOLINT_YAML = `failure-threshold: warning
format: json
ignored:
  - DL3000
  - SC1010
override:
  error:
    - DL3001
  info:
    - DL3006
  style:
    - DL3007
trustedRegistries:
  - docker.io
  - my-company.com:5000
  - "*.gcr.io"
label-schema:
  author: text
  url: url
strict-labels: true
disable-ignore-pragma: true
no-fail: false
no-color: true
`;

describe('parseConfig', () => {
  it('reads a .hadolint.yaml as it is', () => {
    const config = parseConfig(HADOLINT_YAML, '.hadolint.yaml');
    expect(config).toEqual({
      file: '.hadolint.yaml',
      ignored: ['DL3000', 'SC1010'],
      override: { error: ['DL3001'], info: ['DL3006'], style: ['DL3007'] },
      trustedRegistries: ['docker.io', 'my-company.com:5000', '*.gcr.io'],
      failureThreshold: 'warning',
      noFail: false,
      disableIgnorePragma: true,
      labelSchema: { author: 'text', url: 'url' },
      strictLabels: true,
      rules: {},
      format: 'json',
      ci: undefined,
    });
  });

  it('reads layerlint rules: and keeps ci: opaque', () => {
    const config = parseConfig(
      'rules:\n  consecutive-run: off\n  DL3006: error\n  no-latest-tag:\n    severity: style\n    options: { allow: [x] }\nci:\n  lowestEfficiency: 0.95\n  anything: [1, 2]\nfailure-threshold: ignore\n',
      '.layerlint.yaml',
    );
    expect(config.rules).toEqual({
      'consecutive-run': { severity: 'off' },
      DL3006: { severity: 'error' },
      'no-latest-tag': { severity: 'style', options: { allow: ['x'] } },
    });
    expect(config.ci).toEqual({ lowestEfficiency: 0.95, anything: [1, 2] });
    expect(config.failureThreshold).toBe('none');
    expect(toLintSettings(config)).toEqual({
      ignored: ['consecutive-run'],
      override: { error: ['DL3006'], warning: [], info: [], style: ['no-latest-tag'] },
      disableIgnorePragma: false,
      ruleOptions: { 'no-latest-tag': { allow: ['x'] } },
      sharedOptions: {},
    });
  });

  it('an empty file is the defaults', () => {
    expect(parseConfig('', 'c.yaml').ignored).toEqual([]);
    expect(parseConfig('# only a comment\n', 'c.yaml').failureThreshold).toBeUndefined();
  });

  it.each([
    [
      'a wrong type, at the item',
      'ignored:\n  - DL3000\n  - 42\n',
      'cfg.yaml:3:5: ignored.1: Invalid input: expected string, received number',
    ],
    [
      'an unknown key, at the key',
      'ignored: []\nignore:\n  - DL3000\n',
      'cfg.yaml:2:1: ignore: unknown key "ignore"; expected one of ignored, override, trustedRegistries, failure-threshold, no-fail, disable-ignore-pragma, label-schema, strict-labels, rules, ci, no-color, verbose, format, formats',
    ],
    [
      'a bad threshold',
      'failure-threshold: fatal\n',
      'cfg.yaml:1:20: failure-threshold: Invalid option: expected one of "error"|"warning"|"info"|"style"|"ignore"|"none"',
    ],
    [
      'an unknown override level',
      'override:\n  fatal: [DL3000]\n',
      'cfg.yaml:2:3: override.fatal: unknown key "fatal"; expected one of ignored, override, trustedRegistries, failure-threshold, no-fail, disable-ignore-pragma, label-schema, strict-labels, rules, ci, no-color, verbose, format, formats',
    ],
    [
      'broken YAML',
      'ignored: [DL3000\nformat: tty\n',
      'cfg.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  ])('rejects %s with file:line:col', (_what, text, message) => {
    let error: unknown;
    try {
      parseConfig(text, 'cfg.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(message);
  });

  it('drives the engine: ignored, override and rules', async () => {
    const registry = await loadRegistry();
    const model = await parseDockerfile('FROM debian\nMAINTAINER me\nWORKDIR app\n');
    const config = parseConfig(
      'ignored: [maintainer-deprecated]\noverride:\n  info: [DL3006]\nrules:\n  DL3000: off\n',
      'c.yaml',
    );
    const { findings } = lintModel(model, registry, toLintSettings(config));
    expect(findings.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual([
      '1 pin-base-image-tag info',
    ]);
  });

  it('drives an image-only run: Dockerfile rules it names are not unknown, only unloaded', async () => {
    const config = parseConfig(
      [
        'ignored: [pin-apt-packages, DL3008, runs-as-root, no-such-rule]',
        'override:',
        '  error: [apt-lists-cleanup, hidden-bytes]',
        '  style: [DL3006]',
        'trustedRegistries: [ghcr.io]',
        'rules:',
        '  No-Latest-Tag: off',
        '  label-required: { options: { labels: [org.opencontainers.image.source] } }',
        '  trusted-registries: warning',
        '',
      ].join('\n'),
      'c.yaml',
    );
    const analysis = await analyzeFixture('demo', 'demo.tar');
    const { analysis: linted, warnings } = await lintImageAnalysis(analysis, undefined, config);
    expect(warnings).toEqual([
      'unknown rule "no-such-rule" in ignored; see `layerlint rules` for the names',
    ]);
    const severitiesOf = (rule: string) =>
      new Set(linted.findings.filter((f) => f.rule === rule).map((f) => f.severity));
    expect(severitiesOf('runs-as-root')).toEqual(new Set());
    expect(severitiesOf('hidden-bytes')).toEqual(new Set(['error']));
    // The same findings and warnings as with every rule loaded.
    const image = await loadRegistry({ only: 'image' });
    const full = await loadRegistry();
    expect(image.rules.length).toBeLessThan(full.rules.length);
    expect(lintImage(analysis, image, toLintSettings(config))).toEqual(
      lintImage(analysis, full, toLintSettings(config)),
    );
  });
});

describe('findConfigFile', () => {
  it('walks up from the working directory', () => {
    const files = new Set(['/repo/.layerlint.yml', '/.layerlint.yaml']);
    expect(findConfigFile('/repo/a/b', (p) => files.has(p))).toBe('/repo/.layerlint.yml');
    expect(findConfigFile('/other', (p) => files.has(p))).toBe('/.layerlint.yaml');
    expect(findConfigFile('/other', () => false)).toBeNull();
  });
});
