import { beforeAll, describe, expect, it } from 'vitest';
import { formatSize } from '../../src/tui/view-model/format.js';
import { findNode, type ImageTree } from '../../src/tui/view-model/image-tree.js';
import { treeLine } from '../../src/tui/view-model/tree-lines.js';
import {
  buildRows,
  type ChangeType,
  type CompareMode,
  computeLayerView,
  computeVisibility,
  parseFilter,
  REMOVED,
  type SortOrder,
  toggleRow,
} from '../../src/tui/view-model/tree-view.js';
import { DIVE_IMAGE, loadFixture } from './fixtures.js';

let tree: ImageTree;
beforeAll(async () => {
  ({ tree } = await loadFixture(DIVE_IMAGE));
});

interface Case {
  readonly name: string;
  readonly layer: number;
  readonly mode: CompareMode;
  readonly filter?: string;
  readonly hidden?: readonly ChangeType[];
  readonly sort?: SortOrder;
  readonly rows: readonly string[];
}

/** Rows as the tree pane prints them without attributes: mark, size, glyphs, name. */
function renderRows(c: Case): string[] {
  const view = computeLayerView(tree, c.layer, c.mode);
  const visible = computeVisibility(tree, view, {
    hidden: new Set(c.hidden ?? []),
    pattern: parseFilter(c.filter ?? '').pattern,
  });
  const collapsed = new Uint8Array(tree.nodeCount);
  const rows = buildRows(tree, view, visible, collapsed, c.sort ?? 'name');
  return [...rows.ids].map((id) =>
    treeLine(tree, view, rows, collapsed, id, { width: 80, showAttributes: false })
      .map((s) => s.text)
      .join('')
      .trimEnd(),
  );
}

const cases: readonly Case[] = [
  {
    // dive's TestFileTreeFilterTree: regex `network` on layer 0 keeps /etc/network and its dirs.
    name: 'dive TestFileTreeFilterTree: regex network on layer 0',
    layer: 0,
    mode: 'layer',
    filter: 'network',
    rows: [
      '+   1.0 kB  └── etc',
      '+      0 B      └── network',
      '+      0 B          ├── if-down.d',
      '+      0 B          ├── if-post-down.d',
      '+      0 B          ├── if-pre-up.d',
      '+      0 B          └── if-up.d',
    ],
  },
  {
    // dive's TestFileShowAggregateChanges (layer 13): /root 21 kB, /root/example 19 kB removed
    // with its removed children, /tmp 6.4 kB.
    name: 'aggregated at layer 13 keeps /root/example, removed',
    layer: 13,
    mode: 'aggregated',
    filter: '^/(root|tmp)',
    rows: [
      '~    21 kB  ├── root',
      '+   8.6 kB  │   ├── .data',
      '+   6.4 kB  │   │   ├── saved.again2.txt',
      '+    917 B  │   │   ├── tag.sh',
      '+   1.3 kB  │   │   └── test.sh',
      '+   6.4 kB  │   ├── .saved.txt',
      '-    19 kB  │   ├── example',
      '-      0 B  │   │   ├── really',
      '-      0 B  │   │   │   └── nested',
      '-   6.4 kB  │   │   ├── somefile1.txt',
      '-   6.4 kB  │   │   ├── somefile2.txt',
      '-   6.4 kB  │   │   └── somefile3.txt',
      '+   6.4 kB  │   └── saved.txt',
      '~   6.4 kB  └── tmp',
      '+   6.4 kB      └── saved.again1.txt',
    ],
  },
  {
    // Layer 7 (`mv somefile3.txt /root/saved.txt`): the whiteout shows as a removed row.
    name: 'layer 7 changes only (unmodified hidden)',
    layer: 7,
    mode: 'layer',
    hidden: ['unmodified'],
    rows: [
      '~    19 kB  └── root',
      '~    13 kB      ├── example',
      '-   6.4 kB      │   └── somefile3.txt',
      '+   6.4 kB      └── saved.txt',
    ],
  },
  {
    // dive's TestFileTreeHideAddedRemovedModified setting (tree 0,0,1,7; filter `saved`).
    name: 'layer 7 with filter saved, added hidden',
    layer: 7,
    mode: 'layer',
    filter: 'saved',
    hidden: ['added'],
    rows: [],
  },
  {
    name: 'layer 9 removes /root/example (rm -rf), whole subtree red',
    layer: 9,
    mode: 'layer',
    hidden: ['unmodified'],
    rows: [
      // somefile3 left in layer 7, so the removed directory holds 2 × 6405 bytes.
      '~    13 kB  └── root',
      '-    13 kB      └── example',
      '-      0 B          ├── really',
      '-      0 B          │   └── nested',
      '-   6.4 kB          ├── somefile1.txt',
      '-   6.4 kB          └── somefile2.txt',
    ],
  },
  {
    name: 'sort by size puts the biggest directory first',
    layer: 13,
    mode: 'aggregated',
    filter: '^/[^/]*$',
    sort: 'size',
    // Ties (somefile.txt and tmp, 6405 bytes each) keep name order; /bin is untouched since layer 0.
    rows: [
      '    1.2 MB  ├── bin',
      '~    21 kB  ├── root',
      '+   6.4 kB  ├── somefile.txt',
      '~   6.4 kB  ├── tmp',
      '    1.0 kB  ├── etc',
      '       0 B  ├── dev',
      '       0 B  ├── home',
      '       0 B  ├── usr',
      '       0 B  └── var',
    ],
  },
];

describe('file tree rows on dive test image', () => {
  it.each(cases)('$name', (c) => {
    expect(renderRows(c)).toEqual(c.rows);
  });
});

describe('collapse', () => {
  it('collapsing /etc on layer 0 drops only its subtree rows, expanding restores them', () => {
    const view = computeLayerView(tree, 0, 'layer');
    const visible = computeVisibility(tree, view, { hidden: new Set(), pattern: null });
    const collapsed = new Uint8Array(tree.nodeCount);
    const rows = buildRows(tree, view, visible, collapsed, 'name');
    const etc = findNode(tree, '/etc');
    const row = rows.ids.indexOf(etc);
    const folded = toggleRow(tree, view, visible, collapsed, 'name', rows, row);
    const etcRows = tree.end[etc]! - etc - 1;
    expect(folded.rows.ids.length).toBe(rows.ids.length - etcRows);
    expect(folded.rows.ids[row + 1]).toBe(rows.ids[row + 1 + etcRows]);
    expect(
      treeLine(tree, view, folded.rows, folded.collapsed, etc, {
        width: 80,
        showAttributes: false,
      })[0]!.text.trimEnd(),
    ).toBe('+   1.0 kB  ├─⊕ etc');
    const unfolded = toggleRow(tree, view, visible, folded.collapsed, 'name', folded.rows, row);
    expect([...unfolded.rows.ids]).toEqual([...rows.ids]);
  });
});

describe('views', () => {
  it('marks the removed directory and sizes it with its removed children', () => {
    const view = computeLayerView(tree, 13, 'aggregated');
    const example = findNode(tree, '/root/example');
    expect(view.diff[example]).toBe(REMOVED);
    expect(view.sizeBytes[example]).toBe(19215);
    expect(view.sizeBytes[findNode(tree, '/root')]).toBe(21402);
  });

  it('has every path any layer held', () => {
    expect(tree.nodeCount).toBe(430);
    expect(tree.layerCount).toBe(14);
  });
});

describe('formatSize (go-humanize, as dive prints)', () => {
  it.each([
    [0, '0 B'],
    [9, '9 B'],
    [999, '999 B'],
    [917, '917 B'],
    [6405, '6.4 kB'],
    [21402, '21 kB'],
    [1154361, '1.2 MB'],
    [1220598, '1.2 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});
