/** What a rule is: metadata plus one pure `check`. See rules/AUTHORING.md. */
import type { ImageAnalysis } from '../analysis/types.js';
import type { DockerfileModel, Locatable } from '../dockerfile/types.js';
import type { Severity } from '../findings.js';

/** Values a rule option may take (they come from YAML config). */
export type RuleOptionValue =
  | string
  | number
  | boolean
  | readonly string[]
  | Readonly<Record<string, string>>;

export type RuleOptions = Readonly<Record<string, RuleOptionValue>>;

export interface RuleDocs {
  /** One line: what the rule finds. */
  readonly summary: string;
  /** Why it matters, a short paragraph. */
  readonly rationale: string;
  /** A Dockerfile that triggers the rule (the registry test lints it). */
  readonly bad: string;
  /** The same Dockerfile fixed; it must not trigger the rule. */
  readonly good: string;
  /**
   * Options `bad` and `good` are linted with, for rules that do nothing with their defaults
   * (e.g. `{ trustedRegistries: ['ghcr.io'] }`).
   */
  readonly options?: RuleOptions;
}

interface RuleMetaBase<M extends string, O extends RuleOptions> {
  /** kebab-case, equal to the file name `rules/<id>.ts`. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** The equivalent hadolint code (`DL3007`) or null. */
  readonly hadolint: string | null;
  readonly docs: RuleDocs;
  /** Message templates keyed by message id; `{{name}}` is filled from the report's `data`. */
  readonly messages: Readonly<Record<M, string>>;
  /** Option defaults; config may override them by name. */
  readonly options?: O;
  /** False for rules that run only when config names them (hadolint's "ignore" severity). */
  readonly enabledByDefault?: boolean;
}

export interface DockerfileRuleMeta<M extends string, O extends RuleOptions>
  extends RuleMetaBase<M, O> {
  readonly kind?: 'dockerfile';
}

export interface ImageRuleMeta<M extends string, O extends RuleOptions> extends RuleMetaBase<M, O> {
  readonly kind: 'image';
}

export type MessageData = Readonly<Record<string, string | number>>;

export interface ReportDescriptor<M extends string> {
  readonly messageId: M;
  /** Where: an instruction, word, flag, shell command, or a range. */
  readonly at: Locatable;
  readonly data?: MessageData;
  /** A suggested replacement text or action, shown to the user (`fix` in JSON). */
  readonly fix?: string;
}

export interface ImageReportDescriptor<M extends string> {
  readonly messageId: M;
  /** The layer (index into `analysis.layers`) the finding is about; null for the whole image. */
  readonly layer: number | null;
  readonly data?: MessageData;
  readonly fix?: string;
}

export type Report<M extends string> = (descriptor: ReportDescriptor<M>) => void;
export type ImageReport<M extends string> = (descriptor: ImageReportDescriptor<M>) => void;

export interface DockerfileRuleSpec<M extends string, O extends RuleOptions> {
  readonly meta: DockerfileRuleMeta<M, O>;
  readonly check: (model: DockerfileModel, report: Report<M>, options: O) => void;
}

export interface ImageRuleSpec<M extends string, O extends RuleOptions> {
  readonly meta: ImageRuleMeta<M, O>;
  readonly check: (analysis: ImageAnalysis, report: ImageReport<M>, options: O) => void;
}

/** A registered Dockerfile rule, with its generic types erased. */
export interface DockerfileRule {
  readonly kind: 'dockerfile';
  readonly meta: DockerfileRuleMeta<string, RuleOptions>;
  readonly check: (model: DockerfileModel, report: Report<string>, options: RuleOptions) => void;
}

/** A registered image rule, with its generic types erased. */
export interface ImageRule {
  readonly kind: 'image';
  readonly meta: ImageRuleMeta<string, RuleOptions>;
  readonly check: (
    analysis: ImageAnalysis,
    report: ImageReport<string>,
    options: RuleOptions,
  ) => void;
}

export type Rule = DockerfileRule | ImageRule;

type EmptyOptions = Readonly<Record<never, RuleOptionValue>>;

/** Defines a Dockerfile rule: `export default defineRule({ meta, check })`. */
export function defineRule<M extends string, O extends RuleOptions = EmptyOptions>(
  spec: DockerfileRuleSpec<M, O>,
): DockerfileRule {
  return {
    kind: 'dockerfile',
    meta: spec.meta,
    check: spec.check as unknown as DockerfileRule['check'],
  };
}

/** Defines an image rule: `export default defineImageRule({ meta: { kind: 'image', … }, check })`. */
export function defineImageRule<M extends string, O extends RuleOptions = EmptyOptions>(
  spec: ImageRuleSpec<M, O>,
): ImageRule {
  return {
    kind: 'image',
    meta: spec.meta,
    check: spec.check as unknown as ImageRule['check'],
  };
}

/** Fills `{{name}}` placeholders; a missing value is a bug in the rule. */
export function formatMessage(
  template: string,
  data: MessageData | undefined,
  ruleId: string,
): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, key: string) => {
    const value = data?.[key];
    if (value === undefined) {
      throw new Error(`rule ${ruleId}: message needs data.${key}, which the report did not give`);
    }
    return String(value);
  });
}
