import type { Severity } from '../findings.js';
import type { FileResult } from '../lint/lint-source.js';
import type { Rule } from '../lint/rule.js';

/** What a reporter needs to know about a rule (SARIF lists them; tty links them). */
export interface RuleSummary {
  readonly id: string;
  readonly hadolint: string | null;
  readonly severity: Severity;
  readonly summary: string;
  readonly rationale: string;
}

/** The reporters' view of the rules that ran. */
export function ruleSummaries(rules: readonly Rule[]): RuleSummary[] {
  return rules.map((r) => ({
    id: r.meta.id,
    hadolint: r.meta.hadolint,
    severity: r.meta.severity,
    summary: r.meta.docs.summary,
    rationale: r.meta.docs.rationale,
  }));
}

export interface ReportInput {
  readonly results: readonly FileResult[];
  /** Every rule that ran (or may appear); SARIF's `tool.driver.rules`. */
  readonly rules: readonly RuleSummary[];
  readonly toolVersion: string;
  /** tty only: use ANSI colour. */
  readonly color: boolean;
}

/** A reporter: plain `(input) => string`. */
export type Formatter = (input: ReportInput) => string;

export type { FileResult };
