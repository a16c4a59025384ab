import { compareText } from '../findings.js';

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
export class PathTable {
  private arena = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private parents = new Int32Array(1024).fill(-1);
  /**
   * Open addressing, linear probing, two ints a slot: the path's hash, then its id + 1 (0 for an
   * empty slot). The hash beside the id settles most probes without reading the id's columns.
   */
  private slots = new Int32Array(2 << 11);
  /** The empty slot where the last lookup that missed stopped: where that path goes. */
  private vacant = -1;
  private strings: (string | undefined)[] = [''];
  private count = 1;
  private scratch = Buffer.allocUnsafe(256);
  private childStart: Int32Array | undefined;
  private childList: Int32Array | undefined;

  constructor() {
    // Id 0 is the root, the empty path.
    this.hashes[0] = hashBytes(this.arena, 0, 0);
    this.insertSlot(0);
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
    const hash = hashBytes(bytes, start, end);
    const found = this.lookup(bytes, start, end, hash);
    if (found >= 0) return found;
    const vacant = this.vacant;
    let slash = end - 1;
    while (slash > start && bytes[slash] !== 0x2f) slash--;
    if (slash <= start) return this.add(bytes, start, end, hash, 0, vacant);
    return this.add(bytes, start, end, hash, this.internBytes(bytes, start, slash), -1);
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
    const found = this.lookup(bytes, start, end, hash);
    if (found >= 0) return found;
    const vacant = this.vacant;
    let parent = 0;
    if (slash > start) {
      parent = this.lookup(bytes, start, slash, parentHash);
      // A new parent may take the slot, or grow the table: then the slot is looked for again.
      if (parent < 0)
        return this.add(bytes, start, end, hash, this.internBytes(bytes, start, slash), -1);
    }
    return this.add(bytes, start, end, hash, parent, vacant);
  }

  /**
   * Makes room for about `paths` paths at once (the reader's estimate from the layers' bytes):
   * a large image is then not interned through a dozen doublings of every array, each a copy.
   */
  reserve(paths: number): void {
    while (this.starts.length < paths) this.growColumns();
    while (this.slots.length >> 2 < paths) this.rehash();
    const bytes = paths * RESERVED_BYTES_PER_PATH;
    if (this.arena.length < bytes) {
      const grown = Buffer.allocUnsafe(bytes);
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
  }

  /** The id of a normalised path, interning it and its ancestors as needed. */
  intern(path: string): number {
    const n = this.encode(path);
    return this.internBytes(this.scratch, 0, n);
  }

  /** The id of a path, or undefined when no layer names it. */
  find(path: string): number | undefined {
    if (path === '') return 0;
    const n = this.encode(path);
    const id = this.lookup(this.scratch, 0, n, hashBytes(this.scratch, 0, n));
    return id < 0 ? undefined : id;
  }

  /**
   * Drops the spare capacity growth left in the byte arena and the columns (up to half of
   * each), once every layer is read. Interning more later still works: it grows them again.
   */
  trim(): void {
    const n = this.count;
    if (this.arena.length > this.used) this.arena = Buffer.from(this.arena.subarray(0, this.used));
    if (this.starts.length > n) {
      this.starts = this.starts.slice(0, n);
      this.lengths = this.lengths.slice(0, n);
      this.hashes = this.hashes.slice(0, n);
      this.parents = this.parents.slice(0, n);
    }
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
    this.starts = starts;
    this.lengths = lengths;
    this.hashes = hashes;
    this.parents = parents;
    this.strings = strings;
    this.childStart = undefined;
    this.slots.fill(0);
    for (let id = 0; id < n; id++) this.insertSlot(id);
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
    const map = new Int32Array(other.count);
    const bytes = new Uint8Array(other.arena);
    for (let id = 1; id < other.count; id++) {
      const start = other.starts[id]!;
      const end = start + other.lengths[id]!;
      const hash = other.hashes[id]!;
      const found = this.lookup(bytes, start, end, hash);
      map[id] =
        found >= 0
          ? found
          : this.add(bytes, start, end, hash, map[other.parents[id]!]!, this.vacant);
    }
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

  private encode(path: string): number {
    if (path.length * 3 > this.scratch.length) {
      this.scratch = Buffer.allocUnsafe(Math.max(path.length * 3, this.scratch.length * 2));
    }
    return this.scratch.write(path, 0, 'utf8');
  }

  private lookup(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const length = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[2 * i + 1]!;
      if (slot === 0) {
        this.vacant = i;
        return -1;
      }
      if (slots[2 * i] !== hash) continue;
      const id = slot - 1;
      if (this.lengths[id] !== length) continue;
      const at = this.starts[id]!;
      const arena = this.arena;
      let k = 0;
      while (k < length && arena[at + k] === bytes[start + k]) k++;
      if (k === length) return id;
    }
  }

  /** Adds a path; `vacant` is its slot, found empty by the lookup just before, or -1. */
  private add(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    parent: number,
    vacant: number,
  ): number {
    const id = this.count++;
    const length = end - start;
    if (id >= this.starts.length) this.growColumns();
    if (this.used + length + 1 > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + length + 1));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    const arena = this.arena;
    // Each path is stored after a '/', so that its absolute form decodes as one flat string.
    arena[this.used] = 0x2f;
    const at = this.used + 1;
    for (let k = 0; k < length; k++) arena[at + k] = bytes[start + k]!;
    this.used = at + length;
    this.starts[id] = at;
    this.lengths[id] = length;
    this.hashes[id] = hash;
    this.parents[id] = parent;
    // Keep the table at most half full.
    if (this.count > this.slots.length >> 2) {
      this.rehash();
      this.insertSlot(id);
    } else if (vacant >= 0) {
      this.slots[2 * vacant] = hash;
      this.slots[2 * vacant + 1] = id + 1;
    } else this.insertSlot(id);
    return id;
  }

  private insertSlot(id: number): void {
    this.place(this.slots, this.hashes[id]!, id + 1);
  }

  private place(slots: Int32Array, hash: number, slot: number): void {
    const mask = (slots.length >> 1) - 1;
    let i = hash & mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
    slots[2 * i] = hash;
    slots[2 * i + 1] = slot;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    for (let i = 1; i < old.length; i += 2)
      if (old[i] !== 0) this.place(slots, old[i - 1]!, old[i]!);
    this.slots = slots;
  }

  private growColumns(): void {
    const size = this.starts.length * 2;
    const grow = (a: Int32Array, fill: number) => {
      const b = new Int32Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, 0);
    this.lengths = grow(this.lengths, 0);
    this.hashes = grow(this.hashes, 0);
    this.parents = grow(this.parents, -1);
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

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h;
}
