import type { ImageAnalysis } from '../analysis/types.js';
import type { CiConfig, GateOutcome } from '../ci/gate.js';
import { humanizeBytes } from '../ci/thresholds.js';
import { findingPlace } from '../findings.js';

function percent(fraction: number | null): string {
  return fraction === null || fraction === 0 ? '0 %' : `${(fraction * 100).toFixed(2)} %`;
}

/**
 * The gate's report, laid out as dive's CI output (labels padded to 18, inefficient files with
 * go-humanize sizes, rules by name, `PASS [pass:N …]`), with layerlint's hidden bytes, findings
 * and each rule's measured value beside its threshold.
 */
export function formatCiText(
  analysis: ImageAnalysis,
  outcome: GateOutcome,
  config: CiConfig,
): string {
  const out: string[] = [];
  const name = analysis.image.tags[0];
  out.push(`Image:  ${analysis.image.source}${name ? ` (${name})` : ''}`);
  out.push(`Config: ${config.source ?? 'defaults (no .layerlint.yaml ci: section or .dive-ci)'}`);
  out.push('');
  out.push('Analysis:');
  const wasted =
    analysis.wastedBytes === 0
      ? '0 bytes '
      : `${analysis.wastedBytes} bytes (${humanizeBytes(analysis.wastedBytes)})`;
  out.push(`  ${'efficiency:'.padEnd(18)} ${(analysis.efficiency * 100).toFixed(2)} %`);
  out.push(`  ${'wastedBytes:'.padEnd(18)} ${wasted}`);
  out.push(`  ${'userWastedPercent:'.padEnd(18)} ${percent(analysis.userWastedPercent)}`);
  out.push(
    `  ${'hiddenBytes:'.padEnd(18)} ${analysis.hiddenBytes} bytes${analysis.hiddenBytes > 0 ? ` (${humanizeBytes(analysis.hiddenBytes)})` : ''}`,
  );
  out.push('');
  if (analysis.inefficientFiles.length === 0) {
    out.push('Inefficient Files: (None)');
  } else {
    out.push('Inefficient Files:');
    out.push('  Count  Wasted Space  File Path');
    for (const f of analysis.inefficientFiles) {
      out.push(
        `  ${String(f.count).padEnd(5)}  ${humanizeBytes(f.sizeBytes).padEnd(12)}  ${f.path}`,
      );
    }
  }
  if (analysis.findings.length > 0) {
    out.push('');
    out.push('Findings:');
    for (const f of analysis.findings) {
      const where = findingPlace(f);
      out.push(`  ${f.severity.padEnd(7)}  ${where}  ${f.message} [${f.rule}]`);
    }
  }
  out.push('');
  out.push('Evaluation:');
  for (const r of outcome.results) {
    const status = r.status.toUpperCase();
    out.push(`  ${status}  ${r.rule} (${r.message})`);
  }
  out.push('');
  const counts = { pass: 0, fail: 0, skip: 0 };
  for (const r of outcome.results) counts[r.status]++;
  const summary = (['pass', 'fail', 'skip'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${k}:${counts[k]}`)
    .join(' ');
  out.push(`${outcome.passed ? 'PASS' : 'FAIL'} [${summary}]`);
  return `${out.join('\n')}\n`;
}
