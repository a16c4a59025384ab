/**
 * The fast path of the positioned tar reader, in WebAssembly (src/image/wasm/tar-walk.c says
 * what it takes and why it is C). One walker per scan: its window is part of its own memory, so
 * scans that interleave at their awaits never share one.
 */
import { linknameAt } from './tar.js';
import { TAR_WALK_WASM } from './wasm/tar-walk-wasm.js';

/**
 * The part of the WebAssembly API used here: Node has it, but this project's type libraries (ES
 * and @types/node, no DOM) do not declare it.
 */
declare const WebAssembly: {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
};

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  window(): number;
  windowSize(): number;
  maxRecords(): number;
  headerAt(): number;
  nameStart(): number;
  nameEnd(): number;
  hash(): number;
  slash(): number;
  parentHash(): number;
  typeflag(): number;
  mode(): number;
  uid(): number;
  gid(): number;
  size(): number;
  nextOffset(): number;
  walk(length: number, pos: number, limit: number): number;
  packed(): number;
  pack(count: number, base: number): number;
}

let compiled: object | undefined;

/**
 * Whether walkers are used: LAYERLINT_WASM=0 turns them off (tests compare both readers). Node
 * run with --jitless (or --no-expose-wasm) has no WebAssembly at all; the TypeScript reader,
 * which reads the same, then takes every header rather than every layer failing.
 */
export function tarWalkEnabled(): boolean {
  return process.env.LAYERLINT_WASM !== '0' && typeof WebAssembly !== 'undefined';
}

export class TarWalker {
  /** The window the caller reads the tar into (a view of the walker's memory). */
  readonly window: Buffer;
  /** Per record: the header's offset in the window, its name's bytes, hashes and fields. */
  readonly headerAt: Int32Array;
  readonly nameStart: Int32Array;
  readonly nameEnd: Int32Array;
  readonly hash: Int32Array;
  readonly slash: Int32Array;
  readonly parentHash: Int32Array;
  readonly typeflag: Uint32Array;
  readonly mode: Uint32Array;
  readonly uid: Uint32Array;
  readonly gid: Uint32Array;
  readonly size: Float64Array;
  /** Where `pack` copies the names. */
  readonly packed: Buffer;
  private readonly exports: Exports;

  constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(TAR_WALK_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(compiled).exports as Exports;
    const x = this.exports;
    // The module's memory never grows (all its arrays are static), so these views stay valid.
    const buffer = x.memory.buffer;
    const records = x.maxRecords();
    const i32 = (at: number) => new Int32Array(buffer, at, records);
    const u32 = (at: number) => new Uint32Array(buffer, at, records);
    this.window = Buffer.from(buffer, x.window(), x.windowSize());
    this.headerAt = i32(x.headerAt());
    this.nameStart = i32(x.nameStart());
    this.nameEnd = i32(x.nameEnd());
    this.hash = i32(x.hash());
    this.slash = i32(x.slash());
    this.parentHash = i32(x.parentHash());
    this.typeflag = u32(x.typeflag());
    this.mode = u32(x.mode());
    this.uid = u32(x.uid());
    this.gid = u32(x.gid());
    this.size = new Float64Array(buffer, x.size(), records);
    this.packed = Buffer.from(buffer, x.packed(), records * 100);
  }

  /**
   * Walks the plain headers from `pos` in the first `length` bytes of the window, entries ending
   * by `limit` (all offsets relative to the window). Returns how many records it wrote;
   * `stoppedAt` is then the header it did not take.
   */
  walk(length: number, pos: number, limit: number): number {
    return this.exports.walk(length, pos, limit);
  }

  /**
   * Copies the names of records `[0, count)` end to end into `packed` and points their
   * nameStart, nameEnd and slash there, plus `base`. Returns the bytes it used.
   */
  pack(count: number, base: number): number {
    return this.exports.pack(count, base);
  }

  /** The link target of record `r`, a hard or symbolic link (typeflag '1' or '2'). */
  linkname(r: number): string {
    return linknameAt(this.window, this.headerAt[r]!);
  }

  get stoppedAt(): number {
    return this.exports.nextOffset();
  }
}
