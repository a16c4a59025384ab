import type { LayerEntry } from '../image/types.js';
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
 * The stack is kept incrementally here instead of rebuilt per whiteout as dive does.
 */

interface StackNode {
  children: Map<string, StackNode> | undefined;
  isDir: boolean;
  sizeBytes: number;
}

interface PathStats {
  count: number;
  cumulative: number;
  minimum: number;
}

export interface DiveMetrics {
  readonly efficiency: number;
  readonly wastedBytes: number;
  readonly inefficientFiles: readonly InefficientFile[];
  /** Tree nodes dive creates over all layers (its CI `files:` figure). */
  readonly fileCount: number;
}

function newStackNode(): StackNode {
  return { children: undefined, isDir: false, sizeBytes: 0 };
}

class DiveStack {
  private readonly root: StackNode = { children: new Map(), isDir: true, sizeBytes: 0 };

  get(path: string): StackNode | undefined {
    let node: StackNode | undefined = this.root;
    for (const part of path.split('/')) {
      node = node?.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  set(path: string, isDir: boolean, sizeBytes: number): void {
    let node = this.root;
    for (const part of path.split('/')) {
      if (!node.children) node.children = new Map();
      let child = node.children.get(part);
      if (!child) {
        child = newStackNode();
        node.children.set(part, child);
      }
      node = child;
    }
    node.isDir = isDir;
    node.sizeBytes = sizeBytes;
  }

  remove(path: string): void {
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? this.root : this.get(path.slice(0, slash));
    parent?.children?.delete(slash < 0 ? path : path.slice(slash + 1));
  }
}

function recursiveSize(node: StackNode): number {
  let total = node.sizeBytes;
  if (node.children) for (const child of node.children.values()) total += recursiveSize(child);
  return total;
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

interface Leaf {
  /** The path as dive's tree names it: a whiteout keeps its `.wh.` name here. */
  readonly treePath: string;
  /** The path the statistics are keyed by (a whiteout's is the path it deletes). */
  readonly key: string;
  readonly whiteout: boolean;
  readonly sizeBytes: number;
}

function whiteoutTreePath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? `.wh.${path}` : `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
}

/** One layer's tree as dive builds it: entries plus implicit parents; opaque markers dropped. */
function layerTree(entries: readonly LayerEntry[]): {
  nodes: Map<string, LayerEntry | undefined>;
  leaves: Leaf[];
} {
  const nodes = new Map<string, LayerEntry | undefined>();
  const parents = new Set<string>();
  const addAncestors = (path: string) => {
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const dir = path.slice(0, slash);
      if (parents.has(dir)) break;
      parents.add(dir);
      if (!nodes.has(dir)) nodes.set(dir, undefined);
    }
  };
  for (const e of entries) {
    if (e.whiteout === 'opaque') {
      if (!nodes.has(e.path)) nodes.set(e.path, undefined);
      addAncestors(e.path);
      continue;
    }
    const treePath = e.whiteout === 'file' ? whiteoutTreePath(e.path) : e.path;
    nodes.set(treePath, e);
    addAncestors(treePath);
  }
  const leaves: Leaf[] = [];
  for (const [treePath, e] of nodes) {
    if (parents.has(treePath)) continue;
    const whiteout = e?.whiteout === 'file';
    leaves.push({
      treePath,
      key: whiteout ? e!.path : treePath,
      whiteout,
      sizeBytes: e?.sizeBytes ?? 0,
    });
  }
  return { nodes, leaves };
}

export function computeDiveMetrics(layers: readonly (readonly LayerEntry[])[]): DiveMetrics {
  const stack = new DiveStack();
  const stats = new Map<string, PathStats>();
  const inefficient: { key: string; stats: PathStats }[] = [];
  let fileCount = 0;
  for (const entries of layers) {
    const { nodes, leaves } = layerTree(entries);
    fileCount += nodes.size;
    // Whiteouts are sized against the layers below; the first one whose target is absent
    // stops dive's walk, so every leaf after it (in walk order) is skipped.
    const sizes = new Map<Leaf, number>();
    let cutoff: string | undefined;
    for (const leaf of leaves) {
      if (!leaf.whiteout) continue;
      const below = stack.get(leaf.key);
      if (!below) {
        if (cutoff === undefined || compareDiveOrder(leaf.treePath, cutoff) < 0) {
          cutoff = leaf.treePath;
        }
        continue;
      }
      sizes.set(leaf, below.isDir ? recursiveSize(below) : 0);
    }
    const counted =
      cutoff === undefined
        ? leaves
        : leaves.filter((l) => compareDiveOrder(l.treePath, cutoff!) < 0);
    const becameInefficient: { key: string; stats: PathStats; treePath: string }[] = [];
    for (const leaf of counted) {
      const size = leaf.whiteout ? sizes.get(leaf)! : leaf.sizeBytes;
      let s = stats.get(leaf.key);
      if (!s) {
        s = { count: 0, cumulative: 0, minimum: -1 };
        stats.set(leaf.key, s);
      }
      s.count++;
      s.cumulative += size;
      if (s.minimum < 0 || size < s.minimum) s.minimum = size;
      if (s.count === 2)
        becameInefficient.push({ key: leaf.key, stats: s, treePath: leaf.treePath });
    }
    becameInefficient.sort((a, b) => compareDiveOrder(a.treePath, b.treePath));
    inefficient.push(...becameInefficient);
    // Stack this layer (removals first; then every node, implicit ones with empty metadata).
    for (const [treePath, e] of nodes) {
      if (e?.whiteout === 'file') stack.remove(e.path);
      void treePath;
    }
    for (const [treePath, e] of nodes) {
      if (e?.whiteout === 'file') continue;
      stack.set(treePath, e?.type === 'dir', e?.sizeBytes ?? 0);
    }
  }
  let minimumSum = 0;
  let cumulativeSum = 0;
  for (const s of stats.values()) {
    minimumSum += s.minimum;
    cumulativeSum += s.cumulative;
  }
  const efficiency = cumulativeSum === 0 ? 1 : minimumSum / cumulativeSum;
  // dive sorts ascending by cumulative size (insertion sort, so stable, for small lists) and
  // every consumer prints the list reversed.
  const ordered = inefficient
    .map((item, order) => ({ ...item, order }))
    .sort((a, b) => a.stats.cumulative - b.stats.cumulative || a.order - b.order)
    .reverse();
  const inefficientFiles = ordered.map((i) => ({
    path: `/${i.key}`,
    count: i.stats.count,
    sizeBytes: i.stats.cumulative,
  }));
  const wastedBytes = inefficientFiles.reduce((sum, f) => sum + f.sizeBytes, 0);
  return { efficiency, wastedBytes, inefficientFiles, fileCount };
}
