/** What walk-worker.ts and walk-feed.ts say to each other. */

/** Records per batch: big enough that posting costs nothing, small enough to start early. */
export const BATCH_RECORDS = 8192;
/** Batches the worker may run ahead of the main thread (about 8 MB of records). */
export const MAX_IN_FLIGHT = 8;
/** Indexes in the shared control array: batches posted and not yet taken; nonzero to stop. */
export const IN_FLIGHT = 0;
export const STOP = 1;
export const CONTROL_INTS = 2;

/** A layer's claim (an Int32 per layer, shared): free, or taken by the worker or the main thread. */
export const CLAIMED_BY_WORKER = 1;
export const CLAIMED_BY_MAIN = 2;

export interface WalkJob {
  readonly layers: readonly { path: string; offset: number; length: number }[];
  /** CONTROL_INTS Int32 slots shared with the main thread. */
  readonly control: SharedArrayBuffer;
  /** An Int32 per layer: who walks it (the main thread marks its own before posting the job). */
  readonly claims: SharedArrayBuffer;
}

/** A header the walker left, copied as its block (in `bytes` at `off`), with what was decoded. */
export interface SlowHeader {
  /** The record it came before in the tar (its index in the batch). */
  readonly before: number;
  readonly off: number;
  readonly nameEnd: number;
  readonly prefixStart: number;
  readonly prefixEnd: number;
  readonly longName: string | undefined;
  readonly longLink: string | undefined;
  readonly typeflag: number;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly dataOffset: number;
}

/**
 * A batch's records in columns: where each name lies in the batch's bytes, its hash and its
 * parent's (as PathTable.internRecords takes them), then the entry columns as LayerEntries
 * holds them (kind, size of files, permission bits, owners).
 */
export interface BatchColumns {
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
  /** Per record: its link target's index in `links`, or -1. */
  readonly link: Int32Array;
}

export interface WalkBatch extends BatchColumns {
  readonly kind: 'batch';
  readonly layer: number;
  readonly count: number;
  /** The records' names (and the slow headers' blocks); offsets are into it. */
  readonly bytes: Uint8Array;
  readonly links: readonly string[];
  readonly slow: readonly SlowHeader[];
}

export type WalkMessage =
  | WalkBatch
  /** The layer is done; `compressed` when it was not walked (the main thread streams it). */
  | { readonly kind: 'end'; readonly layer: number; readonly compressed: boolean }
  | {
      readonly kind: 'error';
      readonly layer: number;
      readonly name: string;
      readonly message: string;
      readonly code: string | undefined;
    };
