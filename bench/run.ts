/**
 * `npm run bench`: layerlint's speed and memory against command-line baselines on the same
 * synthetic images, in the same run (issue 2 §6). Writes the results to BENCHMARKS.md.
 *
 *   node dist/bench/run.js [--runs N] [--forms docker,oci,gz,million] [--no-write]
 *
 * Every measurement is a child process under GNU time (`/usr/bin/time -f '%e %M'`): wall time
 * from this process's clock, peak RSS from time's `%M`. Each command runs N times (default 3)
 * after the file has been read once into the page cache; the table shows the median time and
 * the highest peak RSS seen.
 *
 * Sections other engineers fill in (each is skipped, with the reason printed, until it exists):
 * - lint throughput: `lintThroughput()` — the `src/lint/` API, or the `lint` CLI command;
 * - TUI keypress latency: `tuiKeypress()` — `bench/tui-keypress.ts` exporting `measureKeypress`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureImages, GENERATOR_VERSION, type ImageMeta, OUT_DIR, REPO_ROOT } from './generate.js';

const TIME_BIN = '/usr/bin/time';
const LAYERLINT = join(REPO_ROOT, 'bin', 'layerlint.js');
const TARGET_RSS_MB = 200;

interface Sample {
  readonly seconds: number;
  readonly rssMB: number | undefined;
}

interface Stat {
  readonly median: number;
  readonly best: number;
  readonly peakRssMB: number | undefined;
  readonly samples: readonly Sample[];
}

interface Command {
  readonly label: string;
  readonly argv: readonly string[];
}

interface Row {
  readonly form: string;
  readonly entries: number;
  readonly bytes: number;
  readonly layerlint: Stat | { error: string };
  readonly baseline: Stat | { error: string } | undefined;
  readonly baselineLabel: string;
  /** Highest acceptable layerlint/baseline ratio, when the form has one. */
  readonly ratioTarget: number | undefined;
  readonly rssTarget: number | undefined;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function hasGnuTime(): boolean {
  return spawnSync(TIME_BIN, ['-f', '%e', 'true'], { stdio: 'ignore' }).status === 0;
}

let timeFile: string | undefined;

/**
 * Variables removed from the environment of every measured command. NODE_EXTRA_CA_CERTS names
 * a file of CA certificates that Node 20 reads and parses at every start, before any of the
 * program's code runs (on a machine that sets it for an HTTPS proxy, as ours does, ~70 ms per
 * start). No command here makes a TLS connection; the report states the variable and its cost
 * (`nodeStartUp`), so a reader sees what was left out.
 */
const UNSET_FOR_RUNS = ['NODE_EXTRA_CA_CERTS'];

function measuredEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of UNSET_FOR_RUNS) delete env[name];
  return env;
}

/** `node -e 0`'s median wall time over 7 runs, in the measured environment and as it is. */
function nodeStartUp(): { clean: number; asIs: number } {
  const median = (env: NodeJS.ProcessEnv) => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
      times.push((performance.now() - started) / 1000);
    }
    return times.sort((a, b) => a - b)[3]!;
  };
  return { clean: median(measuredEnv()), asIs: median(process.env) };
}

/** Runs one command under GNU time; rejects with its stderr when it fails. */
async function runOnce(argv: readonly string[]): Promise<Sample> {
  timeFile ??= join(OUT_DIR, `time-${process.pid}.txt`);
  const useTime = hasGnuTimeCached();
  const full = useTime ? [TIME_BIN, '-f', '%e %M', '-o', timeFile, ...argv] : [...argv];
  const started = performance.now();
  const child = spawn(full[0]!, full.slice(1), {
    cwd: REPO_ROOT,
    env: measuredEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4000) stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    throw new Error(`${argv.join(' ')} exited ${code}: ${stderr.trim().slice(0, 800)}`);
  }
  let rssMB: number | undefined;
  if (useTime) {
    const [, kb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2);
    if (kb !== undefined && /^\d+$/.test(kb)) rssMB = Number(kb) / 1024;
  }
  return { seconds, rssMB };
}

let gnuTime: boolean | undefined;
function hasGnuTimeCached(): boolean {
  gnuTime ??= hasGnuTime();
  return gnuTime;
}

function summarize(samples: Sample[]): Stat {
  const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssMB).filter((m): m is number => m !== undefined);
  return {
    median: times[Math.floor(times.length / 2)]!,
    best: times[0]!,
    peakRssMB: rss.length ? Math.max(...rss) : undefined,
    samples,
  };
}

/** Reads a file once so every measured run starts from a warm page cache. */
function warm(path: string): void {
  spawnSync('cat', [path], { stdio: ['ignore', 'ignore', 'ignore'] });
}

function shell(script: string): string[] {
  return ['bash', '-c', `set -euo pipefail; ${script}`];
}

function q(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function layerlintCommand(image: string): Command {
  return {
    label: 'layerlint analyze --format json',
    argv: [
      process.execPath,
      LAYERLINT,
      'analyze',
      image,
      '--format',
      'json',
      '--output',
      '/dev/null',
    ],
  };
}

/** (a) `tar -xOf img.tar <layer> | tar -tv`, one pipeline per layer, in sequence. */
function dockerBaseline(archive: string, meta: ImageMeta): Command {
  const layers = meta.layers.map((l) => q(l.dockerPath)).join(' ');
  return {
    label: '`tar -xOf img.tar <layer> | tar -tv` per layer',
    argv: shell(`for l in ${layers}; do tar -xOf ${q(archive)} "$l" | tar -tv >/dev/null; done`),
  };
}

/** (b) `gzip -dc <blob> | tar -t` per layer over blobs extracted beforehand. */
function ociBaseline(blobDir: string, meta: ImageMeta): Command {
  const blobs = meta.layers
    .map((l) => q(join(blobDir, 'blobs', 'sha256', l.blobDigest!)))
    .join(' ');
  return {
    label: '`gzip -dc <layer blob> | tar -t` per layer',
    argv: shell(`for b in ${blobs}; do gzip -dc "$b" | tar -t >/dev/null; done`),
  };
}

/** (c) `gzip -dc img.tar.gz | tar -t`. */
function gzBaseline(archive: string): Command {
  return {
    label: '`gzip -dc img.tar.gz | tar -t`',
    argv: shell(`gzip -dc ${q(archive)} | tar -t >/dev/null`),
  };
}

/**
 * Runs the commands in turns (layerlint, baseline, layerlint, baseline…), so that a machine
 * whose speed drifts during the run (a shared VM swings by a quarter within minutes) slows both
 * alike and their ratio stays fair. A command that fails is not run again.
 */
async function measureInTurns(
  cmds: readonly [Command, Command],
  runs: number,
): Promise<[Stat | { error: string }, Stat | { error: string }]> {
  const samples: Sample[][] = cmds.map(() => []);
  const errors: (string | undefined)[] = cmds.map(() => undefined);
  for (let i = 0; i < runs; i++) {
    for (const [k, cmd] of cmds.entries()) {
      if (errors[k] !== undefined) continue;
      try {
        samples[k]!.push(await runOnce(cmd.argv));
      } catch (error) {
        log(`FAILED ${cmd.label}: ${(error as Error).message}`);
        errors[k] = (error as Error).message.split('\n')[0]!.slice(0, 200);
      }
    }
  }
  const result = (k: 0 | 1): Stat | { error: string } => {
    const cmd = cmds[k];
    const error = errors[k];
    if (error !== undefined) return { error };
    const stat = summarize(samples[k]!);
    log(
      `${cmd.label}: ${samples[k]!.map((s) => s.seconds.toFixed(2)).join(' / ')} s` +
        (stat.peakRssMB !== undefined ? `, peak RSS ${stat.peakRssMB.toFixed(0)} MB` : ''),
    );
    return stat;
  };
  return [result(0), result(1)];
}

interface FormPlan {
  readonly key: string;
  readonly form: string;
  readonly meta: ImageMeta;
  readonly path: string;
  readonly baseline: () => Command;
  readonly ratioTarget: number | undefined;
  readonly rssTarget: number | undefined;
  readonly setup?: () => void;
  readonly teardown?: () => void;
}

async function runForm(plan: FormPlan, runs: number): Promise<Row> {
  log(`— ${plan.form}: ${relative(REPO_ROOT, plan.path)}`);
  plan.setup?.();
  try {
    warm(plan.path);
    const base = plan.baseline();
    const [layerlint, baseline] = await measureInTurns([layerlintCommand(plan.path), base], runs);
    return {
      form: plan.form,
      entries: plan.meta.entries,
      bytes: plan.meta.forms[plan.key]!.bytes,
      layerlint,
      baseline,
      baselineLabel: base.label,
      ratioTarget: plan.ratioTarget,
      rssTarget: plan.rssTarget,
    };
  } finally {
    plan.teardown?.();
  }
}

// ---------------------------------------------------------------------------------------------
// Hooks for the sections other engineers provide

interface Section {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * Dockerfiles linted per second over `fixtures/dockerfiles/*`, in one process: the `src/lint/`
 * API (`loadRegistry` + `lintSource`) when it is built, else one `layerlint lint` run.
 */
async function lintThroughput(): Promise<Section> {
  const title = 'Lint throughput';
  const dir = join(REPO_ROOT, 'fixtures', 'dockerfiles');
  const files = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => join(dir, d.name))
        .sort()
    : [];
  if (files.length === 0) {
    return { title, lines: ['Skipped: `fixtures/dockerfiles/` has no Dockerfiles yet.'] };
  }
  const api = new URL('../src/lint/index.js', import.meta.url);
  if (existsSync(fileURLToPath(api))) {
    try {
      const lint = (await import(api.href)) as Record<string, unknown>;
      if (typeof lint.loadRegistry === 'function' && typeof lint.lintSource === 'function') {
        const loadRegistry = lint.loadRegistry as () => Promise<unknown>;
        const lintSource = lint.lintSource as (
          source: string,
          file: string,
          registry: unknown,
        ) => Promise<unknown>;
        const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
        const t0 = performance.now();
        const registry = await loadRegistry();
        for (const [file, text] of texts) await lintSource(text, file, registry);
        const firstPass = (performance.now() - t0) / 1000;
        // Steady state: repeat passes for at least a second.
        let linted = 0;
        const t1 = performance.now();
        while (performance.now() - t1 < 1000 || linted < texts.length) {
          for (const [file, text] of texts) await lintSource(text, file, registry);
          linted += texts.length;
        }
        const steady = linted / ((performance.now() - t1) / 1000);
        return {
          title,
          lines: [
            `In process through the \`src/lint\` API (\`loadRegistry\` + \`lintSource\`), ${files.length} files in \`fixtures/dockerfiles/\`:`,
            '',
            '| measure | value |',
            '|---|---|',
            `| first pass (rule registry load + parser init + ${files.length} files) | ${firstPass.toFixed(3)} s |`,
            `| steady state | **${steady.toFixed(0)} Dockerfiles/s** |`,
          ],
        };
      }
    } catch (error) {
      log(`lint API failed (${(error as Error).message}); trying the CLI`);
    }
  }
  try {
    const rel = files.map((f) => relative(REPO_ROOT, f));
    const sample = await runLintCli(rel);
    return {
      title,
      lines: [
        `One \`layerlint lint --format json\` process over ${files.length} files in \`fixtures/dockerfiles/\`:`,
        '',
        '| measure | value |',
        '|---|---|',
        `| wall time | ${sample.seconds.toFixed(3)} s |`,
        `| throughput (incl. startup) | **${(files.length / sample.seconds).toFixed(0)} Dockerfiles/s** |`,
        `| peak RSS | ${sample.rssMB?.toFixed(0) ?? '?'} MB |`,
      ],
    };
  } catch (error) {
    return { title, lines: [`Skipped: no lint API or command yet (${(error as Error).message})`] };
  }
}

/** `lint` exits 1 when it finds problems: that still counts as a run. */
async function runLintCli(files: readonly string[]): Promise<Sample> {
  const argv = [process.execPath, LAYERLINT, 'lint', '--format', 'json', ...files];
  try {
    return await runOnce(argv);
  } catch (error) {
    if (/ exited 1:/.test((error as Error).message)) {
      // Re-run without /usr/bin/time's exit-code handling to tell findings from failures.
      const started = performance.now();
      const r = spawnSync(argv[0]!, argv.slice(1), {
        cwd: REPO_ROOT,
        env: measuredEnv(),
        encoding: 'utf8',
      });
      const seconds = (performance.now() - started) / 1000;
      if (r.status === 1 && r.stdout.trim().startsWith('{')) return { seconds, rssMB: undefined };
    }
    throw error;
  }
}

type MeasureKeypress = (
  imagePath: string,
) => Promise<{ medianMs: number; p95Ms: number; entries: number }>;

/** Keypress latency of the TUI on the 1M-entry image, from `bench/tui-keypress.ts`. */
async function tuiKeypress(millionImage: string | undefined): Promise<Section> {
  const title = 'TUI keypress latency';
  const module = new URL('./tui-keypress.js', import.meta.url);
  if (!existsSync(fileURLToPath(module))) {
    return { title, lines: ['Skipped: `bench/tui-keypress.ts` does not exist yet.'] };
  }
  if (!millionImage) return { title, lines: ['Skipped: the 1M-entry image was not selected.'] };
  try {
    const mod = (await import(module.href)) as { measureKeypress?: MeasureKeypress };
    if (typeof mod.measureKeypress !== 'function') {
      return { title, lines: ['Skipped: `bench/tui-keypress.ts` exports no `measureKeypress`.'] };
    }
    const r = await mod.measureKeypress(millionImage);
    return {
      title,
      lines: [
        `\`measureKeypress\` on \`${relative(REPO_ROOT, millionImage)}\`:`,
        '',
        '| entries | median ms | p95 ms |',
        '|---:|---:|---:|',
        `| ${r.entries.toLocaleString('en-US')} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} |`,
      ],
    };
  } catch (error) {
    return { title, lines: [`Failed: ${(error as Error).message}`] };
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function firstLine(argv: string[]): string {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').split('\n')[0]?.trim() || 'not installed';
}

const loadAtStart = loadavg();

function machine(): string[] {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return [
    `- date: ${new Date().toISOString()}`,
    `- load average (1/5/15 min) at start: ${load(loadAtStart)}, at end: ${load(loadavg())}` +
      (loadAtStart[0]! > availableParallelism() / 2
        ? ' — other work was running; times are noisy'
        : ''),
    `- machine: ${availableParallelism()} CPUs (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `- Node ${process.version}; ${firstLine(['tar', '--version'])}; ${firstLine(['gzip', '--version'])}`,
    ...environmentNote(),
  ];
}

function environmentNote(): string[] {
  const set = UNSET_FOR_RUNS.filter((name) => process.env[name] !== undefined);
  if (set.length === 0) return [];
  const { clean, asIs } = nodeStartUp();
  return [
    `- measured commands run without ${set.join(', ')}, which this machine sets: Node reads ` +
      `that file of CA certificates at every start (\`node -e 0\`: ${clean.toFixed(3)} s ` +
      `without, ${asIs.toFixed(3)} s with), and no command here makes a TLS connection`,
  ];
}

function isStat(value: Stat | { error: string } | undefined): value is Stat {
  return value !== undefined && 'median' in value;
}

const mb = (bytes: number) => (bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 });

function rowCells(row: Row): string[] {
  const ll = row.layerlint;
  const base = row.baseline;
  const ratio = isStat(ll) && isStat(base) ? ll.median / base.median : undefined;
  const verdicts: string[] = [];
  if (row.ratioTarget !== undefined) {
    verdicts.push(
      `ratio ≤ ${row.ratioTarget}: ${ratio === undefined ? '?' : ratio <= row.ratioTarget ? 'PASS' : 'MISS'}`,
    );
  }
  if (row.rssTarget !== undefined) {
    const rss = isStat(ll) ? ll.peakRssMB : undefined;
    verdicts.push(
      `RSS ≤ ${row.rssTarget} MB: ${rss === undefined ? '?' : rss <= row.rssTarget ? 'PASS' : 'MISS'}`,
    );
  }
  if (row.ratioTarget === undefined && row.rssTarget === undefined) {
    verdicts.push(isStat(ll) ? 'completes: PASS' : 'completes: FAIL');
  }
  return [
    row.form,
    row.entries.toLocaleString('en-US'),
    `${mb(row.bytes)} MB`,
    isStat(ll) ? ll.median.toFixed(2) : `error: ${ll.error}`,
    isStat(base) ? base.median.toFixed(2) : base ? `error: ${base.error}` : '–',
    ratio === undefined ? '–' : ratio.toFixed(2),
    isStat(ll) && ll.peakRssMB !== undefined ? ll.peakRssMB.toFixed(0) : '?',
    verdicts.join('; '),
  ];
}

function table(rows: readonly Row[]): string[] {
  const head = [
    'form',
    'entries',
    'bytes',
    'layerlint s',
    'baseline s',
    'ratio',
    'layerlint peak RSS MB',
    'targets',
  ];
  return [
    `| ${head.join(' | ')} |`,
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${rowCells(r).join(' | ')} |`),
  ];
}

function report(
  rows: readonly Row[],
  images: { big?: ImageMeta; million?: ImageMeta },
  sections: readonly Section[],
  runs: number,
): string {
  const out: string[] = [
    '# Benchmarks',
    '',
    'Rewritten by every `npm run bench` (`bench/run.ts`); do not edit by hand.',
    '',
    ...machine(),
    `- ${runs} runs per command, layerlint and baseline in turns, warm page cache; times are medians, RSS the highest of the runs`,
    '',
    '## Image loading: layerlint against command-line baselines',
    '',
    ...table(rows),
    '',
    'Ratio = layerlint time / baseline time on the same archive (lower is better). layerlint is',
    '`node bin/layerlint.js analyze <img> --format json --output /dev/null`: read, analyse and',
    'serialise the whole report. Baselines:',
    '',
    ...[...new Map(rows.map((r) => [r.form, r.baselineLabel])).entries()].map(
      ([form, label]) => `- ${form}: ${label}`,
    ),
    '',
  ];
  const big = images.big;
  if (big) {
    out.push(
      '## The images',
      '',
      `Synthetic, from \`bench/generate.ts\` (generator v${GENERATOR_VERSION}, written to \`bench/out/\`, never committed).`,
      '',
      `- **big**: ${big.layers.length} layers, ${big.entries.toLocaleString('en-US')} entries, ` +
        `${mb(big.uncompressedLayerBytes)} MB of uncompressed layers (gzip -6 ratio ` +
        `${big.gzipRatio?.toFixed(2) ?? '?'}): a Debian base, apt packages whose lists and .deb cache a later ` +
        'layer removes (directory and file whiteouts), ~110k-entry node_modules replaced through an ' +
        'opaque directory, sources overwriting files, build bundles, tens-of-MB model files (one ' +
        'overwritten), a chmod-only overwrite, symlinks and a hard link.',
    );
    for (const [i, l] of big.layers.entries()) {
      out.push(
        `  - layer ${i}: ${l.entries.toLocaleString('en-US')} entries, ${mb(l.bytes)} MB` +
          (l.blobBytes ? ` (gzip ${mb(l.blobBytes)} MB)` : ''),
      );
    }
  }
  const million = images.million;
  if (million) {
    out.push(
      `- **million**: ${million.layers.length} layers, ${million.entries.toLocaleString('en-US')} entries of ` +
        `small files (${mb(million.uncompressedLayerBytes)} MB), with overwrites, file whiteouts, an opaque ` +
        'directory and a directory whiteout; docker-archive only.',
    );
  }
  out.push('');
  for (const section of sections) out.push(`## ${section.title}`, '', ...section.lines, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv: readonly string[]): { runs: number; forms: Set<string>; write: boolean } {
  let runs = 3;
  let forms = new Set(['docker', 'oci', 'gz', 'million']);
  let write = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const [, inline] = arg.split('=', 2);
      return inline ?? argv[++i] ?? '';
    };
    if (arg.startsWith('--runs')) runs = Math.max(1, Number.parseInt(value(), 10) || 3);
    else if (arg.startsWith('--forms')) forms = new Set(value().split(','));
    else if (arg === '--no-write') write = false;
    else
      throw new Error(
        `unknown argument ${arg}; use --runs N, --forms docker,oci,gz,million, --no-write`,
      );
  }
  return { runs, forms, write };
}

async function main(): Promise<void> {
  const { runs, forms, write } = parseArgs(process.argv.slice(2));
  if (!existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run bench` (it builds first)');
  }
  if (!hasGnuTimeCached()) {
    log(`${TIME_BIN} not found: peak RSS will be missing (apt-get install time)`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const wantBig = ['docker', 'oci', 'gz'].some((f) => forms.has(f));
  const images = await ensureImages(
    wantBig && forms.has('million') ? {} : wantBig ? { only: 'big' } : { only: 'million' },
  );
  const plans: FormPlan[] = [];
  const big = images.big;
  if (big) {
    const docker = big.forms['docker-archive']!.path;
    if (forms.has('docker')) {
      plans.push({
        key: 'docker-archive',
        form: 'docker-archive (docker save, layers uncompressed)',
        meta: big,
        path: docker,
        baseline: () => dockerBaseline(docker, big),
        ratioTarget: 0.5,
        rssTarget: TARGET_RSS_MB,
      });
    }
    if (forms.has('oci')) {
      const oci = big.forms['oci-archive']!.path;
      const blobDir = join(OUT_DIR, 'tmp-oci-blobs');
      plans.push({
        key: 'oci-archive',
        form: 'oci-archive (gzip layers)',
        meta: big,
        path: oci,
        baseline: () => ociBaseline(blobDir, big),
        ratioTarget: 0.5,
        rssTarget: TARGET_RSS_MB,
        // The baseline reads the layer blobs as files: extract them before timing anything.
        setup: () => {
          rmSync(blobDir, { recursive: true, force: true });
          mkdirSync(blobDir, { recursive: true });
          const names = big.layers.map((l) => `blobs/sha256/${l.blobDigest}`);
          const r = spawnSync('tar', ['-xf', oci, '-C', blobDir, ...names], { stdio: 'inherit' });
          if (r.status !== 0) throw new Error(`could not extract the OCI blobs from ${oci}`);
        },
        teardown: () => rmSync(blobDir, { recursive: true, force: true }),
      });
    }
    if (forms.has('gz')) {
      const gz = big.forms['docker-archive.tar.gz']!.path;
      plans.push({
        key: 'docker-archive.tar.gz',
        form: 'docker-archive.tar.gz (whole archive gzipped)',
        meta: big,
        path: gz,
        baseline: () => gzBaseline(gz),
        ratioTarget: 0.7,
        rssTarget: TARGET_RSS_MB,
      });
    }
  }
  const million = images.million;
  if (million && forms.has('million')) {
    const docker = million.forms['docker-archive']!.path;
    plans.push({
      key: 'docker-archive',
      form: '1M entries (docker-archive, small files)',
      meta: million,
      path: docker,
      baseline: () => dockerBaseline(docker, million),
      ratioTarget: undefined,
      rssTarget: undefined,
    });
  }

  const rows: Row[] = [];
  for (const plan of plans) rows.push(await runForm(plan, runs));

  const sections = [
    await lintThroughput(),
    await tuiKeypress(
      million && forms.has('million') ? million.forms['docker-archive']!.path : undefined,
    ),
  ];
  if (timeFile) rmSync(timeFile, { force: true });

  const text = report(rows, images, sections, runs);
  process.stdout.write(`\n${text}\n`);
  if (write) {
    writeFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), `${text.trimEnd()}\n`);
    log('wrote BENCHMARKS.md');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (error) {
    log((error as Error).message);
    process.exitCode = 1;
  }
}
