import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { ConfigError } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings.js';
import { type CiConfig, DEFAULT_CI_CONFIG } from './gate.js';
import { parseBytes, parseFraction, type Threshold, ThresholdError } from './thresholds.js';

type Parser = (raw: unknown) => Threshold;

const DIVE_KEYS: Readonly<Record<string, Parser>> = {
  lowestEfficiency: parseFraction,
  highestWastedBytes: parseBytes,
  highestUserWastedPercent: parseFraction,
};
const OUR_KEYS: Readonly<Record<string, Parser>> = { ...DIVE_KEYS, highestHiddenBytes: parseBytes };

/**
 * Reads thresholds from a YAML map: dive's keys (camelCase, as in `.dive-ci`) and, for
 * `.layerlint.yaml`, `highestHiddenBytes` and `failOn`. Unknown keys are ignored, as dive
 * ignores them; bad values are a ConfigError at file:line:col.
 */
function readThresholds(
  map: YAMLMap,
  file: string,
  lines: LineCounter,
  keys: Readonly<Record<string, Parser>>,
  allowFailOn: boolean,
): CiConfig {
  const config: { -readonly [K in keyof CiConfig]: CiConfig[K] } = {
    ...DEFAULT_CI_CONFIG,
    source: file,
  };
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const node = pair.value;
    const raw = isScalar(node) ? node.value : node === null ? null : undefined;
    const at = () => {
      const offset =
        (isScalar(node) && node.range ? node.range[0] : undefined) ??
        (isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0);
      const pos = lines.linePos(offset);
      return `${file}:${pos.line}:${pos.col}`;
    };
    if (key === 'failOn' && allowFailOn) {
      const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
      if (
        value === 'none' ||
        (typeof value === 'string' && SEVERITIES.includes(value as Severity))
      ) {
        config.failOn = value as Severity | 'none';
        continue;
      }
      throw new ConfigError(
        `${at()}: failOn must be one of ${[...SEVERITIES, 'none'].join(', ')} (got ${JSON.stringify(raw)})`,
      );
    }
    const parse = keys[key];
    if (!parse) continue;
    try {
      (config as Record<string, unknown>)[key] = parse(raw);
    } catch (error) {
      if (error instanceof ThresholdError)
        throw new ConfigError(`${at()}: ${key} ${error.message}`);
      throw error;
    }
  }
  return config;
}

/** Parses a `.dive-ci` (`rules:` map) or a `.layerlint.yaml` (`ci:` map). */
export function parseCiConfig(text: string, file: string): CiConfig | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const pos = lines.linePos(error.pos[0]);
    throw new ConfigError(`${file}:${pos.line}:${pos.col}: not valid YAML (${error.code})`);
  }
  if (doc.contents === null) return undefined;
  if (!isMap(doc.contents)) {
    throw new ConfigError(`${file}:1:1: expected a map with a ci: or rules: section`);
  }
  const ci = doc.contents.get('ci', true);
  if (isMap(ci)) return readThresholds(ci, file, lines, OUR_KEYS, true);
  const rules = doc.contents.get('rules', true);
  // `.layerlint.yaml` also has a `rules:` map (per-rule lint settings); only dive's keys count.
  if (
    isMap(rules) &&
    rules.items.some((p) => isScalar(p.key) && String(p.key.value) in DIVE_KEYS)
  ) {
    return readThresholds(rules, file, lines, DIVE_KEYS, false);
  }
  return undefined;
}
