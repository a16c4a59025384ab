import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Compression } from './decompress.js';
import { EscapingEntryError } from './entries.js';
import { type EntryColumns, LayerEntries } from './layer-entries.js';
import { type LayerLocation, type LayerScan, NotALayerError } from './layer-scan.js';
import type { PathColumns, PathTable } from './path-table.js';
import { TarFormatError } from './tar.js';

/** One layer to scan. A worker does one job at a time, so replies need no id. */
export interface ScanRequest {
  readonly at: LayerLocation;
}

export type ScanReply =
  | {
      readonly ok: true;
      readonly compression: Compression;
      readonly warnings: string[];
      readonly paths: PathColumns;
      readonly entries: EntryColumns;
    }
  | {
      readonly ok: false;
      readonly name: string;
      readonly message: string;
      readonly code: string | undefined;
    };

/** A layer scanned on a worker: its own paths, not yet merged into the image's. */
export interface RemoteScan {
  readonly compression: Compression;
  readonly warnings: string[];
  readonly paths: PathColumns;
  readonly entries: EntryColumns;
}

/** Errors a scan may end with, rebuilt on this side with their class (read-image maps them). */
export function rebuildError(reply: {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
}): Error {
  const classes: Record<string, new (message: string) => Error> = {
    TarFormatError,
    NotALayerError,
    EscapingEntryError,
  };
  const Class = classes[reply.name];
  const error = Class ? new Class(reply.message) : new Error(reply.message);
  if (reply.code !== undefined) (error as NodeJS.ErrnoException).code = reply.code;
  return error;
}

const WORKER_FILE = fileURLToPath(new URL('./scan-worker.js', import.meta.url));

/**
 * Worker threads that scan layer blobs lying on disk, so that layers are read and parsed on
 * every core at once (a header walk is bound by copying bytes and by parsing, both per core).
 * Only the compiled package has the worker script; run from sources (tests), `start` returns
 * undefined and layers are scanned on the main thread.
 */
export class ScanPool {
  private readonly idle: Worker[] = [];
  private readonly queue: { request: ScanRequest; settle: (reply: ScanReply) => void }[] = [];
  /** What each busy worker is doing: the settler of its job. */
  private readonly running = new Map<Worker, (reply: ScanReply) => void>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: ScanReply) => {
        const settle = this.running.get(worker);
        this.running.delete(worker);
        settle?.(reply);
        this.idle.push(worker);
        this.dispatch();
      });
      worker.on('error', (error) => {
        // A worker only dies of a bug (scan errors come back as replies): fail every job, so
        // that nothing waits for a worker that is gone.
        const failed: ScanReply = {
          ok: false,
          name: error.name,
          message: error.message,
          code: undefined,
        };
        for (const settle of this.running.values()) settle(failed);
        this.running.clear();
        for (const { settle } of this.queue.splice(0)) settle(failed);
      });
      this.idle.push(worker);
    }
  }

  static async start(size: number): Promise<ScanPool | undefined> {
    if (size < 1 || !existsSync(WORKER_FILE)) return undefined;
    const { Worker } = await import('node:worker_threads');
    const workers = Array.from({ length: size }, () => new Worker(WORKER_FILE));
    return new ScanPool(workers);
  }

  /** Scans a layer on the next free worker; jobs start in the order they are asked for. */
  scan(at: LayerLocation): Promise<RemoteScan> {
    return new Promise((resolve, reject) => {
      const request = { at };
      this.queue.push({
        request,
        settle: (reply) => (reply.ok ? resolve(reply) : reject(rebuildError(reply))),
      });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const { request, settle } = this.queue.shift()!;
      this.running.set(worker, settle);
      worker.postMessage(request);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Adopts a layer scanned on a worker: merges its paths into `paths` and maps its ids. */
export function adoptScan(paths: PathTable, remote: RemoteScan): LayerScan {
  const idMap = paths.merge(remote.paths);
  return {
    compression: remote.compression,
    warnings: remote.warnings,
    entries: LayerEntries.fromColumns(paths, remote.entries, idMap),
  };
}
