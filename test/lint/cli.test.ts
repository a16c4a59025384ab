import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LintArgs, runLint } from '../../src/cli/lint.js';
import { describeRules } from '../../src/cli/rules.js';
import { ConfigError, LayerlintError } from '../../src/errors.js';
import { tempDir } from '../helpers/image-fixtures.js';

/** A temp directory with files, and the process edge pointed at it. */
function workspace(files: Record<string, string>, stdin = '') {
  const dir = tempDir('layerlint-lint-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  let stdout = '';
  let stderr = '';
  const io = {
    cwd: dir,
    env: {},
    isTTY: false,
    readFile: (path: string) => readFile(resolve(dir, path)),
    readStdin: async () => Buffer.from(stdin),
    exists: (path: string) => Object.keys(files).some((f) => join(dir, f) === path),
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
  };
  return {
    run: async (args: Partial<LintArgs>) => {
      const code = await runLint({ files: [], ...args }, io);
      return { code, stdout, stderr };
    },
  };
}

const BAD = 'FROM debian\nRUN apt-get update && apt-get install -y curl\n';
const STYLE_ONLY = 'FROM debian:12\n';

describe('layerlint lint', () => {
  it('lints ./Dockerfile by default and exits 1 on findings at or above info', async () => {
    const { code, stdout } = await workspace({ Dockerfile: BAD }).run({ format: 'gnu' });
    expect(stdout).toBe(
      [
        'Dockerfile:1:6: warning: base image `debian` has no tag, so it means `latest`; pin a version (`debian:<version>`) or a digest [pin-base-image-tag]',
        'Dockerfile:2:5: info: `apt-get update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists [apt-lists-cleanup]',
        'Dockerfile:2:23: info: `apt-get install` also installs recommended packages; add `--no-install-recommends` [apt-no-install-recommends]',
        'Dockerfile:2:42: warning: `curl` is not pinned in `apt-get install`; use `curl=<version>` [pin-apt-packages]',
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
  });

  it('lints several files and stdin in one run', async () => {
    const ws = workspace(
      { 'a.Dockerfile': BAD, 'b.Dockerfile': STYLE_ONLY },
      'FROM alpine:latest\n',
    );
    const { code, stdout } = await ws.run({
      files: ['a.Dockerfile', '-', 'b.Dockerfile'],
      format: 'json',
    });
    const findings = (JSON.parse(stdout) as { findings: { file: string; rule: string }[] })
      .findings;
    expect(findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      'a.Dockerfile pin-base-image-tag',
      'a.Dockerfile apt-lists-cleanup',
      'a.Dockerfile apt-no-install-recommends',
      'a.Dockerfile pin-apt-packages',
      '- no-latest-tag',
    ]);
    expect(code).toBe(1);
  });

  it.each([
    [{ failureThreshold: 'error' }, 0],
    [{ failureThreshold: 'warning' }, 1],
    [{ noFail: true }, 0],
  ])('%j gives exit %i', async (args, expected) => {
    expect((await workspace({ Dockerfile: BAD }).run(args)).code).toBe(expected);
  });

  it('a clean file exits 0 and says so', async () => {
    const { code, stdout } = await workspace({ Dockerfile: 'FROM alpine:3.20\n' }).run({});
    expect([code, stdout]).toEqual([0, '✔ no problems in 1 file\n']);
  });

  it('reads .layerlint.yaml from the working directory, and a .hadolint.yaml with --config', async () => {
    const ws = workspace({
      Dockerfile: BAD,
      '.layerlint.yaml': 'ignored: [DL3006, pin-apt-packages]\nfailure-threshold: warning\n',
      'hadolint.yaml': 'ignored: [DL3009]\nno-fail: true\n',
    });
    const layerlint = await ws.run({ format: 'gnu' });
    // Two info findings remain (apt-lists-cleanup, apt-no-install-recommends): below the threshold.
    expect([layerlint.code, layerlint.stdout.split('\n').length]).toEqual([0, 3]);
    const hadolint = await ws.run({ format: 'gnu', config: 'hadolint.yaml' });
    expect(hadolint.code).toBe(0);
  });

  it('a bad config is a ConfigError naming file:line:col', async () => {
    const ws = workspace({ Dockerfile: BAD, '.layerlint.yaml': 'ignored:\n  - 3\n' });
    await expect(ws.run({})).rejects.toThrow(ConfigError);
    await expect(ws.run({})).rejects.toThrow(/\.layerlint\.yaml:2:5: ignored\.0: /);
  });

  it('a missing Dockerfile is one clear error (exit 2 through main)', async () => {
    const ws = workspace({});
    await expect(ws.run({})).rejects.toThrow(
      new LayerlintError(
        'Dockerfile: cannot read the Dockerfile (no such file); name the Dockerfile to lint, or - for standard input',
      ),
    );
  });

  it('a binary file is refused', async () => {
    const ws = workspace({ Dockerfile: 'FROM a\u0000b\n' });
    await expect(ws.run({})).rejects.toThrow(
      'Dockerfile: not a text file (it contains NUL bytes); expected a Dockerfile',
    );
  });

  it('warns on stderr about unknown rule names', async () => {
    const ws = workspace({ Dockerfile: '# layerlint ignore=nope\nFROM alpine:3.20\n' });
    const { stderr } = await ws.run({});
    expect(stderr).toBe(
      'layerlint: warning: Dockerfile:1: unknown rule "nope" in an ignore pragma; see `layerlint rules`\n',
    );
  });
});

describe('layerlint rules', () => {
  it('lists every rule', async () => {
    const text = await describeRules(undefined);
    expect(text).toMatch(
      /^apt-lists-cleanup +DL3009 +info +`apt-get update` leaves its package lists in the layer\.$/m,
    );
  });

  it('shows one rule by name or hadolint code', async () => {
    const byName = await describeRules('maintainer-deprecated');
    expect(await describeRules('dl4000')).toBe(byName);
    expect(byName).toBe(
      [
        'maintainer-deprecated (DL4000) — error',
        '',
        'The deprecated MAINTAINER instruction is used.',
        '',
        'MAINTAINER has been deprecated since Docker 1.13; tools read the author from the `org.opencontainers.image.authors` label instead.',
        '',
        'Bad:',
        '    FROM alpine:3.20',
        '    MAINTAINER Jane Doe <jane@example.com>',
        '',
        'Good:',
        '    FROM alpine:3.20',
        '    LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
        '',
        'Messages:',
        '  - MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="{{author}}"` instead',
        '',
      ].join('\n'),
    );
  });

  it('an unknown name is a usage error', async () => {
    await expect(describeRules('DL9999')).rejects.toThrow(
      'unknown rule "DL9999"; run `layerlint rules` to list them',
    );
  });
});
