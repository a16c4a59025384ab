import { createHash } from 'node:crypto';
import type { Severity } from '../findings.js';
import type { Formatter } from './types.js';

const SEVERITY: Record<Severity, string> = {
  error: 'blocker',
  warning: 'major',
  info: 'info',
  style: 'minor',
};

/**
 * GitLab code quality (Code Climate issues as one JSON array). The fingerprint is stable across
 * runs: file, rule, line and message.
 */
export const formatCodeclimate: Formatter = ({ results }) => {
  const issues = results.flatMap((r) =>
    r.findings.map((f) => ({
      type: 'issue',
      check_name: f.rule,
      description: f.message,
      categories: ['Bug Risk'],
      severity: SEVERITY[f.severity],
      fingerprint: createHash('sha1')
        .update([f.file, f.rule, f.line, f.column, f.message].join('\u0000'))
        .digest('hex'),
      location: {
        path: f.file,
        lines: { begin: Math.max(f.line, 1), end: Math.max(f.endLine, 1) },
      },
    })),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
};
