import type { Severity } from '../findings.js';
import type { Formatter } from './types.js';
import { escapeXml } from './xml.js';

const LEVEL: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'info',
};

/** Checkstyle XML, one `<file>` per linted file (files without findings included). */
export const formatCheckstyle: Formatter = ({ results }) => {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const result of results) {
    lines.push(`  <file name="${escapeXml(result.file)}">`);
    for (const f of result.findings) {
      lines.push(
        `    <error line="${f.line}" column="${f.column}" severity="${LEVEL[f.severity]}" message="${escapeXml(f.message)}" source="layerlint.${escapeXml(f.rule)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>', '');
  return lines.join('\n');
};
