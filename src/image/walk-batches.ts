/**
 * Walking one uncompressed layer into batches of records (walk-feed.ts says why): the walker's
 * columns, with the names copied out of the window into the batch's own bytes, the entry
 * columns filled, and the headers the walker left (PAX, whiteouts, prefixed or non-ASCII names)
 * as copies of their blocks, each placed before the record it preceded in the tar. The walk
 * worker runs it on its layers, the main thread on those it claimed (walk-feed.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { sniffCompression } from './decompress.js';
import { kindOfFlag } from './entries.js';
import { KIND_FILE, KIND_HARDLINK, KIND_SYMLINK } from './layer-entries.js';
import { type FastHeaders, type RawHeader, scanTarByPosition } from './tar.js';
import { TarWalker, tarWalkEnabled } from './tar-walk.js';
import {
  BATCH_RECORDS,
  type BatchColumns,
  type SlowHeader,
  type WalkBatch,
  type WalkJob,
  type WalkMessage,
} from './walk-protocol.js';

const BLOCK = 512;
/** The walker takes names from the ustar name field alone: at most this many bytes. */
const NAME_FIELD = 100;

class Batch implements BatchColumns {
  count = 0;
  used = 0;
  bytes: Uint8Array;
  readonly nameStart: Int32Array;
  readonly nameEnd: Int32Array;
  readonly hash: Int32Array;
  readonly slash: Int32Array;
  readonly parentHash: Int32Array;
  readonly kinds: Uint8Array;
  readonly sizes: Float64Array;
  readonly modes: Uint16Array;
  readonly uids: Uint32Array;
  readonly gids: Uint32Array;
  /** Per record: its index in `links`, or -1. */
  readonly link: Int32Array;
  readonly links: string[] = [];
  readonly slow: SlowHeader[] = [];

  /** Room for `records` records before a flush, and the `walk` records one more walk adds. */
  constructor(records: number, walk: number) {
    const room = records + walk;
    this.bytes = new Uint8Array(room * NAME_FIELD + 16 * BLOCK);
    this.nameStart = new Int32Array(room);
    this.nameEnd = new Int32Array(room);
    this.hash = new Int32Array(room);
    this.slash = new Int32Array(room);
    this.parentHash = new Int32Array(room);
    this.kinds = new Uint8Array(room);
    this.sizes = new Float64Array(room);
    this.modes = new Uint16Array(room);
    this.uids = new Uint32Array(room);
    this.gids = new Uint32Array(room);
    this.link = new Int32Array(room);
  }

  /** Makes room for `bytes` more bytes (the array may be replaced: take it after). */
  reserve(bytes: number): void {
    if (this.used + bytes <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + bytes));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }

  takeRecords(w: TarWalker, count: number): void {
    const i = this.count;
    this.reserve(count * NAME_FIELD);
    const used = w.pack(count, this.used);
    this.bytes.set(w.packed.subarray(0, used), this.used);
    this.used += used;
    this.nameStart.set(w.nameStart.subarray(0, count), i);
    this.nameEnd.set(w.nameEnd.subarray(0, count), i);
    this.slash.set(w.slash.subarray(0, count), i);
    this.hash.set(w.hash.subarray(0, count), i);
    this.parentHash.set(w.parentHash.subarray(0, count), i);
    this.uids.set(w.uid.subarray(0, count), i);
    this.gids.set(w.gid.subarray(0, count), i);
    // The entry columns as addWalkedEntries fills them, here, off the interning thread.
    const { typeflag, mode, size } = w;
    const { kinds, sizes, modes, link } = this;
    for (let r = 0; r < count; r++) {
      const kind = kindOfFlag(typeflag[r]!);
      kinds[i + r] = kind;
      sizes[i + r] = kind === KIND_FILE ? size[r]! : 0;
      modes[i + r] = mode[r]! & 0o7777;
      // Links carry a target; the interning thread normalises hard links' as paths.
      if (kind === KIND_HARDLINK || kind === KIND_SYMLINK) {
        link[i + r] = this.links.length;
        this.links.push(w.linkname(r));
      } else {
        link[i + r] = -1;
      }
    }
    this.count = i + count;
  }

  takeHeader(raw: RawHeader): void {
    this.reserve(BLOCK);
    const at = this.used;
    this.bytes.set(raw.buf.subarray(raw.off, raw.off + BLOCK), at);
    this.used += BLOCK;
    const rebase = at - raw.off;
    this.slow.push({
      before: this.count,
      off: at,
      nameEnd: raw.nameEnd + rebase,
      prefixStart: raw.prefixStart === raw.prefixEnd ? 0 : raw.prefixStart + rebase,
      prefixEnd: raw.prefixStart === raw.prefixEnd ? 0 : raw.prefixEnd + rebase,
      longName: raw.longName,
      longLink: raw.longLink,
      typeflag: raw.typeflag,
      size: raw.size,
      mode: raw.mode,
      uid: raw.uid,
      gid: raw.gid,
      dataOffset: raw.dataOffset,
    });
  }
}

/**
 * A batch as a message: views of its arrays cut to size (not copies), and their buffers to
 * transfer. The batch is not used again.
 */
function messageOf(layer: number, batch: Batch): { message: WalkBatch; transfer: ArrayBuffer[] } {
  const n = batch.count;
  const columns = {
    bytes: batch.bytes.subarray(0, batch.used),
    nameStart: batch.nameStart.subarray(0, n),
    nameEnd: batch.nameEnd.subarray(0, n),
    hash: batch.hash.subarray(0, n),
    slash: batch.slash.subarray(0, n),
    parentHash: batch.parentHash.subarray(0, n),
    kinds: batch.kinds.subarray(0, n),
    sizes: batch.sizes.subarray(0, n),
    modes: batch.modes.subarray(0, n),
    uids: batch.uids.subarray(0, n),
    gids: batch.gids.subarray(0, n),
    link: batch.link.subarray(0, n),
  };
  return {
    message: { kind: 'batch', layer, count: n, links: batch.links, slow: batch.slow, ...columns },
    transfer: Object.values(columns).map((c) => c.buffer as ArrayBuffer),
  };
}

/**
 * Walks layer `layer` (at `job`), giving `send` its batches and then its end (or, for a
 * compressed layer, only an end that says so). `send` may throw to stop the walk.
 */
export async function walkLayer(
  job: WalkJob['layers'][number],
  layer: number,
  send: (message: WalkMessage, transfer: ArrayBuffer[]) => void,
): Promise<void> {
  if (job.length === 0) {
    send({ kind: 'end', layer, compressed: false }, []);
    return;
  }
  const fd = openSync(job.path, 'r');
  try {
    const read = (buffer: Buffer, position: number, length: number) =>
      readSync(fd, buffer, 0, length, position);
    const head = Buffer.alloc(Math.min(6, job.length));
    read(head, job.offset, head.length);
    if (sniffCompression(head) !== 'none') {
      send({ kind: 'end', layer, compressed: true }, []);
      return;
    }
    // Without WebAssembly (node --jitless, LAYERLINT_WASM=0) every header goes the slow way.
    const walker = tarWalkEnabled() ? new TarWalker() : undefined;
    // A walk adds up to a record per block of the walker's window.
    const walkRecords = walker?.nameStart.length ?? 0;
    let batch = new Batch(batchRecords, walkRecords);
    const flush = () => {
      if (batch.count === 0 && batch.slow.length === 0) return;
      const { message, transfer } = messageOf(layer, batch);
      send(message, transfer);
      batchRecords = Math.min(BATCH_RECORDS, batchRecords * 2);
      batch = new Batch(batchRecords, walkRecords);
    };
    const fast: FastHeaders | undefined = walker && {
      walker,
      onRecords: (count) => {
        batch.takeRecords(walker, count);
        if (batch.count >= batchRecords) flush();
      },
    };
    await scanTarByPosition(
      read,
      job.offset,
      job.length,
      (raw) => {
        batch.takeHeader(raw);
        if (batch.slow.length >= BATCH_RECORDS) flush();
      },
      undefined,
      fast,
    );
    flush();
    send({ kind: 'end', layer, compressed: false }, []);
  } finally {
    closeSync(fd);
  }
}

/**
 * Records in the next batch: the first batches are small, so that the main thread starts
 * interning early, and they double up to BATCH_RECORDS.
 */
let batchRecords = 512;
