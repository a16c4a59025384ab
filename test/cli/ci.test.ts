import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { anchor, fixture, tempDir } from '../helpers/image-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');
const DIVE_IMAGE = anchor('wagoodman-dive__test-docker-image.tar');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function withDiveCi(rules: string): string {
  const dir = tempDir('layerlint-ci-');
  writeFileSync(join(dir, '.dive-ci'), `rules:\n${rules}`);
  return dir;
}

/** The official SARIF 2.1.0 schema (rtm.5), shipped by @microsoft/jest-sarif. */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(
    readFileSync(
      require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
      'utf8',
    ),
  ) as object;
  const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

describe('layerlint ci', () => {
  it("passes dive's image with dive's own .data/.dive-ci and prints dive's report", () => {
    const cwd = withDiveCi(
      '  lowestEfficiency: 0.95\n  highestWastedBytes: 20Mb\n  highestUserWastedPercent: 0.5\n',
    );
    const r = run(['ci', DIVE_IMAGE], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'Analysis:',
        '  efficiency:        98.44 %',
        '  wastedBytes:       32025 bytes (32 kB)',
        '  userWastedPercent: 48.35 %',
        '  hiddenBytes:       32025 bytes (32 kB)',
        '',
        'Inefficient Files:',
        '  Count  Wasted Space  File Path',
        '  2      13 kB         /root/saved.txt',
        '  2      13 kB         /root/example/somefile1.txt',
        '  2      6.4 kB        /root/example/somefile3.txt',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        'Evaluation:',
        '  PASS  failOn (0 findings at error or above)',
        '  SKIP  highestHiddenBytes (disabled)',
        '  PASS  highestUserWastedPercent (user wasted 0.4835 <= 0.5)',
        '  PASS  highestWastedBytes (wasted bytes 32025 <= 20000000)',
        '  PASS  lowestEfficiency (efficiency 0.9844 >= 0.95)',
        '',
        'PASS [pass:4 skip:1]',
      ].join('\n'),
    );
  });

  it('fails with the defaults (dive-fail.yaml) and exits 1', () => {
    const r = run(['ci', DIVE_IMAGE], tempDir());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  FAIL  highestUserWastedPercent (user wasted 0.4835 > 0.1)');
    expect(r.stdout.trimEnd().endsWith('FAIL [pass:2 fail:1 skip:2]')).toBe(true);
  });

  it('a bad threshold is a config error at file:line:col, exit 2', () => {
    const cwd = withDiveCi('  lowestEfficiency: 1.1\n');
    const r = run(['ci', DIVE_IMAGE], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `layerlint: ${join(cwd, '.dive-ci')}:2:21: lowestEfficiency must be a number between 0 and 1, or "disabled" (got 1.1)\n`,
    );
  });

  it('--ci-config names the thresholds file; .layerlint.yaml adds hidden bytes and failOn', () => {
    const cwd = tempDir();
    const file = join(cwd, 'gate.yaml');
    writeFileSync(
      file,
      'ci:\n  lowestEfficiency: 0.5\n  highestUserWastedPercent: disabled\n  highestHiddenBytes: 100kB\n  failOn: warning\n',
    );
    const r = run(['ci', fixture('built', 'commit.docker-archive.tar'), '--ci-config', file], cwd);
    // The commit-built layers, hidden bytes and root user are warnings; failOn: warning fails
    // the gate on them.
    expect(r.stdout).toContain(
      [
        'Evaluation:',
        '  FAIL  failOn (4 findings at warning or above)',
        '  PASS  highestHiddenBytes (hidden bytes 50706 <= 100000)',
        '  SKIP  highestUserWastedPercent (disabled)',
        '  SKIP  highestWastedBytes (disabled)',
        '  PASS  lowestEfficiency (efficiency 0.9758 >= 0.5)',
        '',
        'FAIL [pass:2 fail:1 skip:2]',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
  });

  it('writes junit, sarif, json and codeclimate reports in the same run, each valid', () => {
    const cwd = tempDir();
    const out = (name: string) => join(cwd, name);
    const r = run(
      [
        'ci',
        fixture('demo', 'demo.tar'),
        '--dockerfile',
        fixture('demo', 'Dockerfile'),
        '--report',
        `junit=${out('ci.xml')}`,
        '--report',
        `sarif=${out('ci.sarif')}`,
        '--report',
        `json=${out('ci.json')}`,
        '--report',
        `codeclimate=${out('cc.json')}`,
      ],
      cwd,
    );
    expect(r.code).toBe(1);
    const xml = readFileSync(out('ci.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      testsuites: { testsuite: { '@_name': string; '@_tests': string }[] };
    };
    expect(junit.testsuites.testsuite[0]!['@_tests']).toBe('5');

    const validate = sarifValidator();
    const sarif = JSON.parse(readFileSync(out('ci.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toContain('ci-highestUserWastedPercent');

    const json = JSON.parse(readFileSync(out('ci.json'), 'utf8')) as {
      passed: boolean;
      rules: { rule: string; status: string }[];
      findings: { file: string; line: number; rule: string }[];
    };
    expect(json.passed).toBe(false);
    expect(json.rules.map((x) => x.rule)).toEqual([
      'failOn',
      'highestHiddenBytes',
      'highestUserWastedPercent',
      'highestWastedBytes',
      'lowestEfficiency',
    ]);
    expect(
      json.findings.some((f) => f.file === fixture('demo', 'Dockerfile') && f.line === 7),
    ).toBe(true);

    const codeclimate = JSON.parse(readFileSync(out('cc.json'), 'utf8')) as {
      check_name: string;
      fingerprint: string;
    }[];
    const gateFailures = json.rules.filter((x) => x.status === 'fail' && x.rule !== 'failOn');
    expect(gateFailures.map((x) => x.rule)).toEqual([
      'highestUserWastedPercent',
      'lowestEfficiency',
    ]);
    expect(codeclimate.length).toBe(json.findings.length + gateFailures.length);
    expect(new Set(codeclimate.map((c) => c.fingerprint)).size).toBe(codeclimate.length);
  });

  it('CI=true layerlint IMAGE runs the gate, as dive does; without CI it prints the analysis', () => {
    const cwd = tempDir();
    const gated = run([DIVE_IMAGE], cwd, { CI: 'true' });
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('  FAIL  highestUserWastedPercent (user wasted 0.4835 > 0.1)');
    const plain = run([DIVE_IMAGE], cwd);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Efficiency:        98.44 %  (dive)');
  });

  it('refuses a malformed --report before reading the image', () => {
    const r = run(['ci', DIVE_IMAGE, '--report', 'html=x.html'], tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'layerlint: --report html=x.html: expected FORMAT=PATH with FORMAT one of junit, sarif, json, codeclimate\n',
    );
  });
});
