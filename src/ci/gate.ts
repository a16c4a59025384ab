import type { ImageAnalysis } from '../analysis/types.js';
import { compareText, type Finding, isAtLeast, type Severity } from '../findings.js';
import type { Threshold } from './thresholds.js';

export interface CiConfig {
  /** The file the thresholds came from, or undefined for the defaults. */
  readonly source: string | undefined;
  readonly lowestEfficiency: Threshold;
  readonly highestWastedBytes: Threshold;
  readonly highestUserWastedPercent: Threshold;
  readonly highestHiddenBytes: Threshold;
  /** The lowest finding severity that fails the gate; 'none' never fails on findings. */
  readonly failOn: Severity | 'none';
}

/** dive's defaults (0.9, disabled, 0.1) plus ours (hidden bytes disabled, fail on errors). */
export const DEFAULT_CI_CONFIG: CiConfig = {
  source: undefined,
  lowestEfficiency: { disabled: false, value: 0.9 },
  highestWastedBytes: { disabled: true },
  highestUserWastedPercent: { disabled: false, value: 0.1 },
  highestHiddenBytes: { disabled: true },
  failOn: 'error',
};

export type GateStatus = 'pass' | 'fail' | 'skip';

export interface GateResult {
  readonly rule: string;
  readonly status: GateStatus;
  /** The measured value as a number (null when it does not exist, e.g. no user bytes). */
  readonly value: number | null;
  /** The threshold as a number, or null when the rule is disabled. */
  readonly threshold: number | null;
  /** One line: what was measured against what. */
  readonly message: string;
}

export interface GateOutcome {
  readonly passed: boolean;
  readonly results: readonly GateResult[];
}

function ratio(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Evaluates dive's rules (strict comparisons: equality passes) and ours over a finished
 * analysis. Rules are listed by name, as dive lists them.
 */
export function evaluateGate(
  analysis: ImageAnalysis,
  findings: readonly Finding[],
  config: CiConfig,
): GateOutcome {
  const results: GateResult[] = [];
  const push = (
    rule: string,
    t: Threshold,
    value: number | null,
    failed: (v: number, limit: number) => boolean,
    describe: (v: string, limit: string, failing: boolean) => string,
    show: (n: number) => string,
  ) => {
    if (t.disabled) {
      results.push({ rule, status: 'skip', value, threshold: null, message: 'disabled' });
      return;
    }
    // dive compares with NaN when there are no user bytes: the rule passes.
    const failing = value !== null && failed(value, t.value);
    results.push({
      rule,
      status: failing ? 'fail' : 'pass',
      value,
      threshold: t.value,
      message: describe(value === null ? 'n/a' : show(value), show(t.value), failing),
    });
  };
  const bytes = (n: number) => `${n}`;
  push(
    'lowestEfficiency',
    config.lowestEfficiency,
    analysis.efficiency,
    (v, limit) => v < limit,
    (v, limit, failing) => `efficiency ${v} ${failing ? '<' : '>='} ${limit}`,
    ratio,
  );
  push(
    'highestWastedBytes',
    config.highestWastedBytes,
    analysis.wastedBytes,
    (v, limit) => v > limit,
    (v, limit, failing) => `wasted bytes ${v} ${failing ? '>' : '<='} ${limit}`,
    bytes,
  );
  push(
    'highestUserWastedPercent',
    config.highestUserWastedPercent,
    analysis.userWastedPercent,
    (v, limit) => v > limit,
    (v, limit, failing) => `user wasted ${v} ${failing ? '>' : '<='} ${limit}`,
    ratio,
  );
  push(
    'highestHiddenBytes',
    config.highestHiddenBytes,
    analysis.hiddenBytes,
    (v, limit) => v > limit,
    (v, limit, failing) => `hidden bytes ${v} ${failing ? '>' : '<='} ${limit}`,
    bytes,
  );
  if (config.failOn === 'none') {
    results.push({
      rule: 'failOn',
      status: 'skip',
      value: null,
      threshold: null,
      message: 'disabled',
    });
  } else {
    const failOn = config.failOn;
    const serious = findings.filter((f) => isAtLeast(f.severity, failOn)).length;
    results.push({
      rule: 'failOn',
      status: serious > 0 ? 'fail' : 'pass',
      value: serious,
      threshold: 0,
      message: `${serious} finding${serious === 1 ? '' : 's'} at ${failOn} or above`,
    });
  }
  results.sort((a, b) => compareText(a.rule, b.rule));
  return { passed: results.every((r) => r.status !== 'fail'), results };
}
