import { existsSync, readFileSync } from 'node:fs';
import { copyKeepingHiddenFiles } from '../analysis/hidden-files.js';
import type { ImageAnalysis } from '../analysis/types.js';
import type { LayerlintConfig } from '../config/settings.js';
import { DockerfileParseError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { LoadProgress } from '../image/types.js';

export interface ImageInputOptions {
  readonly image?: string;
  readonly platform?: string;
  readonly verify?: boolean;
}

/** Builds readImage's options from commander's, leaving out what was not given. */
export function readOptions(
  options: ImageInputOptions,
  onProgress?: (p: LoadProgress) => void,
): ImageInputOptions & { onProgress?: (p: LoadProgress) => void } {
  return {
    ...(options.image !== undefined && { image: options.image }),
    ...(options.platform !== undefined && { platform: options.platform }),
    ...(options.verify !== undefined && { verify: options.verify }),
    ...(onProgress && { onProgress }),
  };
}

/** The lint configuration: `--config FILE`, else `.layerlint.yaml` from the cwd upwards. */
export async function loadLintConfig(
  configPath: string | undefined,
  cwd: string,
): Promise<LayerlintConfig> {
  const { DEFAULT_CONFIG, findConfigFile, readConfigText } = await import('../config/settings.js');
  const file = configPath ?? findConfigFile(cwd, existsSync);
  if (file === null) return DEFAULT_CONFIG;
  const { parseConfig } = await import('../config/config.js');
  return parseConfig(readConfigText(file), file);
}

export interface DockerfileText {
  readonly file: string;
  readonly source: string;
}

/** Reads the Dockerfile given with `--dockerfile`; a missing one is a clear error (exit 2). */
export function readDockerfile(file: string): DockerfileText {
  try {
    return { file, source: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new DockerfileParseError(
      code === 'ENOENT'
        ? `${file}: no such file or directory; name the Dockerfile that built the image`
        : `${file}: cannot be read (${code})`,
      { cause: error },
    );
  }
}

export interface JoinedResult {
  /** The analysis with layers mapped to lines (when a Dockerfile is given) and every finding. */
  readonly analysis: ImageAnalysis;
  /** The Dockerfile's text, for reporters that show code frames. */
  readonly dockerfileSource: string | undefined;
  readonly warnings: readonly string[];
}

/**
 * Starts loading what `lintImageAnalysis` will load for an image without a Dockerfile (the lint
 * engine and the image rules), so that the module files are read while the image is: each
 * round of dynamic imports otherwise waits on file reads with nothing else to do. Not with a
 * Dockerfile: its rules bring the shell parser, whose WebAssembly must compile after the tar
 * walk's (src/wasm-tiers.ts).
 */
export function prefetchImageLint(dockerfile: string | DockerfileText | undefined): void {
  if (dockerfile !== undefined) return;
  void import('../lint/engine.js').catch(() => undefined);
  void import('../config/settings.js').catch(() => undefined);
  void import('../lint/registry.js')
    .then(({ loadRegistry }) => loadRegistry({ only: 'image' }))
    .catch(() => undefined);
}

/**
 * Runs the image rules over an analysis and, with a Dockerfile, maps layers to its lines, runs
 * the Dockerfile rules and lands each image finding on the line of the layer that caused it
 * (where inline pragmas apply to it as to any finding).
 */
export async function lintImageAnalysis(
  analysis: ImageAnalysis,
  dockerfile: string | DockerfileText | undefined,
  config: LayerlintConfig,
): Promise<JoinedResult> {
  // Not lint/index.js: it also exports lintSource, which imports the Dockerfile parser.
  const [{ lintImage, lintModel, applyPragmas, sortFindings }, { loadRegistry }] =
    await Promise.all([import('../lint/engine.js'), import('../lint/registry.js')]);
  const { toLintSettings } = await import('../config/settings.js');
  // Without a Dockerfile only the image rules can report: load just those.
  const registry = await loadRegistry(dockerfile === undefined ? { only: 'image' } : {});
  const settings = toLintSettings(config);
  const warnings: string[] = [];
  if (dockerfile === undefined) {
    const image = lintImage(analysis, registry, settings);
    warnings.push(...image.warnings);
    const findings = image.findings.map((f) => ({ ...f, file: analysis.image.source }));
    return {
      analysis: copyKeepingHiddenFiles(analysis, { findings: sortFindings(findings) }),
      dockerfileSource: undefined,
      warnings,
    };
  }
  const { file, source } = typeof dockerfile === 'string' ? readDockerfile(dockerfile) : dockerfile;
  const { parseDockerfile } = await import('../dockerfile/index.js');
  const { mapLayersToLines } = await import('../mapping/layers-to-lines.js');
  const model = await parseDockerfile(source, { file });
  const mapped = mapLayersToLines(analysis, model);
  warnings.push(...mapped.warnings);
  const fromDockerfile = lintModel(model, registry, settings);
  warnings.push(...fromDockerfile.warnings);
  const image = lintImage(mapped.analysis, registry, settings);
  warnings.push(...image.warnings);
  // A finding about the image as a whole (no layer) lands on the final stage's FROM line.
  const finalFrom = model.stages[model.stages.length - 1]?.from;
  const wholeImage = finalFrom && {
    file,
    line: finalFrom.range.start.line,
    endLine: finalFrom.range.start.line,
    text: finalFrom.text,
  };
  const landed = image.findings.map((f): Finding => {
    const instruction =
      f.layer === undefined ? wholeImage : mapped.analysis.layers[f.layer]?.instruction;
    if (!instruction) return { ...f, file: analysis.image.source };
    const firstLine = instruction.text.split('\n')[0] ?? '';
    return {
      ...f,
      file: instruction.file,
      line: instruction.line,
      column: 1,
      endLine: instruction.line,
      endColumn: firstLine.length + 1,
    };
  });
  const kept = config.disableIgnorePragma
    ? landed
    : applyPragmas(landed, model, registry, warnings);
  const findings = sortFindings([...fromDockerfile.findings, ...kept]);
  return {
    analysis: copyKeepingHiddenFiles(mapped.analysis, { findings }),
    dockerfileSource: source,
    warnings,
  };
}
