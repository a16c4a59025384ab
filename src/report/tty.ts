import { createColors } from 'picocolors';
import type { Finding, Severity } from '../findings.js';
import { SEVERITIES } from '../findings.js';
import type { Formatter } from './types.js';

/**
 * For people at a terminal: findings grouped by file, each with a code frame, then a summary line.
 * Colour only when `input.color` (the CLI decides: a TTY and no NO_COLOR).
 */
export const formatTty: Formatter = ({ results, color }) => {
  const c = createColors(color);
  const paint: Record<Severity, (s: string) => string> = {
    error: c.red,
    warning: c.yellow,
    info: c.blue,
    style: c.gray,
  };
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let filesWithFindings = 0;
  for (const result of results) {
    if (result.findings.length === 0) continue;
    filesWithFindings++;
    out.push(c.underline(result.file));
    const lines = result.source.split(/\r?\n/);
    for (const f of result.findings) {
      counts[f.severity]++;
      const where = f.line > 0 ? `${f.line}:${f.column}` : '-';
      const code = f.hadolint ? `${f.rule} ${c.dim(`(${f.hadolint})`)}` : f.rule;
      out.push(
        `  ${c.dim(where.padEnd(7))} ${paint[f.severity](f.severity.padEnd(7))} ${f.message}  ${c.dim(code)}`,
      );
      if (f.line > 0) out.push(...codeFrame(lines, f, c.dim, paint[f.severity]));
    }
    out.push('');
  }
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const fileCount = `${results.length} file${results.length === 1 ? '' : 's'}`;
  if (total === 0) {
    out.push(c.green(`✔ no problems in ${fileCount}`));
  } else {
    const parts = SEVERITIES.filter((s) => counts[s] > 0).map(
      (s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' || s === 'style' ? '' : 's'}`,
    );
    const mark = counts.error > 0 ? c.red('✖') : c.yellow('⚠');
    out.push(
      `${mark} ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${filesWithFindings} of ${fileCount}`,
    );
  }
  return `${out.join('\n')}\n`;
};

/** The line before and the finding's first line, with a caret underline. */
function codeFrame(
  lines: readonly string[],
  f: Finding,
  dim: (s: string) => string,
  mark: (s: string) => string,
): string[] {
  const frame: string[] = [];
  const width = String(f.line).length;
  const gutter = (n: number | null, pointer: boolean) =>
    `${pointer ? mark('>') : ' '} ${dim(`${n === null ? ''.padStart(width) : String(n).padStart(width)} |`)}`;
  const previous = lines[f.line - 2];
  if (f.line > 1 && previous !== undefined && previous.trim() !== '') {
    frame.push(`    ${gutter(f.line - 1, false)} ${dim(previous)}`);
  }
  const text = lines[f.line - 1] ?? '';
  frame.push(`    ${gutter(f.line, true)} ${text}`);
  const start = Math.max(f.column - 1, 0);
  const end =
    f.endLine === f.line ? Math.max(f.endColumn - 1, start + 1) : Math.max(text.length, start + 1);
  const caretPad = text.slice(0, start).replace(/[^\t]/g, ' ');
  frame.push(`    ${gutter(null, false)} ${caretPad}${mark('^'.repeat(end - start))}`);
  return frame;
}
