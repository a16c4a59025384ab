import { once } from 'node:events';
import { createReadStream, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable, Transform } from 'node:stream';
import { type Compression, createDecompressor, sniffCompression } from './decompress.js';
import { addEntry, addWalkedEntries } from './entries.js';
import { LayerEntries } from './layer-entries.js';
import { streamedBytes } from './memory.js';
import type { PathTable } from './path-table.js';
import {
  type ContentSink,
  type FastHeaders,
  looksLikeTarHeader,
  type PositionedRead,
  type RawHeader,
  scanTarByPosition,
  TarFormatError,
  TarStreamParser,
} from './tar.js';
import { TarWalker, tarWalkEnabled } from './tar-walk.js';

export interface LayerScan {
  readonly compression: Compression;
  readonly entries: LayerEntries;
  readonly warnings: string[];
}

/** Thrown when a layer blob is neither a tar nor a gzip/zstd-compressed tar. */
export class NotALayerError extends Error {
  override name = 'NotALayerError';
}

function collector(paths: PathTable): {
  entries: LayerEntries;
  warnings: string[];
  onHeader: (h: RawHeader) => void;
} {
  const entries = new LayerEntries(paths);
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (warnings.length < 20) warnings.push(m);
  };
  return { entries, warnings, onHeader: (h) => addEntry(h, entries, warn) };
}

/** Scans an uncompressed layer by position: reads headers only. */
export async function scanLayerByPosition(
  read: PositionedRead,
  start: number,
  length: number,
  paths: PathTable,
): Promise<LayerScan> {
  const c = collector(paths);
  let fast: FastHeaders | undefined;
  if (tarWalkEnabled()) {
    const walker = new TarWalker();
    fast = { walker, onRecords: (count) => addWalkedEntries(walker, count, c.entries) };
  }
  await scanTarByPosition(read, start, length, c.onHeader, undefined, fast);
  return { compression: 'none', entries: c.entries.trim(), warnings: c.warnings };
}

/**
 * A sink that parses a layer blob arriving in chunks: sniffs its compression from the first
 * bytes, decompresses if needed and lists the tar inside without keeping any content.
 */
export class LayerStreamSink implements ContentSink {
  private readonly c: ReturnType<typeof collector>;
  private head: Buffer[] = [];
  private headBytes = 0;
  private parser: TarStreamParser | undefined;
  private decompressor: Transform | undefined;
  private consumer: Promise<void> | undefined;
  private compression: Compression = 'none';
  private started = false;

  constructor(
    paths: PathTable,
    private readonly onDecompressedBytes?: (n: number) => void,
  ) {
    this.c = collector(paths);
  }

  write(chunk: Buffer): Promise<void> | undefined {
    if (!this.started) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < 512) return undefined;
      return this.start();
    }
    return this.push(chunk);
  }

  private async start(): Promise<void> {
    this.started = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    const kind = sniffCompression(head);
    if (kind === 'bzip2' || kind === 'xz') {
      throw new NotALayerError(`layer is compressed with ${kind}, which images do not use`);
    }
    this.compression = kind;
    if (kind === 'none' && !looksLikeTarHeader(head)) {
      throw new NotALayerError('blob is not a tar, gzip or zstd layer');
    }
    this.parser = new TarStreamParser((h) => {
      this.c.onHeader(h);
      return undefined;
    });
    if (kind !== 'none') {
      const decompressor = (await createDecompressor(kind))!;
      this.decompressor = decompressor;
      const parser = this.parser;
      this.consumer = (async () => {
        for await (const out of decompressor as AsyncIterable<Buffer>) {
          streamedBytes(out.length);
          this.onDecompressedBytes?.(out.length);
          if (!parser.done) await parser.write(out);
        }
      })();
      // Surface consumer errors on the next write instead of as an unhandled rejection.
      this.consumer.catch(() => undefined);
    }
    await this.push(head);
  }

  private async push(chunk: Buffer): Promise<void> {
    if (this.decompressor) {
      if (!this.decompressor.write(chunk)) {
        await Promise.race([once(this.decompressor, 'drain'), this.consumer]);
      }
      return;
    }
    this.onDecompressedBytes?.(chunk.length);
    if (!this.parser!.done) await this.parser!.write(chunk);
  }

  async end(): Promise<void> {
    if (!this.started) {
      if (this.headBytes === 0) return; // an empty blob: an empty layer
      await this.start();
    }
    if (this.decompressor) {
      this.decompressor.end();
      await this.consumer;
    }
    this.parser?.finish();
  }

  result(): LayerScan {
    return {
      compression: this.compression,
      entries: this.c.entries.trim(),
      warnings: this.c.warnings,
    };
  }
}

/** Scans a layer blob from a readable stream. */
export async function scanLayerStream(
  readable: Readable,
  paths: PathTable,
  onBytes?: (n: number) => void,
): Promise<LayerScan> {
  const sink = new LayerStreamSink(paths);
  for await (const chunk of readable as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    const p = sink.write(chunk);
    if (p) await p;
  }
  await sink.end();
  return sink.result();
}

export { TarFormatError };

/** Where a layer blob lies on disk: a whole file, or a range of an uncompressed archive. */
export interface LayerLocation {
  readonly path: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * The last positional scan asked for on this thread: each waits for the one before. They are
 * synchronous but for their yields, so running two at once gains nothing, and one after the
 * other they intern paths in layer order, which leaves `numberInLayerOrder` nothing to move
 * (on the bench image that saved renumbering 227k entries). Compressed layers do not wait
 * beyond their first bytes: their inflating runs on other threads.
 */
let lastPositional: Promise<void> = Promise.resolve();

/**
 * Scans a layer blob that lies on disk: an uncompressed tar by position (headers only), a
 * compressed one as a stream of just its range.
 */
export async function scanLayerFile(
  at: LayerLocation,
  paths: PathTable,
  onBytes?: (n: number) => void,
): Promise<LayerScan> {
  if (at.length === 0)
    return { compression: 'none', entries: new LayerEntries(paths), warnings: [] };
  // Take a turn now, in call order (the caller asks in layer order), before any await.
  const previous = lastPositional;
  let done = () => {};
  lastPositional = new Promise<void>((resolve) => {
    done = resolve;
  });
  try {
    await previous;
    const handle = await open(at.path, 'r');
    try {
      const read: PositionedRead = (buffer, position, length) =>
        readSync(handle.fd, buffer, 0, length, position);
      const head = Buffer.alloc(Math.min(6, at.length));
      read(head, at.offset, head.length);
      if (sniffCompression(head) === 'none') {
        const scan = await scanLayerByPosition(read, at.offset, at.length, paths);
        onBytes?.(at.length);
        return scan;
      }
    } finally {
      await handle.close();
    }
  } finally {
    done();
  }
  const stream = createReadStream(at.path, {
    start: at.offset,
    end: at.offset + at.length - 1,
    highWaterMark: 1 << 20,
  });
  return scanLayerStream(stream, paths, onBytes);
}
