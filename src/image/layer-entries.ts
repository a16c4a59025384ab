import type { PathTable } from './path-table.js';
import type { EntryType, LayerEntry } from './types.js';

/** Entry kinds as stored in `LayerEntries.kinds`. */
export const KIND_FILE = 0;
export const KIND_DIR = 1;
export const KIND_SYMLINK = 2;
export const KIND_HARDLINK = 3;
export const KIND_OTHER = 4;

/** Whiteout marks as stored in `LayerEntries.whiteouts`. */
export const NOT_WHITEOUT = 0;
export const WHITEOUT_FILE = 1;
export const WHITEOUT_OPAQUE = 2;

const KIND_NAMES: readonly EntryType[] = ['file', 'dir', 'symlink', 'hardlink', 'other'];

export function kindName(kind: number): EntryType {
  return KIND_NAMES[kind]!;
}

export function kindOf(type: EntryType): number {
  return KIND_NAMES.indexOf(type);
}

/** LayerEntries as transferable arrays. */
export interface EntryColumns {
  readonly length: number;
  readonly ids: Int32Array<ArrayBuffer>;
  readonly kinds: Uint8Array<ArrayBuffer>;
  readonly whiteouts: Uint8Array<ArrayBuffer>;
  readonly sizes: Float64Array<ArrayBuffer>;
  readonly modes: Uint16Array<ArrayBuffer>;
  readonly uids: Uint32Array<ArrayBuffer>;
  readonly gids: Uint32Array<ArrayBuffer>;
  readonly links: readonly (readonly [number, string])[];
}

/**
 * One layer's entries as columns (one typed array per field, paths as ids of the image's
 * PathTable): what the reader fills and the analyses read, without an object per entry. `at(k)`
 * and iteration give `LayerEntry` objects for callers that want them (the explorer, tests).
 */
export class LayerEntries {
  length = 0;
  ids = new Int32Array(256);
  kinds = new Uint8Array(256);
  whiteouts = new Uint8Array(256);
  /** The tar header size of regular files; 0 for everything else (hard links included). */
  sizes = new Float64Array(256);
  /** Permission bits (mode & 0o7777). */
  modes = new Uint16Array(256);
  uids = new Uint32Array(256);
  gids = new Uint32Array(256);
  /** Symlink and hard-link targets by entry index (hard-link targets normalised like paths). */
  private readonly links = new Map<number, string>();

  constructor(readonly paths: PathTable) {}

  push(
    id: number,
    kind: number,
    whiteout: number,
    size: number,
    mode: number,
    uid: number,
    gid: number,
    link: string | undefined,
  ): void {
    const k = this.length;
    if (k === this.ids.length) this.grow();
    this.ids[k] = id;
    this.kinds[k] = kind;
    this.whiteouts[k] = whiteout;
    this.sizes[k] = size;
    this.modes[k] = mode;
    this.uids[k] = uid;
    this.gids[k] = gid;
    if (link !== undefined) this.links.set(k, link);
    this.length = k + 1;
  }

  /** Makes room for about `entries` entries at once (see PathTable.reserve). */
  reserve(entries: number): this {
    while (this.ids.length < entries) this.grow();
    return this;
  }

  /**
   * Appends entries `[from, to)` of columns filled elsewhere (walk-feed.ts): no whiteouts, and
   * links set after with `setLink`.
   */
  append(
    ids: Int32Array,
    columns: {
      readonly kinds: Uint8Array;
      readonly sizes: Float64Array;
      readonly modes: Uint16Array;
      readonly uids: Uint32Array;
      readonly gids: Uint32Array;
    },
    from: number,
    to: number,
  ): void {
    const k = this.length;
    while (k + to - from > this.ids.length) this.grow();
    this.ids.set(ids.subarray(from, to), k);
    this.kinds.set(columns.kinds.subarray(from, to), k);
    this.whiteouts.fill(NOT_WHITEOUT, k, k + to - from);
    this.sizes.set(columns.sizes.subarray(from, to), k);
    this.modes.set(columns.modes.subarray(from, to), k);
    this.uids.set(columns.uids.subarray(from, to), k);
    this.gids.set(columns.gids.subarray(from, to), k);
    this.length = k + to - from;
  }

  setLink(k: number, link: string): void {
    this.links.set(k, link);
  }

  /** The columns as transferable arrays (ids are ids of this table's `paths`). */
  exportColumns(): EntryColumns {
    const n = this.length;
    return {
      length: n,
      ids: this.ids.slice(0, n),
      kinds: this.kinds.slice(0, n),
      whiteouts: this.whiteouts.slice(0, n),
      sizes: this.sizes.slice(0, n),
      modes: this.modes.slice(0, n),
      uids: this.uids.slice(0, n),
      gids: this.gids.slice(0, n),
      links: [...this.links],
    };
  }

  /** Columns exported by another thread, with its path ids mapped to `paths` by `idMap`. */
  static fromColumns(paths: PathTable, columns: EntryColumns, idMap: Int32Array): LayerEntries {
    const out = new LayerEntries(paths);
    const ids = columns.ids;
    for (let k = 0; k < columns.length; k++) ids[k] = idMap[ids[k]!]!;
    out.length = columns.length;
    out.ids = ids;
    out.kinds = columns.kinds;
    out.whiteouts = columns.whiteouts;
    out.sizes = columns.sizes;
    out.modes = columns.modes;
    out.uids = columns.uids;
    out.gids = columns.gids;
    for (const [k, link] of columns.links) out.links.set(k, link);
    return out;
  }

  /** Drops the spare capacity growth left (up to half the columns), once the layer is read. */
  trim(): this {
    const n = this.length;
    if (this.ids.length === n) return this;
    this.ids = this.ids.slice(0, n);
    this.kinds = this.kinds.slice(0, n);
    this.whiteouts = this.whiteouts.slice(0, n);
    this.sizes = this.sizes.slice(0, n);
    this.modes = this.modes.slice(0, n);
    this.uids = this.uids.slice(0, n);
    this.gids = this.gids.slice(0, n);
    return this;
  }

  linkTarget(k: number): string | undefined {
    return this.links.get(k);
  }

  path(k: number): string {
    return this.paths.path(this.ids[k]!);
  }

  /** Entry `k` as an object. */
  at(k: number): LayerEntry {
    const whiteout = this.whiteouts[k];
    const link = this.links.size === 0 ? undefined : this.links.get(k);
    const entry: {
      path: string;
      type: EntryType;
      sizeBytes: number;
      mode: number;
      uid: number;
      gid: number;
      linkTarget?: string;
      whiteout?: 'file' | 'opaque';
    } = {
      path: this.path(k),
      type: kindName(this.kinds[k]!),
      sizeBytes: this.sizes[k]!,
      mode: this.modes[k]!,
      uid: this.uids[k]!,
      gid: this.gids[k]!,
    };
    if (link !== undefined) entry.linkTarget = link;
    if (whiteout === WHITEOUT_FILE) entry.whiteout = 'file';
    else if (whiteout === WHITEOUT_OPAQUE) entry.whiteout = 'opaque';
    return entry;
  }

  /** Every entry as an object (a plain loop: faster than spreading the iterator). */
  toArray(): LayerEntry[] {
    const out = new Array<LayerEntry>(this.length);
    for (let k = 0; k < this.length; k++) out[k] = this.at(k);
    return out;
  }

  /** Sum of the regular files' sizes. */
  fileBytes(): number {
    let total = 0;
    for (let k = 0; k < this.length; k++) total += this.sizes[k]!;
    return total;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    this.ids = grownArray(this.ids, size);
    this.kinds = grownArray(this.kinds, size);
    this.whiteouts = grownArray(this.whiteouts, size);
    this.sizes = grownArray(this.sizes, size);
    this.modes = grownArray(this.modes, size);
    this.uids = grownArray(this.uids, size);
    this.gids = grownArray(this.gids, size);
  }
}

type Column = Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** A copy of a column in a new array of the same type with room for `size` values. */
export function grownArray<T extends Column>(column: T, size: number): T {
  const grown = new (column.constructor as new (length: number) => T)(size);
  grown.set(column);
  return grown;
}

/**
 * Numbers the paths in the order the layers name them (layer by layer, entry by entry, each
 * path after its parent), whatever order the layers were scanned in: scans run concurrently and
 * on workers, and an analysis that walks children in id order (which name of a hard-linked file
 * is the last to go, say) must not depend on which scan finished first. Paths no layer here
 * names (other images of the same archive) come last. Remaps every layer's ids.
 */
export function numberInLayerOrder(paths: PathTable, layers: readonly LayerEntries[]): void {
  const unique = [...new Set(layers)];
  if (numberedInLayerOrder(paths, unique)) return;
  const n = paths.size;
  const newIdOf = new Int32Array(n).fill(-1);
  newIdOf[0] = 0;
  let next = 1;
  const chain: number[] = [];
  const number = (id: number) => {
    // The path and its unnumbered ancestors, numbered from the top down.
    for (let p = id; newIdOf[p]! < 0; p = paths.parentOf(p)) chain.push(p);
    while (chain.length > 0) newIdOf[chain.pop()!] = next++;
  };
  for (const layer of unique) {
    const ids = layer.ids;
    for (let k = 0; k < layer.length; k++) if (newIdOf[ids[k]!]! < 0) number(ids[k]!);
  }
  for (let id = 1; id < n; id++) if (newIdOf[id]! < 0) number(id);
  let identity = true;
  for (let id = 0; id < n && identity; id++) identity = newIdOf[id] === id;
  if (identity) return;
  paths.permute(newIdOf);
  for (const layer of unique) {
    const ids = layer.ids;
    for (let k = 0; k < layer.length; k++) ids[k] = newIdOf[ids[k]!]!;
  }
}

/**
 * Whether the ids already are the numbering `numberInLayerOrder` gives, as they are when the
 * layers were interned one after the other (on one thread, or from the walk worker's batches):
 * one pass over the entries and a parent check per new path, where numbering would fill and
 * compare a map of every id.
 */
function numberedInLayerOrder(paths: PathTable, layers: readonly LayerEntries[]): boolean {
  let next = 1; // ids [0, next) are numbered, each as itself
  for (const layer of layers) {
    const ids = layer.ids;
    for (let k = 0; k < layer.length; k++) {
      const id = ids[k]!;
      if (id < next) continue;
      // Numbering gives the path and its unnumbered ancestors next, next + 1, … from the top
      // down: they are themselves only if they are the ids next … id, each the parent of the
      // one after it.
      for (let p = id; p > next; p--) if (paths.parentOf(p) !== p - 1) return false;
      if (paths.parentOf(next) >= next) return false;
      next = id + 1;
    }
  }
  // Paths no layer names are numbered after, in id order: each after its parent, which has a
  // smaller id, so as themselves.
  return true;
}

/**
 * About how many entries `bytes` of layers hold, for sizing tables before reading: one per
 * 8 KiB (the bench image has one per 6 KiB, real images one per 10-30 KiB; too few only costs
 * a doubling later).
 */
export function expectedEntries(bytes: number): number {
  return Math.min(Math.ceil(bytes / 8192), 1 << 21);
}
