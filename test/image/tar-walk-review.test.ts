/**
 * A review of the WebAssembly header walk (tar-walk.c) against the TypeScript reader: layers
 * whose headers sit at the reader's window boundaries, metadata entries whose content lies in
 * the next window, sizes past 2^31 and base-256 fields, checksum and name edge cases, and two
 * layers scanned interleaved. Each must read the same with the walk and without it
 * (LAYERLINT_WASM=0).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanLayerByPosition } from '../../src/image/layer-scan.js';
import { PathTable } from '../../src/image/path-table.js';
import type { PositionedRead } from '../../src/image/tar.js';
import {
  edited,
  gnuLong,
  headerBlock,
  member,
  pax,
  rechecksum,
  tarOf,
} from '../helpers/tar-writer.js';

afterEach(() => {
  delete process.env.LAYERLINT_WASM;
  vi.unstubAllGlobals();
});

const WINDOW = 1 << 20;

/** A layer held as its header blocks at their offsets; every other byte is zero (content). */
interface Sparse {
  readonly blocks: ReadonlyArray<readonly [number, Buffer]>;
  readonly length: number;
}

/** Lays out members `[header, contentSize]` one after another, then the two end blocks. */
function sparse(members: ReadonlyArray<readonly [Buffer, number]>, end = 1024): Sparse {
  const blocks: [number, Buffer][] = [];
  let at = 0;
  for (const [header, size] of members) {
    blocks.push([at, header]);
    at += header.length + Math.ceil(size / 512) * 512;
  }
  return { blocks, length: at + end };
}

function sparseRead(layer: Sparse): PositionedRead {
  return (buffer, position, length) => {
    const n = Math.max(0, Math.min(length, layer.length - position));
    buffer.fill(0, 0, n);
    for (const [at, block] of layer.blocks) {
      const from = Math.max(at, position);
      const to = Math.min(at + block.length, position + n);
      if (from < to) block.copy(buffer, from - position, from - at, to - at);
    }
    return n;
  };
}

const bufferRead =
  (tar: Buffer): PositionedRead =>
  (buffer, position, length) =>
    tar.copy(buffer, 0, position, position + length);

async function scan(read: PositionedRead, length: number, wasm: boolean, paths = new PathTable()) {
  process.env.LAYERLINT_WASM = wasm ? '1' : '0';
  try {
    const scanned = await scanLayerByPosition(read, 0, length, paths);
    return { entries: scanned.entries.toArray(), warnings: scanned.warnings };
  } catch (error) {
    return { error: String(error) };
  }
}

async function expectSame(read: PositionedRead, length: number) {
  const js = await scan(read, length, false);
  expect(await scan(read, length, true)).toEqual(js);
  return js;
}

const expectSameTar = (tar: Buffer) => expectSame(bufferRead(tar), tar.length);

/** Files of `size` bytes named `f<i>` up to `count`. */
function files(count: number, size: number, prefix = 'f'): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    member({ name: `${prefix}${i}` }, Buffer.alloc(size, 0x61)),
  );
}

describe('window boundaries', () => {
  // 1023 members of 1024 bytes and one empty one fill the first window but its last block.
  const lead = [...files(1023, 512), member({ name: 'pad' })];

  it.each([
    ['a plain header', [member({ name: 'edge' }, 'x'), member({ name: 'next' })], 1026],
    ['a GNU long name', [gnuLong('L', `${'long/'.repeat(40)}edge`), member({ name: 'cut' })], 1025],
    ['a PAX header', [pax({ path: 'pax/edge', uid: '77' }), member({ name: 'cut' })], 1025],
    ['a whiteout', [member({ name: 'a/.wh.edge' }), member({ name: 'next' })], 1026],
  ])('%s in the last block of the first window', async (_what, tail, count) => {
    const tar = tarOf([...lead, ...tail]);
    expect(lead.reduce((n, m) => n + m.length, 0)).toBe(WINDOW - 512);
    const result = await expectSameTar(tar);
    expect('entries' in result && result.entries.length).toBe(count);
  });

  it("a header at exactly the window's end, after content that ends there", async () => {
    const tar = tarOf([member({ name: 'big' }, Buffer.alloc(WINDOW - 512, 1)), ...files(3, 10)]);
    const result = await expectSameTar(tar);
    expect('entries' in result && result.entries.map((e) => [e.path, e.sizeBytes])).toEqual([
      ['big', WINDOW - 512],
      ['f0', 10],
      ['f1', 10],
      ['f2', 10],
    ]);
  });

  it('metadata content that lies in the next window', async () => {
    const long = `${'deep/'.repeat(200)}file`;
    const tar = tarOf([...lead, gnuLong('L', long), member({ name: 'cut' }, 'x'), ...files(3, 1)]);
    const result = await expectSameTar(tar);
    expect('entries' in result && result.entries.slice(1024).map((e) => e.path)).toEqual([
      long,
      'f0',
      'f1',
      'f2',
    ]);
  });

  it('a layer that ends at a header without end blocks, or with one zero block', async () => {
    for (const end of [0, 512]) {
      const tar = Buffer.concat([...files(5, 600), Buffer.alloc(end)]);
      const result = await expectSameTar(tar);
      expect('entries' in result && result.entries.length).toBe(5);
    }
  });

  it.each([1, 511, 512])(
    'content that ends %i bytes past the layer, without end blocks: the same error',
    async (missing) => {
      const whole = Buffer.concat([...files(2, 600), member({ name: 'last' }, 'L'.repeat(1000))]);
      // The last entry's content is 1000 bytes (two blocks, the second padded by 24).
      const tar = whole.subarray(0, 3072 + 512 + 1000 - missing);
      expect(await expectSameTar(tar)).toEqual({
        error: `TarFormatError: tar ends in the middle of last (needs 1000 bytes, ${1000 - missing} left)`,
      });
    },
  );

  it('trailing bytes shorter than a block after the last entry: the same error', async () => {
    const tar = Buffer.concat([...files(3, 600), Buffer.alloc(100)]);
    const result = await expectSameTar(tar);
    expect(result).toEqual({
      error: 'TarFormatError: tar ends in the middle of a header (after 4608 bytes)',
    });
  });
});

describe('jumps over large contents (JUMP_WINDOW)', () => {
  it('large and small entries, mixed, with contents past 2^31 bytes', async () => {
    const members: [Buffer, number][] = [];
    for (let i = 0; i < 300; i++) {
      const size = [0, 3, 70_000, (1 << 20) + 1, 65_536 * 2 + 512, 2 ** 31 + 5][i % 6]!;
      members.push([headerBlock({ name: `d/f${i}` }, size), size]);
    }
    const layer = sparse(members);
    const result = await expectSame(sparseRead(layer), layer.length);
    expect('entries' in result && result.entries.length).toBe(300);
    expect('entries' in result && result.entries[5]!.sizeBytes).toBe(2 ** 31 + 5);
  });

  it('a base-256 size of 2^40, with and without the content', async () => {
    const big = headerBlock({ name: 'huge' }, 0);
    big.fill(0, 124, 136);
    big.writeUInt8(0x80, 124);
    big.writeUIntBE(2 ** 40, 130, 6);
    rechecksum(big);
    const whole = sparse([
      [big, 2 ** 40],
      [headerBlock({ name: 'after' }, 0), 0],
    ]);
    const result = await expectSame(sparseRead(whole), whole.length);
    expect('entries' in result && result.entries.map((e) => [e.path, e.sizeBytes])).toEqual([
      ['huge', 2 ** 40],
      ['after', 0],
    ]);
    const cut = sparse([[big, 0]]);
    expect(await expectSame(sparseRead(cut), cut.length)).toEqual({
      error: `TarFormatError: tar ends in the middle of huge (needs ${2 ** 40} bytes, 1024 left)`,
    });
  });

  it('an octal size past 2^31 whose content is missing: the same error', async () => {
    const cut = sparse([
      [headerBlock({ name: 'a' }, 1), 1],
      [headerBlock({ name: 'b' }, 3 * 2 ** 31), 0],
    ]);
    expect(await expectSame(sparseRead(cut), cut.length)).toEqual({
      error: `TarFormatError: tar ends in the middle of b (needs ${3 * 2 ** 31} bytes, 1024 left)`,
    });
  });
});

describe('fields and checksums', () => {
  const plain = member({ name: 'a/plain' }, 'abc');

  it.each([
    ['a name of 100 bytes without NUL', member({ name: `n/${'x'.repeat(98)}` })],
    ['a name of 100 bytes ending in /', member({ name: `n/${'x'.repeat(97)}/`, type: '5' })],
    ['a name with a backslash and control bytes', member({ name: 'a\\b/\u0001\u007f\t' })],
    ['a name `./`', member({ name: './', type: '5' })],
    ['a name `.`', member({ name: '.', type: '5' })],
    ['a name `./.`', member({ name: './.' })],
    ['a name `..`', member({ name: '..' })],
    ['a name `...`', member({ name: 'a/...' })],
    ['a name `.wh.`', member({ name: 'a/.wh.' })],
    ['a name `.wh`', member({ name: 'a/.wh' })],
    ['a name `./.wh.x`', member({ name: './.wh.x' })],
    ['a hard link that escapes', member({ name: 'l', type: '1', linkname: '../../x' })],
    ['a hard link of 100 bytes', member({ name: 'l', type: '1', linkname: 'y'.repeat(100) })],
    ['a symlink to ..', member({ name: 's', type: '2', linkname: '..' })],
    ['a dumpdir with content', member({ name: 'dump', type: 'D' }, 'Yfile\u0000\u0000')],
    ['a directory with content', member({ name: 'dir', type: '5' }, 'z'.repeat(700))],
    ['typeflag NUL', edited(plain, (h) => h.writeUInt8(0, 156))],
    ['typeflag 0xff', edited(plain, (h) => h.writeUInt8(0xff, 156))],
    [
      'GNU magic with a prefix field',
      edited(plain, (h) => {
        h.write('ustar  \u0000', 257, 'latin1');
        h.write('pre', 345, 'latin1');
      }),
    ],
    [
      'no magic with a prefix field',
      edited(plain, (h) => {
        h.fill(0, 257, 265);
        h.write('pre', 345, 'latin1');
      }),
    ],
    [
      'magic `ustar` without NUL',
      edited(plain, (h) => {
        h.write('ustarX', 257, 'latin1');
        h.write('pre', 345, 'latin1');
      }),
    ],
    [
      'a base-256 gid',
      edited(plain, (h) => {
        h.fill(0, 116, 124);
        h.writeUInt8(0x80, 116);
        h.writeUInt8(5, 123);
      }),
    ],
    ['a negative base-256 uid', edited(plain, (h) => h.fill(0xff, 108, 116))],
    ['mode digits filling the field', edited(plain, (h) => h.write('77777777', 100, 'latin1'))],
    ['mode with leading spaces', edited(plain, (h) => h.write('  0755 \u0000', 100, 'latin1'))],
    ['uid with a non-octal digit', edited(plain, (h) => h.write('00001800', 108, 'latin1'))],
    [
      'size with leading NULs',
      edited(plain, (h) => h.write('\u0000\u0000000000003', 124, 'latin1')),
    ],
    ['size with a trailing space', edited(plain, (h) => h.write('0000000003 ', 124, 'latin1'))],
    [
      'checksum with leading spaces',
      edited(
        plain,
        (h) => {
          rechecksum(h);
          const sum = h.toString('latin1', 148, 154);
          h.write(`  ${sum.slice(2)}\u0000 `, 148, 'latin1');
        },
        true,
      ),
    ],
    [
      'checksum without the terminator',
      edited(
        plain,
        (h) => {
          rechecksum(h);
          const value = Number.parseInt(h.toString('latin1', 148, 154), 8);
          h.write(value.toString(8).padStart(8, '0'), 148, 'latin1');
          // The sum counts the field as spaces, so the value still holds.
        },
        true,
      ),
    ],
    [
      'a base-256 checksum',
      edited(
        plain,
        (h) => {
          h.fill(0x20, 148, 156);
          let sum = 0;
          for (const b of h) sum += b;
          h.fill(0, 148, 156);
          h.writeUInt8(0x80, 148);
          h.writeUIntBE(sum, 150, 6);
        },
        true,
      ),
    ],
    [
      'a signed checksum of a high-byte header',
      edited(
        plain,
        (h) => {
          h.write('\u00ff\u00ff', 500, 'latin1');
          h.fill(0x20, 148, 156);
          let sum = 0;
          for (const b of h) sum += b > 127 ? b - 256 : b;
          h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
        },
        true,
      ),
    ],
    ['a zero block between entries', Buffer.alloc(512)],
    ['a bad checksum', edited(plain, (h) => h.write('q', 1, 'latin1'), true)],
  ])('%s, between plain headers', async (_what, middle) => {
    const tar = tarOf([plain, middle, member({ name: 'z/after' }, 'after')]);
    await expectSameTar(tar);
  });

  it('metadata entries in a row, then plain headers', async () => {
    const tar = tarOf([
      pax({ path: 'p/one', size: '3' }),
      gnuLong('L', 'gnu/one'),
      gnuLong('K', 'target'),
      member({ name: 'ignored', type: '1' }),
      member({ name: 'g', type: 'g' }, '12 a=bcdefg\n'),
      member({ name: 'after/g' }, 'x'),
      pax({}),
      member({ name: 'after/empty-pax' }, 'x'),
      pax({ size: '1' }),
      member({ name: 'pax-size' }, 'x'.repeat(600)),
      member({ name: 'last' }),
    ]);
    await expectSameTar(tar);
  });
});

describe('two layers scanned interleaved', () => {
  it('give each the same entries, and the shared path table the same paths', async () => {
    // Enough windows (small ones, after jumps) that both scans await between them.
    const layer = (tag: string) => {
      const members: [Buffer, number][] = [];
      for (let i = 0; i < 400; i++) {
        const size = i % 2 === 0 ? (1 << 20) + 100_000 : 5;
        members.push([headerBlock({ name: `${tag}/d${i % 7}/f${i}` }, size), size]);
      }
      return sparse(members);
    };
    const a = layer('a');
    const b = layer('b');
    const both = async (wasm: boolean) => {
      const paths = new PathTable();
      const [x, y] = await Promise.all([
        scan(sparseRead(a), a.length, wasm, paths),
        scan(sparseRead(b), b.length, wasm, paths),
      ]);
      return { x, y, paths: Array.from({ length: paths.size }, (_, id) => paths.path(id)) };
    };
    const js = await both(false);
    expect(await both(true)).toEqual(js);
    expect('entries' in js.x && js.x.entries.length).toBe(400);
  });
});

describe('paths interned by the walk and by the reader are one path table', () => {
  it('a path taken by the walk, then named again through a ustar prefix, `..` or a whiteout', async () => {
    const tar = tarOf([
      member({ name: 'usr/lib/x' }),
      member({ name: 'x', prefix: 'usr/lib' }),
      member({ name: 'usr/tmp/../lib/x' }),
      member({ name: 'usr/lib/.wh.x' }),
      pax({ path: 'usr/lib' }),
      member({ name: 'ignored', type: '5' }),
      member({ name: 'usr/lib/y' }),
    ]);
    const both = async (wasm: boolean) => {
      const paths = new PathTable();
      const result = await scan(bufferRead(tar), tar.length, wasm, paths);
      return { result, paths: Array.from({ length: paths.size }, (_, id) => paths.path(id)) };
    };
    const js = await both(false);
    expect(await both(true)).toEqual(js);
    expect(js.paths).toEqual(['', 'usr', 'usr/lib', 'usr/lib/x', 'usr/lib/y']);
  });
});

describe('seeded mutations of header bytes', () => {
  it('read the same with the walk and without it', async () => {
    const members = [
      member({ name: 'a/b/c' }, 'x'.repeat(600)),
      member({ name: './d/.wh.e' }),
      member({ name: 'dir/', type: '5' }),
      gnuLong('L', 'long/name'),
      member({ name: 'l', type: '1', linkname: 'a/b/c' }),
      member({ name: 's', type: '2', linkname: '../x' }),
      pax({ path: 'p/q', size: '2' }),
      member({ name: 'zz' }, 'ab'),
      member({ name: 'f' }, 'y'.repeat(1500)),
    ];
    const headers: number[] = [];
    let at = 0;
    for (const m of members) {
      headers.push(at);
      at += m.length;
    }
    // Bytes that mean something to one of the readers: NUL, '/', '.', 'w', 'h', base-256
    // markers, space, octal digits and the first non-octal one, '\\', a control byte.
    const bytes = [0, 0x2f, 0x2e, 0x77, 0x68, 0x80, 0xff, 0x20, 0x30, 0x37, 0x38, 0x5c, 0x01];
    const fields = [0, 100, 108, 116, 124, 148, 156, 157, 257, 345];
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const tar = tarOf(members);
      for (let k = 1 + next(4); k > 0; k--) {
        const header = headers[next(headers.length)]!;
        const field = fields[next(fields.length)]!;
        tar[header + field + next(field === 0 || field === 157 ? 100 : 12)] =
          bytes[next(bytes.length)]!;
        if (next(4) !== 0) rechecksum(tar, header);
      }
      await expectSameTar(next(5) === 0 ? tar.subarray(0, next(tar.length)) : tar);
    }
  });
});

describe('Node without WebAssembly (--jitless, --no-expose-wasm)', () => {
  it('reads uncompressed layers with the TypeScript reader instead of failing', async () => {
    const tar = tarOf([
      member({ name: 'etc/', type: '5' }),
      member({ name: 'etc/os-release' }, 'ID=x\n'),
    ]);
    vi.stubGlobal('WebAssembly', undefined);
    expect(await scan(bufferRead(tar), tar.length, true)).toEqual({
      entries: [
        { path: 'etc', type: 'dir', sizeBytes: 0, mode: 0o755, uid: 0, gid: 0 },
        { path: 'etc/os-release', type: 'file', sizeBytes: 5, mode: 0o644, uid: 0, gid: 0 },
      ],
      warnings: [],
    });
  });
});
