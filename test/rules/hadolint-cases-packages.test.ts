/**
 * hadolint's own spec cases for the package-manager rules, run through layerlint's rule with the
 * same hadolint code. Where hadolint is wrong, the record is listed in `deviations` with the
 * reason; the test then expects the opposite outcome (and fails once it is no longer one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import apkNoCache from '../../rules/apk-no-cache.js';
import aptGetAssumeYes from '../../rules/apt-get-assume-yes.js';
import aptNoInstallRecommends from '../../rules/apt-no-install-recommends.js';
import dnfAssumeYes from '../../rules/dnf-assume-yes.js';
import dnfCleanAll from '../../rules/dnf-clean-all.js';
import noZypperDistUpgrade from '../../rules/no-zypper-dist-upgrade.js';
import npmCacheCleanup from '../../rules/npm-cache-cleanup.js';
import pinApkPackages from '../../rules/pin-apk-packages.js';
import pinAptPackages from '../../rules/pin-apt-packages.js';
import pinDnfPackages from '../../rules/pin-dnf-packages.js';
import pinGemPackages from '../../rules/pin-gem-packages.js';
import pinGoInstall from '../../rules/pin-go-install.js';
import pinNpmPackages from '../../rules/pin-npm-packages.js';
import pinPipPackages from '../../rules/pin-pip-packages.js';
import pinYumPackages from '../../rules/pin-yum-packages.js';
import pinZypperPackages from '../../rules/pin-zypper-packages.js';
import pipNoCacheDir from '../../rules/pip-no-cache-dir.js';
import preferAptGet from '../../rules/prefer-apt-get.js';
import yarnCacheClean from '../../rules/yarn-cache-clean.js';
import yumAssumeYes from '../../rules/yum-assume-yes.js';
import yumCleanAll from '../../rules/yum-clean-all.js';
import zypperClean from '../../rules/zypper-clean.js';
import zypperNonInteractive from '../../rules/zypper-non-interactive.js';
import type { Rule } from '../../src/lint/rule.js';
import { lintWithRule } from '../helpers/rule-tester.js';

interface HadolintCase {
  readonly rule: string;
  readonly dockerfile: string;
  readonly expect: 'violation' | 'ok';
  readonly count: string;
  readonly variant: 'plain' | 'onbuild';
  readonly test: string;
  readonly source: string;
}

const rules: readonly Rule[] = [
  apkNoCache,
  aptGetAssumeYes,
  aptNoInstallRecommends,
  dnfAssumeYes,
  dnfCleanAll,
  noZypperDistUpgrade,
  npmCacheCleanup,
  pinApkPackages,
  pinAptPackages,
  pinDnfPackages,
  pinGemPackages,
  pinGoInstall,
  pinNpmPackages,
  pinPipPackages,
  pinYumPackages,
  pinZypperPackages,
  pipNoCacheDir,
  preferAptGet,
  yarnCacheClean,
  yumAssumeYes,
  yumCleanAll,
  zypperClean,
  zypperNonInteractive,
];

const SPEC = 'hadolint/hadolint@8f936c5:test/Hadolint/Rule/';

/** Records where layerlint deliberately disagrees with hadolint, by `source`, with the reason. */
const deviations: Readonly<Record<string, string>> = {
  [`${SPEC}DL3036Spec.hs#L21`]:
    'plain `zypper clean` only deletes downloaded packages; the repository metadata stays in the layer (needs `--all`)',
  [`${SPEC}DL3040Spec.hs#L34`]:
    '`rm -rf /var/cache/yum/*` does not touch dnf’s cache (/var/cache/dnf, /var/cache/libdnf5); hadolint accepts any `rm -rf`',
  [`${SPEC}DL3040Spec.hs#L37`]:
    '`rm -rf /var/cache/yum/*` does not touch dnf’s cache (/var/cache/dnf, /var/cache/libdnf5); hadolint accepts any `rm -rf`',
  [`${SPEC}DL3042Spec.hs#L61`]:
    'pip disables its cache for every boolean value of PIP_NO_CACHE_DIR, `0` included (pip’s documented compatibility behaviour)',
  [`${SPEC}DL3042Spec.hs#L62`]:
    'pip disables its cache for every boolean value of PIP_NO_CACHE_DIR, `off` included',
  [`${SPEC}DL3042Spec.hs#L64`]:
    'pip disables its cache for every boolean value of PIP_NO_CACHE_DIR, `false` included',
  [`${SPEC}DL3042Spec.hs#L66`]:
    'pip disables its cache for every boolean value of PIP_NO_CACHE_DIR, an exported `0` included',
};

const byCode = new Map(rules.map((r) => [r.meta.hadolint, r] as const));
const allCases = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/hadolint/cases.json'), 'utf8'),
) as HadolintCase[];
const cases = allCases.filter((c) => byCode.has(c.rule));

describe('hadolint cases: package-manager rules', () => {
  it('every deviation names one of these records', () => {
    const sources = new Set(cases.map((c) => c.source));
    expect(Object.keys(deviations).filter((s) => !sources.has(s))).toEqual([]);
  });

  it('at least 97 % of the records agree with hadolint', () => {
    const agree = cases.length - Object.keys(deviations).length;
    expect(agree / cases.length).toBeGreaterThanOrEqual(0.97);
  });

  it.each(
    cases.map(
      (c) => [`${c.rule} ${c.variant} ${c.test} (${c.source.slice(SPEC.length)})`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const rule = byCode.get(c.rule) as Rule;
    const findings = await lintWithRule(rule, `${c.dockerfile}\n`);
    const deviation = deviations[c.source];
    const expectsViolation = (c.expect === 'violation') !== (deviation !== undefined);
    if (!expectsViolation) {
      expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      return;
    }
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.line).toBeGreaterThan(0);
    if (deviation === undefined && /^\d+$/.test(c.count)) {
      expect(findings.length).toBe(Number(c.count));
    }
  });
});
