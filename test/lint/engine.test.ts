import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import type { Finding } from '../../src/findings.js';
import type { LintSettings } from '../../src/lint/engine.js';
import { lintModel, sortFindings } from '../../src/lint/engine.js';
import { parsePragmaText } from '../../src/lint/pragmas.js';
import { loadRegistry, RuleRegistry } from '../../src/lint/registry.js';

/** The rules these engine tests were written against, so new rules do not change them. */
const ENGINE_RULES = [
  'parse-error',
  'pin-base-image-tag',
  'no-latest-tag',
  'maintainer-deprecated',
  'apt-lists-cleanup',
  'workdir-absolute',
  'consecutive-run',
];

async function lint(code: string, settings: Partial<LintSettings> = {}) {
  const all = await loadRegistry();
  const registry = new RuleRegistry(all.rules.filter((r) => ENGINE_RULES.includes(r.meta.id)));
  const model = await parseDockerfile(code, { file: 'Dockerfile' });
  const { findings, warnings } = lintModel(model, registry, settings);
  return {
    findings: findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`),
    warnings,
  };
}

const TWO_PROBLEMS = 'FROM debian\nMAINTAINER me\n';

describe('lintModel', () => {
  it('runs every rule and sorts by line and column', async () => {
    expect((await lint(TWO_PROBLEMS)).findings).toEqual([
      '1:6 warning pin-base-image-tag',
      '2:1 error maintainer-deprecated',
    ]);
  });

  it.each([
    ['rule id', 'pin-base-image-tag'],
    ['hadolint code', 'DL3006'],
    ['lower-case hadolint code', 'dl3006'],
  ])('ignores by %s', async (_what, name) => {
    expect((await lint(TWO_PROBLEMS, { ignored: [name] })).findings).toEqual([
      '2:1 error maintainer-deprecated',
    ]);
  });

  it('overrides severities by id or code; the last of error, warning, info, style wins', async () => {
    const { findings } = await lint(TWO_PROBLEMS, {
      override: { error: ['DL3006'], info: ['maintainer-deprecated'], style: ['DL4000'] },
    });
    expect(findings).toEqual(['1:6 error pin-base-image-tag', '2:1 style maintainer-deprecated']);
  });

  it('warns about unknown rule names but accepts unimplemented DL and SC codes', async () => {
    const { warnings } = await lint(TWO_PROBLEMS, {
      ignored: ['no-such-rule', 'DL3999', 'SC2086'],
    });
    expect(warnings).toEqual([
      'unknown rule "no-such-rule" in ignored; see `layerlint rules` for the names',
    ]);
  });
});

describe('pragmas', () => {
  it.each([
    ['# hadolint ignore=DL3006\nFROM debian\n'],
    ['# layerlint ignore=pin-base-image-tag\nFROM debian\n'],
    ['# hadolint ignore=DL3007, DL3006 # old base on purpose\nFROM debian\n'],
    ['# layerlint ignore=DL3006\n# another comment\nFROM debian\n'],
    ['FROM debian\n# hadolint global ignore=DL3006\n'],
    ['# layerlint stage ignore=pin-base-image-tag\nFROM debian\n'],
  ])('suppress the finding: %j', async (code) => {
    expect((await lint(code)).findings).toEqual([]);
  });

  it('covers only the next instruction', async () => {
    const code = 'RUN a\n# hadolint ignore=DL3059\nRUN b\nRUN c\n';
    expect((await lint(code, { ignored: ['parse-error'] })).findings).toEqual([
      '4:1 info consecutive-run',
    ]);
    expect(
      (await lint(code.replace('DL3059', 'DL3000'), { ignored: ['parse-error'] })).findings,
    ).toEqual(['3:1 info consecutive-run', '4:1 info consecutive-run']);
  });

  it('covers every line of a multi-line instruction', async () => {
    const code =
      'FROM debian:12\n# layerlint ignore=apt-lists-cleanup\nRUN set -e; \\\n  apt-get update; \\\n  apt-get install -y curl\n';
    expect((await lint(code)).findings).toEqual([]);
    expect((await lint(code.replace('apt-lists-cleanup', 'DL3000'))).findings).toEqual([
      '4:3 info apt-lists-cleanup',
    ]);
  });

  it('a blank line breaks the link to the next instruction', async () => {
    expect((await lint('# hadolint ignore=DL3006\n\nFROM debian\n')).findings).toEqual([
      '3:6 warning pin-base-image-tag',
    ]);
  });

  it('a stage pragma covers its stage only', async () => {
    const code =
      '# hadolint stage ignore=DL4000\nFROM debian:12\nMAINTAINER a\nFROM alpine:3\nMAINTAINER b\n';
    expect((await lint(code)).findings).toEqual(['5:1 error maintainer-deprecated']);
  });

  it('disable-ignore-pragma keeps everything', async () => {
    expect(
      (await lint('# hadolint ignore=DL3006\nFROM debian\n', { disableIgnorePragma: true }))
        .findings,
    ).toEqual(['2:6 warning pin-base-image-tag']);
  });

  it('warns about unknown names in a pragma', async () => {
    const { warnings } = await lint('# layerlint ignore=nope\nFROM debian:12\n');
    expect(warnings).toEqual([
      'Dockerfile:1: unknown rule "nope" in an ignore pragma; see `layerlint rules`',
    ]);
  });

  it.each([
    ['hadolint ignore=DL3006', { scope: 'next', names: ['DL3006'] }],
    ['layerlint global ignore = a , b', { scope: 'global', names: ['a', 'b'] }],
    ['hadolint stage ignore=DL3011 # why', { scope: 'stage', names: ['DL3011'] }],
    ['hadolint ignore=', null],
    ['just a comment about hadolint', null],
    ['hadolint shell=powershell', null],
  ])('parses %j', (text, expected) => {
    expect(parsePragmaText(text)).toEqual(expected);
  });
});

describe('sortFindings', () => {
  const finding = (file: string, line: number, rule: string): Finding => ({
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 1,
    rule,
    hadolint: null,
    severity: 'warning',
    message: '',
  });

  it('orders by file, line, column and rule in code units, whatever the locale', () => {
    const sorted = sortFindings([
      finding('b/Dockerfile', 1, 'x'),
      finding('a/Dockerfile', 2, 'b-rule'),
      finding('B/Dockerfile', 9, 'x'),
      finding('a/Dockerfile', 2, 'B-rule'),
      finding('a/Dockerfile', 1, 'z'),
      finding('é/Dockerfile', 1, 'x'),
    ]);
    // A locale collation would put `B/` after `a/` and `é/` before `z`; code units do not.
    expect(sorted.map((f) => `${f.file}:${f.line}:${f.rule}`)).toEqual([
      'B/Dockerfile:9:x',
      'a/Dockerfile:1:z',
      'a/Dockerfile:2:B-rule',
      'a/Dockerfile:2:b-rule',
      'b/Dockerfile:1:x',
      'é/Dockerfile:1:x',
    ]);
  });
});
