/**
 * The WebAssembly header walk (src/image/wasm/tar-walk.c): what it takes and where it stops, and
 * that the reader gives the same entries with it as without it (LAYERLINT_WASM=0), on crafted
 * layers with every header form and on every real archive in fixtures/.
 */
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { scanLayerByPosition } from '../../src/image/layer-scan.js';
import { FNV_OFFSET, FNV_PRIME, PathTable } from '../../src/image/path-table.js';
import { readImage } from '../../src/image/read-image.js';
import { TarWalker } from '../../src/image/tar-walk.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';
import { cat, edited, gnuLong, latin1, member, pax, tarOf } from '../helpers/tar-writer.js';

afterEach(() => {
  delete process.env.LAYERLINT_WASM;
});

function fnv(text: string): number {
  let hash = FNV_OFFSET;
  for (const c of Buffer.from(text)) hash = Math.imul(hash ^ c, FNV_PRIME);
  return hash;
}

/** Walks `tar` from its start, as the reader does with its first window. */
function walkOnce(tar: Buffer, limit = tar.length) {
  const walker = new TarWalker();
  tar.copy(walker.window);
  const length = Math.min(tar.length, walker.window.length);
  const count = walker.walk(length, 0, limit);
  const records = Array.from({ length: count }, (_, r) => ({
    header: walker.headerAt[r],
    name: walker.window.toString('latin1', walker.nameStart[r]!, walker.nameEnd[r]!),
    hash: walker.hash[r],
    parent: walker.window.toString('latin1', walker.nameStart[r]!, walker.slash[r]!),
    parentHash: walker.parentHash[r],
    type: String.fromCharCode(walker.typeflag[r]!),
    size: walker.size[r],
    mode: walker.mode[r],
    uid: walker.uid[r],
    gid: walker.gid[r],
  }));
  return { records, stoppedAt: walker.stoppedAt };
}

describe('TarWalker', () => {
  it('takes plain headers: name bytes, FNV hashes of the name and its parent, fields', () => {
    const tar = tarOf([
      member({ name: 'usr/', type: '5' }),
      member({ name: './usr/bin/env', mode: 0o4755, uid: 1000, gid: 4294 }, 'x'.repeat(700)),
      member({ name: '/usr/bin/sh', type: '2', linkname: 'busybox' }),
      member({ name: 'top', type: '1', linkname: 'usr/bin/env' }),
    ]);
    const { records, stoppedAt } = walkOnce(tar);
    expect(records).toEqual([
      {
        header: 0,
        name: 'usr',
        hash: fnv('usr'),
        parent: '',
        parentHash: FNV_OFFSET,
        type: '5',
        size: 0,
        mode: 0o755,
        uid: 0,
        gid: 0,
      },
      {
        header: 512,
        name: 'usr/bin/env',
        hash: fnv('usr/bin/env'),
        parent: 'usr/bin',
        parentHash: fnv('usr/bin'),
        type: '0',
        size: 700,
        mode: 0o4755,
        uid: 1000,
        gid: 4294,
      },
      {
        header: 2048,
        name: 'usr/bin/sh',
        hash: fnv('usr/bin/sh'),
        parent: 'usr/bin',
        parentHash: fnv('usr/bin'),
        type: '2',
        size: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
      },
      {
        header: 2560,
        name: 'top',
        hash: fnv('top'),
        parent: '',
        parentHash: FNV_OFFSET,
        type: '1',
        size: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
      },
    ]);
    // The end-of-archive zero block is left to the reader.
    expect(stoppedAt).toBe(3072);
  });

  const plain = member({ name: 'a/plain' }, 'abc');
  it.each([
    ['a PAX header', pax({ path: 'long/name' })],
    ['a GNU long name', gnuLong('L', 'long/name')],
    ['a whiteout', member({ name: 'a/.wh.gone' })],
    ['an opaque marker', member({ name: 'a/.wh..wh..opq' })],
    ['a non-ASCII name', member({ name: latin1('a/caf') })],
    ['a name with the byte 0x80', member({ name: cat('a/', Buffer.from([0x80])) })],
    ['a UTF-8 name', member({ name: 'a/café' })],
    ['a `..` segment', member({ name: 'a/../b' })],
    ['a `.` segment', member({ name: 'a/./b' })],
    ['an empty segment', member({ name: 'a//b' })],
    ['a name that is only slashes', member({ name: '//' })],
    ['a POSIX ustar prefix', member({ name: 'b', prefix: 'a' })],
    ['a base-256 uid', edited(plain, (h) => h.writeUInt8(0x80, 108))],
    ['a base-256 mode', edited(plain, (h) => h.writeUInt8(0x80, 100))],
    ['a bad checksum', edited(plain, (h) => h.write('x', 0, 'latin1'), true)],
    ['the end of the archive', Buffer.alloc(1024)],
  ])('stops at %s and leaves it to the reader', (_what, stop) => {
    const tar = Buffer.concat([plain, stop, plain]);
    const { records, stoppedAt } = walkOnce(tar);
    expect(records.map((r) => r.name)).toEqual(['a/plain']);
    expect(stoppedAt).toBe(plain.length);
  });

  it('takes a GNU header (`ustar  `), whose prefix field holds times, not a name', () => {
    const gnu = edited(plain, (h) => {
      h.write('ustar  \u0000', 257, 'latin1');
      h.write('15300572120', 345, 'latin1');
    });
    expect(walkOnce(Buffer.concat([gnu, gnu])).records.map((r) => r.name)).toEqual([
      'a/plain',
      'a/plain',
    ]);
  });

  it('takes a base-256 size', () => {
    const big = edited(plain, (h) => {
      h.fill(0, 124, 136);
      h.writeUInt8(0x80, 124);
      h.writeUIntBE(3, 130, 6);
    });
    expect(walkOnce(big).records[0]).toMatchObject({ name: 'a/plain', size: 3 });
  });

  it('stops at an entry whose content would end past the limit, and at a cut header', () => {
    const tar = Buffer.concat([plain, plain]);
    expect(walkOnce(tar, 1024 + 2).stoppedAt).toBe(1024); // 512 + 3 bytes needed, 2 left
    expect(walkOnce(tar.subarray(0, 1024 + 100)).stoppedAt).toBe(1024);
  });
});

/** The entries and warnings of a layer (or the error it ends with), read with or without it. */
async function scan(tar: Buffer, wasm: boolean) {
  process.env.LAYERLINT_WASM = wasm ? '1' : '0';
  const read = (buffer: Buffer, position: number, length: number) =>
    tar.copy(buffer, 0, position, position + length);
  try {
    const scanned = await scanLayerByPosition(read, 0, tar.length, new PathTable());
    return { entries: scanned.entries.toArray(), warnings: scanned.warnings };
  } catch (error) {
    return { error: String(error) };
  }
}

async function expectSameScan(tar: Buffer) {
  const js = await scan(tar, false);
  expect(await scan(tar, true)).toEqual(js);
  return js;
}

describe('the reader with the walk gives the same entries as without it', () => {
  const mixed = [
    member({ name: 'etc/', type: '5', mode: 0o700 }),
    member({ name: 'etc/passwd' }, 'root:x:0:0\n'),
    pax({ path: 'etc/long/'.repeat(20), uid: '70000' }),
    member({ name: 'ignored-by-pax' }, 'pax'),
    member({ name: 'etc/after-pax', uid: 5 }),
    gnuLong('L', `${'deep/'.repeat(30)}file`),
    member({ name: 'ignored-by-gnu' }),
    member({ name: 'etc/.wh.passwd' }),
    member({ name: 'etc/.wh..wh..opq' }),
    member({ name: latin1('etc/caf') }, 'bytes'),
    member({ name: 'etc/café' }),
    member({ name: './etc/./x/../y' }),
    member({ name: 'etc/link', type: '1', linkname: './etc/passwd' }),
    member({ name: 'etc/sym', type: '2', linkname: '../../outside' }),
    member({ name: 'x', prefix: 'etc/prefixed' }),
    member({ name: 'etc/fifo', type: '6' }),
    member({ name: 'etc/contig', type: '7' }, 'c'),
    member({ name: '/' }),
  ];

  it('on a layer with every header form', async () => {
    const entries = await expectSameScan(tarOf(mixed));
    expect('entries' in entries && entries.entries.map((e) => e.path)).toEqual([
      'etc',
      'etc/passwd',
      `${'etc/long/'.repeat(20).slice(0, -1)}`,
      'etc/after-pax',
      `${'deep/'.repeat(30)}file`,
      'etc/passwd',
      'etc',
      'etc/caf\ufffd',
      'etc/café',
      'etc/y',
      'etc/link',
      'etc/sym',
      'etc/prefixed/x',
      'etc/fifo',
      'etc/contig',
    ]);
  });

  it('on a layer spanning many windows, with contents larger than a window', async () => {
    const members: Buffer[] = [];
    for (let i = 0; i < 6000; i++) {
      // Mostly small files, and a few larger than the reader's 1 MiB window.
      const size = i % 1000 === 999 ? (1 << 20) + 7 : [0, 1, 511, 512, 513, 20_000][i % 6]!;
      if (i % 997 === 0) members.push(pax({ path: `pax/${i}` }));
      members.push(member({ name: `d${i % 50}/f${i}`, uid: i }, Buffer.alloc(size, i % 251)));
    }
    const tar = tarOf(members);
    const result = await expectSameScan(tar);
    expect('entries' in result && result.entries.length).toBe(6000);
  });

  // a: 512 + 512, b: 512 + 512, c at 2048: 512 + 5120, then the end blocks.
  const abc = () =>
    tarOf([
      member({ name: 'a' }, 'x'),
      member({ name: 'b' }, 'y'),
      member({ name: 'c' }, 'z'.repeat(5000)),
    ]);
  it.each([
    [
      'a bad checksum',
      'bad tar header checksum at byte 2048',
      () => edited(abc(), (t) => t.write('x', 2048, 'latin1'), true),
    ],
    [
      'content cut short',
      'tar ends in the middle of c',
      () => abc().subarray(0, 2048 + 512 + 4000),
    ],
    [
      'a header cut short',
      'tar ends in the middle of a header',
      () => abc().subarray(0, 1024 + 100),
    ],
  ])('on a layer with %s: the same error', async (_what, message, tar) => {
    const result = await expectSameScan(tar());
    expect('error' in result && result.error).toContain(message);
  });

  it('on a header whose checksum sums signed bytes (old writers)', async () => {
    const signed = edited(
      member({ name: latin1('old/caf') }),
      (h) => {
        h.fill(0x20, 148, 156);
        let sum = 0;
        for (const b of h) sum += b > 127 ? b - 256 : b;
        h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
      },
      true,
    );
    const result = await expectSameScan(tarOf([member({ name: 'new' }), signed]));
    expect('entries' in result && result.entries.map((e) => e.path)).toEqual([
      'new',
      'old/caf\ufffd',
    ]);
  });
});

describe('every real archive in fixtures/ reads the same with the walk and without it', () => {
  const archives = [
    ...readdirSync(fixture('anchors'))
      .filter((name) => name !== 'SOURCES.md')
      .map((name) => anchor(name)),
    ...readdirSync(fixture('built')).map((name) => fixture('built', name)),
    fixture('demo', 'demo.tar'),
  ];

  async function load(source: string, wasm: boolean) {
    process.env.LAYERLINT_WASM = wasm ? '1' : '0';
    try {
      const image = await readImage(source);
      return {
        layers: image.layers.map((l) => l.entries.toArray()),
        warnings: image.warnings,
        paths: Array.from({ length: image.paths.size }, (_, id) => image.paths.path(id)),
      };
    } catch (error) {
      return { error: String(error) };
    }
  }

  it.each(archives)('%s', async (source) => {
    expect(await load(source, true)).toEqual(await load(source, false));
  });

  it('reads the GNU tar fixtures the same way as layers', async () => {
    const { readFileSync } = await import('node:fs');
    for (const name of ['gnu-incremental.tar', 'gnu-longnames.tar', 'pax-longnames.tar']) {
      const result = await expectSameScan(readFileSync(fixture('tar', name)));
      expect(result).toHaveProperty('entries');
    }
  });
});
