/**
 * Looks rules up by id or hadolint code. The rule lists themselves are `rules/index.ts` and
 * `rules/image-index.ts` (generated).
 */
import type { Rule } from './rule.js';

export class RuleRegistry {
  readonly rules: readonly Rule[];
  private readonly byId = new Map<string, Rule>();
  private readonly byHadolint = new Map<string, Rule[]>();
  private readonly unloadedIds: ReadonlySet<string>;

  /**
   * `otherIds`: ids of rules that exist but were not loaded (a registry of the image rules only);
   * settings may name them without being warned about an unknown rule.
   */
  constructor(rules: readonly Rule[], otherIds: Iterable<string> = []) {
    this.rules = rules;
    this.unloadedIds = new Set(otherIds);
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

  /** Whether a name means something: a loaded rule, a rule left unloaded, or a foreign code. */
  isKnown(name: string): boolean {
    if (this.resolve(name).length > 0 || isForeignCode(name)) return true;
    const trimmed = name.trim();
    return this.unloadedIds.has(trimmed) || this.unloadedIds.has(trimmed.toLowerCase());
  }
}

/** Names we accept without a matching rule: hadolint/ShellCheck codes (we may not implement them all). */
export function isForeignCode(name: string): boolean {
  return /^(DL|SC)\d{4}$/i.test(name.trim());
}

export interface LoadRegistryOptions {
  /**
   * `image`: only the image rules, for a run without a Dockerfile: the other rules, and the
   * Dockerfile parser they import, are most of what such a run would otherwise load.
   */
  readonly only?: 'image';
}

let defaultRegistry: Promise<RuleRegistry> | undefined;
let imageRegistry: Promise<RuleRegistry> | undefined;

/** The registry of every rule in `rules/` (or only the image rules), loaded once. */
export function loadRegistry(options: LoadRegistryOptions = {}): Promise<RuleRegistry> {
  if (options.only === 'image') {
    imageRegistry ??= import('../../rules/image-index.js').then((m) => {
      const loaded = new Set(m.rules.map((r) => r.meta.id));
      return new RuleRegistry(
        m.rules,
        m.allRuleIds.filter((id) => !loaded.has(id)),
      );
    });
    return imageRegistry;
  }
  defaultRegistry ??= import('../../rules/index.js').then((m) => new RuleRegistry(m.rules));
  return defaultRegistry;
}
