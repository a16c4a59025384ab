/** Where each pane goes on a screen of `columns` × `rows`. Heights include the borders. */
export interface Layout {
  readonly columns: number;
  readonly rows: number;
  readonly leftWidth: number;
  readonly treeWidth: number;
  readonly layersHeight: number;
  readonly layerDetailsHeight: number;
  readonly imageDetailsHeight: number;
  readonly treeHeight: number;
  /** Lines under the panes: the filter line (when shown) and the key bar. */
  readonly footerHeight: number;
  /** Tree rows that fit inside the tree pane (below its header). */
  readonly treeRows: number;
  /** Layer rows that fit inside the layers pane (below its header). */
  readonly layerRows: number;
}

/** Rows a bordered pane spends on its borders. */
const BORDER = 2;

export function computeLayout(
  columns: number,
  rows: number,
  layerCount: number,
  isFilterShown: boolean,
): Layout {
  const width = Math.max(columns, 40);
  const height = Math.max(rows, 12);
  const footerHeight = isFilterShown ? 2 : 1;
  const body = height - footerHeight;
  const leftWidth = Math.min(70, Math.max(30, Math.floor(width * 0.42)));
  const treeWidth = width - leftWidth;
  const layersHeight = Math.max(5, Math.min(layerCount + 1 + BORDER, Math.floor(body * 0.4)));
  const rest = body - layersHeight;
  const layerDetailsHeight = Math.floor(rest / 2);
  const imageDetailsHeight = rest - layerDetailsHeight;
  return {
    columns: width,
    rows: height,
    leftWidth,
    treeWidth,
    layersHeight,
    layerDetailsHeight,
    imageDetailsHeight,
    treeHeight: body,
    footerHeight,
    treeRows: Math.max(1, body - BORDER - 1),
    layerRows: Math.max(1, layersHeight - BORDER - 1),
  };
}
