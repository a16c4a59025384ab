import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/image-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');
// Generated on demand by fixtures/build/debian-apt.sh (too big to commit; .ci/run makes it).
const IMAGE = join(
  import.meta.dirname,
  '..',
  '..',
  '.tmp',
  'debian-apt',
  'debian-apt.docker-archive.tar',
);
const DOCKERFILE = fixture('build', 'debian-apt', 'Dockerfile');

/** GNU tar's own listing of one layer: the independent oracle for the byte count. */
function regularFileBytesUnder(layerPath: string, prefix: string): number {
  const listing = execFileSync('sh', ['-c', `tar -xOf "${IMAGE}" "${layerPath}" | tar -tvf -`], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  let total = 0;
  for (const line of listing.split('\n')) {
    const m = /^-\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
    if (m && m[2]!.replace(/^\.\//, '').startsWith(prefix)) total += Number(m[1]);
  }
  return total;
}

describe.skipIf(!existsSync(IMAGE))('a real Debian image built with apt', () => {
  it("attributes apt's list waste to the apt RUN line with the exact byte count", () => {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOf', IMAGE, 'manifest.json'], { encoding: 'utf8' }),
    ) as {
      Layers: string[];
    }[];
    const aptLayer = manifest[0]!.Layers[1]!;
    const expected = regularFileBytesUnder(aptLayer, 'var/lib/apt/lists/');
    expect(expected).toBeGreaterThan(1_000_000);

    const r = spawnSync(
      process.execPath,
      [BIN, 'lint', DOCKERFILE, '--image', IMAGE, '-f', 'json'],
      {
        encoding: 'utf8',
      },
    );
    const findings = (
      JSON.parse(r.stdout) as { findings: { line: number; rule: string; message: string }[] }
    ).findings;
    const hidden = findings.filter((f) => f.rule === 'hidden-bytes' && f.line === 2);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]!.message).toContain(`(${expected} bytes) in /var/lib/apt/lists that line 4`);
  });
});
