import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatCheckstyle, formatJunit } from '../../src/report/index.js';
import { reportInput } from './report-input.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['file', 'error', 'testsuite', 'testcase'].includes(name),
});

describe('checkstyle', () => {
  it('is valid XML with one <file> per input and escaped messages', async () => {
    const xml = formatCheckstyle(await reportInput());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as {
      checkstyle: { file: { name: string; error?: Record<string, string>[] }[] };
    };
    expect(doc.checkstyle.file.map((f) => [f.name, f.error?.length ?? 0])).toEqual([
      ['app/Dockerfile', 4],
      ['clean/Dockerfile', 0],
      ['broken.Dockerfile', 1],
    ]);
    expect(doc.checkstyle.file[0]?.error?.[1]).toEqual({
      line: '2',
      column: '1',
      severity: 'error',
      message:
        'MAINTAINER is deprecated; use `LABEL org.opencontainers.image.authors="Jane <jane@example.com>"` instead',
      source: 'layerlint.maintainer-deprecated',
    });
    expect(xml).toContain('&quot;Jane &lt;jane@example.com&gt;&quot;');
  });
});

describe('junit', () => {
  it('is valid XML: a suite per file, a failure per finding, a passing case for a clean file', async () => {
    const xml = formatJunit(await reportInput());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        testsuite: {
          name: string;
          failures: string;
          testcase: { name: string; failure?: { type: string } }[];
        }[];
      };
    };
    expect([doc.testsuites.tests, doc.testsuites.failures]).toEqual(['6', '5']);
    expect(doc.testsuites.testsuite.map((s) => [s.name, s.failures, s.testcase.length])).toEqual([
      ['app/Dockerfile', '4', 4],
      ['clean/Dockerfile', '0', 1],
      ['broken.Dockerfile', '1', 1],
    ]);
    expect(doc.testsuites.testsuite[0]?.testcase[0]?.name).toBe(
      'pin-base-image-tag app/Dockerfile:1:6',
    );
    expect(doc.testsuites.testsuite[0]?.testcase[0]?.failure?.type).toBe('warning');
    expect(doc.testsuites.testsuite[1]?.testcase[0]?.failure).toBeUndefined();
  });
});
