import { describe, expect, it } from 'vitest';
import { PathTable } from '../../src/image/path-table.js';

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
});
