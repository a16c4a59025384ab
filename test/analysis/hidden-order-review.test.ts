import { describe, expect, it } from 'vitest';
import { HiddenColumns, largestFirst } from '../../src/analysis/hidden.js';
import type { HiddenFile, HiddenHow } from '../../src/analysis/types.js';
import { PathTable } from '../../src/image/path-table.js';

type Row = [path: string, size: number, adder: number, hider: number, how: number];
const HOWS: HiddenHow[] = ['deleted', 'opaque', 'overwritten'];

function build(rows: readonly Row[]): { table: PathTable; hidden: HiddenColumns } {
  const table = new PathTable();
  const hidden = new HiddenColumns();
  for (const [path, size, adder, hider, how] of rows) {
    hidden.push(table.intern(path), size, adder, hider, how);
  }
  return { table, hidden };
}

/** The order before 086dfce: objects in walk order, one stable sort with the whole key. */
function reference(rows: readonly Row[]): HiddenFile[] {
  return rows
    .map(
      ([path, sizeBytes, addedInLayer, hiddenByLayer, how]): HiddenFile => ({
        path: `/${path}`,
        sizeBytes,
        addedInLayer,
        hiddenByLayer,
        how: HOWS[how]!,
      }),
    )
    .sort(
      (a, b) =>
        (a.sizeBytes > b.sizeBytes ? -1 : a.sizeBytes < b.sizeBytes ? 1 : 0) ||
        a.addedInLayer - b.addedInLayer ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('hidden files order against the old one-sort order (review)', () => {
  const names = ['a', 'B', 'b', 'é', 'e\u0301', 'z', '😀', '\uffff', 'a/b', 'a-b', 'A'];
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('matches it for seeded rows (seed %i)', (seed) => {
    const next = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const sizeSets = [
      [1, 2, 3],
      [1, 512, 4096, 2 ** 31, 2 ** 32 + 1],
      [1, 2 ** 40, 2 ** 52, 2 ** 53 - 1, 2 ** 53, 2 ** 60],
    ];
    const sizes = sizeSets[seed % 3]!;
    const rows: Row[] = [];
    const n = 50 + Math.floor(next() * 2500);
    for (let i = 0; i < n; i++) {
      rows.push([
        pick(names) + (next() < 0.5 ? '' : `/${pick(names)}`),
        pick(sizes),
        Math.floor(next() * 6),
        7,
        Math.floor(next() * 3),
      ]);
    }
    const { table, hidden } = build(rows);
    const want = reference(rows);
    expect(largestFirst(hidden, table).toArray()).toEqual(want);
    expect(largestFirst(hidden, table, false).toArray()).toEqual(want);
    if (seed % 3 !== 2) expect(largestFirst(hidden, table, true).toArray()).toEqual(want);
  });

  it('needs its comparator fallback: packed keys past 2^53 would misorder these', () => {
    const rows: Row[] = [
      ['small', 1, 0, 1, 0],
      ['smaller', 2, 1, 1, 0],
      ['huge', 2 ** 53, 0, 1, 0],
      ['tiny', 3, 0, 1, 0],
      ['tinier', 3, 1, 1, 0],
    ];
    const { table, hidden } = build(rows);
    expect(
      largestFirst(hidden, table)
        .toArray()
        .map((f) => f.path),
    ).toEqual(['/huge', '/tiny', '/tinier', '/smaller', '/small']);
    expect(
      largestFirst(hidden, table, true)
        .toArray()
        .map((f) => f.path),
    ).not.toEqual(['/huge', '/tiny', '/tinier', '/smaller', '/small']);
  });

  it('keeps walk order for the same path hidden twice with equal size and layer', () => {
    const rows: Row[] = [
      ['p', 5, 1, 2, 2],
      ['q', 5, 1, 3, 0],
      ['p', 5, 1, 4, 1],
      ['p', 5, 1, 3, 0],
    ];
    const { table, hidden } = build(rows);
    expect(
      largestFirst(hidden, table)
        .toArray()
        .map((f) => [f.path, f.hiddenByLayer, f.how]),
    ).toEqual([
      ['/p', 2, 'overwritten'],
      ['/p', 4, 'opaque'],
      ['/p', 3, 'deleted'],
      ['/q', 3, 'deleted'],
    ]);
  });

  it('gives an empty list for no hidden files', () => {
    const { table, hidden } = build([]);
    expect(largestFirst(hidden, table).toArray()).toEqual([]);
  });
});
