/**
 * The configuration's shape, defaults, discovery and what the lint engine reads from it: no YAML
 * or schema library here, so a run without a config file never loads them (config.ts parses).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Severity } from '../findings.js';
import type { LintSettings } from '../lint/engine.js';
import type { RuleOptions, RuleOptionValue } from '../lint/rule.js';

export const CONFIG_FILE_NAMES = ['.layerlint.yaml', '.layerlint.yml'] as const;

/** `failure-threshold`: a severity, or hadolint's `none`/`ignore` (= fail on anything). */
export type FailureThreshold = Severity | 'none';

export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

export interface RuleConfig {
  /** `off` disables the rule; a severity overrides (and enables) it. */
  readonly severity?: Severity | 'off';
  readonly options?: RuleOptions;
}

export interface LayerlintConfig {
  /** The file it came from, or null for the defaults. */
  readonly file: string | null;
  readonly ignored: readonly string[];
  readonly override: Readonly<Partial<Record<Severity, readonly string[]>>>;
  readonly trustedRegistries: readonly string[];
  readonly failureThreshold: FailureThreshold | undefined;
  readonly noFail: boolean | undefined;
  readonly disableIgnorePragma: boolean;
  readonly labelSchema: Readonly<Record<string, LabelType>>;
  readonly strictLabels: boolean;
  /** Per-rule settings, keyed by rule id or hadolint code. */
  readonly rules: Readonly<Record<string, RuleConfig>>;
  /** hadolint's `format` (a default `--format`), if given. */
  readonly format: string | undefined;
  /** The `ci:` section, opaque here (the `ci` command validates it). */
  readonly ci: Readonly<Record<string, unknown>> | undefined;
}

export const DEFAULT_CONFIG: LayerlintConfig = {
  file: null,
  ignored: [],
  override: {},
  trustedRegistries: [],
  failureThreshold: undefined,
  noFail: undefined,
  disableIgnorePragma: false,
  labelSchema: {},
  strictLabels: false,
  rules: {},
  format: undefined,
  ci: undefined,
};

/** The first `.layerlint.yaml`/`.yml` from `cwd` upwards, or null. */
export function findConfigFile(cwd: string, exists: (path: string) => boolean): string | null {
  let dir = cwd;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (exists(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A config file's text (lint or ci); one that cannot be read is a ConfigError (exit 2). */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(`${file}: cannot be read (${code})`, { cause: error });
  }
}

/** What the lint engine needs from a config. */
export function toLintSettings(config: LayerlintConfig): Partial<LintSettings> {
  const ignored = [...config.ignored];
  const override: Record<Severity, string[]> = {
    error: [...(config.override.error ?? [])],
    warning: [...(config.override.warning ?? [])],
    info: [...(config.override.info ?? [])],
    style: [...(config.override.style ?? [])],
  };
  const ruleOptions: Record<string, RuleOptions> = {};
  for (const [name, rule] of Object.entries(config.rules)) {
    if (rule.severity === 'off') ignored.push(name);
    else if (rule.severity !== undefined) override[rule.severity].push(name);
    if (rule.options) ruleOptions[name] = rule.options;
  }
  const sharedOptions: Record<string, RuleOptionValue> = {};
  if (config.trustedRegistries.length > 0)
    sharedOptions.trustedRegistries = config.trustedRegistries;
  if (Object.keys(config.labelSchema).length > 0) sharedOptions.labelSchema = config.labelSchema;
  if (config.strictLabels) sharedOptions.strictLabels = true;
  return {
    ignored,
    override,
    disableIgnorePragma: config.disableIgnorePragma,
    ruleOptions,
    sharedOptions,
  };
}
