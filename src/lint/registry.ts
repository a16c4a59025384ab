/** Looks rules up by id or hadolint code. The rule list itself is `rules/index.ts` (generated). */
import type { Rule } from './rule.js';

export class RuleRegistry {
  readonly rules: readonly Rule[];
  private readonly byId = new Map<string, Rule>();
  private readonly byHadolint = new Map<string, Rule[]>();

  constructor(rules: readonly Rule[]) {
    this.rules = rules;
    for (const rule of rules) {
      if (this.byId.has(rule.meta.id)) throw new Error(`duplicate rule id ${rule.meta.id}`);
      this.byId.set(rule.meta.id, rule);
      if (rule.meta.hadolint) {
        const code = rule.meta.hadolint.toUpperCase();
        this.byHadolint.set(code, [...(this.byHadolint.get(code) ?? []), rule]);
      }
    }
  }

  /** The rule with this id, or null. */
  get(id: string): Rule | null {
    return this.byId.get(id) ?? null;
  }

  /**
   * Rule ids a name stands for: a rule id, or a hadolint code (`DL3007`, any case). Empty for an
   * unknown name.
   */
  resolve(name: string): string[] {
    const trimmed = name.trim();
    const rule = this.byId.get(trimmed) ?? this.byId.get(trimmed.toLowerCase());
    if (rule) return [rule.meta.id];
    return (this.byHadolint.get(trimmed.toUpperCase()) ?? []).map((r) => r.meta.id);
  }
}

/** Names we accept without a matching rule: hadolint/ShellCheck codes (we may not implement them all). */
export function isForeignCode(name: string): boolean {
  return /^(DL|SC)\d{4}$/i.test(name.trim());
}

let defaultRegistry: Promise<RuleRegistry> | undefined;

/** The registry of every rule in `rules/`, loaded once. */
export function loadRegistry(): Promise<RuleRegistry> {
  defaultRegistry ??= import('../../rules/index.js').then((m) => new RuleRegistry(m.rules));
  return defaultRegistry;
}
