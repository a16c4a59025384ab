import type { Formatter } from './types.js';

/** `file:line:col: severity: message [rule]`, what editors' compile buffers read. */
export const formatGnu: Formatter = ({ results }) =>
  results
    .flatMap((r) =>
      r.findings.map((f) => {
        const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
        return `${where}: ${f.severity}: ${f.message} [${f.rule}]\n`;
      }),
    )
    .join('');
