/**
 * When the walk worker (walk-feed.ts) is used, and its early start. A worker takes some 60 ms
 * to boot; started as soon as the command knows its archive, before the reader's modules load,
 * it is ready by the time the layers are located. Only a small module: commands import it first.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** Below this many bytes of layers, starting worker threads costs more than it saves. */
export const WORKER_MIN_BYTES = 64 << 20;
/**
 * Whole scans on a pool of workers (scan-pool.ts) need spare cores: each worker compiles its own
 * code (a cold header walk runs at half speed until V8 has optimised it) and the compiler and
 * collector threads need cores too. On 2 cores the bench image loads 0.2–0.3 s slower with 2
 * workers than on the main thread alone; the one walker of walk-feed.ts is used there instead.
 */
export const MIN_WORKER_CORES = 4;

export const WALK_WORKER_FILE = fileURLToPath(new URL('./walk-worker.js', import.meta.url));

/** How layers are scanned: LAYERLINT_WORKERS=0, `always` (the pool) or `walk` force one. */
export function scanMode(): 'here' | 'pool' | 'walk' | 'auto' {
  const setting = process.env.LAYERLINT_WORKERS;
  if (setting === '0') return 'here';
  if (setting === 'always') return 'pool';
  if (setting === 'walk') return 'walk';
  return 'auto';
}

/** Whether `auto` walks on one worker: on 2 or 3 cores. */
export function walkerFits(): boolean {
  const cores = availableParallelism();
  return cores >= 2 && cores < MIN_WORKER_CORES;
}

let early: Promise<Worker> | undefined;

/**
 * Starts the walk worker now if `source` is an archive file the walker would read: large
 * enough, on 2–3 cores (or LAYERLINT_WORKERS=walk). Unused, it is ended by `endEarlyWalker`;
 * it never keeps the process alive.
 */
export function startWalkerEarly(source: string): void {
  const mode = scanMode();
  if (early || mode === 'here' || mode === 'pool' || (mode === 'auto' && !walkerFits())) return;
  try {
    const stats = statSync(source);
    if (!stats.isFile() || (mode === 'auto' && stats.size < WORKER_MIN_BYTES)) return;
  } catch {
    return; // stdin, or a path the reader will report
  }
  if (!existsSync(WALK_WORKER_FILE)) return; // run from sources: no compiled worker
  early = import('node:worker_threads').then(({ Worker }) => {
    const worker = new Worker(WALK_WORKER_FILE);
    worker.unref();
    // A worker that failed to start is not handed out (see takeEarlyWalker); its error must not
    // end the process, as the reader can do without it.
    worker.once('error', () => dead.add(worker));
    worker.once('exit', () => dead.add(worker));
    return worker;
  });
}

/** Early workers that died before anyone took them. */
const dead = new WeakSet<Worker>();

/** The worker started early, if any and still alive, now the caller's. */
export async function takeEarlyWalker(): Promise<Worker | undefined> {
  const taken = early;
  early = undefined;
  const worker = await taken;
  if (worker && dead.has(worker)) {
    await worker.terminate();
    return undefined;
  }
  return worker;
}

/** Ends an early worker nobody took (the archive was compressed, or small inside). */
export async function endEarlyWalker(): Promise<void> {
  const worker = await takeEarlyWalker();
  await worker?.terminate();
}
