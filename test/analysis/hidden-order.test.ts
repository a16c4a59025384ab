import { describe, expect, it } from 'vitest';
import { HiddenColumns, largestFirst } from '../../src/analysis/hidden.js';
import { PathTable } from '../../src/image/path-table.js';

/** Hidden versions pushed in a scrambled walk order: [path, size, adder, hider, how]. */
function columns(table: PathTable, rows: [string, number, number, number, number][]) {
  const hidden = new HiddenColumns();
  for (const [path, size, adder, hider, how] of rows) {
    hidden.push(table.intern(path), size, adder, hider, how);
  }
  return hidden;
}

describe('hidden files order (largestFirst)', () => {
  const table = new PathTable();
  // Enough rows to grow the columns past their first 1024, with many ties on size and layer.
  const rows: [string, number, number, number, number][] = [];
  for (let i = 0; i < 3000; i++) {
    const size = [0, 7, 4096, 2 ** 31 + 5, 123456789][(i * 7) % 5]!;
    rows.push([`d${(i * 13) % 17}/f${(i * 31) % 3000}`, size, (i * 3) % 4, 5, i % 3]);
  }
  // The same path twice in one run (re-added and hidden again): walk order decides.
  rows.push(['twice', 99, 1, 2, 0], ['twice', 99, 1, 3, 2]);
  const hidden = columns(table, rows);

  it('sorts by size descending, then adding layer, then path, keeping walk order for equal paths', () => {
    const files = largestFirst(hidden, table).toArray();
    expect(files).toHaveLength(3002);
    const key = (f: (typeof files)[number]) => [-f.sizeBytes, f.addedInLayer, f.path] as const;
    for (let k = 1; k < files.length; k++) {
      const [a, b] = [key(files[k - 1]!), key(files[k]!)];
      const inOrder =
        a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
      expect(inOrder, `${files[k - 1]!.path} before ${files[k]!.path}`).toBe(true);
    }
    expect(files[0]).toEqual({
      path: '/d0/f1864',
      sizeBytes: 2 ** 31 + 5,
      addedInLayer: 0,
      hiddenByLayer: 5,
      how: 'opaque',
    });
    const twice = files.filter((f) => f.path === '/twice');
    expect(twice.map((f) => [f.hiddenByLayer, f.how])).toEqual([
      [2, 'deleted'],
      [3, 'overwritten'],
    ]);
  });

  it('gives the same order through the packed key and through the comparator', () => {
    expect(largestFirst(hidden, table, false).toArray()).toEqual(
      largestFirst(hidden, table, true).toArray(),
    );
  });

  it('falls back to the comparator when the packed key would not be exact', () => {
    // Sizes 2^52, 1 and 0 over three files: keys reach 3 × 2^52, past 2^53, where doubles stop
    // counting by one; packed keys would lose the index that tells the files apart.
    const rows: [string, number, number, number, number][] = [
      ['zero', 0, 0, 1, 0],
      ['one', 1, 0, 1, 0],
      ['huge', 2 ** 52, 0, 1, 0],
    ];
    const bigTable = new PathTable();
    const big = columns(bigTable, rows);
    expect(
      largestFirst(big, bigTable)
        .toArray()
        .map((f) => [f.path, f.sizeBytes]),
    ).toEqual([
      ['/huge', 2 ** 52],
      ['/one', 1],
      ['/zero', 0],
    ]);
  });
});
