/**
 * hadolint's own spec cases (fixtures/hadolint/cases.json) for every rule except the package-manager
 * ones (those are in hadolint-cases-packages), run through layerlint's rule with the same
 * hadolint code: real parser, real engine, pragmas applied. Where hadolint is wrong and layerlint
 * deliberately differs, the record is listed in `deviations` with the reason and the opposite outcome
 * is asserted, so a deviation that stops being one fails too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Rule, RuleOptions } from '../../src/lint/rule.js';
import { lintWithRule } from '../helpers/rule-tester.js';

interface HadolintCase {
  readonly rule: string;
  readonly dockerfile: string;
  readonly expect: 'violation' | 'ok';
  readonly count: string;
  readonly variant: 'plain' | 'onbuild';
  readonly config?: RuleOptions;
  readonly category: string;
  readonly test: string;
  readonly source: string;
}

const PACKAGE_MANAGER_CODES = new Set(
  'DL3008 DL3013 DL3014 DL3015 DL3016 DL3018 DL3019 DL3027 DL3028 DL3030 DL3032 DL3033 DL3034 DL3035 DL3036 DL3037 DL3038 DL3040 DL3041 DL3042 DL3060 DL3062'.split(
    ' ',
  ),
);

const SPEC = 'hadolint/hadolint@8f936c5:test/';

/** Records where hadolint is wrong and layerlint deliberately gives the other answer. */
const deviations: Readonly<Record<string, string>> = {
  [`${SPEC}RegressionSpec.hs#L26`]:
    'DL4006: `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` does turn on pipefail (busybox ash on ' +
    'Alpine, dash ≥ 0.5.11 with it; a shell without it fails the build loudly), so a later pipe ' +
    'hides nothing. hadolint accepts only bash/zsh/ash (issues #250, #350, #400, #1084). (The ' +
    'pipe is also fed by `echo`, which cannot fail, so there is nothing for pipefail to catch.)',
};

const all = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'hadolint', 'cases.json'), 'utf8'),
) as HadolintCase[];
const cases = all.filter((c) => !PACKAGE_MANAGER_CODES.has(c.rule));

function ruleFor(code: string): Rule {
  const rule = rules.find((r) => r.meta.hadolint === code);
  if (!rule) throw new Error(`no layerlint rule has hadolint code ${code}`);
  return rule;
}

describe('hadolint spec cases (general rules)', () => {
  it('covers every non-package-manager record', () => {
    expect(cases.length).toBe(102);
    for (const source of Object.keys(deviations)) {
      expect(
        cases.some((c) => c.source === source),
        `deviation ${source} names a record`,
      ).toBe(true);
    }
  });

  it('agrees with hadolint on at least 97% of the records', () => {
    const agree = cases.length - Object.keys(deviations).length;
    expect(agree / cases.length).toBeGreaterThanOrEqual(0.97);
  });

  it.each(cases.map((c) => [`${c.rule} ${c.variant} ${c.test} (${c.source.split('#')[1]})`, c]))(
    '%s',
    async (_name, c) => {
      const rule = ruleFor(c.rule);
      const findings = await lintWithRule(rule, `${c.dockerfile}\n`, c.config);
      for (const f of findings) expect(f.line).toBeGreaterThan(0);
      const deviation = deviations[c.source];
      const expectViolation = (c.expect === 'violation') !== (deviation !== undefined);
      if (!expectViolation) {
        expect(findings.map((f) => `${f.line} ${f.message}`)).toEqual([]);
      } else if (deviation === undefined && /^\d+$/.test(c.count)) {
        expect(findings.length).toBe(Number(c.count));
      } else {
        expect(findings.length).toBeGreaterThan(0);
      }
    },
  );
});
