import type { Severity } from '../findings.js';
import type { Formatter } from './types.js';

const COMMAND: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
  style: 'notice',
};

/** GitHub Actions workflow commands (`::error file=…,line=…::message`), one per finding. */
export const formatGithub: Formatter = ({ results }) =>
  results
    .flatMap((r) =>
      r.findings.map((f) => {
        const properties = [`file=${escapeProperty(f.file)}`];
        if (f.line > 0) {
          properties.push(
            `line=${f.line}`,
            `col=${f.column}`,
            `endLine=${f.endLine}`,
            `endColumn=${f.endColumn}`,
          );
        }
        const title = f.hadolint ? `${f.rule} (${f.hadolint})` : f.rule;
        properties.push(`title=${escapeProperty(title)}`);
        return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}\n`;
      }),
    )
    .join('');

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
