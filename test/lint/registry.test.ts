import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRuleIds, rules as imageRules } from '../../rules/image-index.js';
import { rules } from '../../rules/index.js';
import { loadRegistry } from '../../src/lint/registry.js';
import type { Rule } from '../../src/lint/rule.js';
import { lintWithRule } from '../helpers/rule-tester.js';

const root = join(import.meta.dirname, '..', '..');
const GENERATED = ['index.ts', 'image-index.ts'];
const ruleIdsOf = (files: readonly string[]): string[] =>
  files
    .filter((f) => f.endsWith('.ts') && !f.includes('/') && !GENERATED.includes(f))
    .map((f) => f.slice(0, -3))
    .sort();
/** Every rule file in the tree, tracked or not: each is checked below. */
const ruleFiles = ruleIdsOf(readdirSync(join(root, 'rules')));
/** The rule files git tracks: the ones the generated indexes list (see generate-index.mjs). */
const trackedRuleFiles = ruleIdsOf(
  execFileSync('git', ['ls-files', '-z', '--', ':(glob)*.ts'], {
    cwd: join(root, 'rules'),
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(root, 'rules', f))),
);

describe('rule registry', () => {
  it('rules/index.ts and rules/image-index.ts are up to date (run `npm run gen:rules`)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(root, 'rules', 'generate-index.mjs'), '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('lists every tracked rule file exactly once', () => {
    expect(rules.map((r) => r.meta.id).sort()).toEqual(trackedRuleFiles);
  });

  it('rules/image-index.ts lists exactly the image rules of rules/index.ts, and every id', () => {
    expect(imageRules.map((r) => r.meta.id)).toEqual(
      rules.filter((r) => r.kind === 'image').map((r) => r.meta.id),
    );
    expect(imageRules.every((r) => r.kind === 'image')).toBe(true);
    expect(allRuleIds).toEqual(rules.map((r) => r.meta.id));
  });

  it('the image-only registry knows every rule name without loading the Dockerfile rules', async () => {
    const registry = await loadRegistry({ only: 'image' });
    expect(registry.rules).toEqual(imageRules);
    for (const rule of rules) {
      expect(registry.isKnown(rule.meta.id), rule.meta.id).toBe(true);
      if (rule.meta.hadolint) expect(registry.isKnown(rule.meta.hadolint)).toBe(true);
    }
    expect(registry.isKnown('no-such-rule')).toBe(false);
  });

  it('has no duplicate hadolint codes', () => {
    const codes = rules.map((r) => r.meta.hadolint).filter((c) => c !== null);
    expect(codes.length).toBe(new Set(codes).size);
  });
});

describe.each(ruleFiles.map((id) => [id] as const))('rules/%s.ts', (id) => {
  const load = async (): Promise<Rule> =>
    (
      (await import(/* @vite-ignore */ pathToFileURL(join(root, 'rules', `${id}.ts`)).href)) as {
        default: Rule;
      }
    ).default;

  it('default-exports a rule whose id is its kebab-case file name', async () => {
    const rule = await load();
    expect(rule.meta.id).toBe(id);
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('has docs, messages, a valid hadolint code and a test file', async () => {
    const { meta } = await load();
    expect(meta.docs.summary.trim()).not.toBe('');
    expect(meta.docs.rationale.trim()).not.toBe('');
    expect(meta.docs.bad.trim()).not.toBe('');
    expect(meta.docs.good.trim()).not.toBe('');
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    for (const text of Object.values<string>(meta.messages)) expect(text.trim()).not.toBe('');
    if (meta.hadolint !== null) expect(meta.hadolint).toMatch(/^DL\d{4}$/);
    expect(existsSync(join(root, 'test', 'rules', `${id}.test.ts`))).toBe(true);
  });

  it('reports its docs.bad example and not its docs.good one', async () => {
    const rule = await load();
    if (rule.kind !== 'dockerfile') return;
    const { bad, good, options } = rule.meta.docs;
    expect(
      (await lintWithRule(rule, bad, options)).length,
      'docs.bad must trigger the rule (a rule that needs options to do anything sets docs.options)',
    ).toBeGreaterThan(0);
    expect(await lintWithRule(rule, good, options)).toEqual([]);
  });
});
