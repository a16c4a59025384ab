/**
 * The shared rule tester: real Dockerfile text, the real parser and engine (settings and pragmas
 * included), a deep-frozen model, exact message ids and lines.
 *
 *   ruleTester(rule, {
 *     valid: ['FROM debian:12\n', { name: 'scratch', code: 'FROM scratch\n' }],
 *     invalid: [{ code: 'FROM debian\n', errors: [{ messageId: 'untagged', line: 1 }] }],
 *   });
 */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import type { DockerfileModel } from '../../src/dockerfile/types.js';
import type { Finding } from '../../src/findings.js';
import { lintModel } from '../../src/lint/engine.js';
import { RuleRegistry } from '../../src/lint/registry.js';
import type { Rule, RuleOptions } from '../../src/lint/rule.js';

export interface ValidCase {
  readonly code: string;
  /** Defaults to the code. */
  readonly name?: string;
  readonly options?: RuleOptions;
}

export interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The exact rendered message, when the case is about the wording. */
  readonly message?: string;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
}

export interface RuleTests {
  readonly valid: readonly (string | ValidCase)[];
  readonly invalid: readonly InvalidCase[];
}

/** Parses `code` and runs only `rule` through the real engine; the model is frozen first. */
export async function lintWithRule(
  rule: Rule,
  code: string,
  options?: RuleOptions,
): Promise<Finding[]> {
  const model = deepFreeze(await parseDockerfile(code, { file: 'Dockerfile' }));
  const registry = new RuleRegistry([rule]);
  const { findings } = lintModel(model, registry, {
    // Rules that are off by default are switched on (at their own severity) to be tested.
    override: rule.meta.enabledByDefault === false ? { [rule.meta.severity]: [rule.meta.id] } : {},
    ruleOptions: options ? { [rule.meta.id]: options } : {},
  });
  return [...findings];
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  if (rule.kind !== 'dockerfile')
    throw new Error(`${rule.meta.id}: ruleTester runs Dockerfile rules`);
  const valid = tests.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
  assertNoDuplicates(rule.meta.id, [...valid, ...tests.invalid]);
  for (const c of tests.invalid) {
    if (c.errors.length === 0) {
      throw new Error(`${rule.meta.id}: invalid case "${c.name ?? c.code}" lists no errors`);
    }
    for (const e of c.errors) {
      if (!(e.messageId in rule.meta.messages)) {
        throw new Error(`${rule.meta.id}: invalid case expects unknown messageId "${e.messageId}"`);
      }
    }
  }
  describe(rule.meta.id, () => {
    if (valid.length > 0) {
      describe('valid', () => {
        it.each(valid.map((c) => [c.name ?? c.code, c] as const))('%s', async (_name, c) => {
          const findings = await lintWithRule(rule, c.code, c.options);
          expect(findings.map(describeFinding)).toEqual([]);
        });
      });
    }
    describe('invalid', () => {
      it.each(tests.invalid.map((c) => [c.name ?? c.code, c] as const))('%s', async (_name, c) => {
        const findings = await lintWithRule(rule, c.code, c.options);
        for (const f of findings) expect(f.line, 'every finding has a line').toBeGreaterThan(0);
        const actual = findings.map((f, i) => pick(f, c.errors[i]));
        expect(actual).toEqual(c.errors.map((e) => ({ ...e })));
      });
    });
  });
}

function pick(finding: Finding, expected: ExpectedError | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { messageId: finding.messageId, line: finding.line };
  if (expected?.column !== undefined) out.column = finding.column;
  if (expected?.endLine !== undefined) out.endLine = finding.endLine;
  if (expected?.endColumn !== undefined) out.endColumn = finding.endColumn;
  if (expected?.message !== undefined) out.message = finding.message;
  return out;
}

function describeFinding(f: Finding): string {
  return `${f.line}:${f.column} ${f.messageId ?? ''} ${f.message}`;
}

function assertNoDuplicates(id: string, cases: readonly ValidCase[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    const key = JSON.stringify([c.code, c.options ?? null]);
    if (seen.has(key)) throw new Error(`${id}: duplicate test case ${JSON.stringify(c.code)}`);
    seen.add(key);
  }
}

/** Freezes the model and everything reachable from it, so a rule that mutates it throws. */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  }
  return Object.freeze(value);
}

export type { DockerfileModel };
