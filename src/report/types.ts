import type { Severity } from '../findings.js';
import type { FileResult } from '../lint/lint-source.js';

/** What a reporter needs to know about a rule (SARIF lists them; tty links them). */
export interface RuleSummary {
  readonly id: string;
  readonly hadolint: string | null;
  readonly severity: Severity;
  readonly summary: string;
  readonly rationale: string;
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
