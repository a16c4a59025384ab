import { expect, it } from 'vitest';
import { formatCodeclimate } from '../../src/report/index.js';
import { reportInput } from './report-input.js';

it('prints a GitLab code quality array with stable fingerprints', async () => {
  const input = await reportInput();
  const issues = JSON.parse(formatCodeclimate(input)) as Record<string, unknown>[];
  expect(issues).toHaveLength(5);
  expect(issues[3]).toEqual({
    type: 'issue',
    check_name: 'workdir-absolute',
    description: 'WORKDIR `app` is relative; use an absolute path such as `/app`',
    categories: ['Bug Risk'],
    severity: 'blocker',
    fingerprint: expect.stringMatching(/^[0-9a-f]{40}$/),
    location: { path: 'app/Dockerfile', lines: { begin: 4, end: 4 } },
  });
  expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(5);
  expect(JSON.parse(formatCodeclimate(input))).toEqual(issues);
});
