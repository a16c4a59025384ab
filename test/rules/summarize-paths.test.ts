import { describe, expect, it } from 'vitest';
import { summarizePathIds, summarizePaths } from '../../rules/helpers/image.js';
import { PathTable } from '../../src/image/path-table.js';

const f = (path: string, sizeBytes = 1) => ({ path, sizeBytes });

describe('summarizePaths', () => {
  it('orders equal sizes by label, whether a file or a directory', () => {
    expect(summarizePaths([f('/b/x', 5), f('/a/y', 5), f('/c/z', 5)])).toBe('/a/y, /b/x and /c/z');
    expect(summarizePaths([f('/srv/a', 3), f('/srv/b', 3), f('/opt/x/y', 6)])).toBe(
      '/opt/x/y and /srv',
    );
  });

  it('folds into a listed ancestor, even one that held a single file', () => {
    expect(
      summarizePaths([
        f('/opt/app/lib/a.so', 100),
        f('/opt/app/config', 10),
        f('/opt/app/lib/sub/b.so', 1),
      ]),
    ).toBe('/opt/app');
  });

  it('does not fold into a common ancestor that holds no file', () => {
    expect(summarizePaths([f('/a/b/x', 2), f('/a/c/y', 1)])).toBe('/a/b/x and /a/c/y');
  });

  it('a file at / folds everything into /', () => {
    expect(summarizePaths([f('/etc/a/b/c', 5), f('/readme', 1)])).toBe('/');
  });

  it('lifts the deepest places one level per round, merging siblings', () => {
    expect(
      summarizePaths([
        f('/usr/share/doc/a/copyright', 10),
        f('/usr/share/doc/b/copyright', 10),
        f('/usr/share/man/man1/x.1', 5),
        f('/usr/share/man/man8/y.8', 5),
        f('/etc/z', 1),
      ]),
    ).toBe('/usr/share/doc, /usr/share/man and /etc/z');
  });

  it('a lifted place that still holds one file is named by the file', () => {
    expect(
      summarizePaths([f('/opt/a/b/c/d/file', 100), f('/x/1/f'), f('/y/1/f'), f('/z/1/f')]),
    ).toBe('/opt/a/b/c/d/file, /x/1/f, /y/1/f and 1 more place');
  });

  it('max: 1 lifts up to a single top directory; 5 shows five and counts the rest', () => {
    expect(
      summarizePaths(
        [
          f('/var/cache/apt/archives/curl.deb', 16384),
          f('/var/cache/apt/pkgcache.bin', 40960),
          f('/var/lib/apt/lists/x_Packages', 131072),
          f('/var/lib/apt/lists/x_InRelease', 12288),
        ],
        1,
      ),
    ).toBe('/var');
    expect(
      summarizePaths(
        [f('/a/x', 5), f('/b/x', 4), f('/c/x', 3), f('/d/x', 2), f('/e/x', 1), f('/f/x', 1)],
        5,
      ),
    ).toBe('/a/x, /b/x, /c/x, /d/x, /e/x and 1 more place');
  });

  it('a large max: lifts only while there are more places than it', () => {
    const files = Array.from({ length: 12 }, (_v, i) => f(`/srv/d${i}/x/f`, i));
    expect(summarizePaths(files, 10)).toBe('/srv');
    expect(summarizePaths([...files, f('/srv/d0/x/g', 50)], 12)).toBe(
      '/srv/d0/x, /srv/d11/x/f, /srv/d10/x/f, /srv/d9/x/f, /srv/d8/x/f, /srv/d7/x/f, /srv/d6/x/f, /srv/d5/x/f, /srv/d4/x/f, /srv/d3/x/f, /srv/d2/x/f and /srv/d1/x/f',
    );
  });

  it('no files: empty', () => {
    expect(summarizePaths([])).toBe('');
  });
});

describe('summarizePathIds', () => {
  /** Both summaries of the same files; the ids version reads the paths from a table. */
  const both = (files: readonly { path: string; sizeBytes: number }[], max: number) => {
    const table = new PathTable();
    const ids = files.map((file) => table.intern(file.path.slice(1)));
    return [
      summarizePaths(files, max),
      summarizePathIds(
        table,
        ids,
        files.map((file) => file.sizeBytes),
        max,
      ),
    ];
  };

  it('names the same places as summarizePaths for the cases above', () => {
    const cases = [
      [f('/b/x', 5), f('/a/y', 5), f('/c/z', 5)],
      [f('/opt/app/lib/a.so', 100), f('/opt/app/config', 10), f('/opt/app/lib/sub/b.so', 1)],
      [f('/etc/a/b/c', 5), f('/readme', 1)],
      [f('/opt/a/b/c/d/file', 100), f('/x/1/f'), f('/y/1/f'), f('/z/1/f')],
      [f('/var/cache/apt/archives/curl.deb', 16384), f('/var/lib/apt/lists/x_Packages', 131072)],
      Array.from({ length: 12 }, (_v, i) => f(`/srv/d${i}/x/f`, i)),
      [f('/srv/données/café.txt', 3), f('/srv/données/thé', 3), f('/tmp/ü', 9)],
      [],
    ];
    for (const files of cases) {
      for (const max of [1, 2, 3, 5, 10]) {
        const [byPath, byId] = both(files, max);
        expect(byId).toBe(byPath);
      }
    }
  });

  it('names the same places for 300 seeded sets of files', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const names = ['a', 'b', 'usr', 'lib', 'x.so', 'é', 'node_modules', 'c d'];
    let compared = 0;
    for (let round = 0; round < 300; round++) {
      const files = Array.from({ length: 1 + next(40) }, () => {
        const depth = 1 + next(6);
        const path = `/${Array.from({ length: depth }, () => names[next(names.length)]).join('/')}`;
        return f(path, next(4) * 1000 + next(3));
      });
      // No file may also be a directory of another; every other round, a path may repeat (two
      // versions of one file).
      const unique = files.filter(
        (file, i) =>
          (round % 2 === 0 || files.findIndex((o) => o.path === file.path) === i) &&
          !files.some((o) => o.path.startsWith(`${file.path}/`)),
      );
      const max = [1, 2, 3, 4, 9][round % 5]!;
      const [byPath, byId] = both(unique, max);
      expect(byId).toBe(byPath);
      compared++;
    }
    expect(compared).toBe(300);
  });
});
