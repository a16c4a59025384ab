import { type Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { startWalkerEarly } from '../image/walk-early.js';
import { addImageOptions } from './analyze.js';
import type { SetExitCode } from './commands.js';
import { writeOutput } from './output.js';
import type { ImageInputOptions } from './pipeline.js';

interface CiOptions extends ImageInputOptions {
  readonly dockerfile?: string;
  readonly config?: string;
  readonly ciConfig?: string;
  readonly report: readonly string[];
  readonly output?: string;
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/** `--report FORMAT=PATH`, checked before any work is done. */
async function parseReports(specs: readonly string[]) {
  const { CI_REPORT_FORMATS } = await import('../report/ci-reports.js');
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    const format = eq < 0 ? spec : spec.slice(0, eq);
    const path = eq < 0 ? '' : spec.slice(eq + 1);
    if (!(CI_REPORT_FORMATS as readonly string[]).includes(format) || path === '') {
      throw new UsageError(
        `--report ${spec}: expected FORMAT=PATH with FORMAT one of ${CI_REPORT_FORMATS.join(', ')}`,
      );
    }
    return { format: format as (typeof CI_REPORT_FORMATS)[number], path };
  });
}

/** Runs the gate; resolves to the exit code (0 pass, 1 fail). `CI=true layerlint IMAGE` reaches it through registerCi. */
async function runCi(source: string, options: CiOptions): Promise<number> {
  const reports = await parseReports(options.report);
  startWalkerEarly(source);
  const { loadCiConfig } = await import('../ci/config.js');
  const config = await loadCiConfig({
    ...(options.ciConfig !== undefined && { ciConfig: options.ciConfig }),
    cwd: process.cwd(),
  });
  const { loadLintConfig, lintImageAnalysis, readOptions } = await import('./pipeline.js');
  const lintConfig = await loadLintConfig(options.config, process.cwd());
  const { readImage } = await import('../image/read-image.js');
  const { analyzeImage } = await import('../analysis/analyze.js');
  const image = await readImage(source, readOptions(options));
  const joined = await lintImageAnalysis(analyzeImage(image), options.dockerfile, lintConfig);
  const { evaluateGate } = await import('../ci/gate.js');
  const outcome = evaluateGate(joined.analysis, joined.analysis.findings, config);
  const { formatCiText } = await import('../report/ci-text.js');
  await writeOutput(formatCiText(joined.analysis, outcome, config), options.output);
  for (const w of joined.warnings) process.stderr.write(`warning: ${w}\n`);
  if (reports.length > 0) {
    const { formatCiReport } = await import('../report/ci-reports.js');
    const { ruleSummaries } = await import('../report/types.js');
    const { loadRegistry } = await import('../lint/registry.js');
    const { VERSION } = await import('./main.js');
    // The reports list the rules that ran: without a Dockerfile, the image rules.
    const registry = await loadRegistry(options.dockerfile === undefined ? { only: 'image' } : {});
    const rules = ruleSummaries(registry.rules);
    for (const { format, path } of reports) {
      const text = formatCiReport(format, {
        analysis: joined.analysis,
        outcome,
        config,
        ...(options.dockerfile !== undefined &&
          joined.dockerfileSource !== undefined && {
            dockerfile: { file: options.dockerfile, source: joined.dockerfileSource },
          }),
        rules,
        toolVersion: VERSION,
      });
      await writeOutput(text, path);
    }
  }
  return outcome.passed ? 0 : 1;
}

export function registerCi(program: Command, setExitCode: SetExitCode): void {
  const command = program
    .command('ci')
    .description(
      "gate a build on wasted space and serious findings (dive's .dive-ci rules work as they are)",
    )
    .argument('<image>', 'docker save / OCI archive or layout directory, or - for stdin')
    .option(
      '--dockerfile <file>',
      'the Dockerfile that built the image: its rules run and findings land on its lines',
    )
    .option('--config <file>', 'lint configuration (.layerlint.yaml or .hadolint.yaml)')
    .option(
      '--ci-config <file>',
      'gate thresholds: a .dive-ci or a .layerlint.yaml with a ci: section',
    )
    .addOption(
      new Option(
        '--report <format=path>',
        'also write a report (junit, sarif, json, codeclimate); repeatable',
      )
        .argParser(collect)
        .default([]),
    )
    .option('--output <file>', 'write the text report to a file instead of stdout');
  addImageOptions(command).action(async (source: string, options: CiOptions) => {
    setExitCode(await runCi(source, options));
  });
}
