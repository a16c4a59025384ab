import type { Formatter } from './types.js';
import { escapeXml } from './xml.js';

/**
 * JUnit XML: one `<testsuite>` per file, one failing `<testcase>` per finding; a clean file gets
 * one passing testcase so CI lists it.
 */
export const formatJunit: Formatter = ({ results }) => {
  const total = results.reduce((n, r) => n + Math.max(r.findings.length, 1), 0);
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="layerlint" tests="${total}" failures="${failures}" errors="0">`,
  ];
  for (const result of results) {
    const file = escapeXml(result.file);
    const count = result.findings.length;
    lines.push(
      `  <testsuite name="${file}" tests="${Math.max(count, 1)}" failures="${count}" errors="0" skipped="0">`,
    );
    if (count === 0) {
      lines.push(`    <testcase name="layerlint" classname="${file}"/>`);
    }
    for (const f of result.findings) {
      const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
      lines.push(
        `    <testcase name="${escapeXml(`${f.rule} ${where}`)}" classname="${file}">`,
        `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${where}: ${f.severity}: ${f.message} [${f.rule}${f.hadolint ? `, ${f.hadolint}` : ''}]`)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
};
