import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runLint } from '../../src/cli/lint.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'dockerfiles');
const files = readdirSync(dir)
  .filter((f) => f !== 'README.md')
  .sort();

/** The rules whose counts were checked by eye; others' rules may add findings later. */
const CHECKED_RULES = new Set([
  'parse-error',
  'no-latest-tag',
  'pin-base-image-tag',
  'apt-lists-cleanup',
  'consecutive-run',
  'maintainer-deprecated',
  'workdir-absolute',
]);

it(`lints all ${files.length} fixture Dockerfiles in one invocation without a crash`, async () => {
  let stdout = '';
  const code = await runLint(
    { files: files.map((f) => join(dir, f)), format: 'json' },
    {
      cwd: dir,
      env: {},
      isTTY: false,
      readFile: (path) => readFile(path),
      readStdin: async () => Buffer.alloc(0),
      exists: () => false,
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {},
    },
  );
  expect(files.length).toBeGreaterThanOrEqual(58);
  expect([0, 1]).toContain(code);
  const findings = (
    JSON.parse(stdout) as { findings: { file: string; rule: string; line: number }[] }
  ).findings;
  const checked = findings.filter((f) => CHECKED_RULES.has(f.rule));
  const byFile = (name: string) =>
    checked.filter((f) => f.file === join(dir, name)).map((f) => `${f.line} ${f.rule}`);
  // Checked by eye: two single-command RUNs (docker-php-ext-enable opcache / sodium) with only a
  // comment between them.
  expect(byFile('docker-library__php__8.2__alpine3.23__cli__Dockerfile')).toEqual([
    '207 consecutive-run',
  ]);
  // trixie images clean with `apt-get dist-clean`, which counts as cleanup.
  expect(byFile('docker-library__php__8.4__trixie__zts__Dockerfile')).toEqual([
    '227 consecutive-run',
  ]);
  expect(byFile('docker-library__python__3.13__slim-trixie__Dockerfile')).toEqual([]);
  // Windows images (escape=` and powershell) parse without parse errors.
  expect(
    byFile(
      'microsoft__dotnet-framework-docker__src__sdk__4.8.1__windowsservercore-ltsc2022__Dockerfile',
    ),
  ).toEqual([]);
  expect(byFile('docker-library__golang__1.26__windows__nanoserver-ltsc2022__Dockerfile')).toEqual(
    [],
  );
  // No official image Dockerfile has a parse error, a latest tag, or an untagged base.
  expect(checked.filter((f) => f.rule === 'parse-error')).toEqual([]);
  expect(checked.map((f) => f.rule).sort()).toEqual([
    'consecutive-run',
    'consecutive-run',
    'consecutive-run',
    'consecutive-run',
    'consecutive-run',
  ]);
});
