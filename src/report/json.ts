import type { Formatter } from './types.js';

/** SPEC `lint --format json`: `{ schemaVersion: 1, findings: [...] }`. */
export const formatJson: Formatter = ({ results }) => {
  const findings = results.flatMap((r) =>
    r.findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      rule: f.rule,
      hadolint: f.hadolint,
      severity: f.severity,
      message: f.message,
      ...(f.fix === undefined ? {} : { fix: f.fix }),
      ...(f.layer === undefined ? {} : { layer: f.layer }),
    })),
  );
  return `${JSON.stringify({ schemaVersion: 1, findings }, null, 2)}\n`;
};
