/**
 * Review of the column entry model (LayerEntries, PathTable, the reader's byte fast path, worker
 * scans): real archives, written byte by byte so that every header form can be chosen (ustar
 * prefix, GNU long names, PAX records, raw non-UTF-8 names), read by the real reader and
 * analysed. Expected values follow tar/OCI semantics and what the object-based reader
 * (d0cf2df) gave. The last group pins the three bugs this review found, since fixed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isCandidateName, mayBeCandidate } from '../../rules/secret-in-layer.js';
import { analyzeImage } from '../../src/analysis/analyze.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { toLayerEntry } from '../../src/image/entries.js';
import { FNV_OFFSET, FNV_PRIME, PathTable } from '../../src/image/path-table.js';
import { type ReadImageOptions, readImage } from '../../src/image/read-image.js';
import type { LoadedImage } from '../../src/image/types.js';
import { tempDir } from '../helpers/image-fixtures.js';
import { cat, gnuLong, imageTar, latin1, member, pax, tarOf } from '../helpers/tar-writer.js';

function writeImage(layers: readonly Buffer[], file = 'image.tar', order?: number[]): string {
  const path = join(tempDir(), file);
  const archive = imageTar(layers, order);
  writeFileSync(path, file.endsWith('.gz') ? gzipSync(archive) : archive);
  return path;
}

async function load(
  source: string,
  options: ReadImageOptions = {},
): Promise<{ image: LoadedImage; analysis: ImageAnalysis }> {
  const image = await readImage(source, options);
  return { image, analysis: analyzeImage(image) };
}

const loadLayers = (layers: readonly Buffer[]) => load(writeImage(layers));

/** Every id of the table agrees with its path: find, parent, absolute form. */
function expectConsistentTable(paths: PathTable): void {
  const problems: string[] = [];
  for (let id = 1; id < paths.size; id++) {
    const path = paths.path(id);
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? '' : path.slice(0, slash);
    if (paths.find(path) !== id) problems.push(`find ${path}`);
    if (paths.parentOf(id) !== paths.find(parent)) problems.push(`parent ${path}`);
    if (paths.absolutePath(id) !== `/${path}`) problems.push(`absolute ${path}`);
    if (paths.parentOf(id) >= id) problems.push(`parent after child ${path}`);
  }
  expect(problems).toEqual([]);
}

function fnv(path: string): number {
  let h = FNV_OFFSET;
  for (const b of Buffer.from(path)) h = Math.imul(h ^ b, FNV_PRIME);
  return h;
}

// ---------------------------------------------------------------------------------------------

describe('entry names through the reader', () => {
  // [raw ustar name, typeflag, content]; every one goes through the byte fast path first.
  const NAMES: readonly (readonly [string, string, string])[] = [
    ['usr/bin/env', '0', 'abc'],
    ['./etc/', '5', ''],
    ['/abs/f', '0', 'x'],
    ['.//lead2', '0', ''],
    ['././lead3', '0', ''],
    ['a//b', '0', ''],
    ['a/./c', '0', ''],
    ['a/../d', '0', ''],
    ['e//', '5', ''],
    ['...', '0', ''],
    ['..g', '0', ''],
    ['.hidden/.x', '0', ''],
    ['./', '5', ''],
    ['.', '5', ''],
    ['/', '5', ''],
    ['h/.wh.gone', '0', ''],
    ['.wh.', '0', ''],
    ['i/.wh..wh..opq', '0', ''],
    ['./.wh..wh..opq', '0', ''],
    ['j/.wh..wh.plnk', '0', ''],
    ['.wh..wh.plnk/123', '0', 'p'],
    ['k/.wh.l/', '0', ''],
    ['café/ñ', '0', 'é'],
    ['.whx', '0', ''],
    ['m/.wh', '0', ''],
    ['n/', '0', 'yy'],
  ];

  it('normalises every name form as the string path does, with exact entries', async () => {
    const layer = tarOf(NAMES.map(([name, type, data]) => member({ name, type }, data)));
    const { image } = await loadLayers([layer]);
    const f = { type: 'file', mode: 0o644, uid: 0, gid: 0 } as const;
    const d = { type: 'dir', sizeBytes: 0, mode: 0o755, uid: 0, gid: 0 } as const;
    expect(image.layers[0]!.entries.toArray()).toEqual([
      { path: 'usr/bin/env', sizeBytes: 3, ...f },
      { path: 'etc', ...d },
      { path: 'abs/f', sizeBytes: 1, ...f },
      { path: 'lead2', sizeBytes: 0, ...f },
      { path: 'lead3', sizeBytes: 0, ...f },
      { path: 'a/b', sizeBytes: 0, ...f },
      { path: 'a/c', sizeBytes: 0, ...f },
      { path: 'd', sizeBytes: 0, ...f },
      { path: 'e', ...d },
      { path: '...', sizeBytes: 0, ...f },
      { path: '..g', sizeBytes: 0, ...f },
      { path: '.hidden/.x', sizeBytes: 0, ...f },
      // './', '.', '/' are the root: no entry.
      { path: 'h/gone', sizeBytes: 0, ...f, whiteout: 'file' },
      // '.wh.' names nothing (a warning); opaque markers become their directory.
      { path: 'i', sizeBytes: 0, ...f, type: 'dir', whiteout: 'opaque' },
      { path: '', sizeBytes: 0, ...f, type: 'dir', whiteout: 'opaque' },
      // j/.wh..wh.plnk is aufs metadata: no entry. A directory of that name is a plain path.
      { path: '.wh..wh.plnk/123', sizeBytes: 1, ...f },
      { path: 'k/l', sizeBytes: 0, ...f, whiteout: 'file' },
      { path: 'café/ñ', sizeBytes: 2, ...f },
      { path: '.whx', sizeBytes: 0, ...f },
      { path: 'm/.wh', sizeBytes: 0, ...f },
      { path: 'n', sizeBytes: 2, ...f },
    ]);
    expect(image.warnings).toEqual(['layer 0: whiteout ".wh." names nothing; ignored']);
    // The same as the string path (toLayerEntry, unchanged since the object model) per name.
    const oracle = NAMES.flatMap(([name, type, data]) => {
      const e = toLayerEntry(
        {
          name,
          typeflag: type,
          size: Buffer.byteLength(data),
          mode: type === '5' ? 0o755 : 0o644,
          uid: 0,
          gid: 0,
          linkname: '',
          dataOffset: 0,
        },
        () => undefined,
      );
      return e ? [e] : [];
    });
    expect(image.layers[0]!.entries.toArray()).toEqual(oracle);
    expectConsistentTable(image.paths);
  });

  it('gives the same entries and ids through PAX path, GNU long names and the ustar prefix', async () => {
    // [path, type, link]: each layer writes them in another header form.
    const MEMBERS: readonly (readonly [string, string, string | undefined])[] = [
      ['usr/bin/x', '0', undefined],
      ['usr/lib/y/', '5', undefined],
      ['./opt/z', '0', undefined],
      ['srv/données/f', '0', undefined],
      ['q/.wh.r', '0', undefined],
      ['s/.wh..wh..opq', '0', undefined],
      ['hl/link', '1', './usr/bin/x'],
      ['hl/sym', '2', '../usr/bin/x'],
    ];
    const plain = MEMBERS.map(([name, type, link]) =>
      member(
        { name, type, ...(link !== undefined && { linkname: link }) },
        type === '0' ? 'ab' : '',
      ),
    );
    const viaPax = MEMBERS.flatMap(([name, type, link]) => [
      pax({ path: name, ...(link !== undefined && { linkpath: link }) }),
      member({ name: 'not-this-name', type, linkname: 'not-this-link' }, type === '0' ? 'ab' : ''),
    ]);
    const viaGnu = MEMBERS.flatMap(([name, type, link]) => [
      gnuLong('L', name),
      ...(link !== undefined ? [gnuLong('K', link)] : []),
      member({ name: 'not-this-name', type, linkname: link ?? '' }, type === '0' ? 'ab' : ''),
    ]);
    const viaPrefix = MEMBERS.map(([name, type, link]) => {
      const slash = name.indexOf('/', 1);
      return member(
        {
          prefix: name.slice(0, slash),
          name: name.slice(slash + 1),
          type,
          ...(link !== undefined && { linkname: link }),
        },
        type === '0' ? 'ab' : '',
      );
    });
    const { image } = await loadLayers([plain, viaPax, viaGnu, viaPrefix].map(tarOf));
    const [first, ...rest] = image.layers.map((l) => l.entries);
    expect(first!.toArray()).toEqual([
      { path: 'usr/bin/x', type: 'file', sizeBytes: 2, mode: 0o644, uid: 0, gid: 0 },
      { path: 'usr/lib/y', type: 'dir', sizeBytes: 0, mode: 0o755, uid: 0, gid: 0 },
      { path: 'opt/z', type: 'file', sizeBytes: 2, mode: 0o644, uid: 0, gid: 0 },
      { path: 'srv/données/f', type: 'file', sizeBytes: 2, mode: 0o644, uid: 0, gid: 0 },
      { path: 'q/r', type: 'file', sizeBytes: 0, mode: 0o644, uid: 0, gid: 0, whiteout: 'file' },
      { path: 's', type: 'dir', sizeBytes: 0, mode: 0o644, uid: 0, gid: 0, whiteout: 'opaque' },
      {
        path: 'hl/link',
        type: 'hardlink',
        sizeBytes: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
        linkTarget: 'usr/bin/x',
      },
      {
        path: 'hl/sym',
        type: 'symlink',
        sizeBytes: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
        linkTarget: '../usr/bin/x',
      },
    ]);
    for (const entries of rest) {
      expect(entries.toArray()).toEqual(first!.toArray());
      expect([...entries.ids.subarray(0, entries.length)]).toEqual([
        ...first!.ids.subarray(0, first!.length),
      ]);
    }
    // '', usr, usr/bin, usr/bin/x, usr/lib, usr/lib/y, opt, opt/z, srv, srv/données,
    // srv/données/f, q, q/r, s, hl, hl/link, hl/sym: each once, whichever form named it first.
    expect(image.paths.size).toBe(17);
    expectConsistentTable(image.paths);
  });

  it('a path named by the fast path and later by PAX, GNU or a prefix is one path', async () => {
    const { analysis, image } = await loadLayers([
      tarOf([member({ name: 'usr/bin/x' }, '1')]),
      tarOf([pax({ path: 'usr/bin/x' }), member({ name: 'ignored' }, '22')]),
      tarOf([gnuLong('L', './usr/bin/x'), member({ name: 'ignored' }, '333')]),
      tarOf([member({ prefix: 'usr/bin', name: 'x' }, '4444')]),
      tarOf([member({ name: '/usr/bin/x' }, '55555')]),
    ]);
    expect(image.paths.size).toBe(4);
    expect(analysis.visibleBytes).toBe(5);
    expect(analysis.hiddenFiles).toEqual(
      [4, 3, 2, 1].map((size) => ({
        path: '/usr/bin/x',
        sizeBytes: size,
        addedInLayer: size - 1,
        hiddenByLayer: size,
        how: 'overwritten',
      })),
    );
    expect(analysis.layers.map((l) => l.changes)).toEqual([
      { added: 3, modified: 0, removed: 0 },
      { added: 0, modified: 1, removed: 0 },
      { added: 0, modified: 1, removed: 0 },
      { added: 0, modified: 1, removed: 0 },
      { added: 0, modified: 1, removed: 0 },
    ]);
  });

  it.each([
    ['../x', 'plain'],
    ['a/../../x', 'plain'],
    ['/../x', 'plain'],
    ['./../x', 'plain'],
    ['..', 'plain'],
    ['../x', 'pax'],
    ['a/../../x', 'gnu'],
  ])('rejects %s (%s) as escaping the root, with the one-line message', async (name, how) => {
    const members =
      how === 'pax'
        ? [pax({ path: name }), member({ name: 'n' }, 'x')]
        : how === 'gnu'
          ? [gnuLong('L', name), member({ name: 'n' }, 'x')]
          : [member({ name }, 'x')];
    const file = writeImage([tarOf([member({ name: 'ok' }, 'y'), ...members])]);
    await expect(readImage(file)).rejects.toThrow(
      `${file}: entry ${JSON.stringify(name)} escapes the image root`,
    );
  });

  it('rejects a hard link whose target escapes the root, in the fast and the PAX form', async () => {
    for (const members of [
      [member({ name: 'l', type: '1', linkname: '../x' })],
      [pax({ linkpath: '/../x' }), member({ name: 'l', type: '1', linkname: 'ok' })],
    ]) {
      const file = writeImage([tarOf(members)]);
      await expect(readImage(file)).rejects.toThrow(/escapes the image root/);
    }
  });
});

describe('whiteouts, opaque directories and hard links', () => {
  it('hard links given with ./ and / share the content of their target', async () => {
    const l0 = tarOf([
      member({ name: 'usr/bin/a' }, '0123456789'),
      member({ name: './usr/bin/b', type: '1', linkname: '/usr/bin/a' }),
      member({ name: 'c', type: '1', linkname: './usr/bin/a' }),
    ]);
    const l1 = tarOf([member({ name: 'usr/bin/.wh.a' })]);
    const l2 = tarOf([member({ name: './usr/bin/.wh.b' }), member({ name: '.wh.c' })]);
    const two = await loadLayers([l0, l1]);
    expect(two.analysis.visibleBytes).toBe(10);
    expect(two.analysis.hiddenFiles).toEqual([]);
    expect(two.analysis.finalFiles.filesUnder('')).toEqual([
      { path: '/c', sizeBytes: 10, layer: 0, inode: 0 },
      { path: '/usr/bin/b', sizeBytes: 10, layer: 0, inode: 0 },
    ]);
    const three = await loadLayers([l0, l1, l2]);
    expect(three.analysis.visibleBytes).toBe(0);
    expect(three.analysis.storedBytes).toBe(10);
    // The last name to go reports the bytes: entries apply in layer order.
    expect(three.analysis.hiddenFiles).toEqual([
      { path: '/c', sizeBytes: 10, addedInLayer: 0, hiddenByLayer: 2, how: 'deleted' },
    ]);
  });

  it('opaque markers apply before the layer’s other entries, wherever they sit', async () => {
    const { analysis } = await loadLayers([
      tarOf([
        member({ name: 'app/', type: '5' }),
        member({ name: 'app/a' }, 'aaa'),
        member({ name: 'app/sub/', type: '5' }),
        member({ name: 'app/sub/b' }, 'bbbbb'),
        member({ name: 'keep' }, 'kk'),
        member({ name: 'gone' }, 'ggggggg'),
      ]),
      tarOf([
        member({ name: 'app/new' }, 'n'),
        member({ name: 'app/.wh..wh..opq' }),
        member({ name: '.wh.gone' }),
        member({ name: 'x/.wh..wh.plnk' }),
      ]),
    ]);
    expect(analysis.hiddenFiles).toEqual([
      { path: '/gone', sizeBytes: 7, addedInLayer: 0, hiddenByLayer: 1, how: 'deleted' },
      { path: '/app/sub/b', sizeBytes: 5, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      { path: '/app/a', sizeBytes: 3, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
    ]);
    expect(analysis.visibleBytes).toBe(3);
    expect(analysis.layers.map((l) => l.changes)).toEqual([
      { added: 6, modified: 0, removed: 0 },
      { added: 1, modified: 0, removed: 4 },
    ]);
    expect(analysis.finalFiles.childrenOf('app')).toEqual(['new']);
    expect(analysis.finalFiles.childrenOf('')).toEqual(['app', 'keep']);
  });

  it('a root opaque marker (./.wh..wh..opq) hides everything below; ties sort by path', async () => {
    const l0 = tarOf([
      member({ name: 'z' }, '1234'),
      member({ name: 'm/y' }, '1234'),
      member({ name: 'dup' }, '1234'),
      member({ name: 'a' }, '1234'),
      member({ name: 'm/b' }, '1234'),
      member({ name: 'dup' }, 'abcd'),
    ]);
    const l1 = tarOf([member({ name: './.wh..wh..opq' })]);
    const file = writeImage([l0, l1]);
    const expected = [
      { path: '/a', sizeBytes: 4, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      { path: '/dup', sizeBytes: 4, addedInLayer: 0, hiddenByLayer: 0, how: 'overwritten' },
      { path: '/dup', sizeBytes: 4, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      { path: '/m/b', sizeBytes: 4, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      { path: '/m/y', sizeBytes: 4, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      { path: '/z', sizeBytes: 4, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
    ];
    for (let run = 0; run < 4; run++) {
      const { analysis } = await load(file);
      expect(analysis.hiddenFiles).toEqual(expected);
      expect(analysis.visibleBytes).toBe(0);
    }
  });
});

describe('the path table under collisions and growth', () => {
  it('keeps apart paths whose FNV-1a hashes collide, parents included', async () => {
    // FNV-1a collides on these two 4-byte names, so on every path that extends them equally.
    expect(fnv('7yzl')).toBe(fnv('e6ap'));
    expect(fnv('7yzl/f')).toBe(fnv('e6ap/f'));
    // 1020 fillers, then a deep path: the columns grow (id 1024) and the slots rehash (1025
    // paths) while its parents are interned.
    const fillers = Array.from({ length: 1020 }, (_, i) => member({ name: `fill/${i}` }));
    const deep = `${Array.from({ length: 12 }, (_, i) => `d${i}`).join('/')}/leaf`;
    const l0 = tarOf([
      ...fillers,
      member({ name: deep }, 'deep'),
      member({ name: '7yzl/f' }, 'A'),
      member({ name: 'e6ap/f' }, 'BB'),
      member({ name: 'e6ap/', type: '5' }),
      pax({ path: '7yzl/g' }),
      member({ name: 'not-this-name' }, 'GGG'),
      member({ name: 'x' }, 'CCC'),
    ]);
    const l1 = tarOf([
      member({ name: '.wh.e6ap' }),
      pax({ path: '7yzl/f' }),
      member({ name: 'not-this-name' }, 'FFFF'),
      member({ name: 'x' }, 'DDDD'),
      member({ name: 'fill', type: '5', mode: 0o700 }),
    ]);
    const expectImage = ({ image, analysis }: { image: LoadedImage; analysis: ImageAnalysis }) => {
      expect(image.paths.size).toBe(1 + 1 + 1020 + 13 + 2 + 1 + 2 + 1);
      expectConsistentTable(image.paths);
      expect(image.paths.path(image.paths.find(deep)!)).toBe(deep);
      expect(analysis.hiddenFiles).toEqual([
        { path: '/x', sizeBytes: 3, addedInLayer: 0, hiddenByLayer: 1, how: 'overwritten' },
        { path: '/e6ap/f', sizeBytes: 2, addedInLayer: 0, hiddenByLayer: 1, how: 'deleted' },
        { path: '/7yzl/f', sizeBytes: 1, addedInLayer: 0, hiddenByLayer: 1, how: 'overwritten' },
      ]);
      // deep (4) + 7yzl/g (3) + 7yzl/f (4) + x (4)
      expect(analysis.visibleBytes).toBe(15);
      expect(analysis.finalFiles.childrenOf('7yzl')).toEqual(['f', 'g']);
      expect(analysis.finalFiles.typeOf('e6ap')).toBeUndefined();
      expect(analysis.finalFiles.typeOf('e6ap/f')).toBeUndefined();
      expect(analysis.layers[1]!.changes).toEqual({ added: 0, modified: 3, removed: 2 });
    };
    const plain = writeImage([l0, l1]);
    expectImage(await load(plain));
    // Streamed (gzip-wrapped archive; stdin in 100-byte chunks, so headers straddle chunks).
    expectImage(await load(writeImage([l0, l1], 'image.tar.gz')));
    const archive = imageTar([l0, l1]);
    const chunks: Buffer[] = [];
    for (let at = 0; at < archive.length; at += 100) chunks.push(archive.subarray(at, at + 100));
    expectImage(await load('-', { stdin: Readable.from(chunks) }));
  });

  it('interns more after reading, and keeps every earlier id', async () => {
    const { image } = await loadLayers([tarOf([member({ name: 'a/b/c' }, 'x')])]);
    const paths = image.paths;
    const before = ['a', 'a/b', 'a/b/c'].map((p) => paths.find(p));
    const added = Array.from({ length: 3000 }, (_, i) => paths.intern(`n${i % 7}/é${i}/leaf`));
    expect(['a', 'a/b', 'a/b/c'].map((p) => paths.find(p))).toEqual(before);
    expect(added.map((id) => paths.path(id))).toEqual(
      Array.from({ length: 3000 }, (_, i) => `n${i % 7}/é${i}/leaf`),
    );
    expectConsistentTable(paths);
    expect(paths.intern('7yzl/q')).toBe(paths.size - 1);
    expect(paths.intern('e6ap/q')).toBe(paths.size - 1);
    expectConsistentTable(paths);
  });

  it('merges a table that shares paths and colliding hashes with the main one', () => {
    const main = new PathTable();
    main.intern('7yzl/f');
    main.intern('usr/bin/env');
    const other = new PathTable();
    const names = ['e6ap/f', 'usr/bin/env', '7yzl/f', 'usr/bin/x', '7yzl/g'];
    const local = names.map((p) => other.intern(p));
    const map = main.merge(other.exportColumns());
    expect(local.map((id) => main.path(map[id]!))).toEqual(names);
    expect(map[other.find('7yzl/f')!]).toBe(main.find('7yzl/f'));
    expect(map[other.find('usr/bin')!]).toBe(main.find('usr/bin'));
    expect(main.size).toBe(1 + 2 + 3 + 2 + 2);
    expectConsistentTable(main);
  });
});

describe('secret-in-layer byte filter', () => {
  it('passes every name the string test passes', () => {
    const names = [
      'id_rsa',
      'id_ed25519_sk',
      'credentials',
      'config.json',
      '.npmrc',
      '_netrc',
      '.env',
      '.env.local',
      '.envrc',
      'server.key',
      'a.pem',
      'x.ppk',
      'é.key',
      'clé.pem',
      '.key',
      'key',
      'pem',
      'idrsa',
      'config.jsonx',
      '',
    ];
    for (const name of names) {
      const b = Buffer.from(`dir/${name}`);
      const passes = mayBeCandidate(b, 4, b.length);
      if (isCandidateName(name)) expect(passes, name).toBe(true);
    }
  });
});

describe('owners above 2^31 (PAX uid/gid)', () => {
  // 4294967294 is `nobody` on some systems. The columns hold owners as Uint32; the analysis
  // compared them with Int32 copies, so a directory listed again unchanged counted as modified.
  it('a directory listed again with the same owner 4294967294 is not modified', async () => {
    const owner = { uid: '4294967294', gid: '4294967294' };
    const { analysis } = await loadLayers([
      tarOf([pax(owner), member({ name: 'srv/', type: '5' })]),
      tarOf([pax(owner), member({ name: 'srv/', type: '5' }), member({ name: 'srv/x' }, 'x')]),
    ]);
    expect(analysis.layers.map((l) => l.changes)).toEqual([
      { added: 1, modified: 0, removed: 0 },
      { added: 1, modified: 0, removed: 0 },
    ]);
  });
});

describe('behaviour that differed from the object-based reader (fixed)', () => {
  // The fast path interned the raw bytes of a ustar name; every other path (whiteouts, PAX,
  // GNU, prefixes, hard-link targets, PathTable.find) goes through a decoded string, where a
  // byte that is not UTF-8 becomes U+FFFD: one file had two paths. Non-ASCII names now take
  // the string path.
  it('a whiteout deletes a file whose ustar name is not UTF-8', async () => {
    const { analysis } = await loadLayers([
      tarOf([member({ name: latin1('a') }, 'hello')]),
      tarOf([member({ name: cat('.wh.', latin1('a')) })]),
    ]);
    expect(analysis.visibleBytes).toBe(0);
    expect(analysis.hiddenFiles).toEqual([
      { path: '/a\uFFFD', sizeBytes: 5, addedInLayer: 0, hiddenByLayer: 1, how: 'deleted' },
    ]);
    expect(analysis.finalFiles.childrenOf('')).toEqual([]);
  });

  it('an opaque marker in a directory whose name is not UTF-8 hides its files', async () => {
    const { analysis } = await loadLayers([
      tarOf([
        member({ name: latin1('o'), type: '5' }),
        member({ name: cat(latin1('o'), '/f') }, 'abc'),
      ]),
      tarOf([member({ name: cat(latin1('o'), '/.wh..wh..opq') })]),
    ]);
    expect(analysis.hiddenFiles).toEqual([
      { path: '/o\uFFFD/f', sizeBytes: 3, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
    ]);
    expect(analysis.finalFiles.childrenOf('')).toEqual(['o\uFFFD']);
  });

  it('a hard link to a file whose name is not UTF-8 shares its content', async () => {
    const { analysis } = await loadLayers([
      tarOf([
        member({ name: latin1('d') }, '1234567'),
        member({ name: 'e', type: '1', linkname: latin1('d') }),
      ]),
      tarOf([member({ name: latin1('d') }, 'z')]),
    ]);
    expect(analysis.visibleBytes).toBe(8);
    expect(analysis.hiddenFiles).toEqual([]);
    expect(analysis.finalFiles.typeOf('d\uFFFD')).toBe('file');
  });

  // Path ids were given in scan order (archive member order for a streamed archive, the order
  // layer scans finish on the main thread), and `remove` in src/analysis/hidden.ts walks
  // children in id order: which name of a hard-linked file reported its hidden bytes followed.
  // readImage now numbers paths in layer order (numberInLayerOrder), as the object-based
  // analysis did.
  it('the name reported for hidden hard-linked bytes does not depend on member order', async () => {
    const pad = (name: string) => member({ name }, Buffer.alloc(1 << 20)); // streamed, not buffered
    const layers = [
      tarOf([
        member({ name: 'd/', type: '5' }),
        member({ name: 'd/z' }, '12345'),
        member({ name: 'd/a', type: '1', linkname: 'd/z' }),
        pad('p0'),
      ]),
      tarOf([member({ name: '.wh.d' }), pad('p1')]),
      tarOf([member({ name: 'd/a' }, 'x'), pad('p2')]),
    ];
    const inOrder = await load(writeImage(layers, 'image.tar.gz'));
    const reversed = await load(writeImage(layers, 'image.tar.gz', [2, 1, 0]));
    expect(inOrder.analysis.hiddenFiles).toEqual([
      { path: '/d/z', sizeBytes: 5, addedInLayer: 0, hiddenByLayer: 1, how: 'deleted' },
    ]);
    expect(reversed.analysis.hiddenFiles).toEqual(inOrder.analysis.hiddenFiles);
  });
});

// ---------------------------------------------------------------------------------------------
// Worker threads exist only in the compiled package: these run the CLI (bin → dist).

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');

function cli(file: string, workers: '0' | 'always' | 'walk', json = true) {
  const r = spawnSync(
    process.execPath,
    [BIN, 'analyze', file, ...(json ? ['--format', 'json'] : [])],
    { encoding: 'utf8', env: { ...process.env, LAYERLINT_WORKERS: workers } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('layers scanned on worker threads', () => {
  it('give the same report for names in every header form, collisions and links', () => {
    const file = writeImage([
      tarOf([
        member({ name: 'usr/bin/a' }, '0123456789'),
        member({ name: './usr/bin/b', type: '1', linkname: '/usr/bin/a' }),
        member({ name: '7yzl/f' }, 'A'),
        member({ name: 'e6ap/f' }, 'BB'),
        member({ prefix: 'srv/données', name: 'f' }, 'ccc'),
        gnuLong('L', `long/${'n'.repeat(150)}`),
        member({ name: 'x' }, 'dddd'),
      ]),
      tarOf([
        member({ name: '.wh.e6ap' }),
        pax({ path: '7yzl/f' }),
        member({ name: 'y' }, 'eeeee'),
        member({ name: 'srv/.wh..wh..opq' }),
        member({ name: 'usr/bin/.wh.a' }),
      ]),
      tarOf([member({ name: '/usr/bin/b' }, 'f')]),
    ]);
    const here = cli(file, '0');
    const there = cli(file, 'always');
    const walked = cli(file, 'walk');
    expect(here.code).toBe(0);
    expect(here.stderr).toBe('');
    expect(there.stderr).toBe('');
    expect(there.stdout).toBe(here.stdout);
    expect(walked).toEqual(here);
    const report = JSON.parse(here.stdout) as { visibleBytes: number; hiddenFiles: unknown[] };
    // long/nnn… (4) + 7yzl/f (5) + usr/bin/b (1)
    expect(report.visibleBytes).toBe(10);
    expect(report.hiddenFiles).toEqual([
      { path: '/usr/bin/b', sizeBytes: 10, addedInLayer: 0, hiddenByLayer: 2, how: 'overwritten' },
      { path: '/srv/données/f', sizeBytes: 3, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      { path: '/e6ap/f', sizeBytes: 2, addedInLayer: 0, hiddenByLayer: 1, how: 'deleted' },
      { path: '/7yzl/f', sizeBytes: 1, addedInLayer: 0, hiddenByLayer: 1, how: 'overwritten' },
    ]);
  });

  const corrupt = (layer: Buffer, at: number) => {
    const copy = Buffer.from(layer);
    copy[at]! ^= 1;
    return copy;
  };
  const ok = tarOf([member({ name: 'a' }, 'hello'), member({ name: 'b' }, 'x')]);

  it.each([
    [
      'a bad header checksum',
      corrupt(ok, 1024 + 10),
      /layer l0\/layer\.tar: bad tar header checksum at byte 1024$/,
    ],
    [
      'a truncated layer',
      ok.subarray(0, 514),
      /layer l0\/layer\.tar: tar ends in the middle of a \(needs 5 bytes, 2 left\)$/,
    ],
    [
      'an escaping entry',
      tarOf([member({ name: '../../etc/passwd' }, 'x')]),
      /entry "\.\.\/\.\.\/etc\/passwd" escapes the image root$/,
    ],
    ['corrupt gzip', corrupt(gzipSync(ok), 30), /compressed data is corrupt/],
  ])('a first layer with %s: the same one line both ways', (_what, layer, pattern) => {
    const file = writeImage([layer, ok]);
    const here = cli(file, '0', false);
    const there = cli(file, 'always', false);
    expect(here.code).toBe(2);
    expect(here.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(here.stderr.trimEnd()).toMatch(pattern);
    expect(there).toEqual(here);
    expect(cli(file, 'walk', false)).toEqual(here);
  });

  // src/image/read-image.ts openScanner: the promise of each worker scan got a handler only
  // when the layers before it had been adopted; a later layer that failed while an earlier one
  // was still being scanned was an unhandled rejection (exit 1, a stack trace). Fixed.
  it.skipIf(availableParallelism() < 2)(
    'a bad layer after a slow one: one line and exit 2 on workers too',
    () => {
      const many = Array.from({ length: 40_000 }, (_, i) => member({ name: `usr/share/f${i}` }));
      const slow = gzipSync(tarOf(many), { level: 1 });
      const file = writeImage([slow, corrupt(ok, 10)]);
      const expected = `layerlint: ${file}: layer l1/layer.tar: bad tar header checksum at byte 0\n`;
      expect(cli(file, '0', false)).toEqual({ code: 2, stdout: '', stderr: expected });
      for (let run = 0; run < 2; run++) {
        expect(cli(file, 'always', false)).toEqual({ code: 2, stdout: '', stderr: expected });
      }
    },
  );

  // src/image/walk-feed.ts: one worker reads and walks the uncompressed layers, this thread
  // interns them from batches of 8192 records, the headers the walker leaves placed between.
  it('walked on one worker: batches, the headers between them and links give the same report', () => {
    const many = (layer: number, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const name = `l${layer}/d${i % 97}/f${i}`;
        if (i % 1000 === 7) return pax({ path: `${name}-pax` });
        if (i % 1000 === 8) return member({ name: `${name}-after-pax` }, 'p');
        if (i % 5000 === 9) return member({ name: `l0/d${(i - 9) % 97}/.wh.f${i - 9}` });
        if (i % 3000 === 10)
          return member({ name: `${name}-ln`, type: '2', linkname: `f${i - 1}` });
        if (i % 8192 === 0) return member({ prefix: `pré/${layer}`, name: `f${i}` }, 'z');
        // Headers the walker leaves among the records, and a run of 5000 of them: their blocks
        // outgrow a batch's first bytes.
        if (i % 50 === 11 || (layer === 1 && i >= 1000 && i < 6000)) {
          return member({ name: `${name}-é` }, 'é');
        }
        return member({ name }, i % 3 === 0 ? 'xy' : '');
      });
    const file = writeImage([
      tarOf(many(0, 30_000)),
      tarOf(many(1, 20_000)),
      gzipSync(tarOf(many(2, 100))),
    ]);
    const here = cli(file, '0');
    expect(here.code).toBe(0);
    expect(here.stderr).toBe('');
    expect(cli(file, 'walk')).toEqual(here);
    const report = JSON.parse(here.stdout) as {
      layers: { entryCount: number }[];
      hiddenFiles: unknown[];
    };
    // A PAX header is no entry: it names the member after it.
    expect(report.layers.map((l) => l.entryCount)).toEqual([29_970, 19_980, 99]);
    // The whiteouts name l0 f0 (written with a prefix, so not there), f5000 and f10000 (empty:
    // nothing hidden) and f15000, which layer 0 deletes after writing it.
    expect(report.hiddenFiles).toEqual([
      { path: '/l0/d62/f15000', sizeBytes: 2, addedInLayer: 0, hiddenByLayer: 0, how: 'deleted' },
    ]);
  });

  it('walked on one worker: a bad layer after a large one is one line and exit 2', () => {
    const many = Array.from({ length: 40_000 }, (_, i) => member({ name: `usr/share/f${i}` }));
    const file = writeImage([tarOf(many), corrupt(ok, 10)]);
    const expected = `layerlint: ${file}: layer l1/layer.tar: bad tar header checksum at byte 0\n`;
    expect(cli(file, '0', false)).toEqual({ code: 2, stdout: '', stderr: expected });
    expect(cli(file, 'walk', false)).toEqual({ code: 2, stdout: '', stderr: expected });
  });

  // Review of the walk feed: the main thread walks the layers it claims (the largest that fit in
  // 30% of the bytes), the worker the others; batches are taken in layer order.
  it('walked on one worker: of two bad layers, the first one is the one reported', () => {
    const many = Array.from({ length: 40_000 }, (_, i) => member({ name: `usr/share/f${i}` }));
    const bad = tarOf([member({ name: '../../etc/passwd' }, 'x')]);
    const file = writeImage([tarOf(many), bad, tarOf(many), corrupt(ok, 10)]);
    const here = cli(file, '0', false);
    expect(here.code).toBe(2);
    expect(here.stderr).toMatch(/escapes the image root\n$/);
    expect(cli(file, 'walk', false)).toEqual(here);
  });

  it('walked on one worker: its batches wait, eight at most, behind a layer this thread walks', () => {
    // Layer 0 (20 MB) fits in 30% of the bytes: the main thread walks it. The worker walks
    // layer 1 (100k entries, 51 MB) meanwhile, and its batches wait for layer 0 to be done.
    const first = Array.from({ length: 40_000 }, (_, i) => member({ name: `a/d${i % 50}/f${i}` }));
    const second = Array.from({ length: 100_000 }, (_, i) =>
      member({ name: `b/d${i % 70}/f${i}` }, i % 9 === 0 ? 'z' : ''),
    );
    const file = writeImage([tarOf(first), tarOf(second)]);
    const here = cli(file, '0');
    expect(here.code).toBe(0);
    expect(cli(file, 'walk')).toEqual(here);
    const report = JSON.parse(here.stdout) as { layers: { entryCount: number }[] };
    expect(report.layers.map((l) => l.entryCount)).toEqual([40_000, 100_000]);
  });

  it('a name longer than a path can be is bad input, not gigabytes of ancestors', () => {
    // 2500 segments: the path table would store every ancestor whole (~6 MB here; a 1 MiB PAX
    // name of single-letter segments would be hundreds of GB).
    const name = Array.from({ length: 2500 }, () => 'a').join('/');
    const file = writeImage([tarOf([pax({ path: name }), member({ name: 'x' }, 'x')])]);
    for (const workers of ['0', 'walk'] as const) {
      const r = cli(file, workers, false);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `layerlint: ${file}: layer l0/layer.tar: entry name of 4999 characters is longer than 4096, the most a path can be\n`,
      );
    }
  });

  it('walked without WebAssembly (node --jitless): the same report', () => {
    const many = Array.from({ length: 3000 }, (_, i) => member({ name: `usr/share/f${i}` }, 'x'));
    const file = writeImage([tarOf(many), tarOf([member({ name: 'usr/share/.wh.f1' })])]);
    const here = cli(file, '0');
    const r = spawnSync(process.execPath, ['--jitless', BIN, 'analyze', file, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, LAYERLINT_WORKERS: 'walk' },
    });
    expect(r.status).toBe(0);
    // Node warns that --jitless turns WebAssembly off; nothing else is printed.
    expect(r.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/m, '')).toBe('');
    expect(r.stdout).toBe(here.stdout);
  });
});
