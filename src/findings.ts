/** The shape every rule reports and every reporter reads (SPEC `lint --format json`). */
export type Severity = 'error' | 'warning' | 'info' | 'style';

/** Most severe first; used for thresholds (`--failure-threshold`, `failOn`). */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether `severity` is at or above `threshold` (error is the highest). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/**
 * Orders strings by UTF-16 code units, the same on every machine. Not `localeCompare`: that
 * follows the user's locale, so reports would differ between machines, and its first call loads
 * ICU's collator, ~9 ms of every command's start-up.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Finding {
  /** The Dockerfile (or, for an image finding with no Dockerfile line, the image source). */
  readonly file: string;
  /** 1-based; 0 when an image finding has no Dockerfile line to land on. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** layerlint's own rule id (kebab-case). */
  readonly rule: string;
  /** The equivalent hadolint code, or null. */
  readonly hadolint: string | null;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  /** The rule's message id (for tests and SARIF); not part of the JSON output. */
  readonly messageId?: string;
  /** For image findings: the layer the finding is about. */
  readonly layer?: number;
}

/** Where a finding is, for a person: `file:line`, else its layer, else the file. */
export function findingPlace(f: Finding): string {
  return f.line > 0 ? `${f.file}:${f.line}` : f.layer !== undefined ? `layer ${f.layer}` : f.file;
}
