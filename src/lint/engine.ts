/**
 * The lint engine: run rules (pure), then apply settings — enable/disable, severity overrides —
 * then inline pragmas. Each step is a separate exported function so image findings mapped onto a
 * Dockerfile later can go through the same steps.
 */
import type { ImageAnalysis } from '../analysis/types.js';
import type { DockerfileModel, Instruction, Locatable, Range } from '../dockerfile/types.js';
import { compareText, type Finding, type Severity } from '../findings.js';
import { findPragmas } from './pragmas.js';
import type { RuleRegistry } from './registry.js';
import {
  type DockerfileRule,
  formatMessage,
  type ImageRule,
  type Rule,
  type RuleOptions,
  type RuleOptionValue,
} from './rule.js';

export interface LintSettings {
  /** Rule ids or hadolint codes to turn off. */
  readonly ignored: readonly string[];
  /** Severity overrides by rule id or hadolint code; naming a rule here also enables it. */
  readonly override: Readonly<Partial<Record<Severity, readonly string[]>>>;
  /** Ignore inline pragmas (hadolint's `disable-ignore-pragma`). */
  readonly disableIgnorePragma: boolean;
  /** Options per rule (keyed by rule id or hadolint code). */
  readonly ruleOptions: Readonly<Record<string, RuleOptions>>;
  /**
   * Options any rule may read by name (`trustedRegistries`, `labelSchema`, `strictLabels`): a rule
   * whose `meta.options` has a key of that name receives the value.
   */
  readonly sharedOptions: Readonly<Record<string, RuleOptionValue>>;
}

export const DEFAULT_SETTINGS: LintSettings = {
  ignored: [],
  override: {},
  disableIgnorePragma: false,
  ruleOptions: {},
  sharedOptions: {},
};

export interface LintOutput {
  readonly findings: readonly Finding[];
  /** Things the user should know but that do not stop the run (unknown rule names…). */
  readonly warnings: readonly string[];
}

/** Runs the enabled rules of one kind, each with its options, and applies severity overrides. */
function runEnabled(
  registry: RuleRegistry,
  settings: Partial<LintSettings>,
  run: (rule: Rule, options: RuleOptions) => Finding[] | undefined,
): { findings: Finding[]; resolved: ResolvedSettings } {
  const resolved = resolveSettings(registry, { ...DEFAULT_SETTINGS, ...settings });
  const findings: Finding[] = [];
  for (const rule of registry.rules) {
    if (!resolved.isEnabled(rule)) continue;
    findings.push(...(run(rule, resolved.optionsFor(rule)) ?? []));
  }
  return { findings: applySeverity(findings, resolved.severityOf), resolved };
}

/** Runs every Dockerfile rule the settings enable over the model and applies settings and pragmas. */
export function lintModel(
  model: DockerfileModel,
  registry: RuleRegistry,
  settings: Partial<LintSettings> = {},
): LintOutput {
  const { findings, resolved } = runEnabled(registry, settings, (rule, options) =>
    rule.kind === 'dockerfile' ? runDockerfileRule(rule, model, options) : undefined,
  );
  const kept = resolved.disableIgnorePragma
    ? findings
    : applyPragmas(findings, model, registry, resolved.warnings);
  return { findings: sortFindings(kept), warnings: resolved.warnings };
}

/** Runs every enabled image rule over an analysis; findings carry `layer`, `line` 0. */
export function lintImage(
  analysis: ImageAnalysis,
  registry: RuleRegistry,
  settings: Partial<LintSettings> = {},
): LintOutput {
  const { findings, resolved } = runEnabled(registry, settings, (rule, options) =>
    rule.kind === 'image' ? runImageRule(rule, analysis, options) : undefined,
  );
  return { findings, warnings: resolved.warnings };
}

/** Runs one Dockerfile rule with its default severity; no settings, no pragmas. */
export function runDockerfileRule(
  rule: DockerfileRule,
  model: DockerfileModel,
  options: RuleOptions = rule.meta.options ?? {},
): Finding[] {
  const findings: Finding[] = [];
  rule.check(
    model,
    (descriptor) => {
      const template = messageTemplate(rule, descriptor.messageId);
      const range = rangeOf(descriptor.at);
      findings.push({
        file: model.file,
        line: range.start.line,
        column: range.start.column,
        endLine: range.end.line,
        endColumn: range.end.column,
        rule: rule.meta.id,
        hadolint: rule.meta.hadolint,
        severity: rule.meta.severity,
        message: formatMessage(template, descriptor.data, rule.meta.id),
        ...(descriptor.fix === undefined ? {} : { fix: descriptor.fix }),
        messageId: descriptor.messageId,
      });
    },
    options,
  );
  return findings;
}

/** Runs one image rule with its default severity. */
export function runImageRule(
  rule: ImageRule,
  analysis: ImageAnalysis,
  options: RuleOptions = rule.meta.options ?? {},
): Finding[] {
  const findings: Finding[] = [];
  rule.check(
    analysis,
    (descriptor) => {
      const template = messageTemplate(rule, descriptor.messageId);
      findings.push({
        file: analysis.image.source,
        line: 0,
        column: 0,
        endLine: 0,
        endColumn: 0,
        rule: rule.meta.id,
        hadolint: rule.meta.hadolint,
        severity: rule.meta.severity,
        message: formatMessage(template, descriptor.data, rule.meta.id),
        ...(descriptor.fix === undefined ? {} : { fix: descriptor.fix }),
        ...(descriptor.layer === null ? {} : { layer: descriptor.layer }),
        messageId: descriptor.messageId,
      });
    },
    options,
  );
  return findings;
}

function messageTemplate(rule: Rule, messageId: string): string {
  const messages: Readonly<Record<string, string>> = rule.meta.messages;
  const template = messages[messageId];
  if (template === undefined) {
    throw new Error(`rule ${rule.meta.id} reported unknown messageId "${messageId}"`);
  }
  return template;
}

function rangeOf(at: Locatable): Range {
  return 'range' in at ? at.range : at;
}

export interface ResolvedSettings {
  readonly isEnabled: (rule: Rule) => boolean;
  readonly severityOf: (ruleId: string, severity: Severity) => Severity;
  readonly optionsFor: (rule: Rule) => RuleOptions;
  readonly disableIgnorePragma: boolean;
  /** Mutable: the pragma step appends to it. */
  readonly warnings: string[];
}

/**
 * Turns names (ids or DL codes) into rule ids; warns about unknown ones. A rule the registry left
 * unloaded is not unknown: it resolves to nothing, as it cannot report.
 */
function resolveSettings(registry: RuleRegistry, settings: LintSettings): ResolvedSettings {
  const warnings: string[] = [];
  const idsOf = (name: string, where: string): string[] => {
    const ids = registry.resolve(name);
    if (ids.length === 0 && !registry.isKnown(name)) {
      warnings.push(`unknown rule "${name}" in ${where}; see \`layerlint rules\` for the names`);
    }
    return ids;
  };
  const ignored = new Set(settings.ignored.flatMap((n) => idsOf(n, 'ignored')));
  const severityById = new Map<string, Severity>();
  // hadolint applies error, then warning, info, style: the last one wins.
  for (const severity of ['error', 'warning', 'info', 'style'] as const) {
    for (const name of settings.override[severity] ?? []) {
      for (const id of idsOf(name, `override.${severity}`)) severityById.set(id, severity);
    }
  }
  const optionsById = new Map<string, RuleOptions>();
  for (const [name, options] of Object.entries(settings.ruleOptions)) {
    for (const id of idsOf(name, 'rule options')) {
      optionsById.set(id, { ...optionsById.get(id), ...options });
    }
  }
  return {
    isEnabled: (rule) =>
      !ignored.has(rule.meta.id) &&
      (rule.meta.enabledByDefault !== false || severityById.has(rule.meta.id)),
    severityOf: (ruleId, severity) => severityById.get(ruleId) ?? severity,
    optionsFor: (rule) => {
      const defaults = rule.meta.options ?? {};
      const shared: Record<string, RuleOptionValue> = {};
      for (const key of Object.keys(defaults)) {
        const value = settings.sharedOptions[key];
        if (value !== undefined) shared[key] = value;
      }
      return { ...defaults, ...shared, ...optionsById.get(rule.meta.id) };
    },
    disableIgnorePragma: settings.disableIgnorePragma,
    warnings,
  };
}

export function applySeverity(
  findings: readonly Finding[],
  severityOf: (ruleId: string, severity: Severity) => Severity,
): Finding[] {
  return findings.map((f) => {
    const severity = severityOf(f.rule, f.severity);
    return severity === f.severity ? f : { ...f, severity };
  });
}

/** Drops findings covered by an ignore pragma (next-instruction, stage or global). */
export function applyPragmas(
  findings: readonly Finding[],
  model: DockerfileModel,
  registry: RuleRegistry,
  warnings: string[] = [],
): Finding[] {
  const pragmas = findPragmas(model);
  if (pragmas.length === 0) return [...findings];
  const globalIds = new Set<string>();
  const byInstruction = new Map<number, Set<string>>();
  const byStage = new Map<number, Set<string>>();
  for (const pragma of pragmas) {
    const ids = pragma.names.flatMap((name) => {
      const resolved = registry.resolve(name);
      if (resolved.length === 0 && !registry.isKnown(name)) {
        warnings.push(
          `${model.file}:${pragma.line}: unknown rule "${name}" in an ignore pragma; see \`layerlint rules\``,
        );
      }
      return resolved;
    });
    if (pragma.scope === 'global') {
      for (const id of ids) globalIds.add(id);
    } else if (pragma.target >= 0) {
      const map = pragma.scope === 'stage' ? byStage : byInstruction;
      const set = map.get(pragma.target) ?? new Set<string>();
      for (const id of ids) set.add(id);
      map.set(pragma.target, set);
    }
  }
  return findings.filter((finding) => {
    if (globalIds.has(finding.rule)) return false;
    const owner = owningInstruction(model, finding.line);
    if (!owner) return true;
    if (byInstruction.get(owner.index)?.has(finding.rule)) return false;
    if (byStage.get(owner.stageIndex)?.has(finding.rule)) return false;
    return true;
  });
}

/** The top-level instruction whose lines include `line`. */
export function owningInstruction(model: DockerfileModel, line: number): Instruction | null {
  return (
    model.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line) ?? null
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule),
  );
}
