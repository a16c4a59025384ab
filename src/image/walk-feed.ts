/**
 * Uncompressed layers on disk, read on two threads: a worker (walk-worker.ts) reads windows and
 * walks headers into batches (walk-batches.ts); this thread interns the batches' names into the
 * image's PathTable and walks a share of the layers itself.
 *
 * Why split there: reading an uncompressed layer is three costs — copying the windows out of
 * the page cache, walking the headers, and interning the names into the image's one PathTable.
 * The first two need nothing from this thread; the third needs the table, which cannot be
 * shared. Interning alone (in WebAssembly, path-table.c) leaves this thread idle part of the
 * time, so it also walks the largest layers that fit in MAIN_SHARE of the bytes (claimOwn), the
 * worker the others. Batches are interned in layer order, whichever thread walked them
 * (numberInLayerOrder then has nothing to move). On 2 cores the full scans of scan-pool.ts lose
 * (each worker interns into its own table, which this thread then merges again); this split
 * does each piece of work once.
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { addBatchEntries, addEntry, type WalkedBatch } from './entries.js';
import { expectedEntries, LayerEntries } from './layer-entries.js';
import type { LayerLocation, LayerScan } from './layer-scan.js';
import type { PathTable } from './path-table.js';
import { rebuildError } from './scan-pool.js';
import { RawHeader } from './tar.js';
import { walkLayer } from './walk-batches.js';
import { takeEarlyWalker, WALK_WORKER_FILE } from './walk-early.js';
import {
  CLAIMED_BY_MAIN,
  CONTROL_INTS,
  IN_FLIGHT,
  STOP,
  type WalkBatch,
  type WalkJob,
  type WalkMessage,
} from './walk-protocol.js';

/** A batch as entries.ts reads it: its bytes as a Buffer (for the headers the walker left). */
function batchOf(b: WalkBatch): WalkedBatch & { readonly window: Buffer } {
  return { ...b, window: Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength) };
}

interface Layer {
  entries: LayerEntries | undefined;
  /** What came for it before the layers below it were done (the main thread's own walks). */
  readonly waiting: { readonly message: WalkMessage; readonly fromWorker: boolean }[];
  readonly warnings: string[];
  settle: ((result: LayerScan | undefined) => void) | undefined;
  fail: ((error: Error) => void) | undefined;
  result: Promise<LayerScan | undefined>;
}

/** The worker and this thread walking the layers, and this thread taking their batches in order. */
export class WalkFeed {
  private readonly layers: Layer[];
  /** Scratch for a batch's ids. */
  private ids = new Int32Array(0);
  /** The first layer not yet done: messages for later ones wait. */
  private turn = 0;
  /** Who walks each layer (CLAIMED_BY_WORKER or CLAIMED_BY_MAIN), shared with the worker. */
  private readonly claims: Int32Array;
  /** Settles when the worker has ended. */
  private readonly exited: Promise<void>;
  /** This thread's own walks (walkOwn). */
  private walking: Promise<void> = Promise.resolve();
  private readonly control = new Int32Array(
    new SharedArrayBuffer(CONTROL_INTS * Int32Array.BYTES_PER_ELEMENT),
  );

  private constructor(
    private readonly worker: Worker,
    private readonly paths: PathTable,
    private readonly lengths: readonly number[],
  ) {
    this.claims = new Int32Array(new SharedArrayBuffer(lengths.length * 4));
    this.layers = Array.from({ length: lengths.length }, () => {
      const layer: Layer = {
        entries: undefined,
        waiting: [],
        warnings: [],
        settle: undefined,
        fail: undefined,
        result: Promise.resolve(undefined),
      };
      layer.result = new Promise<LayerScan | undefined>((resolve, reject) => {
        layer.settle = resolve;
        layer.fail = reject;
      });
      layer.result.catch(() => undefined); // awaited by scan(); a later layer may fail first
      return layer;
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (m: WalkMessage) => this.arrive(m, true));
    worker.on('error', (error) => {
      // The worker only dies of a bug (walk errors come back as messages): fail what is left,
      // and stop this thread's walks.
      Atomics.store(this.control, STOP, 1);
      for (const layer of this.layers) if (layer.settle) this.settlersOf(layer).fail(error);
    });
  }

  /** Starts the worker, and this thread's walks, on `at` (layers in the order they are interned). */
  static async start(
    at: readonly LayerLocation[],
    paths: PathTable,
  ): Promise<WalkFeed | undefined> {
    let worker = await takeEarlyWalker();
    if (!worker) {
      if (!existsSync(WALK_WORKER_FILE)) return undefined; // run from sources: no compiled worker
      const { Worker } = await import('node:worker_threads');
      worker = new Worker(WALK_WORKER_FILE);
    }
    worker.ref(); // it is waited for now
    const feed = new WalkFeed(
      worker,
      paths,
      at.map((l) => l.length),
    );
    const layers = at.map(({ path, offset, length }) => ({ path, offset, length }));
    const job: WalkJob = {
      layers,
      control: feed.control.buffer as SharedArrayBuffer,
      claims: feed.claims.buffer as SharedArrayBuffer,
    };
    const own = feed.claimOwn(layers);
    worker.postMessage(job);
    feed.walking = feed.walkOwn(layers, own);
    return feed;
  }

  /**
   * Claims layers for this thread to walk besides interning: the largest that fit, by bytes,
   * in MAIN_SHARE of them. Before the worker starts, so that it walks the others.
   */
  private claimOwn(layers: WalkJob['layers']): number[] {
    const total = layers.reduce((sum, l) => sum + l.length, 0);
    let room = total * MAIN_SHARE;
    const own: number[] = [];
    const bySize = layers.map((_, i) => i).sort((a, b) => layers[b]!.length - layers[a]!.length);
    for (const i of bySize) {
      if (layers[i]!.length > room) continue;
      room -= layers[i]!.length;
      Atomics.store(this.claims, i, CLAIMED_BY_MAIN);
      own.push(i);
    }
    return own.sort((a, b) => a - b);
  }

  /**
   * Walks the layers this thread claimed (in layer order), while the worker walks the others:
   * interning alone left this thread idle part of the time, and the worker's reads and walks
   * were the longer part.
   */
  private async walkOwn(layers: WalkJob['layers'], own: readonly number[]): Promise<void> {
    const send = (message: WalkMessage) => {
      if (Atomics.load(this.control, STOP) !== 0) throw new Stopped();
      this.arrive(message, false);
    };
    for (const layer of own) {
      try {
        await walkLayer(layers[layer]!, layer, send);
      } catch (error) {
        if (error instanceof Stopped) return;
        const err = error instanceof Error ? error : new Error(String(error));
        const code = (err as NodeJS.ErrnoException).code;
        this.arrive({ kind: 'error', layer, name: err.name, message: err.message, code }, false);
        return;
      }
    }
  }

  /** Takes a message in layer order: one for a layer whose turn has not come waits for it. */
  private arrive(message: WalkMessage, fromWorker: boolean): void {
    if (message.layer !== this.turn) {
      this.layers[message.layer]!.waiting.push({ message, fromWorker });
      return;
    }
    this.take(message, fromWorker);
    // The layer done (read or failed): the next one's turn, with what waited for it.
    while (this.turn < this.layers.length && this.layers[this.turn]!.settle === undefined) {
      const next = this.layers[++this.turn];
      if (!next) break;
      for (const waited of next.waiting.splice(0)) this.take(waited.message, waited.fromWorker);
    }
  }

  /** Layer `index` scanned, or undefined when it is compressed (the caller streams it). */
  scan(index: number): Promise<LayerScan | undefined> {
    return this.layers[index]!.result;
  }

  private take(m: WalkMessage, fromWorker: boolean): void {
    const layer = this.layers[m.layer]!;
    if (layer.settle === undefined) return; // it failed already
    try {
      if (m.kind === 'error') throw rebuildError(m);
      if (m.kind === 'end') {
        const entries = layer.entries ?? new LayerEntries(this.paths);
        layer.entries = undefined;
        this.settlersOf(layer).settle(
          m.compressed
            ? undefined
            : { compression: 'none', entries: entries.trim(), warnings: layer.warnings },
        );
        return;
      }
      if (fromWorker) {
        Atomics.sub(this.control, IN_FLIGHT, 1);
        Atomics.notify(this.control, IN_FLIGHT);
      }
      layer.entries ??= new LayerEntries(this.paths).reserve(
        expectedEntries(this.lengths[m.layer]!),
      );
      const entries = layer.entries;
      const warn = (message: string) => {
        if (layer.warnings.length < 20) layer.warnings.push(message);
      };
      const batch = batchOf(m);
      if (this.ids.length < m.count) this.ids = new Int32Array(m.count);
      let from = 0;
      for (const slow of m.slow) {
        addBatchEntries(batch, from, slow.before, entries, this.ids);
        from = slow.before;
        addEntry(rawHeaderOf(batch.window, slow), entries, warn);
      }
      addBatchEntries(batch, from, m.count, entries, this.ids);
    } catch (error) {
      // A bad entry (one escaping the root) or a bad tar: this layer fails, the walk stops.
      Atomics.store(this.control, STOP, 1);
      this.settlersOf(layer).fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The layer's settlers, taken from it: it settles once. */
  private settlersOf(layer: Layer): {
    settle: (result: LayerScan | undefined) => void;
    fail: (error: Error) => void;
  } {
    const taken = { settle: layer.settle!, fail: layer.fail! };
    layer.settle = undefined;
    layer.fail = undefined;
    return taken;
  }

  /**
   * Stops the walks and waits for the worker to end by itself: it checks the stop at every
   * batch and closes its files on the way out, which terminating it mid-read would skip (a file
   * descriptor per stopped read, in a long-lived process). Terminated if it takes too long.
   */
  async close(): Promise<void> {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, IN_FLIGHT);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, WORKER_EXIT_MS);
    });
    await Promise.race([this.exited, late]);
    clearTimeout(timer);
    await Promise.all([this.worker.terminate(), this.walking]);
  }
}

/**
 * The share of the layers' bytes this thread walks at most, besides interning everything (with
 * none, the worker's part was the longer by ~100 ms on the bench image).
 */
const MAIN_SHARE = 0.3;

/** How long close() waits for the worker to end by itself. */
const WORKER_EXIT_MS = 2000;

/** Thrown out of this thread's walk once the reading stops. */
class Stopped extends Error {}

function rawHeaderOf(buf: Buffer, slow: WalkBatch['slow'][number]): RawHeader {
  const raw = new RawHeader();
  raw.buf = buf;
  raw.off = slow.off;
  raw.nameEnd = slow.nameEnd;
  raw.prefixStart = slow.prefixStart;
  raw.prefixEnd = slow.prefixEnd;
  raw.longName = slow.longName;
  raw.longLink = slow.longLink;
  raw.typeflag = slow.typeflag;
  raw.size = slow.size;
  raw.mode = slow.mode;
  raw.uid = slow.uid;
  raw.gid = slow.gid;
  raw.dataOffset = slow.dataOffset;
  return raw;
}
