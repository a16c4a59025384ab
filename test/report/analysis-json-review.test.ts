import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HiddenFileList } from '../../src/analysis/hidden-files.js';
import type { HiddenFile } from '../../src/analysis/types.js';
import { hiddenFilesJsonChunks } from '../../src/report/analysis-text.js';
import { type ListRow, listOf } from '../helpers/hidden-lists.js';

/** The list's bytes as the writer gives them, against `JSON.stringify` encoded as UTF-8. */
function bytesOf(files: readonly HiddenFile[], indent: string, perChunk?: number): Buffer {
  return Buffer.concat([...hiddenFilesJsonChunks(files, indent, perChunk)]);
}
function expected(files: readonly HiddenFile[], indent: string): Buffer {
  const text = JSON.stringify(files, null, 2).replace(/\n/g, `\n${indent}`);
  return Buffer.from(text, 'utf8');
}

const file = (over: Partial<Record<keyof HiddenFile, unknown>>): HiddenFile =>
  ({
    path: '/a',
    sizeBytes: 1,
    addedInLayer: 0,
    hiddenByLayer: 1,
    how: 'deleted',
    ...over,
  }) as HiddenFile;

const paths = [
  '/plain',
  '/q"uote',
  '/back\\slash',
  '/nl\nx',
  '/\u0000\u0001\u001f',
  '/del\u007f',
  '/é',
  '/日本',
  '/😀',
  '/lone\ud800',
  '/lone\udfff end',
  '/\udc00\ud800',
  '/ls\u2028ps\u2029',
  '/bom\ufeff',
  '',
];
const sizes = [
  0,
  -0,
  1,
  9,
  10,
  99,
  100,
  2 ** 31,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1.5,
  -1,
  -(2 ** 53 - 1),
  Number.MIN_VALUE,
];

describe('hidden-file JSON bytes (review)', () => {
  it.each(paths)('writes path %j as JSON.stringify does', (path) => {
    const files = [file({ path })];
    expect(bytesOf(files, '  ').equals(expected(files, '  '))).toBe(true);
  });

  it.each(sizes)('writes size %s as JSON.stringify does', (sizeBytes) => {
    const files = [
      file({ sizeBytes }),
      file({ addedInLayer: sizeBytes }),
      file({ hiddenByLayer: sizeBytes }),
    ];
    for (const perChunk of [1, 2, 3]) {
      expect(bytesOf(files, '    ', perChunk).toString('latin1')).toBe(
        expected(files, '    ').toString('latin1'),
      );
    }
  });

  it.each(['weird', '__proto__', 'toString', 'constructor'])(
    'writes how %j as JSON.stringify does',
    (how) => {
      const files = [file({ how })];
      expect(bytesOf(files, '').toString('latin1')).toBe(expected(files, '').toString('latin1'));
    },
  );

  it('writes every digit count of a safe integer exactly', () => {
    const files: HiddenFile[] = [];
    for (let p = 1; p < 2 ** 53; p *= 10) {
      for (const n of [p - 1, p, p + 1, 9 * p, -p]) files.push(file({ sizeBytes: n }));
    }
    expect(bytesOf(files, '  ', 7).toString('latin1')).toBe(
      expected(files, '  ').toString('latin1'),
    );
  });

  it('grows its buffer for a path longer than the chunk buffer', () => {
    const files = [
      file({ path: `/${'é'.repeat(300_000)}` }),
      file({ path: `/${'x'.repeat(600_000)}` }),
    ];
    expect(bytesOf(files, '  ', 1).equals(expected(files, '  '))).toBe(true);
  });
});

describe.each([
  ['WebAssembly', undefined],
  ['JavaScript', '0'],
])('hidden-file JSON bytes from columns (HiddenFileList), written by %s', (_writer, setting) => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.LAYERLINT_WASM;
    if (setting === undefined) delete process.env.LAYERLINT_WASM;
    else process.env.LAYERLINT_WASM = setting;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LAYERLINT_WASM;
    else process.env.LAYERLINT_WASM = saved;
  });

  const same = (list: HiddenFileList, indent: string, perChunk?: number) =>
    Buffer.concat([...hiddenFilesJsonChunks(list, indent, perChunk)]).equals(
      expected(list.toArray(), indent),
    );

  it('writes every path as JSON.stringify writes the decoded path', () => {
    const raw = [
      ...paths.filter((p) => p !== '').map((p) => Buffer.from(p.slice(1))),
      Buffer.from([0x61, 0xff, 0x62]),
      Buffer.from([0xc3]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('a/b c/~{}'),
      Buffer.from('usr/share/doc/x'),
    ];
    for (const bytes of raw) {
      expect(same(listOf([{ bytes }]), '  ')).toBe(true);
    }
    expect(same(listOf(raw.map((bytes) => ({ bytes }))), '    ', 4)).toBe(true);
  });

  it('writes sizes and layers as JSON.stringify does, also those it hands to the object writer', () => {
    const sizesHere = [0, 1, 9, 10, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e21, -1, 1.5];
    const rows: ListRow[] = sizesHere.map((size, i) => ({
      bytes: Buffer.from(`f${i}`),
      size,
    }));
    rows.push({ bytes: Buffer.from('neg'), size: 3, adder: -1, hider: 2 ** 31 - 1 });
    for (const perChunk of [1, 2, 5, 100]) expect(same(listOf(rows), '  ', perChunk)).toBe(true);
  });

  it('an empty list, the root, and paths longer than the chunk buffer', () => {
    expect(same(listOf([]), '  ')).toBe(true);
    const list = listOf([{ bytes: Buffer.from('x') }]);
    list.ids[0] = 0;
    expect(same(list, '  ')).toBe(true);
    const long = listOf([
      { bytes: Buffer.from('x'.repeat(600_000)) },
      { bytes: Buffer.from('é'.repeat(300_000)) },
      { bytes: Buffer.from('a') },
      // Longer than the WebAssembly writer's output buffer (1 MiB): written by JavaScript.
      { bytes: Buffer.from('y'.repeat(1_200_000)) },
      { bytes: Buffer.from('b') },
    ]);
    expect(same(long, '  ', 1)).toBe(true);
    expect(same(long, '  ', 5)).toBe(true);
  });
});
