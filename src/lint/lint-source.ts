import { parseDockerfile } from '../dockerfile/parse.js';
import type { Finding } from '../findings.js';
import { type LintSettings, lintModel } from './engine.js';
import type { RuleRegistry } from './registry.js';

/** One linted file: what the reporters read. */
export interface FileResult {
  /** The path as given (`-` for stdin). */
  readonly file: string;
  /** The text, for code frames. */
  readonly source: string;
  readonly findings: readonly Finding[];
  readonly warnings: readonly string[];
}

/** Parses and lints one Dockerfile's text. A Dockerfile that does not parse gives `parse-error` findings. */
export async function lintSource(
  source: string,
  file: string,
  registry: RuleRegistry,
  settings: Partial<LintSettings> = {},
): Promise<FileResult> {
  const model = await parseDockerfile(source, { file });
  const { findings, warnings } = lintModel(model, registry, settings);
  return { file, source, findings, warnings };
}
