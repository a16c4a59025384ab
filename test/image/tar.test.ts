import { createReadStream, readFileSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scanLayerFile } from '../../src/image/layer-scan.js';
import { PathTable } from '../../src/image/path-table.js';
import { scanTarByPosition, type TarHeader, TarStreamParser } from '../../src/image/tar.js';
import { fixture } from '../helpers/image-fixtures.js';

const D = 'd'.repeat(120);
const F = `${'f'.repeat(110)}.bin`;
const LINK = `link-${'l'.repeat(105)}`;

/** What GNU tar 1.34 lists for both archives (`tar -tvf`), made by fixtures/tar (see README). */
const EXPECTED = [
  ['./', '5', 0, ''],
  ['./big.bin', '0', 70000, ''],
  [`./${D}/`, '5', 0, ''],
  [`./${D}/${F}`, '0', 3000, ''],
  [`./${LINK}`, '2', 0, `${D}/${F}`],
  ['./small.txt', '0', 3, ''],
];

function summary(headers: TarHeader[]) {
  return headers.map((h) => [h.name, h.typeflag, h.size, h.linkname]);
}

async function byPosition(path: string): Promise<TarHeader[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const headers: TarHeader[] = [];
    await scanTarByPosition(
      (buffer, position, length) => readSync(handle.fd, buffer, 0, length, position),
      0,
      size,
      (h) => headers.push(h.toHeader()),
    );
    return headers;
  } finally {
    await handle.close();
  }
}

async function byStream(path: string, chunkSize: number): Promise<TarHeader[]> {
  const headers: TarHeader[] = [];
  const parser = new TarStreamParser((h) => {
    headers.push(h.toHeader());
    return undefined;
  });
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    await parser.write(chunk as Buffer);
  }
  parser.finish();
  return headers;
}

describe('tar header reader', () => {
  it.each(['gnu-longnames.tar', 'pax-longnames.tar'])(
    '%s by position: long names and links',
    async (name) => {
      expect(summary(await byPosition(fixture('tar', name)))).toEqual(EXPECTED);
    },
  );

  it.each([
    ['gnu-longnames.tar', 7],
    ['gnu-longnames.tar', 512],
    ['pax-longnames.tar', 1000],
    ['pax-longnames.tar', 65536],
  ])('%s as a stream in %d-byte chunks gives the same headers', async (name, chunk) => {
    expect(summary(await byStream(fixture('tar', name), chunk))).toEqual(EXPECTED);
  });

  it('GNU incremental headers: atime/ctime at 345 are not a name prefix, D is a directory', async () => {
    // fixtures/tar/make-gnu-incremental.sh: `tar --format=gnu -G` fills bytes 345.. with times.
    const headers = await byPosition(fixture('tar', 'gnu-incremental.tar'));
    expect(summary(headers)).toEqual([
      ['srv/', 'D', 6, ''],
      ['srv/app/', 'D', 12, ''],
      ['srv/app/hello.txt', '0', 6, ''],
    ]);
    const paths = new PathTable();
    const at = { path: fixture('tar', 'gnu-incremental.tar'), offset: 0, length: 10240 };
    const { entries } = await scanLayerFile(at, paths);
    expect(entries.toArray().map((e) => [e.path, e.type, e.sizeBytes])).toEqual([
      ['srv', 'dir', 0],
      ['srv/app', 'dir', 0],
      ['srv/app/hello.txt', 'file', 6],
    ]);
  });

  it('content offsets point at the file bytes', async () => {
    const path = fixture('tar', 'pax-longnames.tar');
    const bytes = readFileSync(path);
    const small = (await byPosition(path)).find((h) => h.name === './small.txt')!;
    expect(bytes.toString('utf8', small.dataOffset, small.dataOffset + small.size)).toBe('hi\n');
  });

  it('a stream cut inside an entry is an error', async () => {
    const parser = new TarStreamParser(() => undefined);
    await parser.write(readFileSync(fixture('tar', 'gnu-longnames.tar')).subarray(0, 5000));
    expect(() => parser.finish()).toThrow(/tar ends in the middle of an entry/);
  });
});
