import type { Command } from 'commander';
import { Option } from 'commander';
import type { ImageAnalysis } from '../analysis/types.js';
import { startWalkerEarly } from '../image/walk-early.js';
import type { SetExitCode } from './commands.js';
import { writeChunks, writeOutput } from './output.js';

export interface AnalyzeOptions {
  readonly format: 'text' | 'json';
  readonly output?: string;
  readonly verify?: boolean;
  readonly image?: string;
  readonly platform?: string;
  readonly dockerfile?: string;
  readonly config?: string;
}

/** Options every command that reads an image takes. */
export function addImageOptions(command: Command): Command {
  return command
    .option('--image <name[:tag]>', 'which image, when the archive holds several')
    .option('--platform <os/arch[/variant]>', 'which platform, when the archive holds several')
    .option('--verify', 'hash every blob and check it against its digest');
}

export function registerAnalyze(program: Command, setExitCode: SetExitCode): void {
  const command = program
    .command('analyze')
    .description('analyse an image archive: layers, wasted and hidden bytes')
    .argument(
      '<image>',
      'docker save / OCI archive or layout directory (gzip/zstd ok), or - for stdin',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--dockerfile <file>', 'map layers to the lines of this Dockerfile and run its rules')
    .option('--config <file>', 'lint configuration (.layerlint.yaml or .hadolint.yaml)');
  addImageOptions(command).action(async (source: string, options: AnalyzeOptions) => {
    const analysis = await analyzeSource(source, options);
    const { formatAnalysisJsonChunks, formatAnalysisText } = await import(
      '../report/analysis-text.js'
    );
    if (options.format === 'json') {
      await writeChunks(formatAnalysisJsonChunks(analysis), options.output);
    } else {
      await writeOutput(
        formatAnalysisText(analysis, process.stdout.columns ?? 100),
        options.output,
      );
    }
    setExitCode(0);
  });
}

/**
 * Reads, analyses and lints the image. Only the report's data leaves this function: the layer
 * entries can be collected while the report is written (the path table stays, as the hidden
 * files' paths are read from it).
 */
async function analyzeSource(source: string, options: AnalyzeOptions): Promise<ImageAnalysis> {
  startWalkerEarly(source);
  const [{ readImage }, { analyzeImage }, pipeline] = await Promise.all([
    import('../image/read-image.js'),
    import('../analysis/analyze.js'),
    import('./pipeline.js'),
  ]);
  const { loadLintConfig, lintImageAnalysis, prefetchImageLint, readOptions } = pipeline;
  prefetchImageLint(options.dockerfile);
  const config = await loadLintConfig(options.config, process.cwd());
  const joined = await lintImageAnalysis(
    analyzeImage(await readImage(source, readOptions(options))),
    options.dockerfile,
    config,
  );
  const { copyKeepingHiddenFiles } = await import('../analysis/hidden-files.js');
  return copyKeepingHiddenFiles(joined.analysis, {
    warnings: [...joined.analysis.warnings, ...joined.warnings],
    layerEntries: [],
    finalFiles: EMPTY_FINAL_FILES,
  });
}

const EMPTY_FINAL_FILES: ImageAnalysis['finalFiles'] = {
  typeOf: () => undefined,
  childrenOf: () => [],
  filesUnder: () => [],
};
