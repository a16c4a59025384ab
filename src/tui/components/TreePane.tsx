import { memo } from 'react';
import { fitLine, type Line } from '../view-model/format.js';
import type { ImageTree } from '../view-model/image-tree.js';
import type { Palette } from '../view-model/screen-line.js';
import { treeHeaderLine, treeLine } from '../view-model/tree-lines.js';
import type { CompareMode, LayerView, TreeRows } from '../view-model/tree-view.js';
import { Frame } from './Frame.js';

export interface TreePaneProps {
  readonly tree: ImageTree;
  readonly view: LayerView;
  readonly rows: TreeRows;
  readonly collapsed: Uint8Array;
  readonly mode: CompareMode;
  readonly cursor: number;
  readonly top: number;
  readonly showAttributes: boolean;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly palette: Palette;
  readonly status: string;
}

/** The file tree; builds only the rows on screen, whatever the tree's size. */
export const TreePane = memo(function TreePane(props: TreePaneProps) {
  const { tree, view, rows, collapsed, top, width, height } = props;
  const inner = width - 2;
  const options = { width: inner, showAttributes: props.showAttributes };
  const lines: Line[] = [fitLine(treeHeaderLine(options), inner)];
  const count = Math.max(0, height - 3);
  const end = Math.min(rows.ids.length, top + count);
  for (let row = top; row < end; row++) {
    lines.push(fitLine(treeLine(tree, view, rows, collapsed, rows.ids[row]!, options), inner));
  }
  if (rows.ids.length === 0)
    lines.push(fitLine([{ text: '  (nothing to show)', tone: 'dim' }], inner));
  const title =
    props.mode === 'aggregated' ? 'Aggregated Layer Contents' : 'Current Layer Contents';
  return (
    <Frame
      title={title}
      width={width}
      height={height}
      isFocused={props.isFocused}
      palette={props.palette}
      lines={lines}
      {...(props.isFocused && rows.ids.length > 0 ? { selectedRow: props.cursor - top + 1 } : {})}
      footer={props.status}
    />
  );
});
