import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import { reportInput } from './report-input.js';

/**
 * The official SARIF 2.1.0 JSON schema (the rtm.5 revision, which is 2.1.0 as published), as
 * shipped in @microsoft/jest-sarif. Its `language` pattern is not valid under the `u` flag, so
 * unicode regexps are off.
 */
function officialValidator() {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

describe('sarif against the official 2.1.0 schema', () => {
  it('validates real lint output, and the schema rejects a broken log', async () => {
    const validate = officialValidator();
    const log = JSON.parse(formatSarif(await reportInput())) as {
      runs: { results: { level: string }[] }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(log);
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });
});
