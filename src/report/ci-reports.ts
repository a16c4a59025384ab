import { hiddenFileListOf } from '../analysis/hidden-files.js';
import type { ImageAnalysis } from '../analysis/types.js';
import type { CiConfig, GateOutcome, GateResult } from '../ci/gate.js';
import type { Finding } from '../findings.js';
import { hiddenFilesJsonChunks, joinChunks } from './analysis-text.js';
import { formatCodeclimate } from './codeclimate.js';
import { formatSarif } from './sarif.js';
import type { FileResult, RuleSummary } from './types.js';
import { escapeXml } from './xml.js';

export const CI_REPORT_FORMATS = ['junit', 'sarif', 'json', 'codeclimate'] as const;
export type CiReportFormat = (typeof CI_REPORT_FORMATS)[number];

export interface CiReportInput {
  readonly analysis: ImageAnalysis;
  readonly outcome: GateOutcome;
  readonly config: CiConfig;
  /** The Dockerfile's text when one was given (reporters that show code frames). */
  readonly dockerfile?: { readonly file: string; readonly source: string };
  readonly rules: readonly RuleSummary[];
  readonly toolVersion: string;
}

/** A failed gate rule as a finding, so SARIF and Code Climate readers show it beside the rest. */
function gateFinding(r: GateResult, image: string): Finding {
  return {
    file: image,
    line: 0,
    column: 0,
    endLine: 0,
    endColumn: 0,
    rule: `ci-${r.rule}`,
    hadolint: null,
    severity: 'error',
    message: `${r.rule}: ${r.message}`,
  };
}

const GATE_RULES: readonly RuleSummary[] = [
  ['lowestEfficiency', "dive's efficiency score is below the threshold."],
  ['highestWastedBytes', "dive's wasted bytes are above the threshold."],
  [
    'highestUserWastedPercent',
    "dive's wasted bytes relative to the user layers are above the threshold.",
  ],
  [
    'highestHiddenBytes',
    'Bytes stored in layers but not visible in the image are above the threshold.',
  ],
  ['failOn', 'Lint findings at or above the failOn severity.'],
].map(([id, summary]) => ({
  id: `ci-${id}`,
  hadolint: null,
  severity: 'error' as const,
  summary: summary!,
  rationale: 'A layerlint ci gate rule (thresholds from .layerlint.yaml ci: or .dive-ci).',
}));

function fileResults(input: CiReportInput): FileResult[] {
  const image = input.analysis.image.source;
  const gate = input.outcome.results.filter((r) => r.status === 'fail' && r.rule !== 'failOn');
  const byFile = new Map<string, Finding[]>();
  for (const f of [...input.analysis.findings, ...gate.map((r) => gateFinding(r, image))]) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  if (!byFile.has(image)) byFile.set(image, []);
  return [...byFile].map(([file, findings]) => ({
    file,
    source: input.dockerfile && file === input.dockerfile.file ? input.dockerfile.source : '',
    findings,
    warnings: [],
  }));
}

function formatJunit(input: CiReportInput): string {
  const { outcome, analysis } = input;
  const gateFailures = outcome.results.filter((r) => r.status === 'fail').length;
  const findings = analysis.findings;
  const tests = outcome.results.length + findings.length;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="layerlint ci" tests="${tests}" failures="${gateFailures + findings.length}" errors="0">`,
    `  <testsuite name="gate: ${escapeXml(analysis.image.source)}" tests="${outcome.results.length}" failures="${gateFailures}" errors="0" skipped="${outcome.results.filter((r) => r.status === 'skip').length}">`,
  ];
  for (const r of outcome.results) {
    const open = `    <testcase name="${escapeXml(r.rule)}" classname="layerlint.ci">`;
    if (r.status === 'pass')
      lines.push(`    <testcase name="${escapeXml(r.rule)}" classname="layerlint.ci"/>`);
    else if (r.status === 'skip')
      lines.push(open, '      <skipped message="disabled"/>', '    </testcase>');
    else
      lines.push(
        open,
        `      <failure message="${escapeXml(r.message)}" type="gate">${escapeXml(`${r.rule}: ${r.message}`)}</failure>`,
        '    </testcase>',
      );
  }
  lines.push('  </testsuite>');
  lines.push(
    `  <testsuite name="findings" tests="${findings.length}" failures="${findings.length}" errors="0" skipped="0">`,
  );
  for (const f of findings) {
    const where =
      f.line > 0
        ? `${f.file}:${f.line}:${f.column}`
        : f.layer !== undefined
          ? `${f.file} layer ${f.layer}`
          : f.file;
    lines.push(
      `    <testcase name="${escapeXml(`${f.rule} ${where}`)}" classname="layerlint.findings">`,
      `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${where}: ${f.severity}: ${f.message} [${f.rule}]`)}</failure>`,
      '    </testcase>',
    );
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function formatJson(input: CiReportInput): string {
  const { analysis, outcome, config } = input;
  const text = JSON.stringify(
    {
      schemaVersion: 1,
      image: analysis.image,
      passed: outcome.passed,
      config: config.source ?? null,
      rules: outcome.results,
      analysis: {
        sizeBytes: analysis.sizeBytes,
        userSizeBytes: analysis.userSizeBytes,
        efficiency: analysis.efficiency,
        wastedBytes: analysis.wastedBytes,
        userWastedPercent: analysis.userWastedPercent,
        storedBytes: analysis.storedBytes,
        visibleBytes: analysis.visibleBytes,
        hiddenBytes: analysis.hiddenBytes,
        inefficientFiles: analysis.inefficientFiles,
        hiddenFiles: 0,
      },
      findings: analysis.findings,
    },
    null,
    2,
  );
  // The hidden files go through the analysis report's hand-written writer (one JSON.stringify of
  // them dominated large reports). A newline and four spaces before a key occur only in
  // `analysis` (newlines inside strings are escaped), so this finds the placeholder.
  const key = '\n    "hiddenFiles": ';
  const at = text.indexOf(`${key}0`) + key.length;
  return `${text.slice(0, at)}${joinChunks(hiddenFilesJsonChunks(hiddenFileListOf(analysis) ?? analysis.hiddenFiles, '    '))}${text.slice(at + 1)}\n`;
}

/** Writes one report of the gate: the rules' outcome and every finding. */
export function formatCiReport(format: CiReportFormat, input: CiReportInput): string {
  switch (format) {
    case 'junit':
      return formatJunit(input);
    case 'json':
      return formatJson(input);
    case 'sarif':
    case 'codeclimate': {
      const reportInput = {
        results: fileResults(input),
        rules: [...input.rules, ...GATE_RULES],
        toolVersion: input.toolVersion,
        color: false,
      };
      return format === 'sarif' ? formatSarif(reportInput) : formatCodeclimate(reportInput);
    }
  }
}
