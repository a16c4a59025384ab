/**
 * `.layerlint.yaml` and `.hadolint.yaml`: parsed with yaml (positions kept) and checked with zod.
 * Pure: the CLI reads the files; `findConfigFile` takes an `exists` function.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Severity } from '../findings.js';
import type { RuleOptionValue } from '../lint/rule.js';
import type { LayerlintConfig, RuleConfig } from './settings.js';

const ruleName = z.string().min(1);
const optionValue: z.ZodType<RuleOptionValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
]);

const schema = z.strictObject({
  ignored: z.array(ruleName).optional(),
  override: z
    .strictObject({
      error: z.array(ruleName).optional(),
      warning: z.array(ruleName).optional(),
      info: z.array(ruleName).optional(),
      style: z.array(ruleName).optional(),
    })
    .optional(),
  trustedRegistries: z.array(z.string()).optional(),
  'failure-threshold': z.enum(['error', 'warning', 'info', 'style', 'ignore', 'none']).optional(),
  'no-fail': z.boolean().optional(),
  'disable-ignore-pragma': z.boolean().optional(),
  'label-schema': z
    .record(z.string(), z.enum(['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email']))
    .optional(),
  'strict-labels': z.boolean().optional(),
  rules: z
    .record(
      ruleName,
      z.union([
        z.enum(['off', 'error', 'warning', 'info', 'style']),
        z.strictObject({
          severity: z.enum(['off', 'error', 'warning', 'info', 'style']).optional(),
          options: z.record(z.string(), optionValue).optional(),
        }),
      ]),
    )
    .optional(),
  ci: z.record(z.string(), z.unknown()).optional(),
  // hadolint keys that only matter to its own CLI; accepted so a .hadolint.yaml works as it is.
  'no-color': z.boolean().optional(),
  verbose: z.boolean().optional(),
  format: z.string().optional(),
  formats: z.array(z.string()).optional(),
});

/** Parses config text; a bad file is a ConfigError naming `file:line:col`. */
export function parseConfig(text: string, file: string): LayerlintConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0] ?? lineCounter.linePos(yamlError.pos[0]);
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new ConfigError(`${where}: invalid YAML: ${firstLine(yamlError.message)}`, {
      cause: yamlError,
    });
  }
  const data: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) ?? [];
    const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const pos = positionOf(doc, lineCounter, path, unknownKey);
    const at = [...path, ...(unknownKey === undefined ? [] : [unknownKey])].join('.');
    const what =
      unknownKey === undefined
        ? issue?.message
        : `unknown key "${unknownKey}"; expected one of ${Object.keys(schema.shape).join(', ')}`;
    throw new ConfigError(
      `${file}:${pos.line}:${pos.col}: ${at === '' ? '' : `${at}: `}${what ?? 'invalid'}`,
      { cause: result.error },
    );
  }
  const c = result.data;
  const rules: Record<string, RuleConfig> = {};
  for (const [name, value] of Object.entries(c.rules ?? {})) {
    rules[name] =
      typeof value === 'string'
        ? { severity: value }
        : {
            ...(value.severity === undefined ? {} : { severity: value.severity }),
            ...(value.options === undefined ? {} : { options: value.options }),
          };
  }
  const threshold = c['failure-threshold'];
  return {
    file,
    ignored: c.ignored ?? [],
    override: Object.fromEntries(
      Object.entries(c.override ?? {}).filter(([, names]) => names !== undefined),
    ) as Partial<Record<Severity, readonly string[]>>,
    trustedRegistries: c.trustedRegistries ?? [],
    failureThreshold: threshold === 'ignore' ? 'none' : threshold,
    noFail: c['no-fail'],
    disableIgnorePragma: c['disable-ignore-pragma'] ?? false,
    labelSchema: c['label-schema'] ?? {},
    strictLabels: c['strict-labels'] ?? false,
    rules,
    format: c.format ?? c.formats?.[0],
    ci: c.ci,
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

type YamlDoc = ReturnType<typeof parseDocument>;

function positionOf(
  doc: YamlDoc,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  unknownKey: string | undefined,
): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!node || typeof node !== 'object' || !('range' in node) || !node.range) continue;
    if (unknownKey !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === unknownKey);
      if (pair && isScalar(pair.key) && pair.key.range) {
        return lineCounter.linePos(pair.key.range[0]);
      }
    }
    return lineCounter.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
