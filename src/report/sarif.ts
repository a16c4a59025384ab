import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../findings.js';
import type { Formatter } from './types.js';

const LEVEL: Record<Severity, Result.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF 2.1.0: one run, every known rule in `tool.driver.rules`, one result per finding. */
export const formatSarif: Formatter = ({ results, rules, toolVersion }) => {
  const ruleIndex = new Map<string, number>();
  const driverRules: ReportingDescriptor[] = rules.map((rule, index) => {
    ruleIndex.set(rule.id, index);
    return {
      id: rule.id,
      name: rule.id,
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.rationale },
      help: {
        text: `${rule.summary}\n\n${rule.rationale}\n\nRun \`layerlint rules ${rule.id}\` for examples.`,
      },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { hadolint: rule.hadolint, tags: rule.hadolint ? [rule.hadolint] : [] },
    };
  });
  const sarifResults: Result[] = results.flatMap((r) =>
    r.findings.map((f): Result => {
      const index = ruleIndex.get(f.rule);
      const artifactLocation = { uri: toUri(f.file) };
      return {
        ruleId: f.rule,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation:
              f.line > 0
                ? {
                    artifactLocation,
                    region: {
                      startLine: f.line,
                      startColumn: Math.max(f.column, 1),
                      endLine: Math.max(f.endLine, f.line),
                      endColumn: Math.max(f.endColumn, 1),
                    },
                  }
                : { artifactLocation },
          },
        ],
        ...(f.fix === undefined ? {} : { properties: { fix: f.fix } }),
      };
    }),
  );
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'layerlint',
            version: toolVersion,
            informationUri: 'https://github.com/layerlint/layerlint',
            rules: driverRules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** A relative URI reference with forward slashes; stdin is `stdin`. */
function toUri(file: string): string {
  if (file === '-') return 'stdin';
  return encodeURI(file.replace(/\\/g, '/'));
}
