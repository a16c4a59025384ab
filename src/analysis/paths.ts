/**
 * Every path of an image, interned once as a number with its parent, so that the analyses can
 * keep their per-path state in typed arrays instead of a tree of objects and maps: an image of
 * a million entries then costs a few arrays, not a million objects for the collector to trace.
 */
export class PathTable {
  /** Path → id. Id 0 is the root (''). */
  private readonly ids = new Map<string, number>([['', 0]]);
  readonly paths: string[] = [''];
  private parents = new Int32Array(1024).fill(-1);
  private childStart: Int32Array | undefined;
  private childList: Int32Array | undefined;

  get size(): number {
    return this.paths.length;
  }

  parentOf(id: number): number {
    return this.parents[id]!;
  }

  /** The id of a normalised path, interning it and its ancestors as needed. */
  intern(path: string): number {
    const known = this.ids.get(path);
    if (known !== undefined) return known;
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? 0 : this.intern(path.slice(0, slash));
    const id = this.paths.length;
    this.paths.push(path);
    this.ids.set(path, id);
    if (id >= this.parents.length) {
      const grown = new Int32Array(this.parents.length * 2).fill(-1);
      grown.set(this.parents);
      this.parents = grown;
    }
    this.parents[id] = parent;
    this.childStart = undefined;
    return id;
  }

  /** The id of a path, or undefined when no layer names it. */
  find(path: string): number | undefined {
    return this.ids.get(path);
  }

  /** Calls `visit` for each child id of `id` (all interned children, present or not). */
  forEachChild(id: number, visit: (child: number) => void): void {
    if (!this.childStart) this.indexChildren();
    const start = this.childStart!;
    const list = this.childList!;
    for (let k = start[id]!; k < start[id + 1]!; k++) visit(list[k]!);
  }

  /** Children as a compressed adjacency list, built once after interning. */
  private indexChildren(): void {
    const n = this.paths.length;
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

/** A growable Float64Array (sizes can exceed 2^31). */
export function growFloat64(array: Float64Array, size: number, fill = 0): Float64Array {
  if (size <= array.length) return array;
  const grown = new Float64Array(Math.max(size, array.length * 2)).fill(fill);
  grown.set(array);
  return grown;
}

export function growInt32(array: Int32Array, size: number, fill = 0): Int32Array {
  if (size <= array.length) return array;
  const grown = new Int32Array(Math.max(size, array.length * 2)).fill(fill);
  grown.set(array);
  return grown;
}
