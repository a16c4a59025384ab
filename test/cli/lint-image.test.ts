import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../helpers/image-fixtures.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
  layer?: number;
}

function lintJson(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'lint', '-f', 'json', ...args], { encoding: 'utf8' });
  return {
    code: r.status,
    findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings,
    stderr: r.stderr,
  };
}

describe('lint --image: image findings land on the lines that caused them', () => {
  const dockerfile = fixture('demo', 'Dockerfile');
  const image = fixture('demo', 'demo.tar');

  it('the demo image and its Dockerfile', () => {
    const r = lintJson([dockerfile, '--image', image]);
    expect(r.code).toBe(1);
    const imageFindings = r.findings.filter(
      (f) => f.layer !== undefined || f.rule === 'runs-as-root',
    );
    expect(imageFindings.map((f) => [f.file, f.line, f.rule, f.layer])).toEqual([
      [dockerfile, 4, 'runs-as-root', undefined],
      [dockerfile, 7, 'hidden-bytes', 4],
      [dockerfile, 8, 'secret-in-layer', 5],
      [dockerfile, 11, 'duplicated-by-metadata-change', 8],
    ]);
    const hidden = imageFindings.find((f) => f.rule === 'hidden-bytes')!;
    expect(hidden.message).toBe(
      'line 7 (`RUN apt-get update && apt-get install -y curl ca-certificates`) adds 238 kB (237568 bytes) in /var/lib/apt/lists and /var/cache/apt that line 12 (`RUN rm -rf /var/lib/apt/lists/* /var/cache/apt/*`) removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
    );
    // Dockerfile rules run in the same pass.
    expect(r.findings.some((f) => f.rule === 'apt-lists-cleanup' && f.line === 7)).toBe(true);
  });

  it('an inline pragma silences an image finding on its line', () => {
    const dir = tempDir();
    const copy = join(dir, 'Dockerfile');
    writeFileSync(
      copy,
      readFileSync(dockerfile, 'utf8').replace(
        'RUN apt-get update',
        '# layerlint ignore=hidden-bytes\nRUN apt-get update',
      ),
    );
    const r = lintJson([copy, '--image', image]);
    expect(r.findings.filter((f) => f.rule === 'hidden-bytes')).toEqual([]);
    expect(r.findings.some((f) => f.rule === 'secret-in-layer' && f.line === 9)).toBe(true);
  });

  it('needs exactly one Dockerfile', () => {
    const r = spawnSync(process.execPath, [BIN, 'lint', dockerfile, dockerfile, '--image', image], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'layerlint: --image goes with exactly one Dockerfile: the one that built the image\n',
    );
  });
});
