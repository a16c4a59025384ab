import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchor, fixture } from '../helpers/image-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');

function analyze(image: string, workers: '0' | 'always'): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, 'analyze', image, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, LAYERLINT_WORKERS: workers },
  });
  expect(r.stderr).toBe('');
  return { code: r.status, out: r.stdout };
}

// Large images scan their layers on worker threads (src/image/scan-pool.ts); the fixtures are
// small, so LAYERLINT_WORKERS=always forces the workers and the report must not change by a byte.
describe('layers scanned on worker threads give the same report', () => {
  it.each([
    ['docker save, legacy layout', anchor('wagoodman-dive__test-docker-image.tar')],
    ['docker save with whiteouts, opaque dirs', fixture('built', 'opaque.docker-archive.tar')],
    ['OCI archive, gzip layers', anchor('wagoodman-dive__test-oci-gzip-image.tar')],
    ['OCI archive, zstd layers', fixture('built', 'wasteful.oci-archive-zstd.tar')],
    ['OCI layout directory', fixture('built', 'wasteful.oci-layout')],
    ['kaniko tarball, gzip layers', anchor('wagoodman-dive__test-kaniko-image.tar')],
    ['hard links', anchor('sylabs-oci-tools__hard-link-delete-3')],
  ])('%s', (_name, image) => {
    const here = analyze(image, '0');
    const there = analyze(image, 'always');
    expect(here.code).toBe(0);
    expect(there.code).toBe(0);
    expect(there.out).toBe(here.out);
    // The numbers are real: the report is not empty.
    const report = JSON.parse(there.out) as { layers: { entryCount: number }[] };
    expect(report.layers.reduce((n, l) => n + l.entryCount, 0)).toBeGreaterThan(0);
  });
});
