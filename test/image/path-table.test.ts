import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/findings.js';
import { FNV_OFFSET, FNV_PRIME, type NamedRecords, PathTable } from '../../src/image/path-table.js';

const PATHS = [
  'usr',
  'usr/bin/env',
  'usr/lib/x86_64-linux-gnu/libc.so.6',
  'etc/ssl/certs/ca-certificates.crt',
  'opt/app/node_modules/left-pad/index.js',
  'srv/données/café.txt',
  'a',
];

describe('PathTable', () => {
  it('interns a path once, with its ancestors, and gives it back', () => {
    const t = new PathTable();
    const ids = PATHS.map((p) => t.intern(p));
    expect(PATHS.map((p) => t.intern(p))).toEqual(ids);
    expect(ids.map((id) => t.path(id))).toEqual(PATHS);
    // usr, usr/bin, usr/bin/env, usr/lib, usr/lib/x86_64-linux-gnu, …: every ancestor once.
    expect(t.size).toBe(1 + 1 + 2 + 3 + 4 + 5 + 3 + 1);
    const env = t.find('usr/bin/env')!;
    expect(t.path(t.parentOf(env))).toBe('usr/bin');
    expect(t.parentOf(t.find('usr')!)).toBe(0);
    expect(t.find('usr/bin/nope')).toBeUndefined();
    expect(t.find('')).toBe(0);
    const { start, list } = t.childIndex();
    const usr = t.find('usr')!;
    const children = [...list.subarray(start[usr]!, start[usr + 1]!)].map((c) => t.path(c));
    expect(children.sort()).toEqual(['usr/bin', 'usr/lib']);
  });

  it('gives the same ids for bytes hashed by the reader', () => {
    const t = new PathTable();
    const byString = PATHS.map((p) => t.intern(p));
    const again = new PathTable();
    const bytes = Buffer.from(`xx${PATHS.join('\0')}`);
    let start = 2;
    const byBytes = PATHS.map((p) => {
      const end = start + Buffer.byteLength(p);
      const id = again.internBytes(bytes, start, end);
      start = end + 1;
      return id;
    });
    expect(byBytes).toEqual(byString);
  });

  it('merges a table made elsewhere, mapping its ids to the same paths', () => {
    const main = new PathTable();
    main.intern('usr/bin/env');
    const worker = new PathTable();
    const local = PATHS.map((p) => worker.intern(p));
    const map = main.merge(worker.exportColumns());
    expect(local.map((id) => main.path(map[id]!))).toEqual(PATHS);
    expect(map[worker.find('usr/bin/env')!]).toBe(main.find('usr/bin/env'));
  });

  it('grows past its first capacity', () => {
    const t = new PathTable();
    const paths = Array.from({ length: 5000 }, (_, i) => `d${i % 37}/f${i}.txt`);
    const ids = paths.map((p) => t.intern(p));
    expect(new Set(ids).size).toBe(5000);
    expect(ids.map((id) => t.path(id))).toEqual(paths);
    expect(t.size).toBe(1 + 37 + 5000);
  });

  it('tests a name on its own bytes, after the parent path and its slash', () => {
    const t = new PathTable();
    const names: string[] = [];
    const seen = (bytes: Uint8Array, start: number, end: number) => {
      names.push(Buffer.from(bytes.subarray(start, end)).toString('utf8'));
      return true;
    };
    for (const p of ['a', 'usr/bin/env', 'srv/données/café.txt', 'x/y']) {
      t.testName(t.intern(p), seen);
    }
    t.testName(t.find('usr/bin')!, seen);
    expect(names).toEqual(['a', 'env', 'café.txt', 'y', 'bin']);
  });

  it('compares absolute paths exactly as compareText compares the decoded strings', () => {
    // Segments that make ASCII, multi-byte, astral (UTF-16 surrogates sort below U+E000-U+FFFF,
    // UTF-8 bytes above) and invalid (decoded to U+FFFD) paths, sharing prefixes often.
    const segments = [
      Buffer.from('a'),
      Buffer.from('ab'),
      Buffer.from('B'),
      Buffer.from('a.b'),
      Buffer.from('é'),
      Buffer.from('\uFFFD'),
      Buffer.from('\uE000'),
      Buffer.from('😀'),
      Buffer.from([0xc3]),
      Buffer.from([0xc3, 0x41]),
      Buffer.from([0xff]),
      Buffer.from('~'),
    ];
    const t = new PathTable();
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const ids = new Set<number>([0]);
    for (let i = 0; i < 400; i++) {
      const parts: Buffer[] = [];
      const depth = 1 + (next() % 3);
      for (let d = 0; d < depth; d++) {
        const pieces = 1 + (next() % 2);
        const segment = Buffer.concat(
          Array.from({ length: pieces }, () => segments[next() % segments.length]!),
        );
        parts.push(segment);
      }
      const bytes = Buffer.concat(parts.flatMap((p, k) => (k === 0 ? [p] : [Buffer.from('/'), p])));
      ids.add(t.internBytes(bytes, 0, bytes.length));
    }
    const all = [...ids];
    const sign = (n: number) => Math.sign(n);
    let compared = 0;
    for (const a of all) {
      for (const b of all) {
        expect([a, b, sign(t.compareAbsolutePaths(a, b))]).toEqual([
          a,
          b,
          sign(compareText(t.absolutePath(a), t.absolutePath(b))),
        ]);
        compared++;
      }
    }
    expect(compared).toBe(all.length ** 2);
  });
});

/** A table made with LAYERLINT_WASM set to `setting` (read when a table is made). */
function tableWith(setting: string | undefined): PathTable {
  const saved = process.env.LAYERLINT_WASM;
  if (setting === undefined) delete process.env.LAYERLINT_WASM;
  else process.env.LAYERLINT_WASM = setting;
  try {
    return new PathTable();
  } finally {
    if (saved === undefined) delete process.env.LAYERLINT_WASM;
    else process.env.LAYERLINT_WASM = saved;
  }
}

/** `names` as the reader hands records to internRecords: bytes end to end, hashed as it hashes. */
function recordsOf(names: readonly string[]): NamedRecords {
  const window = Buffer.from(names.join(''));
  const n = names.length;
  const records = {
    window,
    nameStart: new Int32Array(n),
    nameEnd: new Int32Array(n),
    hash: new Int32Array(n),
    slash: new Int32Array(n),
    parentHash: new Int32Array(n),
  };
  let at = 0;
  names.forEach((name, r) => {
    const end = at + Buffer.byteLength(name);
    let h = FNV_OFFSET;
    let ph = FNV_OFFSET;
    let s = at;
    for (let i = at; i < end; i++) {
      if (window[i] === 0x2f) {
        ph = h;
        s = i;
      }
      h = Math.imul(h ^ window[i]!, FNV_PRIME);
    }
    records.nameStart[r] = at;
    records.nameEnd[r] = end;
    records.hash[r] = h;
    records.slash[r] = s;
    records.parentHash[r] = ph;
    at = end;
  });
  return records;
}

describe('PathTable without WebAssembly (path-table-js.ts, for node --jitless)', () => {
  /** 30k paths over a few hundred directories: enough to move every array a few times. */
  const many = Array.from(
    { length: 30_000 },
    (_, i) => `d${i % 211}/e${i % 7}/f${i}${i % 5 === 0 ? 'é' : ''}`,
  );

  function run(t: PathTable) {
    const ids = many.map((p) => t.intern(p));
    const again = new Int32Array(many.length);
    t.internRecords(recordsOf(many), 0, many.length, again);
    const other = new PathTable();
    for (const p of ['x/y', ...many.slice(0, 500), 'z']) other.intern(p);
    const map = t.merge(other.exportColumns());
    return {
      ids,
      again: [...again],
      size: t.size,
      paths: Array.from({ length: t.size }, (_, id) => t.path(id)),
      parents: Array.from({ length: t.size }, (_, id) => t.parentOf(id)),
      found: ['d3/e3/f3', 'd3/e3', 'nope', ''].map((p) => t.find(p)),
      map: [...map],
    };
  }

  it('interns, finds and merges as the WebAssembly table does', () => {
    const wasm = run(tableWith(undefined));
    const js = run(tableWith('0'));
    expect(js).toEqual(wasm);
    expect(wasm.again).toEqual(wasm.ids);
    expect(wasm.size).toBe(1 + 211 + 211 * 7 + 30_000 + 3);
  });
});

describe('PathTable on hard inputs, both ways', () => {
  it.each([5000, 8000])('interns a path %i segments deep (no recursion to run out)', (depth) => {
    for (const setting of [undefined, '0']) {
      const t = tableWith(setting);
      const deep = Array.from({ length: depth }, () => 'a').join('/');
      const id = t.intern(deep);
      expect(t.size).toBe(depth + 1);
      expect(id).toBe(depth);
      expect(t.path(t.parentOf(id))).toBe(deep.slice(0, -2));
      expect(t.intern(`${deep}/b`)).toBe(depth + 1);
      expect(t.find(deep.slice(0, 999))).toBe(500);
    }
  });

  it('interns a batch in tar order (parents taken from the record before) as one path at a time does', () => {
    // A tree walked depth first, as tar lists it: a directory, then what it holds.
    const names: string[] = [];
    const walk = (dir: string, depth: number) => {
      for (let i = 0; i < 6; i++) {
        const name = dir === '' ? `d${i}` : `${dir}/${i % 2 ? 'f' : 'd'}${i}`;
        names.push(name);
        if (depth < 5 && i % 2 === 0) walk(name, depth + 1);
      }
    };
    walk('', 0);
    // Some names whose parent never came before (no directory entry), and some repeated.
    names.push('x/y/z', 'x/y/w', 'd0/d0/f1', 'q', 'x/y/z');
    const n = names.length;
    const records = recordsOf(names);
    const one = tableWith(undefined);
    const expected = names.map((name) => one.intern(name));
    for (const setting of [undefined, '0']) {
      const t = tableWith(setting);
      const ids = new Int32Array(n);
      t.internRecords(records, 0, n, ids);
      expect([...ids]).toEqual(expected);
      expect(Array.from({ length: t.size }, (_, id) => t.parentOf(id))).toEqual(
        Array.from({ length: one.size }, (_, id) => one.parentOf(id)),
      );
    }
  });
});
