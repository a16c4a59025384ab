import { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { LoadedImage } from '../image/types.js';
import { startWalkerEarly } from '../image/walk-early.js';
import { addImageOptions, registerAnalyze } from './analyze.js';
import { registerCi } from './ci.js';
import type { SetExitCode } from './commands.js';

export interface ExploreOptions {
  readonly image?: string;
  readonly platform?: string;
  readonly verify?: boolean;
  readonly dockerfile?: string;
  readonly config?: string;
}

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l\u001b[?25h';

/** NO_COLOR (any non-empty value) turns colour off; the explorer's text marks stay. */
function isColorWanted(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

/**
 * Puts the terminal on the alternate screen and guarantees it comes back on every way out:
 * normal exit, an error, SIGINT, SIGTERM, SIGHUP, or the process exiting under us.
 */
function enterAltScreen(
  stdout: NodeJS.WriteStream,
  onSignal: (signal: NodeJS.Signals) => void,
): () => void {
  let isActive = true;
  const restore = (): void => {
    if (!isActive) return;
    isActive = false;
    stdout.write(LEAVE_ALT_SCREEN);
    process.off('exit', restore);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  const handlers: [NodeJS.Signals, () => void][] = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(
    (signal) => [
      signal,
      () => {
        restore();
        onSignal(signal);
      },
    ],
  );
  stdout.write(ENTER_ALT_SCREEN);
  process.on('exit', restore);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return restore;
}

const SIGNAL_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

async function runExplore(source: string, options: ExploreOptions): Promise<void> {
  const stdout = process.stdout;
  if (!stdout.isTTY || !process.stdin.isTTY) {
    throw new UsageError(
      'explore needs a terminal; use `layerlint analyze IMAGE` for a text report',
    );
  }
  // ink renders nothing until exit when it believes it runs in CI (is-in-ci reads CI when ink
  // is first imported). The user asked for the explorer on a terminal: let it draw.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  startWalkerEarly(source);
  const { loadLintConfig, lintImageAnalysis, readOptions } = await import('./pipeline.js');
  const config = await loadLintConfig(options.config, process.cwd());
  // React's development build is several times slower per frame; unless asked, run production.
  process.env.NODE_ENV ??= 'production';
  const [
    { createElement },
    { render },
    { Explorer },
    { buildImageTreeAsync },
    { readImage },
    { analyzeImage },
  ] = await Promise.all([
    import('react'),
    import('ink'),
    import('../tui/Explorer.js'),
    import('../tui/view-model/image-tree.js'),
    import('../image/read-image.js'),
    import('../analysis/analyze.js'),
  ]);
  const isColor = isColorWanted(process.env);
  let unmount: () => void = () => undefined;
  const restore = enterAltScreen(stdout, (signal) => {
    unmount();
    process.exit(SIGNAL_CODES[signal] ?? 1);
  });
  type LoadingProps = Parameters<typeof Explorer>[0] & { phase: 'loading' };
  const loading = (status: LoadingProps['status']): LoadingProps => ({
    phase: 'loading',
    isColor,
    width: stdout.columns || 80,
    height: Math.max(12, (stdout.rows || 24) - 1),
    status,
  });
  const instance = render(
    createElement(
      Explorer,
      loading({
        stage: 'reading',
        source,
        layerIndex: 0,
        layerCount: 0,
        bytesRead: 0,
        bytesTotal: undefined,
        entries: 0,
      }),
    ),
    { exitOnCtrlC: false, patchConsole: false, maxFps: 120 },
  );
  unmount = () => instance.unmount();
  let lastPaint = 0;
  const paintLoading = (status: LoadingProps['status']): void => {
    const now = Date.now();
    if (now - lastPaint < 50) return;
    lastPaint = now;
    instance.rerender(createElement(Explorer, loading(status)));
  };
  try {
    // `image` holds every tar entry; only the tree and the analysis outlive the loading.
    let image: LoadedImage | undefined = await readImage(
      source,
      readOptions(options, (p) => paintLoading({ stage: 'reading', source, ...p })),
    );
    const entries = image.layers.reduce((n, l) => n + l.entries.length, 0);
    const layerCount = image.layers.length;
    lastPaint = 0;
    paintLoading({
      stage: 'analysing',
      source,
      layerIndex: layerCount - 1,
      layerCount,
      bytesRead: 0,
      bytesTotal: undefined,
      entries,
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Image rules, and with --dockerfile the layer-to-line mapping and the Dockerfile's rules.
    const { analysis } = await lintImageAnalysis(analyzeImage(image), options.dockerfile, config);
    const tree = await buildImageTreeAsync(image, (p) =>
      paintLoading({ stage: 'building', source, bytesRead: 0, bytesTotal: undefined, ...p }),
    );
    image = undefined;
    instance.rerender(
      createElement(Explorer, { phase: 'ready', tree, analysis, isColor, reserveRows: 1 }),
    );
    await instance.waitUntilExit();
  } finally {
    instance.unmount();
    restore();
  }
}

/** `explore IMAGE`, plus the bare `layerlint IMAGE`: the explorer on a terminal, else `analyze`. */
export function registerExplore(program: Command, setExitCode: SetExitCode): void {
  registerExploreCommand(program, setExitCode);
  registerBareImage(program, setExitCode);
}

function registerExploreCommand(program: Command, setExitCode: SetExitCode): void {
  const command = program
    .command('explore')
    .description('browse an image in a full-screen terminal UI (like dive)')
    .argument('<image>', 'docker save / OCI archive or layout directory (gzip/zstd ok)')
    .option('--dockerfile <file>', 'the Dockerfile the image was built from (shows its lines)')
    .option('--config <file>', 'lint configuration (.layerlint.yaml or .hadolint.yaml)');
  addImageOptions(command).action(async (source: string, options: ExploreOptions) => {
    await runExplore(source, options);
    setExitCode(0);
  });
}

function registerBareImage(program: Command, setExitCode: SetExitCode): void {
  program
    .argument('[image]', 'an image to explore (on a terminal) or analyse')
    .allowUnknownOption()
    .action(async (image: string | undefined, _options: unknown, self: Command) => {
      const args = self.args;
      if (image === undefined) {
        if (args.length > 0) self.error(`error: unknown option '${args[0]}'`);
        self.help({ error: true });
      }
      // As dive does: with CI set (true, 1 or yes), `layerlint IMAGE` runs the gate.
      const isCi = ['true', '1', 'yes'].includes((process.env.CI ?? '').trim().toLowerCase());
      const isTerminal = Boolean(process.stdout.isTTY && process.stdin.isTTY);
      const sub = new Command('layerlint')
        .exitOverride()
        .configureOutput({ writeErr: (s) => process.stderr.write(s) });
      registerAnalyze(sub, setExitCode);
      registerExploreCommand(sub, setExitCode);
      registerCi(sub, setExitCode);
      await sub.parseAsync(
        isCi
          ? ['ci', ...args]
          : isTerminal
            ? ['explore', ...args]
            : ['analyze', '--format', 'text', ...args],
        {
          from: 'user',
        },
      );
    });
}
