/**
 * Keypress latency of the explorer on a big image: the time from writing a key to the frame it
 * causes, with the real App, reducer and ink renderer over fake terminal streams (120×40).
 * Keys: Tab into the file tree, then down arrows and page-downs through it, and a few layer
 * switches back and forth (cached views). Run: `node dist/bench/tui-keypress.js IMAGE`.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

class FakeStdout extends EventEmitter {
  readonly columns = 120;
  readonly rows = 40;
  readonly isTTY = false;
  frames = 0;
  write = (_frame: string): boolean => {
    this.frames++;
    this.emit('frame');
    return true;
  };
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const DOWN = '\u001B[B';
const PAGE_DOWN = '\u001B[6~';
const TAB = '\t';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Profiles the keypresses only (not the loading): `LL_CPU_PROFILE=out.cpuprofile`. */
async function startProfile(): Promise<(path: string) => Promise<void>> {
  const [{ Session }, { writeFile }] = await Promise.all([
    import('node:inspector/promises'),
    import('node:fs/promises'),
  ]);
  const session = new Session();
  session.connect();
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (path) => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(path, JSON.stringify(profile));
    session.disconnect();
  };
}

export async function measureKeypress(
  imagePath: string,
): Promise<{ medianMs: number; p95Ms: number; cpuMsPerKey: number; entries: number }> {
  // React's development build is several times slower; the CLI runs the production one too.
  process.env.NODE_ENV ??= 'production';
  const [
    { render },
    { createElement },
    { analyzeImage },
    { readImage },
    { App },
    { buildImageTree },
  ] = await Promise.all([
    import('ink'),
    import('react'),
    import('../src/analysis/analyze.js'),
    import('../src/image/read-image.js'),
    import('../src/tui/App.js'),
    import('../src/tui/view-model/image-tree.js'),
  ]);
  // The loaded entries are dropped once the tree and analysis exist (as in the CLI), so the
  // heap the collector walks during the keypresses is the explorer's own.
  const { analysis, tree } = await readImage(imagePath, {}).then((image) => ({
    analysis: analyzeImage(image),
    tree: buildImageTree(image),
  }));
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const instance = render(
    createElement(App, {
      tree,
      analysis,
      isColor: true,
      isStyled: true,
      size: { columns: 120, rows: 40 },
    }),
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const nextFrame = (): Promise<void> =>
    new Promise((resolve) => {
      stdout.once('frame', () => resolve());
    });
  const press = async (key: string): Promise<number> => {
    const frame = nextFrame();
    const start = performance.now();
    stdin.write(key);
    await frame;
    const elapsed = performance.now() - start;
    // Let effects settle (they may render once more) before the next key.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return elapsed;
  };
  await new Promise((resolve) => setTimeout(resolve, 200));
  await press(TAB);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const profile = process.env.LL_CPU_PROFILE ? await startProfile() : undefined;
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < 100; i++) samples.push(await press(DOWN));
  for (let i = 0; i < 40; i++) samples.push(await press(PAGE_DOWN));
  for (let i = 0; i < 60; i++) samples.push(await press(DOWN));
  const cpu = process.cpuUsage(cpuBefore);
  if (profile) await profile(process.env.LL_CPU_PROFILE!);
  instance.unmount();
  if (process.env.LL_DEBUG)
    process.stderr.write(`frames ${stdout.frames} for ${samples.length} keys\n`);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    // CPU time (user + system, GC included) per key: what a key costs when the machine is
    // not shared; the wall-clock figures above also count waiting for a core.
    cpuMsPerKey: (cpu.user + cpu.system) / 1000 / samples.length,
    entries: tree.entryCount,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: node dist/bench/tui-keypress.js IMAGE\n');
    process.exitCode = 2;
  } else {
    const result = await measureKeypress(path);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
