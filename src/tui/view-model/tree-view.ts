import type { ImageTree } from './image-tree.js';

/** How a node differs in a view; 0 means the node is not in the view at all. */
export const ABSENT = 0;
export const UNMODIFIED = 1;
export const ADDED = 2;
export const MODIFIED = 3;
export const REMOVED = 4;
export type DiffCode = 0 | 1 | 2 | 3 | 4;
export type ChangeType = 'unmodified' | 'added' | 'modified' | 'removed';

/**
 * dive's two compare modes. `layer`: the selected layer's changes against the stack of layers
 * below it (removed paths stay visible). `aggregated`: the whole filesystem up to the selected
 * layer, each node marked by how it differs from layer 0 (paths removed on the way stay visible).
 */
export type CompareMode = 'layer' | 'aggregated';

export interface LayerView {
  readonly layer: number;
  readonly mode: CompareMode;
  readonly diff: Uint8Array;
  /** The state (index into the tree's state arrays) whose attributes the node shows; -1 for none. */
  readonly state: Int32Array;
  /** Displayed size: a file's bytes; a directory's sum over descendants not removed (all, when the directory itself is removed). */
  readonly sizeBytes: Float64Array;
}

function merge(a: number, b: number): number {
  return a === b ? a : MODIFIED;
}

/** Computes one view in two linear passes over the tree (no layer is re-applied). */
export function computeLayerView(tree: ImageTree, layer: number, mode: CompareMode): LayerView {
  const n = tree.nodeCount;
  const diff = new Uint8Array(n);
  const state = new Int32Array(n).fill(-1);
  const { stateStart, stateLayer, stateExists } = tree;
  diff[0] = UNMODIFIED;
  for (let id = 1; id < n; id++) {
    const from = stateStart[id]!;
    const to = stateStart[id + 1]!;
    if (mode === 'layer') {
      let before = -1;
      let at = -1;
      for (let k = from; k < to; k++) {
        const l = stateLayer[k]!;
        if (l < layer) before = k;
        else if (l === layer) at = k;
        else break;
      }
      const existedBefore = before >= 0 && stateExists[before] === 1;
      if (at >= 0) {
        const existsAfter = stateExists[at] === 1;
        if (existedBefore) {
          diff[id] = existsAfter ? MODIFIED : REMOVED;
          state[id] = existsAfter ? at : before;
        } else if (existsAfter) {
          diff[id] = ADDED;
          state[id] = at;
        }
      } else if (existedBefore) {
        diff[id] = UNMODIFIED;
        state[id] = before;
      }
    } else {
      let last = -1;
      let lastExisting = -1;
      let touchedAfterZero = false;
      for (let k = from; k < to; k++) {
        const l = stateLayer[k]!;
        if (l > layer) break;
        last = k;
        if (stateExists[k] === 1) lastExisting = k;
        if (l > 0) touchedAfterZero = true;
      }
      if (last < 0) continue;
      const inLayerZero = stateLayer[from] === 0 && stateExists[from] === 1;
      if (stateExists[last] === 1) {
        diff[id] = inLayerZero ? (touchedAfterZero ? MODIFIED : UNMODIFIED) : ADDED;
        state[id] = last;
      } else {
        diff[id] = REMOVED;
        state[id] = lastExisting;
      }
    }
  }
  // Bottom-up (children have larger ids): a directory's mark merges its children's, as dive's
  // does; sizes sum over descendants.
  const childMerge = new Uint8Array(n);
  const live = new Float64Array(n);
  const all = new Float64Array(n);
  const { parent, stateType, stateSizeBytes } = tree;
  for (let id = n - 1; id >= 1; id--) {
    const d = diff[id]!;
    if (d === ABSENT) continue;
    const s = state[id]!;
    if (s >= 0 && stateType[s] === 'file') {
      live[id] = stateSizeBytes[s]!;
      all[id] = stateSizeBytes[s]!;
    }
    const merged = childMerge[id]! === ABSENT ? d : merge(d, childMerge[id]!);
    diff[id] = merged;
    const p = parent[id]!;
    childMerge[p] = childMerge[p] === ABSENT ? merged : merge(childMerge[p]!, merged);
    if (merged !== REMOVED) live[p]! += live[id]!;
    all[p]! += all[id]!;
  }
  for (let id = 1; id < n; id++) if (diff[id] === REMOVED) live[id] = all[id]!;
  return { layer, mode, diff, state, sizeBytes: live };
}

export interface ViewFilter {
  /** Change types to hide (dive's ctrl+a/r/m/u). */
  readonly hidden: ReadonlySet<ChangeType>;
  /** Matched anywhere in the node's full path (leading slash); null for none. */
  readonly pattern: RegExp | null;
}

/**
 * Which nodes show: a node whose change type is not hidden and whose path matches, or any node
 * with a visible descendant (dive's rule, so a filtered tree keeps the directories leading to
 * each match).
 */
export function computeVisibility(
  tree: ImageTree,
  view: LayerView,
  filter: ViewFilter,
): Uint8Array {
  const n = tree.nodeCount;
  const { diff } = view;
  const { parent, depth, names } = tree;
  const hiddenCodes = new Uint8Array(5);
  for (const type of filter.hidden) hiddenCodes[codeOf(type)] = 1;
  let matches: Uint8Array | undefined;
  if (filter.pattern) {
    matches = new Uint8Array(n);
    const pattern = filter.pattern;
    const prefix: string[] = [''];
    for (let id = 1; id < n; id++) {
      if (diff[id] === ABSENT) continue;
      const path = `${prefix[depth[id]! - 1]}/${names[id]}`;
      prefix[depth[id]!] = path;
      pattern.lastIndex = 0;
      if (pattern.test(path)) matches[id] = 1;
    }
  }
  const visible = new Uint8Array(n);
  for (let id = n - 1; id >= 1; id--) {
    const d = diff[id]!;
    if (d === ABSENT) continue;
    if (
      visible[id] === 1 ||
      (hiddenCodes[d] === 0 && (matches === undefined || matches[id] === 1))
    ) {
      visible[id] = 1;
      visible[parent[id]!] = 1;
    }
  }
  visible[0] = 1;
  return visible;
}

function codeOf(type: ChangeType): DiffCode {
  switch (type) {
    case 'added':
      return ADDED;
    case 'modified':
      return MODIFIED;
    case 'removed':
      return REMOVED;
    default:
      return UNMODIFIED;
  }
}

export type SortOrder = 'name' | 'size';

/** The flattened rows a tree pane scrolls through: node ids in display order. */
export interface TreeRows {
  readonly ids: Int32Array;
  /** The visibility the rows were built from. */
  readonly visible: Uint8Array;
  /** Per node: 1 when it is the last shown child of its parent (for the tree glyphs). */
  readonly isLast: Uint8Array;
}

function visibleChildren(
  tree: ImageTree,
  view: LayerView,
  visible: Uint8Array,
  id: number,
  sort: SortOrder,
): number[] {
  const children: number[] = [];
  const { end } = tree;
  for (let c = id + 1; c < end[id]!; c = end[c]!) if (visible[c] === 1) children.push(c);
  if (sort === 'size') {
    const size = view.sizeBytes;
    children.sort((a, b) => size[b]! - size[a]! || a - b);
  }
  return children;
}

/** Appends the rows under `id` (not `id` itself) to `out`, marking last children in `isLast`. */
function appendSubtreeRows(
  tree: ImageTree,
  view: LayerView,
  visible: Uint8Array,
  collapsed: Uint8Array,
  sort: SortOrder,
  id: number,
  isLast: Uint8Array,
  out: number[],
): void {
  const stack: number[] = [];
  const pushChildren = (of: number): void => {
    const children = visibleChildren(tree, view, visible, of, sort);
    for (let k = children.length - 1; k >= 0; k--) {
      const c = children[k]!;
      isLast[c] = k === children.length - 1 ? 1 : 0;
      stack.push(c);
    }
  };
  pushChildren(id);
  while (stack.length > 0) {
    const c = stack.pop()!;
    out.push(c);
    if (collapsed[c] !== 1) pushChildren(c);
  }
}

export function buildRows(
  tree: ImageTree,
  view: LayerView,
  visible: Uint8Array,
  collapsed: Uint8Array,
  sort: SortOrder,
): TreeRows {
  const isLast = new Uint8Array(tree.nodeCount);
  const out: number[] = [];
  appendSubtreeRows(tree, view, visible, collapsed, sort, 0, isLast, out);
  return { ids: Int32Array.from(out), visible, isLast };
}

/** Whether a node has children that are shown (so it draws as collapsible). */
export function hasVisibleChildren(tree: ImageTree, visible: Uint8Array, id: number): boolean {
  for (let c = id + 1; c < tree.end[id]!; c = tree.end[c]!) if (visible[c] === 1) return true;
  return false;
}

/** Whether a node has children in any layer (a directory that may collapse). */
export function hasChildren(tree: ImageTree, id: number): boolean {
  return tree.end[id]! > id + 1;
}

/**
 * Collapses or expands the directory on row `row`, touching only its subtree's rows: collapsing
 * drops the rows below it that are deeper, expanding inserts its subtree's rows.
 */
export function toggleRow(
  tree: ImageTree,
  view: LayerView,
  visible: Uint8Array,
  collapsed: Uint8Array,
  sort: SortOrder,
  rows: TreeRows,
  row: number,
): { readonly rows: TreeRows; readonly collapsed: Uint8Array } {
  const id = rows.ids[row];
  if (id === undefined || !hasChildren(tree, id)) return { rows, collapsed };
  const nextCollapsed = collapsed.slice();
  const ids = rows.ids;
  if (collapsed[id] === 1) {
    nextCollapsed[id] = 0;
    const inserted: number[] = [];
    appendSubtreeRows(tree, view, visible, nextCollapsed, sort, id, rows.isLast, inserted);
    const next = new Int32Array(ids.length + inserted.length);
    next.set(ids.subarray(0, row + 1), 0);
    next.set(inserted, row + 1);
    next.set(ids.subarray(row + 1), row + 1 + inserted.length);
    return {
      rows: { ids: next, visible: rows.visible, isLast: rows.isLast },
      collapsed: nextCollapsed,
    };
  }
  nextCollapsed[id] = 1;
  const d = tree.depth[id]!;
  let stop = row + 1;
  while (stop < ids.length && tree.depth[ids[stop]!]! > d) stop++;
  const next = new Int32Array(ids.length - (stop - row - 1));
  next.set(ids.subarray(0, row + 1), 0);
  next.set(ids.subarray(stop), row + 1);
  return {
    rows: { ids: next, visible: rows.visible, isLast: rows.isLast },
    collapsed: nextCollapsed,
  };
}

/** Collapses every directory (or expands all when `shouldCollapse` is false). */
export function collapseAll(tree: ImageTree, shouldCollapse: boolean): Uint8Array {
  const collapsed = new Uint8Array(tree.nodeCount);
  if (shouldCollapse) {
    for (let id = 1; id < tree.nodeCount; id++) if (hasChildren(tree, id)) collapsed[id] = 1;
  }
  return collapsed;
}

/**
 * Parses the path filter: a regular expression when it compiles, otherwise a plain substring
 * (so `a[b` still filters while it is being typed).
 */
export function parseFilter(text: string): {
  readonly pattern: RegExp | null;
  readonly isRegex: boolean;
} {
  if (text === '') return { pattern: null, isRegex: false };
  try {
    return { pattern: new RegExp(text), isRegex: true };
  } catch {
    return { pattern: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), isRegex: false };
  }
}
