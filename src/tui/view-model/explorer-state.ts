import type { ImageAnalysis } from '../../analysis/types.js';
import type { ImageTree } from './image-tree.js';
import type { KeyAction } from './keys.js';
import {
  buildRows,
  type ChangeType,
  type CompareMode,
  collapseAll,
  computeLayerView,
  computeVisibility,
  hasChildren,
  type LayerView,
  parseFilter,
  type SortOrder,
  type TreeRows,
  toggleRow,
} from './tree-view.js';

export type LeftPane = 'layers' | 'layerDetails' | 'imageDetails';
export type Focus = 'left' | 'tree';

export interface ExplorerState {
  readonly tree: ImageTree;
  readonly analysis: ImageAnalysis;
  readonly layer: number;
  readonly mode: CompareMode;
  readonly view: LayerView;
  readonly hidden: ReadonlySet<ChangeType>;
  readonly filterText: string;
  readonly isFilterOpen: boolean;
  readonly sort: SortOrder;
  readonly showAttributes: boolean;
  readonly collapsed: Uint8Array;
  readonly isAllCollapsed: boolean;
  /** The shown rows; `rows.visible` is the visibility they were built from. */
  readonly rows: TreeRows;
  /** Row index of the tree cursor, and the first row shown. */
  readonly cursor: number;
  readonly top: number;
  readonly treeRows: number;
  /** First layer shown in the layers pane, and how many fit. */
  readonly layerTop: number;
  readonly layerRows: number;
  readonly focus: Focus;
  readonly leftPane: LeftPane;
  readonly layerDetailsScroll: number;
  readonly imageDetailsScroll: number;
  readonly isHelpOpen: boolean;
}

export type ExplorerAction =
  | { readonly type: 'key'; readonly action: KeyAction; readonly scope: 'global' | 'left' | 'tree' }
  | { readonly type: 'filter-append'; readonly text: string }
  | { readonly type: 'filter-backspace' }
  | { readonly type: 'filter-submit' }
  | { readonly type: 'resize'; readonly treeRows: number; readonly layerRows: number };

const VIEW_CACHE_SIZE = 8;
const viewCaches = new WeakMap<ImageTree, Map<string, LayerView>>();

/** Per-layer views are cached (least recently used out), so going back to a layer is instant. */
function cachedLayerView(tree: ImageTree, layer: number, mode: CompareMode): LayerView {
  let cache = viewCaches.get(tree);
  if (!cache) {
    cache = new Map();
    viewCaches.set(tree, cache);
  }
  const key = `${mode}:${layer}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const view = computeLayerView(tree, layer, mode);
  cache.set(key, view);
  if (cache.size > VIEW_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return view;
}

export function initialState(
  tree: ImageTree,
  analysis: ImageAnalysis,
  treeRows: number,
  layerRows: number,
): ExplorerState {
  const view = cachedLayerView(tree, 0, 'layer');
  const collapsed = collapseAll(tree, false);
  const hidden = new Set<ChangeType>();
  const visible = computeVisibility(tree, view, { hidden, pattern: null });
  return {
    tree,
    analysis,
    layer: 0,
    mode: 'layer',
    view,
    hidden,
    filterText: '',
    isFilterOpen: false,
    sort: 'name',
    showAttributes: true,
    collapsed,
    isAllCollapsed: false,
    rows: buildRows(tree, view, visible, collapsed, 'name'),
    cursor: 0,
    top: 0,
    treeRows,
    layerTop: 0,
    layerRows,
    focus: 'left',
    leftPane: 'layers',
    layerDetailsScroll: 0,
    imageDetailsScroll: 0,
    isHelpOpen: false,
  };
}

/** Keeps the cursor on screen: scrolls only as far as needed. */
function scrollTo(cursor: number, top: number, height: number, total: number): number {
  let next = top;
  if (cursor < next) next = cursor;
  if (cursor >= next + height) next = cursor - height + 1;
  return Math.max(0, Math.min(next, Math.max(0, total - height)));
}

function withCursor(state: ExplorerState, cursor: number): ExplorerState {
  const total = state.rows.ids.length;
  const c = Math.max(0, Math.min(cursor, total - 1));
  return { ...state, cursor: c, top: scrollTo(c, state.top, state.treeRows, total) };
}

/**
 * Recomputes what the tree shows after the layer, mode, filter, change-type toggles or sort
 * changed; the cursor stays on the same node when it is still shown.
 */
function refreshTree(state: ExplorerState, changes: Partial<ExplorerState>): ExplorerState {
  const next = { ...state, ...changes };
  const view = cachedLayerView(next.tree, next.layer, next.mode);
  const { pattern } = parseFilter(next.filterText);
  const visible = computeVisibility(next.tree, view, { hidden: next.hidden, pattern });
  const rows = buildRows(next.tree, view, visible, next.collapsed, next.sort);
  const selectedId = state.rows.ids[state.cursor];
  const found = selectedId === undefined ? -1 : rows.ids.indexOf(selectedId);
  const cursor = found >= 0 ? found : Math.min(state.cursor, Math.max(0, rows.ids.length - 1));
  const withRows: ExplorerState = { ...next, view, rows };
  return withCursor(withRows, cursor);
}

function selectLayer(state: ExplorerState, layer: number): ExplorerState {
  const count = state.analysis.layers.length;
  const target = Math.max(0, Math.min(layer, count - 1));
  if (target === state.layer) return state;
  const layerTop = scrollTo(target, state.layerTop, state.layerRows, count);
  return refreshTree(state, { layer: target, layerTop, layerDetailsScroll: 0 });
}

function toggleHidden(state: ExplorerState, type: ChangeType): ExplorerState {
  const hidden = new Set(state.hidden);
  if (hidden.has(type)) hidden.delete(type);
  else hidden.add(type);
  return refreshTree(state, { hidden });
}

const LEFT_PANES: readonly LeftPane[] = ['layers', 'layerDetails', 'imageDetails'];

function reduceLeft(state: ExplorerState, action: KeyAction): ExplorerState {
  const page = Math.max(1, state.layerRows);
  const scrollKey = state.leftPane === 'layerDetails' ? 'layerDetailsScroll' : 'imageDetailsScroll';
  switch (action) {
    case 'up':
    case 'down':
    case 'page-up':
    case 'page-down': {
      const step =
        (action === 'up' || action === 'down' ? 1 : page) *
        (action === 'up' || action === 'page-up' ? -1 : 1);
      if (state.leftPane === 'layers') return selectLayer(state, state.layer + step);
      return { ...state, [scrollKey]: Math.max(0, state[scrollKey] + step) };
    }
    case 'left':
    case 'right': {
      const i = LEFT_PANES.indexOf(state.leftPane) + (action === 'left' ? -1 : 1);
      return { ...state, leftPane: LEFT_PANES[(i + LEFT_PANES.length) % LEFT_PANES.length]! };
    }
    case 'compare-all':
      return state.mode === 'aggregated' ? state : refreshTree(state, { mode: 'aggregated' });
    case 'compare-layer':
      return state.mode === 'layer' ? state : refreshTree(state, { mode: 'layer' });
    default:
      return state;
  }
}

function reduceTree(state: ExplorerState, action: KeyAction): ExplorerState {
  const { tree, rows } = state;
  const id = rows.ids[state.cursor];
  switch (action) {
    case 'up':
      return withCursor(state, state.cursor - 1);
    case 'down':
      return withCursor(state, state.cursor + 1);
    case 'page-up': {
      const moved = withCursor(state, state.cursor - state.treeRows);
      return { ...moved, top: Math.max(0, Math.min(moved.cursor, state.top - state.treeRows)) };
    }
    case 'page-down': {
      const total = rows.ids.length;
      const moved = withCursor(state, state.cursor + state.treeRows);
      const top = Math.min(Math.max(0, total - state.treeRows), state.top + state.treeRows);
      return { ...moved, top: Math.max(top, moved.cursor - state.treeRows + 1) };
    }
    case 'left': {
      if (id === undefined) return state;
      const parent = tree.parent[id]!;
      if (parent <= 0) return state;
      // The parent's row is the nearest row above with a smaller depth.
      let row = state.cursor - 1;
      while (row >= 0 && rows.ids[row] !== parent) row--;
      return row >= 0 ? withCursor(state, row) : state;
    }
    case 'right': {
      if (id === undefined || !hasChildren(tree, id)) return state;
      let next = state;
      if (state.collapsed[id] === 1) next = toggleCollapse(state);
      const child = next.rows.ids[next.cursor + 1];
      return child !== undefined && tree.parent[child] === id
        ? withCursor(next, next.cursor + 1)
        : next;
    }
    case 'toggle-collapse-dir':
      return toggleCollapse(state);
    case 'toggle-collapse-all-dir': {
      const isAllCollapsed = !state.isAllCollapsed;
      return refreshTree(state, { isAllCollapsed, collapsed: collapseAll(tree, isAllCollapsed) });
    }
    case 'toggle-added-files':
      return toggleHidden(state, 'added');
    case 'toggle-removed-files':
      return toggleHidden(state, 'removed');
    case 'toggle-modified-files':
      return toggleHidden(state, 'modified');
    case 'toggle-unmodified-files':
      return toggleHidden(state, 'unmodified');
    case 'toggle-filetree-attributes':
      return { ...state, showAttributes: !state.showAttributes };
    case 'toggle-sort-order':
      return refreshTree(state, { sort: state.sort === 'name' ? 'size' : 'name' });
    default:
      return state;
  }
}

function toggleCollapse(state: ExplorerState): ExplorerState {
  const { rows, collapsed } = toggleRow(
    state.tree,
    state.view,
    state.rows.visible,
    state.collapsed,
    state.sort,
    state.rows,
    state.cursor,
  );
  return withCursor({ ...state, rows, collapsed }, state.cursor);
}

/** The path filter is kept to 200 characters. */
function withFilterText(state: ExplorerState, text: string): ExplorerState {
  return refreshTree(state, { filterText: text.slice(0, 200) });
}

export function reduceExplorer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case 'resize': {
      const next = { ...state, treeRows: action.treeRows, layerRows: action.layerRows };
      const layerTop = scrollTo(
        state.layer,
        state.layerTop,
        action.layerRows,
        state.analysis.layers.length,
      );
      return withCursor({ ...next, layerTop }, state.cursor);
    }
    case 'filter-append':
      return state.isFilterOpen ? withFilterText(state, state.filterText + action.text) : state;
    case 'filter-backspace':
      return state.isFilterOpen ? withFilterText(state, state.filterText.slice(0, -1)) : state;
    case 'filter-submit':
      return { ...state, isFilterOpen: false };
    case 'key':
      break;
  }
  const key = action.action;
  if (action.scope === 'global') {
    switch (key) {
      case 'help':
        return { ...state, isHelpOpen: !state.isHelpOpen };
      case 'toggle-view':
        return { ...state, focus: state.focus === 'left' ? 'tree' : 'left' };
      case 'filter-files':
        return { ...state, isFilterOpen: true, isHelpOpen: false };
      case 'close-filter-files':
        if (state.isHelpOpen) return { ...state, isHelpOpen: false };
        if (!state.isFilterOpen && state.filterText === '') return state;
        return refreshTree(state, { isFilterOpen: false, filterText: '' });
      default:
        return state;
    }
  }
  return action.scope === 'left' ? reduceLeft(state, key) : reduceTree(state, key);
}
