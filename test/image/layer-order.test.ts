import { describe, expect, it } from 'vitest';
import { KIND_FILE, LayerEntries, numberInLayerOrder } from '../../src/image/layer-entries.js';
import { PathTable } from '../../src/image/path-table.js';

/** A small deterministic generator (mulberry32), so that a failure names its seed. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) | 0;
  };
}

/** Layers of paths drawn from a small tree, so that layers share and nest them. */
function layersOf(seed: number): string[][] {
  const next = random(seed);
  const names = ['usr', 'lib', 'bin', 'a', 'b', 'x.so', 'é'];
  return Array.from({ length: 1 + next(5) }, () =>
    Array.from({ length: next(30) }, () =>
      Array.from({ length: 1 + next(4) }, () => names[next(names.length)]).join('/'),
    ),
  );
}

/** Interns the layers' paths, the layers taken in `order`; returns each layer's entries. */
function read(layers: string[][], order: readonly number[]) {
  const paths = new PathTable();
  const entries: LayerEntries[] = layers.map(() => new LayerEntries(paths));
  for (const i of order) {
    for (const path of layers[i]!) {
      entries[i]!.push(paths.intern(path), KIND_FILE, 0, 1, 0o644, 0, 0, undefined);
    }
  }
  return { paths, entries };
}

/** Every path by id, parents checked to come first. */
function byId(paths: PathTable): string[] {
  const out: string[] = [];
  for (let id = 0; id < paths.size; id++) {
    if (id > 0) expect(paths.parentOf(id)).toBeLessThan(id);
    out.push(paths.path(id));
  }
  return out;
}

describe('numberInLayerOrder', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed))(
    'numbers the paths the same whichever order the layers were read in (seed %i)',
    (seed) => {
      const layers = layersOf(seed);
      const inOrder = layers.map((_, i) => i);
      const reversed = [...inOrder].reverse();
      const shuffled = [...inOrder].sort((a, b) => ((a * 7 + seed) % 5) - ((b * 7 + seed) % 5));
      // Read in layer order, the ids already are the numbering: nothing moves.
      const first = read(layers, inOrder);
      const before = byId(first.paths);
      const ids = first.entries.map((e) => [...e.ids.subarray(0, e.length)]);
      numberInLayerOrder(first.paths, first.entries);
      expect(byId(first.paths)).toEqual(before);
      expect(first.entries.map((e) => [...e.ids.subarray(0, e.length)])).toEqual(ids);
      // Read in any other order, numbering gives the same ids, and each entry keeps its path.
      for (const order of [reversed, shuffled]) {
        const other = read(layers, order);
        numberInLayerOrder(other.paths, other.entries);
        expect(byId(other.paths)).toEqual(before);
        expect(other.entries.map((e) => [...e.ids.subarray(0, e.length)])).toEqual(ids);
      }
    },
  );

  it('moves paths named only by a later layer that were interned first', () => {
    const paths = new PathTable();
    const zero = new LayerEntries(paths);
    const one = new LayerEntries(paths);
    one.push(paths.intern('b/c'), KIND_FILE, 0, 1, 0, 0, 0, undefined);
    zero.push(paths.intern('a'), KIND_FILE, 0, 1, 0, 0, 0, undefined);
    expect(byId(paths)).toEqual(['', 'b', 'b/c', 'a']);
    numberInLayerOrder(paths, [zero, one]);
    expect(byId(paths)).toEqual(['', 'a', 'b', 'b/c']);
    expect(paths.path(zero.ids[0]!)).toBe('a');
    expect(paths.path(one.ids[0]!)).toBe('b/c');
  });

  it('sees a path interned before the chain that follows it', () => {
    const paths = new PathTable();
    const zero = new LayerEntries(paths);
    const one = new LayerEntries(paths);
    one.push(paths.intern('x'), KIND_FILE, 0, 1, 0, 0, 0, undefined);
    zero.push(paths.intern('a/b'), KIND_FILE, 0, 1, 0, 0, 0, undefined);
    // a/b's chain (a, a/b) is ids 2 and 3, not 1 and 2: x, at 1, comes after them.
    numberInLayerOrder(paths, [zero, one]);
    expect(byId(paths)).toEqual(['', 'a', 'a/b', 'x']);
  });
});
