/**
 * Review of four performance commits: the hidden-file JSON written by WebAssembly (ece81e0),
 * summarizePathIds in path-id order (8cd9be6), the lint modules prefetched by analyze (5ad6e54)
 * and the report written to a file with writeSync (bd43ea0). One test found a regression of
 * bd43ea0, fixed since: `--output /dev/stdout | head` failed with EPIPE.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizePathIds, summarizePaths } from '../../rules/helpers/image.js';
import { type HiddenFileList, hiddenFileListOf } from '../../src/analysis/hidden-files.js';
import type { HiddenFile } from '../../src/analysis/types.js';
import { writeChunks } from '../../src/cli/output.js';
import { LayerlintError } from '../../src/errors.js';
import { PathTable } from '../../src/image/path-table.js';
import {
  formatAnalysisJson,
  formatAnalysisJsonChunks,
  hiddenFilesJsonChunks,
} from '../../src/report/analysis-text.js';
import { type ListRow, listOf } from '../helpers/hidden-lists.js';
import { anchor, fixture, tempDir } from '../helpers/image-fixtures.js';
import { analyzeFixture, writeImageArchive } from '../helpers/image-rule-data.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'layerlint.js');

/** A seeded generator of integers below `n` (the same sequence each run). */
function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(state / 2 ** 15) % n;
  };
}

/** JSON.stringify of the list as the value of a key at indentation `indent`, as UTF-8. */
function expected(files: readonly HiddenFile[], indent: string): Buffer {
  return Buffer.from(JSON.stringify(files, null, 2).replace(/\n/g, `\n${indent}`), 'utf8');
}

/** The writer's bytes with LAYERLINT_WASM as given (undefined: the default, WebAssembly). */
function written(
  list: HiddenFileList,
  indent: string,
  perChunk: number | undefined,
  wasm: string | undefined,
): Buffer {
  const saved = process.env.LAYERLINT_WASM;
  if (wasm === undefined) delete process.env.LAYERLINT_WASM;
  else process.env.LAYERLINT_WASM = wasm;
  try {
    return Buffer.concat([...hiddenFilesJsonChunks(list, indent, perChunk)]);
  } finally {
    if (saved === undefined) delete process.env.LAYERLINT_WASM;
    else process.env.LAYERLINT_WASM = saved;
  }
}

/** Byte-identical to JSON.stringify with WebAssembly, without it, and in any chunking. */
function expectSameEverywhere(list: HiddenFileList, indent: string, perChunks: number[]): number {
  const want = expected(list.toArray(), indent);
  for (const perChunk of perChunks) {
    expect(written(list, indent, perChunk, undefined).equals(want)).toBe(true);
    expect(written(list, indent, perChunk, '0').equals(want)).toBe(true);
  }
  return want.length;
}

describe('ece81e0: the hidden-file JSON written by WebAssembly', () => {
  const PLAIN = ['usr', 'lib', 'a b', 'x.so', '~', '{}', 'Z'];
  const ODD = ['é', 'q"u', 'b\\s', 'n\nl', '\u007f', '日本'];
  const SIZES = [0, 1, 9, 10, 99, 2 ** 31, 2 ** 53 - 1, 2 ** 53, -1, 1.5, Number.NaN, 1e21];

  it('matches JSON.stringify for 300 seeded lists (odd paths, unsafe numbers, the root, every chunk size)', () => {
    const next = seeded(11);
    let files = 0;
    let bytes = 0;
    for (let round = 0; round < 300; round++) {
      const table = new PathTable();
      const n = next(12);
      const rows: ListRow[] = Array.from({ length: n }, () => {
        const names = Array.from({ length: 1 + next(4) }, () =>
          next(5) === 0 ? ODD[next(ODD.length)]! : PLAIN[next(PLAIN.length)]!,
        );
        const raw = next(20) === 0 ? Buffer.from([0x61, 0xff]) : Buffer.from(names.join('/'));
        return {
          bytes: raw,
          size: next(4) === 0 ? SIZES[next(SIZES.length)]! : next(100_000),
          adder: next(15) === 0 ? -1 : next(5),
          hider: next(5) + 1,
          how: next(3),
        };
      });
      const list = listOf(rows, table);
      for (let i = 0; i < n; i++) if (next(10) === 0) list.ids[i] = 0;
      const indent = ['', '  ', '    '][next(3)]!;
      const perChunks = [...Array.from({ length: n + 1 }, (_, k) => k + 1), Infinity];
      bytes += expectSameEverywhere(list, indent, perChunks);
      files += n;
    }
    expect([files, bytes]).toEqual([1703, 240_036]);
  });

  it('a chunk of more than 1 MiB: the WebAssembly stops for room mid-chunk and JavaScript goes on', () => {
    // 12 000 files of ~110 bytes: ~1.3 MiB in one call when perChunk = Infinity.
    const rows: ListRow[] = Array.from({ length: 12_000 }, (_, i) => ({
      bytes: Buffer.from(`var/lib/some/longer/directory/name/file-${String(i).padStart(6, '0')}`),
      size: i * 7919,
      adder: i % 4,
      hider: 4 + (i % 3),
    }));
    rows[5000] = { bytes: Buffer.from('odd/é'), size: 1 };
    rows[11_999] = { bytes: Buffer.from('odd/"last"'), size: 2 };
    const list = listOf(rows);
    expect(expectSameEverywhere(list, '  ', [Infinity, 12_000, 11_999, 6000, 4096, 1])).toBe(
      2_182_508,
    );
  });

  it('paths around the size that just fits the 1 MiB output (and beyond), between short ones', () => {
    // Room is 2^20 bytes; a file takes its path, `/` and quotes, the texts and three counts.
    const open = Buffer.from('  {\n    "path": ').length;
    const keys = ['sizeBytes', 'addedInLayer', 'hiddenByLayer', 'how'].map(
      (k) => Buffer.from(`,\n    "${k}": `).length,
    );
    const texts =
      open +
      keys.reduce((a, b) => a + b, 0) +
      Buffer.from('\n  }').length +
      '"deleted""opaque""overwritten"'.length +
      2;
    const most = texts + 2 + 3 * 16;
    const fits = 2 ** 20 - most - 1; // path bytes without the leading `/`
    for (const length of [fits - 1, fits, fits + 1, 2 ** 20, 2 ** 20 + 5]) {
      const list = listOf([
        { bytes: Buffer.from('a') },
        { bytes: Buffer.from('y'.repeat(length)) },
        { bytes: Buffer.from('b') },
      ]);
      expectSameEverywhere(list, '  ', [1, 2, 3]);
    }
  });

  it('an empty list, the root alone, one file', () => {
    expect(written(listOf([]), '  ', undefined, undefined).toString()).toBe('[]');
    const root = listOf([{ bytes: Buffer.from('x'), size: 5, adder: 0, hider: 1, how: 0 }]);
    root.ids[0] = 0;
    expect(written(root, '', undefined, undefined).toString()).toBe(
      '[\n  {\n    "path": "/",\n    "sizeBytes": 5,\n    "addedInLayer": 0,\n    "hiddenByLayer": 1,\n    "how": "deleted"\n  }\n]',
    );
    const one = listOf([{ bytes: Buffer.from('etc/x'), size: 12, adder: 2, hider: 3, how: 2 }]);
    expect(written(one, '  ', undefined, undefined).toString()).toBe(
      '[\n    {\n      "path": "/etc/x",\n      "sizeBytes": 12,\n      "addedInLayer": 2,\n      "hiddenByLayer": 3,\n      "how": "overwritten"\n    }\n  ]',
    );
  });

  it('two writers at once (one WebAssembly instance each) do not mix their output', () => {
    const a = listOf(Array.from({ length: 50 }, (_, i) => ({ bytes: Buffer.from(`a/${i}`) })));
    const b = listOf(Array.from({ length: 50 }, (_, i) => ({ bytes: Buffer.from(`b/é${i}`) })));
    const ga = hiddenFilesJsonChunks(a, '  ', 7);
    const gb = hiddenFilesJsonChunks(b, '  ', 3);
    const outA: Uint8Array[] = [];
    const outB: Uint8Array[] = [];
    for (;;) {
      const x = ga.next();
      const y = gb.next();
      if (!x.done) outA.push(Buffer.from(x.value));
      if (!y.done) outB.push(Buffer.from(y.value));
      if (x.done && y.done) break;
    }
    expect(Buffer.concat(outA).equals(expected(a.toArray(), '  '))).toBe(true);
    expect(Buffer.concat(outB).equals(expected(b.toArray(), '  '))).toBe(true);
  });

  it.each([
    [['anchors', 'wagoodman-dive__test-docker-image.tar'], 9426],
    [['anchors', 'generated-buildah__commit-docker-archive.tar'], 11_505],
    [['demo', 'demo.tar'], 10_322],
  ])(
    'the whole report of %j is the same both ways and as formatAnalysisJson',
    async (parts, size) => {
      const a = await analyzeFixture(...parts);
      expect(hiddenFileListOf(a)).toBeDefined();
      const saved = process.env.LAYERLINT_WASM;
      const chunks = (setting: string | undefined, perChunk: number) => {
        if (setting === undefined) delete process.env.LAYERLINT_WASM;
        else process.env.LAYERLINT_WASM = setting;
        try {
          return Buffer.concat(
            [...formatAnalysisJsonChunks(a, perChunk)].map((c) =>
              typeof c === 'string' ? Buffer.from(c) : c,
            ),
          );
        } finally {
          if (saved === undefined) delete process.env.LAYERLINT_WASM;
          else process.env.LAYERLINT_WASM = saved;
        }
      };
      const want = Buffer.from(formatAnalysisJson(a));
      for (const perChunk of [1, 2, 1000]) {
        expect(chunks(undefined, perChunk).equals(want)).toBe(true);
        expect(chunks('0', perChunk).equals(want)).toBe(true);
      }
      // The report names the archive by the path it was given (absolute here), so the size is
      // counted without it: a clone at another path gives the same number.
      const source = Buffer.byteLength(JSON.stringify(a.image.source));
      expect(want.length - source).toBe(size);
    },
  );
});

describe('8cd9be6: summarizePathIds in path-id order gives the same text for any order', () => {
  const NAMES = ['a', 'b', 'usr', 'lib', 'x.so', 'é', 'c d', 'Z'];

  function shuffled(values: readonly number[], next: (n: number) => number): number[] {
    const out = [...values];
    for (let i = out.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  it('500 seeded sets, each in three orders, with repeated files and the root, max 1..10', () => {
    const next = seeded(3);
    let compared = 0;
    for (let round = 0; round < 500; round++) {
      const table = new PathTable();
      const paths = Array.from({ length: 1 + next(25) }, () =>
        Array.from({ length: 1 + next(5) }, () => NAMES[next(NAMES.length)]).join('/'),
      );
      // Interned in a shuffled order, so id order is neither list order nor path order.
      for (const p of shuffled(
        paths.map((_, k) => k),
        next,
      ))
        table.intern(paths[p]!);
      const ids = paths.map((p) => (next(30) === 0 ? 0 : table.intern(p)));
      const sizes = paths.map(() => next(4) * 1000 + next(3));
      const all = ids.map((_, k) => k);
      // A subset with repeats: the same file index twice counts twice in both writers.
      const which = [...all.filter(() => next(3) !== 0), ...all.filter(() => next(6) === 0)];
      const files = which.map((k) => ({ path: table.absolutePath(ids[k]!), sizeBytes: sizes[k]! }));
      for (let max = 1; max <= 10; max++) {
        const want = summarizePaths(files, max);
        for (const order of [which, [...which].reverse(), shuffled(which, next)]) {
          expect(summarizePathIds(table, ids, sizes, max, order)).toBe(want);
          compared++;
        }
      }
    }
    expect(compared).toBe(15_000);
  });

  it('a place with one file keeps that file, whichever order the lifted places come in', () => {
    // /p/q/r/f and /p/s/g lift into /p (2 files); /t/u/v/h lifts alone into /t: its `only`.
    const table = new PathTable();
    const paths = ['p/q/r/f', 'p/s/g', 't/u/v/h', 'w/x'];
    const ids = paths.map((p) => table.intern(p));
    const sizes = [5, 6, 100, 1];
    for (const order of [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
    ]) {
      expect(summarizePathIds(table, ids, sizes, 2, order)).toBe('/t/u/v/h, /p and 1 more place');
      expect(summarizePathIds(table, ids, sizes, 3, order)).toBe('/t/u/v/h, /p and /w/x');
    }
  });

  it('at 2^22 files and more (no sorting: the order given) the text is the same', () => {
    const table = new PathTable();
    const ids = ['a/x/1', 'a/x/2', 'b/y', 'c/z/w'].map((p) => table.intern(p));
    const sizes = [3, 4, 1000, 2];
    for (const n of [2 ** 22 - 1, 2 ** 22, 2 ** 22 + 1]) {
      const which = new Int32Array(n);
      for (let w = 0; w < n; w++) which[w] = (w * 7) % 4;
      const reversed = which.slice().reverse();
      const want = '/b, /a/x and /c/z';
      expect(summarizePathIds(table, ids, sizes, 3, which)).toBe(want);
      expect(summarizePathIds(table, ids, sizes, 3, reversed)).toBe(want);
    }
  });
});

describe('5ad6e54: analyze prefetches the lint modules', () => {
  it('an archive that is not an image: one line, exit 2, no unhandled rejection or warning', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'analyze', anchor('wagoodman-dive__rootfs-tar-not-an-image.tar'), '--format', 'json'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^layerlint: .*rootfs-tar-not-an-image\.tar: /);
  });

  it('with --dockerfile (no prefetch): the Dockerfile and image findings, on their lines', () => {
    const args = [
      BIN,
      'analyze',
      fixture('demo', 'demo.tar'),
      '--format',
      'json',
      '--dockerfile',
      fixture('demo', 'Dockerfile'),
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; line: number }[] })
      .findings;
    expect(findings.map((f) => `${f.rule}:${f.line}`)).toEqual([
      'runs-as-root:4',
      'pin-base-image-tag:4',
      'hidden-bytes:7',
      'apt-lists-cleanup:7',
      'apt-no-install-recommends:7',
      'pin-apt-packages:7',
      'pin-apt-packages:7',
      'secret-in-layer:8',
      'use-workdir:9',
      'duplicated-by-metadata-change:11',
      'consecutive-run:12',
      'consecutive-run:13',
      'exec-form-cmd:17',
    ]);
  });
});

describe('bd43ea0: a report written to a file with writeSync', () => {
  it('a directory, or a file used as a directory: one message naming it, nothing written', async () => {
    const dir = tempDir();
    await expect(writeChunks(['{}'], dir)).rejects.toThrow(
      new LayerlintError(`${dir}: cannot write the report (EISDIR)`),
    );
    const file = join(dir, 'plain');
    writeFileSync(file, 'kept');
    const under = join(file, 'report.json');
    await expect(writeChunks(['{}'], under)).rejects.toThrow(
      new LayerlintError(`${under}: cannot write the report (ENOTDIR)`),
    );
    expect(readFileSync(file, 'utf8')).toBe('kept');
  });

  it('strings and bytes in any mix, written whole (multi-byte text, a 3 MiB piece)', async () => {
    const out = join(tempDir(), 'r.json');
    const big = Buffer.alloc(3 << 20, 0x61);
    await writeChunks(['é日', Buffer.from('x'), big, '😀'], out);
    const got = readFileSync(out);
    expect(got.length).toBe(5 + 1 + (3 << 20) + 4);
    expect(got.subarray(0, 6).toString()).toBe('é日x');
    expect(got.subarray(-4).toString()).toBe('😀');
  });

  it('an error of the report itself is thrown as it is, after the pieces before it', async () => {
    const out = join(tempDir(), 'r.json');
    function* chunks() {
      yield 'first ';
      throw new RangeError('broken generator');
    }
    await expect(writeChunks(chunks(), out)).rejects.toThrow(new RangeError('broken generator'));
    expect(readFileSync(out, 'utf8')).toBe('first ');
  });

  it('an existing file is replaced, not appended to', async () => {
    const out = join(tempDir(), 'r.json');
    writeFileSync(out, 'x'.repeat(100));
    await writeChunks(['short'], out);
    expect(readFileSync(out, 'utf8')).toBe('short');
  });

  // Bug (regression of bd43ea0): `--output /dev/stdout | head -c 1` (or a FIFO whose reader
  // goes away) used to end quietly with exit 0: the stream's EPIPE took the `EPIPE: return`
  // path that writeChunks keeps for stdout. writeChunksToFile has no such case, so it now
  // prints `layerlint: /dev/stdout: cannot write the report (EPIPE)` and exits 2.
  it('--output /dev/stdout into a reader that goes away ends quietly, exit 0, as before', async () => {
    const dir = tempDir();
    const members = Array.from({ length: 3000 }, (_, i) => ({
      name: `data/some-rather-long-directory-name/file-${String(i).padStart(5, '0')}`,
      data: 'x',
    }));
    const image = await writeImageArchive([
      { createdBy: '/bin/sh -c add', members },
      {
        createdBy: '/bin/sh -c rm -rf /data',
        members: [{ name: 'data/.wh..wh..opq', data: '' }],
      },
    ]);
    const script =
      `"${process.execPath}" "${BIN}" analyze "${image}" --format json --output /dev/stdout ` +
      `2>"${join(dir, 'err')}" | head -c 1 >/dev/null; echo \${PIPESTATUS[0]}`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });
});
