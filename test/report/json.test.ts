import { expect, it } from 'vitest';
import { formatJson } from '../../src/report/index.js';
import { reportInput } from './report-input.js';

it('prints the SPEC shape with schemaVersion 1', async () => {
  const parsed = JSON.parse(formatJson(await reportInput())) as {
    schemaVersion: number;
    findings: Record<string, unknown>[];
  };
  expect(parsed.schemaVersion).toBe(1);
  expect(parsed.findings).toHaveLength(5);
  expect(parsed.findings[1]).toEqual({
    file: 'app/Dockerfile',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 35,
    rule: 'maintainer-deprecated',
    hadolint: 'DL4000',
    severity: 'error',
    message:
      'MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="Jane <jane@example.com>"` instead',
    fix: 'LABEL org.opencontainers.image.authors="Jane <jane@example.com>"',
  });
  for (const f of parsed.findings) {
    expect(Object.keys(f).sort()).toEqual(
      [
        'column',
        'endColumn',
        'endLine',
        'file',
        'hadolint',
        'line',
        'message',
        'rule',
        'severity',
        ...('fix' in f ? ['fix'] : []),
      ].sort(),
    );
  }
});
