import { HiddenFileList } from '../../src/analysis/hidden-files.js';
import { PathTable } from '../../src/image/path-table.js';

/** One hidden file of a list made for a test: its path's raw bytes (no leading slash) and numbers. */
export interface ListRow {
  readonly bytes: Buffer;
  readonly size?: number;
  readonly adder?: number;
  readonly hider?: number;
  readonly how?: number;
}

/** A hidden-file list of these rows, their paths interned in `table` (size 7, layers 0 and 1 by default). */
export function listOf(rows: readonly ListRow[], table = new PathTable()): HiddenFileList {
  const list = HiddenFileList.ofLength(table, rows.length);
  rows.forEach((row, i) => {
    list.ids[i] = table.internBytes(row.bytes, 0, row.bytes.length);
    list.sizes[i] = row.size ?? 7;
    list.adders[i] = row.adder ?? 0;
    list.hiders[i] = row.hider ?? 1;
    list.hows[i] = row.how ?? i % 3;
  });
  return list;
}
