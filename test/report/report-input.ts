import { lintSource } from '../../src/lint/lint-source.js';
import { loadRegistry, RuleRegistry } from '../../src/lint/registry.js';
import { type ReportInput, ruleSummaries } from '../../src/report/index.js';

/** Real lint results over three small Dockerfiles: findings, a clean one, a broken one. */
export const DOCKERFILE = `FROM debian
MAINTAINER Jane <jane@example.com>
RUN apt-get update && apt-get install -y curl
WORKDIR app
`;
export const CLEAN = 'FROM alpine:3.20\nRUN apk add --no-cache curl\n';
export const BROKEN = 'FROM alpine:3.20\nRUNN echo "a & b < c"\n';

/**
 * The rules these report tests were written against: a fixed set, so that adding a rule to the
 * project does not change what the formatters are tested on.
 */
export const REPORT_RULES = [
  'parse-error',
  'pin-base-image-tag',
  'no-latest-tag',
  'maintainer-deprecated',
  'apt-lists-cleanup',
  'workdir-absolute',
  'consecutive-run',
];

export async function reportInput(color = false): Promise<ReportInput> {
  const all = await loadRegistry();
  const registry = new RuleRegistry(all.rules.filter((r) => REPORT_RULES.includes(r.meta.id)));
  const results = [
    await lintSource(DOCKERFILE, 'app/Dockerfile', registry),
    await lintSource(CLEAN, 'clean/Dockerfile', registry),
    await lintSource(BROKEN, 'broken.Dockerfile', registry),
  ];
  return { results, rules: ruleSummaries(registry.rules), toolVersion: '0.1.0', color };
}
