import {
  KIND_DIR,
  type LayerEntries,
  WHITEOUT_FILE,
  WHITEOUT_OPAQUE,
} from '../image/layer-entries.js';
import type { PathTable } from '../image/path-table.js';
import type { InefficientFile } from './types.js';

/**
 * dive's efficiency, inefficient files and node count, reproduced to the last digit
 * (research/dive.md §1; dive/filetree/efficiency.go). Its quirks are kept on purpose, for
 * users whose `.dive-ci` thresholds must keep their meaning:
 * - only leaves of each layer's own tree count (a directory with children in that layer does not);
 * - opaque markers are dropped (their directory still appears, as an implicit node);
 * - a whiteout's size is the recursive size of the deleted path in the stack of the layers below
 *   if that path is an explicit directory there, else 0;
 * - a whiteout whose target is absent below aborts the rest of that layer's leaves (in dive's
 *   depth-first, children-first, byte-ordered walk);
 * - in the stack, a layer's implicit parent directories overwrite the lower entry's metadata.
 * The stack is kept incrementally, in arrays indexed by path id, instead of rebuilt per whiteout
 * as dive does.
 */

export interface DiveMetrics {
  readonly efficiency: number;
  readonly wastedBytes: number;
  readonly inefficientFiles: readonly InefficientFile[];
  /** Tree nodes dive creates over all layers (its CI `files:` figure). */
  readonly fileCount: number;
}

/**
 * dive walks each layer's tree depth first, children before parents, names in byte order. For
 * leaves that is the order of their paths compared segment by segment.
 */
function compareDiveOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca === 47) return -1; // '/' ends a segment: the shorter segment sorts first
    if (cb === 47) return 1;
    return ca - cb;
  }
  return a.length - b.length;
}

/** The path dive's tree gives a whiteout: its `.wh.` name beside the deleted one. */
function whiteoutTreePath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? `.wh.${path}` : `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
}

const IMPLICIT = -1;

/**
 * dive's walk, one layer at a time. Each loop is its own method: V8 optimises a long loop while
 * it runs (on-stack replacement), and in one big function every later loop it reached without
 * type feedback threw that optimised code away again; small methods are optimised once each.
 */
class DiveWalk {
  // The stack of layers below the current one, as dive builds it.
  readonly stackPresent: Uint8Array;
  readonly stackIsDir: Uint8Array;
  readonly stackSize: Float64Array;
  // Per-path statistics over every leaf occurrence.
  readonly count: Int32Array;
  readonly cumulative: Float64Array;
  readonly minimum: Float64Array;
  // Per-layer marks (stamped with the layer number, so they never need clearing).
  readonly nodeStamp: Int32Array;
  readonly parentStamp: Int32Array;
  readonly entryAt: Int32Array;
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  readonly inefficient: number[] = [];
  fileCount = 0;
  // This layer's nodes (path ids) and whiteouts (entry indices), and the whiteouts' sizes.
  readonly nodes: number[] = [];
  readonly whiteouts: number[] = [];
  readonly whiteoutSizes = new Map<number, number>();
  private readonly todo: number[] = [];

  constructor(readonly table: PathTable) {
    const n = table.size;
    this.stackPresent = new Uint8Array(n);
    this.stackIsDir = new Uint8Array(n);
    this.stackSize = new Float64Array(n);
    this.count = new Int32Array(n);
    this.cumulative = new Float64Array(n);
    this.minimum = new Float64Array(n).fill(-1);
    this.nodeStamp = new Int32Array(n).fill(-1);
    this.parentStamp = new Int32Array(n).fill(-1);
    this.entryAt = new Int32Array(n);
    const { start, list } = table.childIndex();
    this.childStart = start;
    this.childList = list;
  }

  addLayer(entries: LayerEntries, layer: number): void {
    this.collect(entries, layer);
    this.fileCount += this.nodes.length + this.whiteouts.length;
    const cutoff = this.sizeWhiteouts(entries);
    this.countLeaves(entries, layer, cutoff);
    this.stack(entries);
  }

  /** The layer's tree: its entries and their ancestors (implicit unless the layer lists them). */
  private collect(entries: LayerEntries, layer: number): void {
    const { table, nodeStamp, parentStamp, entryAt, nodes, whiteouts } = this;
    const ids = entries.ids;
    const whiteoutOf = entries.whiteouts;
    nodes.length = 0;
    whiteouts.length = 0;
    for (let k = 0; k < entries.length; k++) {
      const id = ids[k]!;
      const whiteout = whiteoutOf[k]!;
      if (whiteout === WHITEOUT_FILE) {
        whiteouts.push(k);
      } else {
        if (nodeStamp[id] !== layer) {
          nodeStamp[id] = layer;
          entryAt[id] = IMPLICIT;
          nodes.push(id);
        }
        // An opaque marker only makes its directory appear; a real entry carries data.
        if (whiteout !== WHITEOUT_OPAQUE) entryAt[id] = k;
      }
      for (let p = table.parentOf(id); p > 0 && parentStamp[p] !== layer; p = table.parentOf(p)) {
        parentStamp[p] = layer;
        if (nodeStamp[p] !== layer) {
          nodeStamp[p] = layer;
          entryAt[p] = IMPLICIT;
          nodes.push(p);
        }
      }
    }
  }

  /**
   * Whiteouts are sized against the layers below; the first one whose target is absent stops
   * dive's walk, so every leaf after it (in walk order) is skipped: returns that cut-off.
   */
  private sizeWhiteouts(entries: LayerEntries): string | undefined {
    const { table, stackPresent, stackIsDir, whiteoutSizes } = this;
    whiteoutSizes.clear();
    let cutoff: string | undefined;
    for (const k of this.whiteouts) {
      const key = entries.ids[k]!;
      if (!stackPresent[key]) {
        const treePath = whiteoutTreePath(table.path(key));
        if (cutoff === undefined || compareDiveOrder(treePath, cutoff) < 0) cutoff = treePath;
        continue;
      }
      whiteoutSizes.set(k, stackIsDir[key] ? this.stackSubtreeSize(key) : 0);
    }
    return cutoff;
  }

  private treePathOf(key: number, whiteout: boolean): string {
    return whiteout ? whiteoutTreePath(this.table.path(key)) : this.table.path(key);
  }

  /**
   * Counts every leaf; the tree path is built only when needed (a cut-off walk, or a file that
   * just became inefficient).
   */
  private countLeaves(entries: LayerEntries, layer: number, cutoff: string | undefined): void {
    const { nodes, whiteouts, parentStamp, entryAt, count, cumulative, minimum } = this;
    const ids = entries.ids;
    const sizes = entries.sizes;
    const becameInefficient: { key: number; treePath: string }[] = [];
    const leaves = nodes.length + whiteouts.length;
    for (let i = 0; i < leaves; i++) {
      const isWhiteout = i >= nodes.length;
      let key: number;
      let size: number;
      if (isWhiteout) {
        const k = whiteouts[i - nodes.length]!;
        key = ids[k]!;
        size = this.whiteoutSizes.get(k) ?? 0;
      } else {
        key = nodes[i]!;
        if (parentStamp[key] === layer) continue; // not a leaf in this layer
        const k = entryAt[key]!;
        size = k === IMPLICIT ? 0 : sizes[k]!;
      }
      if (cutoff !== undefined && compareDiveOrder(this.treePathOf(key, isWhiteout), cutoff) >= 0) {
        continue;
      }
      count[key]!++;
      cumulative[key]! += size;
      if (minimum[key]! < 0 || size < minimum[key]!) minimum[key] = size;
      if (count[key] === 2) {
        becameInefficient.push({ key, treePath: this.treePathOf(key, isWhiteout) });
      }
    }
    becameInefficient.sort((a, b) => compareDiveOrder(a.treePath, b.treePath));
    for (const b of becameInefficient) this.inefficient.push(b.key);
  }

  /** Stacks this layer: removals first, then every node (implicit ones with empty metadata). */
  private stack(entries: LayerEntries): void {
    const { stackPresent, stackIsDir, stackSize, entryAt } = this;
    for (const k of this.whiteouts) {
      const key = entries.ids[k]!;
      if (stackPresent[key]) this.removeFromStack(key);
    }
    const kinds = entries.kinds;
    const sizes = entries.sizes;
    for (const id of this.nodes) {
      const k = entryAt[id]!;
      stackPresent[id] = 1;
      stackIsDir[id] = k !== IMPLICIT && kinds[k] === KIND_DIR ? 1 : 0;
      stackSize[id] = k === IMPLICIT ? 0 : sizes[k]!;
    }
  }

  private removeFromStack(id: number): void {
    const { todo, stackPresent, childStart, childList } = this;
    todo.push(id);
    while (todo.length > 0) {
      const x = todo.pop()!;
      stackPresent[x] = 0;
      for (let c = childStart[x]!; c < childStart[x + 1]!; c++) {
        if (stackPresent[childList[c]!]) todo.push(childList[c]!);
      }
    }
  }

  private stackSubtreeSize(id: number): number {
    const { todo, stackPresent, stackSize, childStart, childList } = this;
    let total = 0;
    todo.push(id);
    while (todo.length > 0) {
      const x = todo.pop()!;
      total += stackSize[x]!;
      for (let c = childStart[x]!; c < childStart[x + 1]!; c++) {
        if (stackPresent[childList[c]!]) todo.push(childList[c]!);
      }
    }
    return total;
  }
}

export function computeDiveMetrics(layers: readonly LayerEntries[], table: PathTable): DiveMetrics {
  const walk = new DiveWalk(table);
  for (let layer = 0; layer < layers.length; layer++) walk.addLayer(layers[layer]!, layer);
  const { count, cumulative, minimum, inefficient, fileCount } = walk;
  const n = table.size;

  let minimumSum = 0;
  let cumulativeSum = 0;
  for (let id = 0; id < n; id++) {
    if (count[id] === 0) continue;
    minimumSum += minimum[id]!;
    cumulativeSum += cumulative[id]!;
  }
  const efficiency = cumulativeSum === 0 ? 1 : minimumSum / cumulativeSum;
  // dive sorts ascending by cumulative size (insertion sort, so stable, for small lists) and
  // every consumer prints the list reversed.
  const ordered = inefficient
    .map((key, order) => ({ key, order }))
    .sort((a, b) => cumulative[a.key]! - cumulative[b.key]! || a.order - b.order)
    .reverse();
  const inefficientFiles = ordered.map(({ key }) => ({
    path: table.absolutePath(key),
    count: count[key]!,
    sizeBytes: cumulative[key]!,
  }));
  const wastedBytes = inefficientFiles.reduce((sum, f) => sum + f.sizeBytes, 0);
  return { efficiency, wastedBytes, inefficientFiles, fileCount };
}
