import { compareText } from '../findings.js';
import { PathTableInJs } from './path-table-js.js';
import { PATH_TABLE_WASM } from './wasm/path-table-wasm.js';

/**
 * Every path of an image, interned once as a number with its parent, so that the reader keeps
 * per-entry columns instead of objects and the analyses keep per-path state in typed arrays: an
 * image of a million entries then costs a few arrays, not a million objects for the collector.
 *
 * Paths are interned from their UTF-8 bytes, straight out of the tar header block: a hash table
 * over a byte arena, written by hand because a `Map<string, number>` needs a string per entry
 * (decoding, hashing and later collecting 200k strings cost more than the rest of the header
 * walk). Strings are decoded only for the paths someone asks about (`path(id)`), and cached.
 * Ids are given in first-seen order; no result depends on that order.
 */
/**
 * The part of the WebAssembly API used here: Node has it, but this project's type libraries (ES
 * and @types/node, no DOM) do not declare it.
 */
declare const WebAssembly: {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
};

/** path-table.c's exports (what each does is said there); path-table-js.ts has them too. */
export interface PathTableExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  init(): void;
  reserve(paths: number, bytes: number): void;
  input(bytes: number): number;
  records(n: number): number;
  internBatch(n: number, base: number): void;
  intern(n: number): number;
  internHashed(n: number, hash: number, slash: number, parentHash: number): number;
  find(n: number): number;
  merge(n: number): void;
  reindex(): void;
  epoch(): number;
  count(): number;
  used(): number;
  capacity(): number;
  arena(): number;
  arenaCapacity(): number;
  starts(): number;
  lengths(): number;
  hashes(): number;
  parents(): number;
}

let compiled: object | undefined;

export class PathTable {
  /** The storage and the index (src/image/wasm/path-table.c); the fields below are views of it. */
  private readonly x: PathTableExports;
  /** The module's `epoch` the views were made at: arrays moved since, the views are remade. */
  private seen = -1;
  private arena = Buffer.alloc(0);
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);
  private parents = new Int32Array(0);
  private hashes = new Int32Array(0);
  private count = 1;
  private used = 0;
  private strings: (string | undefined)[] = [''];
  private childStart: Int32Array | undefined;
  private childList: Int32Array | undefined;

  constructor() {
    if (process.env.LAYERLINT_WASM !== '0' && typeof WebAssembly !== 'undefined') {
      compiled ??= new WebAssembly.Module(Buffer.from(PATH_TABLE_WASM, 'base64'));
      this.x = new WebAssembly.Instance(compiled).exports as PathTableExports;
    } else {
      this.x = new PathTableInJs();
    }
    // Id 0 is the root, the empty path.
    this.x.init();
    this.sync();
  }

  /** Takes in what the module changed: its count, and new views if its arrays moved. */
  private sync(): void {
    const x = this.x;
    this.count = x.count();
    this.used = x.used();
    const epoch = x.epoch();
    if (epoch === this.seen) return;
    this.seen = epoch;
    const buffer = x.memory.buffer;
    const capacity = x.capacity();
    this.arena = Buffer.from(buffer, x.arena(), x.arenaCapacity());
    this.starts = new Int32Array(buffer, x.starts(), capacity);
    this.lengths = new Int32Array(buffer, x.lengths(), capacity);
    this.hashes = new Int32Array(buffer, x.hashes(), capacity);
    this.parents = new Int32Array(buffer, x.parents(), capacity);
  }

  /** The module's input area with room for `bytes` bytes (valid until the next call). */
  private input(bytes: number): Buffer {
    const at = this.x.input(bytes);
    this.sync();
    return Buffer.from(this.x.memory.buffer, at, bytes);
  }

  get size(): number {
    return this.count;
  }

  parentOf(id: number): number {
    return this.parents[id]!;
  }

  /** The path of an id: normalised, no leading slash (the root is ''). */
  path(id: number): string {
    const known = this.strings[id];
    if (known !== undefined) return known;
    const start = this.starts[id]!;
    const text = this.arena.toString('utf8', start, start + this.lengths[id]!);
    this.strings[id] = text;
    return text;
  }

  /**
   * The path with a leading slash (`/usr/bin/env`; the root is `/`). Not cached: decoded as one
   * flat string, which later hashing and comparing need (a `'/' + path` concatenation is a rope
   * that V8 flattens, with a copy, the first time anything reads it).
   */
  absolutePath(id: number): string {
    if (id === 0) return '/';
    const start = this.starts[id]!;
    return this.arena.toString('utf8', start - 1, start + this.lengths[id]!);
  }

  /**
   * The table's bytes as they are (views, not copies; valid until the next intern): path `id`
   * is `arena[starts[id] - 1, starts[id] + lengths[id])`, with the `/` before it; id 0 is the
   * root, `/`. For writers that copy them elsewhere (the WebAssembly JSON writer).
   */
  pathBytes(): { arena: Uint8Array; starts: Int32Array; lengths: Int32Array } {
    return {
      arena: this.arena.subarray(0, this.used),
      starts: this.starts.subarray(0, this.count),
      lengths: this.lengths.subarray(0, this.count),
    };
  }

  /**
   * Tests the last segment of a path on its bytes (`bytes[start, end)`), without decoding a
   * string: for filters that run over every path and keep few.
   */
  testName(id: number, test: (bytes: Uint8Array, start: number, end: number) => boolean): boolean {
    const start = this.starts[id]!;
    // The parent's path is this one's prefix: the name starts after it and its slash.
    const parent = this.parents[id]!;
    const at = parent > 0 ? start + this.lengths[parent]! + 1 : start;
    return test(this.arena, at, start + this.lengths[id]!);
  }

  /**
   * `compareText(absolutePath(a), absolutePath(b))` on the bytes where that gives the same
   * answer (the paths agree, in ASCII, up to where they differ in ASCII or one ends); else on the
   * decoded strings (UTF-8 byte order is not UTF-16 code-unit order, and an
   * invalid sequence decodes to U+FFFD).
   */
  compareAbsolutePaths(a: number, b: number): number {
    if (a === b) return 0;
    const arena = this.arena;
    const aStart = this.starts[a]!;
    const bStart = this.starts[b]!;
    const aLength = a === 0 ? 0 : this.lengths[a]!;
    const bLength = b === 0 ? 0 : this.lengths[b]!;
    const n = Math.min(aLength, bLength);
    let k = 0;
    while (k < n && arena[aStart + k] === arena[bStart + k] && arena[aStart + k]! < 0x80) k++;
    if (k < n) {
      const x = arena[aStart + k]!;
      const y = arena[bStart + k]!;
      if (x < 0x80 && y < 0x80) return x - y;
    } else {
      return aLength - bLength; // an ASCII prefix of the other: it sorts first, whatever follows
    }
    return compareText(this.absolutePath(a), this.absolutePath(b));
  }

  /**
   * The id of the normalised path in `bytes[start, end)`, interning it and its ancestors as
   * needed. The bytes are copied; the caller may reuse its buffer.
   */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    if (start === end) return 0;
    this.input(end - start).set(bytes.subarray(start, end));
    const id = this.x.intern(end - start);
    this.sync();
    return id;
  }

  /**
   * `internBytes` for a caller that hashed the path (`hash`) and its parent, the bytes before
   * the last slash at `slash` (`parentHash`; `slash` is `start` for a top-level name), while
   * checking it: the reader does, in the one pass it makes over each name.
   */
  internHashed(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    slash: number,
    parentHash: number,
  ): number {
    this.input(end - start).set(bytes.subarray(start, end));
    const id = this.x.internHashed(end - start, hash, slash - start, parentHash);
    this.sync();
    return id;
  }

  /**
   * Interns records `[from, to)` of a batch (walk-feed.ts), their names in `window` and their
   * hashes as `internHashed` takes them, into `ids[from, to)`: one call into the module.
   */
  internRecords(records: NamedRecords, from: number, to: number, ids: Int32Array): void {
    const n = to - from;
    if (n <= 0) return;
    const base = records.nameStart[from]!;
    const end = records.nameEnd[to - 1]!;
    this.input(end - base).set(records.window.subarray(base, end));
    const at = this.x.records(n);
    const columns = new Int32Array(this.x.memory.buffer, at, 6 * n);
    columns.set(records.nameStart.subarray(from, to), 0);
    columns.set(records.nameEnd.subarray(from, to), n);
    columns.set(records.hash.subarray(from, to), 2 * n);
    columns.set(records.slash.subarray(from, to), 3 * n);
    columns.set(records.parentHash.subarray(from, to), 4 * n);
    this.x.internBatch(n, base);
    // Interning may have grown the memory: the ids are read through a fresh view.
    ids.set(new Int32Array(this.x.memory.buffer, at + 20 * n, n), from);
    this.sync();
  }

  /**
   * Makes room for about `paths` paths at once (the reader's estimate from the layers' bytes):
   * a large image is then not interned through a dozen doublings of every array, each a copy
   * that the module's memory keeps.
   */
  reserve(paths: number): void {
    this.x.reserve(paths, paths * RESERVED_BYTES_PER_PATH);
    this.sync();
  }

  /** The id of a normalised path, interning it and its ancestors as needed. */
  intern(path: string): number {
    if (path === '') return 0;
    const n = this.encode(path);
    const id = this.x.intern(n);
    this.sync();
    return id;
  }

  /** The id of a path, or undefined when no layer names it. */
  find(path: string): number | undefined {
    if (path === '') return 0;
    const id = this.x.find(this.encode(path));
    return id < 0 ? undefined : id;
  }

  /**
   * Gives every path a new id: `newIdOf[old]` (a permutation of 0..size-1 keeping the root at
   * 0 and parents before children). Callers remap the ids they hold.
   */
  permute(newIdOf: Int32Array): void {
    const n = this.count;
    const starts = new Int32Array(n);
    const lengths = new Int32Array(n);
    const hashes = new Int32Array(n);
    const parents = new Int32Array(n).fill(-1);
    const strings: (string | undefined)[] = new Array(n);
    for (let id = 0; id < n; id++) {
      const to = newIdOf[id]!;
      starts[to] = this.starts[id]!;
      lengths[to] = this.lengths[id]!;
      hashes[to] = this.hashes[id]!;
      parents[to] = id === 0 ? -1 : newIdOf[this.parents[id]!]!;
      strings[to] = this.strings[id];
    }
    this.starts.set(starts);
    this.lengths.set(lengths);
    this.hashes.set(hashes);
    this.parents.set(parents);
    this.strings = strings;
    this.childStart = undefined;
    this.x.reindex();
  }

  /** The table as plain arrays, to hand to another thread (see `merge`). */
  exportColumns(): PathColumns {
    const n = this.count;
    return {
      count: n,
      arena: this.arena.buffer.slice(this.arena.byteOffset, this.arena.byteOffset + this.used),
      starts: this.starts.slice(0, n),
      lengths: this.lengths.slice(0, n),
      hashes: this.hashes.slice(0, n),
      parents: this.parents.slice(0, n),
    };
  }

  /**
   * Interns every path of another table (exported by a worker that scanned a layer) and returns
   * the map from its ids to ours. Parents precede their children in any table, so each parent's
   * id is known when its child is added; hashes are reused, so a path costs one probe.
   */
  merge(other: PathColumns): Int32Array {
    const n = other.count;
    this.input(other.arena.byteLength).set(new Uint8Array(other.arena));
    const at = this.x.records(n);
    const columns = new Int32Array(this.x.memory.buffer, at, 6 * n);
    columns.set(other.starts, 0);
    columns.set(other.lengths, n);
    columns.set(other.hashes, 2 * n);
    columns.set(other.parents, 3 * n);
    this.x.merge(n);
    const map = new Int32Array(this.x.memory.buffer, at + 20 * n, n).slice();
    this.sync();
    return map;
  }

  /**
   * Children of every path as a compressed adjacency list: the children of `id` are
   * `list[start[id] .. start[id + 1])` (all interned children, present in a layer or not).
   * Built on first use after interning; loops over it need no callback.
   */
  childIndex(): { readonly start: Int32Array; readonly list: Int32Array } {
    if (!this.childStart || this.childStart.length !== this.count + 1) this.indexChildren();
    return { start: this.childStart!, list: this.childList! };
  }

  /** Writes `path` as UTF-8 into the module's input area; returns its length. */
  private encode(path: string): number {
    const bytes = this.input(path.length * 3);
    return bytes.write(path, 0, 'utf8');
  }

  /** Children as a compressed adjacency list, built on first use after interning. */
  private indexChildren(): void {
    const n = this.count;
    const counts = new Int32Array(n + 1);
    for (let id = 1; id < n; id++) counts[this.parents[id]! + 1]!++;
    for (let id = 0; id < n; id++) counts[id + 1]! += counts[id]!;
    const fill = counts.slice(0, n);
    const list = new Int32Array(Math.max(0, n - 1));
    for (let id = 1; id < n; id++) list[fill[this.parents[id]!]!++] = id;
    this.childStart = counts;
    this.childList = list;
  }
}

/**
 * Records to intern (PathTable.internRecords): each name at `window[nameStart, nameEnd)`, its
 * hash, and its parent's, the bytes before `slash` (`slash` is `nameStart` for a top-level name).
 */
export interface NamedRecords {
  readonly window: Uint8Array;
  readonly nameStart: Int32Array;
  readonly nameEnd: Int32Array;
  readonly hash: Int32Array;
  readonly slash: Int32Array;
  readonly parentHash: Int32Array;
}

/** Arena bytes `reserve` sets aside per path (the bench image averages 45). */
const RESERVED_BYTES_PER_PATH = 48;

/** A PathTable as transferable arrays. */
export interface PathColumns {
  readonly count: number;
  readonly arena: ArrayBuffer;
  readonly starts: Int32Array<ArrayBuffer>;
  readonly lengths: Int32Array<ArrayBuffer>;
  readonly hashes: Int32Array<ArrayBuffer>;
  readonly parents: Int32Array<ArrayBuffer>;
}

/** FNV-1a (32-bit): paths are short, and it can be computed while the reader checks a name. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
