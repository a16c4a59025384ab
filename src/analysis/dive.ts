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

export function computeDiveMetrics(layers: readonly LayerEntries[], table: PathTable): DiveMetrics {
  const n = table.size;
  // The stack of layers below the current one, as dive builds it.
  const stackPresent = new Uint8Array(n);
  const stackIsDir = new Uint8Array(n);
  const stackSize = new Float64Array(n);
  // Per-path statistics over every leaf occurrence.
  const count = new Int32Array(n);
  const cumulative = new Float64Array(n);
  const minimum = new Float64Array(n).fill(-1);
  // Per-layer marks (stamped with the layer number, so they never need clearing).
  const nodeStamp = new Int32Array(n).fill(-1);
  const parentStamp = new Int32Array(n).fill(-1);
  const entryAt = new Int32Array(n);
  const inefficient: number[] = [];
  let fileCount = 0;

  // Plain loops over the path table's child index, no closure per layer or per node: V8
  // optimises a function once per call target, and fresh closures each layer made it throw
  // the optimised code away (deopts cost more than the counting on a large image).
  const { start: childStart, list: childList } = table.childIndex();
  const todo: number[] = [];
  const removeFromStack = (id: number) => {
    todo.push(id);
    while (todo.length > 0) {
      const x = todo.pop()!;
      stackPresent[x] = 0;
      for (let c = childStart[x]!; c < childStart[x + 1]!; c++) {
        if (stackPresent[childList[c]!]) todo.push(childList[c]!);
      }
    }
  };
  const stackSubtreeSize = (id: number) => {
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
  };
  const treePathOf = (key: number, whiteout: boolean) =>
    whiteout ? whiteoutTreePath(table.path(key)) : table.path(key);

  const nodes: number[] = [];
  const whiteouts: number[] = [];
  const whiteoutSizes = new Map<number, number>();
  for (let layer = 0; layer < layers.length; layer++) {
    const entries = layers[layer]!;
    const ids = entries.ids;
    const whiteoutOf = entries.whiteouts;
    const sizes = entries.sizes;
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
      // Ancestors are nodes of this layer's tree too (implicit unless the layer lists them).
      for (let p = table.parentOf(id); p > 0 && parentStamp[p] !== layer; p = table.parentOf(p)) {
        parentStamp[p] = layer;
        if (nodeStamp[p] !== layer) {
          nodeStamp[p] = layer;
          entryAt[p] = IMPLICIT;
          nodes.push(p);
        }
      }
    }
    fileCount += nodes.length + whiteouts.length;

    // Whiteouts are sized against the layers below; the first one whose target is absent
    // stops dive's walk, so every leaf after it (in walk order) is skipped.
    whiteoutSizes.clear();
    let cutoff: string | undefined;
    for (const k of whiteouts) {
      const key = ids[k]!;
      if (!stackPresent[key]) {
        const treePath = whiteoutTreePath(table.path(key));
        if (cutoff === undefined || compareDiveOrder(treePath, cutoff) < 0) cutoff = treePath;
        continue;
      }
      whiteoutSizes.set(k, stackIsDir[key] ? stackSubtreeSize(key) : 0);
    }
    // Count every leaf; the tree path is built only when needed (a cut-off walk, or a file that
    // just became inefficient).
    const becameInefficient: { key: number; treePath: string }[] = [];
    const leaves = nodes.length + whiteouts.length;
    for (let i = 0; i < leaves; i++) {
      const isWhiteout = i >= nodes.length;
      let key: number;
      let size: number;
      if (isWhiteout) {
        const k = whiteouts[i - nodes.length]!;
        key = ids[k]!;
        size = whiteoutSizes.get(k) ?? 0;
      } else {
        key = nodes[i]!;
        if (parentStamp[key] === layer) continue; // not a leaf in this layer
        const k = entryAt[key]!;
        size = k === IMPLICIT ? 0 : sizes[k]!;
      }
      if (cutoff !== undefined && compareDiveOrder(treePathOf(key, isWhiteout), cutoff) >= 0) {
        continue;
      }
      count[key]!++;
      cumulative[key]! += size;
      if (minimum[key]! < 0 || size < minimum[key]!) minimum[key] = size;
      if (count[key] === 2) becameInefficient.push({ key, treePath: treePathOf(key, isWhiteout) });
    }
    becameInefficient.sort((a, b) => compareDiveOrder(a.treePath, b.treePath));
    for (const b of becameInefficient) inefficient.push(b.key);

    // Stack this layer: removals first, then every node (implicit ones with empty metadata).
    for (const k of whiteouts) {
      const key = ids[k]!;
      if (stackPresent[key]) removeFromStack(key);
    }
    for (const id of nodes) {
      const k = entryAt[id]!;
      stackPresent[id] = 1;
      stackIsDir[id] = k !== IMPLICIT && entries.kinds[k] === KIND_DIR ? 1 : 0;
      stackSize[id] = k === IMPLICIT ? 0 : sizes[k]!;
    }
  }

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
