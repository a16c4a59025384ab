import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchor, fixture } from '../helpers/image-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');

function analyze(
  image: string,
  workers: '0' | 'always' | 'walk',
): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, 'analyze', image, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, LAYERLINT_WORKERS: workers },
  });
  expect(r.stderr).toBe('');
  return { code: r.status, out: r.stdout };
}

// Large images scan their layers on worker threads (src/image/scan-pool.ts, or on 2–3 cores one
// walker, src/image/walk-feed.ts); the fixtures are small, so LAYERLINT_WORKERS=always and
// =walk force the workers and the report must not change by a byte.
describe('layers scanned on worker threads give the same report', () => {
  it.each([
    ['docker save, legacy layout', anchor('wagoodman-dive__test-docker-image.tar'), 451, 32025],
    [
      'docker save with whiteouts, opaque dirs',
      fixture('built', 'opaque.docker-archive.tar'),
      301,
      5054,
    ],
    ['OCI archive, gzip layers', anchor('wagoodman-dive__test-oci-gzip-image.tar'), 1, 0],
    ['OCI archive, zstd layers', fixture('built', 'wasteful.oci-archive-zstd.tar'), 365, 97275],
    ['OCI layout directory', fixture('built', 'wasteful.oci-layout'), 365, 97275],
    ['kaniko tarball, gzip layers', anchor('wagoodman-dive__test-kaniko-image.tar'), 457, 46245],
    ['hard links', anchor('sylabs-oci-tools__hard-link-delete-3'), 8, 0],
  ])('%s', (_name, image, entries, hiddenBytes) => {
    const here = analyze(image, '0');
    const there = analyze(image, 'always');
    const walked = analyze(image, 'walk');
    expect(here.code).toBe(0);
    expect(there.code).toBe(0);
    expect(there.out).toBe(here.out);
    expect(walked).toEqual(here);
    const report = JSON.parse(there.out) as {
      layers: { entryCount: number }[];
      hiddenBytes: number;
    };
    expect(report.layers.reduce((n, l) => n + l.entryCount, 0)).toBe(entries);
    expect(report.hiddenBytes).toBe(hiddenBytes);
  });
});
