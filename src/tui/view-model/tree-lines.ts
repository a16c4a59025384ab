import {
  formatMode,
  formatSize,
  type Line,
  padEnd,
  padStart,
  type Segment,
  type Tone,
} from './format.js';
import type { ImageTree } from './image-tree.js';
import {
  ADDED,
  hasVisibleChildren,
  type LayerView,
  MODIFIED,
  REMOVED,
  type TreeRows,
} from './tree-view.js';

/** Text marks beside the colours, so a terminal without colour still shows each change. */
export const CHANGE_MARKS: Readonly<Record<number, string>> = {
  [ADDED]: '+',
  [MODIFIED]: '~',
  [REMOVED]: '-',
};

function toneOfDiff(code: number): Tone | undefined {
  if (code === ADDED) return 'added';
  if (code === MODIFIED) return 'modified';
  if (code === REMOVED) return 'removed';
  return undefined;
}

/** Attribute columns show only when the pane is this wide (as in dive). */
const MIN_WIDTH_FOR_ATTRIBUTES = 60;

export interface TreeLineOptions {
  readonly width: number;
  readonly showAttributes: boolean;
}

function showsAttributes(options: TreeLineOptions): boolean {
  return options.showAttributes && options.width >= MIN_WIDTH_FOR_ATTRIBUTES;
}

export function treeHeaderLine(options: TreeLineOptions): Line {
  const text = showsAttributes(options)
    ? `  ${padEnd('Permission', 10)} ${padStart('UID:GID', 11)} ${padStart('Size', 8)}  Filetree`
    : `  ${padStart('Size', 8)}  Filetree`;
  return [{ text: padEnd(text, options.width), tone: 'dim' }];
}

/** The tree glyphs before a node's name: `│   ` / `    ` per ancestor, then `├─` or `└─`. */
function treePrefix(tree: ImageTree, rows: TreeRows, collapsed: Uint8Array, id: number): string {
  const ancestors: string[] = [];
  for (let a = tree.parent[id]!; a > 0; a = tree.parent[a]!) {
    ancestors.push(rows.isLast[a] === 1 ? '    ' : '│   ');
  }
  ancestors.reverse();
  const branch = rows.isLast[id] === 1 ? '└─' : '├─';
  const fold = collapsed[id] === 1 && hasVisibleChildren(tree, rows.visible, id) ? '⊕ ' : '─ ';
  return ancestors.join('') + branch + fold;
}

/** One row of the file tree: change mark, optional mode and uid:gid, size, glyphs, name. */
export function treeLine(
  tree: ImageTree,
  view: LayerView,
  rows: TreeRows,
  collapsed: Uint8Array,
  id: number,
  options: TreeLineOptions,
): Line {
  const code = view.diff[id]!;
  const tone = toneOfDiff(code);
  const state = view.state[id]!;
  const type = state >= 0 ? tree.stateType[state]! : 'dir';
  let text = `${CHANGE_MARKS[code] ?? ' '} `;
  if (showsAttributes(options)) {
    const mode = state >= 0 ? formatMode(tree.stateMode[state]!, type) : '';
    const owner = state >= 0 ? `${tree.stateUid[state]}:${tree.stateGid[state]}` : '';
    text += `${padEnd(mode, 10)} ${padStart(owner, 11)} `;
  }
  text += `${padStart(formatSize(view.sizeBytes[id]!), 8)}  `;
  text += treePrefix(tree, rows, collapsed, id);
  let name = tree.names[id]!;
  const target = state >= 0 ? tree.stateLinkTarget[state] : undefined;
  if ((type === 'symlink' || type === 'hardlink') && target !== undefined) {
    name += ` → ${type === 'hardlink' ? '/' : ''}${target}`;
  }
  const segment: Segment = tone === undefined ? { text: text + name } : { text: text + name, tone };
  return [segment];
}
