import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { FailureThreshold, LayerlintConfig } from '../config/settings.js';
import { DockerfileParseError, LayerlintError, UsageError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { FileResult } from '../lint/lint-source.js';
import { FORMATS } from '../report/formats.js';
import type { SetExitCode } from './commands.js';

const FORMAT_NAMES: readonly string[] = FORMATS;
const THRESHOLDS = ['error', 'warning', 'info', 'style', 'none', 'ignore'];

export interface LintArgs {
  readonly files: readonly string[];
  readonly format?: string;
  readonly config?: string;
  readonly failureThreshold?: string;
  /** `--no-fail` given on the command line. */
  readonly noFail?: boolean;
  /** `--image`: an image archive built from the (single) Dockerfile; its rules run too. */
  readonly image?: string;
  readonly imageRef?: string;
  readonly platform?: string;
}

/** The process edge, so tests can run the command without spawning. */
export interface LintIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
  readonly readFile: (path: string) => Promise<Buffer>;
  readonly readStdin: () => Promise<Buffer>;
  readonly exists: (path: string) => boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function registerLint(program: Command, setExitCode: SetExitCode): void {
  program
    .command('lint')
    .description('lint Dockerfiles (hadolint-compatible rules, codes and config)')
    .argument('[file...]', 'Dockerfiles to lint (default ./Dockerfile; - reads stdin)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES))
    .option('-c, --config <file>', 'config file (.layerlint.yaml, or a .hadolint.yaml as it is)')
    .addOption(
      new Option(
        '-t, --failure-threshold <level>',
        'lowest severity that fails the run (default info)',
      ).choices(THRESHOLDS),
    )
    .option('--no-fail', 'exit 0 even when there are findings')
    .option(
      '--image <archive>',
      'also analyse the image this Dockerfile built; its findings land on the lines that caused them',
    )
    .option('--image-ref <name[:tag]>', 'with --image: which image, when the archive holds several')
    .option(
      '--platform <os/arch[/variant]>',
      'with --image: which platform, when the archive holds several',
    )
    .action(async (files: string[], options: Record<string, unknown>, command: Command) => {
      const code = await runLint(
        {
          files,
          ...(typeof options.format === 'string' && { format: options.format }),
          ...(typeof options.config === 'string' && { config: options.config }),
          ...(typeof options.failureThreshold === 'string' && {
            failureThreshold: options.failureThreshold,
          }),
          ...(command.getOptionValueSource('fail') === 'cli' && { noFail: options.fail === false }),
          ...(typeof options.image === 'string' && { image: options.image }),
          ...(typeof options.imageRef === 'string' && { imageRef: options.imageRef }),
          ...(typeof options.platform === 'string' && { platform: options.platform }),
        },
        processIo(),
      );
      setExitCode(code);
    });
}

function processIo(): LintIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    readFile: (path) => readFile(path),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    },
    exists: existsSync,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

/** Runs `layerlint lint`; resolves to the exit code. LayerlintErrors propagate (exit 2). */
export async function runLint(args: LintArgs, io: LintIo): Promise<number> {
  const { findConfigFile, toLintSettings, DEFAULT_CONFIG } = await import('../config/settings.js');
  const configFile = args.config ?? findConfigFile(io.cwd, io.exists);
  let config: LayerlintConfig = DEFAULT_CONFIG;
  if (configFile !== null) {
    const text = await readText(configFile, io, 'config file');
    const { parseConfig } = await import('../config/config.js');
    config = parseConfig(text, configFile);
  }
  const formatName = args.format ?? config.format ?? 'tty';
  if (!FORMAT_NAMES.includes(formatName)) {
    throw new UsageError(
      `${configFile ?? 'config'}: unknown format "${formatName}"; expected one of ${FORMAT_NAMES.join(', ')}`,
    );
  }
  const threshold = toThreshold(args.failureThreshold) ?? config.failureThreshold ?? 'info';
  const noFail = args.noFail ?? config.noFail ?? false;

  const files = args.files.length > 0 ? args.files : ['Dockerfile'];
  if (files.filter((f) => f === '-').length > 1) {
    throw new UsageError('standard input (-) can be linted only once per run');
  }
  // Read everything first: an unreadable file is a usage problem (exit 2), before any output.
  const sources: { file: string; text: string }[] = [];
  for (const file of files) {
    sources.push({ file, text: await readText(file, io, 'Dockerfile') });
  }

  const { loadRegistry } = await import('../lint/registry.js');
  const { lintSource } = await import('../lint/lint-source.js');
  const { FORMATTERS, isFormatName, ruleSummaries } = await import('../report/index.js');
  const registry = await loadRegistry();
  const settings = toLintSettings(config);
  const results: FileResult[] = [];
  const warnings = new Set<string>();
  if (args.image !== undefined) {
    if (sources.length !== 1) {
      throw new UsageError(
        '--image goes with exactly one Dockerfile: the one that built the image',
      );
    }
    results.push(...(await lintWithImage(args, sources[0]!, config, warnings)));
  } else {
    for (const { file, text } of sources) {
      const result = await lintSource(text, file, registry, settings);
      results.push(result);
      for (const warning of result.warnings) warnings.add(warning);
    }
  }
  for (const warning of warnings) io.stderr(`layerlint: warning: ${warning}\n`);
  if (!isFormatName(formatName)) return 2;
  const output = FORMATTERS[formatName]({
    results,
    rules: ruleSummaries(registry.rules),
    toolVersion: (await import('./main.js')).VERSION,
    color: io.isTTY && !io.env.NO_COLOR,
  });
  io.stdout(output);
  if (noFail) return 0;
  return results.some((r) => r.findings.some((f) => fails(f, threshold))) ? 1 : 0;
}

/**
 * `lint --image`: the Dockerfile's rules and the image's, with each image finding on the line
 * whose layer caused it. Findings with no line (a layer the Dockerfile does not explain, or the
 * image as a whole) are reported against the image archive.
 */
async function lintWithImage(
  args: LintArgs,
  dockerfile: { file: string; text: string },
  config: LayerlintConfig,
  warnings: Set<string>,
): Promise<FileResult[]> {
  const { readImage } = await import('../image/read-image.js');
  const { analyzeImage } = await import('../analysis/analyze.js');
  const { lintImageAnalysis, readOptions } = await import('./pipeline.js');
  const image = await readImage(
    args.image!,
    readOptions({
      ...(args.imageRef !== undefined && { image: args.imageRef }),
      ...(args.platform !== undefined && { platform: args.platform }),
    }),
  );
  const joined = await lintImageAnalysis(
    analyzeImage(image),
    { file: dockerfile.file, source: dockerfile.text },
    config,
  );
  for (const w of joined.warnings) warnings.add(w);
  const onDockerfile = joined.analysis.findings.filter((f) => f.file === dockerfile.file);
  const onImage = joined.analysis.findings.filter((f) => f.file !== dockerfile.file);
  const results: FileResult[] = [
    { file: dockerfile.file, source: dockerfile.text, findings: onDockerfile, warnings: [] },
  ];
  if (onImage.length > 0) {
    results.push({ file: args.image!, source: '', findings: onImage, warnings: [] });
  }
  return results;
}

function toThreshold(value: string | undefined): FailureThreshold | undefined {
  if (value === undefined) return undefined;
  if (value === 'ignore' || value === 'none') return 'none';
  if (value === 'error' || value === 'warning' || value === 'info' || value === 'style')
    return value;
  throw new UsageError(
    `--failure-threshold: unknown level "${value}"; expected one of ${THRESHOLDS.join(', ')}`,
  );
}

/** At or above the threshold; `none` (hadolint's `none`/`ignore`) fails on any finding. */
function fails(finding: Finding, threshold: FailureThreshold): boolean {
  if (threshold === 'none') return true;
  const order = ['error', 'warning', 'info', 'style'];
  return order.indexOf(finding.severity) <= order.indexOf(threshold);
}

async function readText(file: string, io: LintIo, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? String(error));
    const hint =
      what === 'Dockerfile' && code === 'ENOENT'
        ? '; name the Dockerfile to lint, or - for standard input'
        : '';
    throw new LayerlintError(`${file}: cannot read the ${what} (${reason})${hint}`, {
      cause: error,
    });
  }
  if (what === 'Dockerfile' && bytes.includes(0)) {
    throw new DockerfileParseError(
      `${file}: not a text file (it contains NUL bytes); expected a Dockerfile`,
    );
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}
