import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchor, tempDir } from '../helpers/image-fixtures.js';
import {
  type ArchiveConfig,
  type ArchiveMember,
  writeImageArchive,
} from '../helpers/image-rule-data.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'layerlint.js');

/** LAYERLINT_WORKERS for the runs: every case runs with layers scanned here and on workers. */
let workers = '0';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LAYERLINT_WORKERS: workers },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A one-layer legacy docker save whose layer holds `members`, written to a temp dir. */
const oneLayerImage = (members: ArchiveMember[], config: ArchiveConfig = {}) =>
  writeImageArchive([{ createdBy: '/bin/sh -c true', members }], config);

/** Asserts exit 2, one line on stderr naming the file, no stack, nothing written, input intact. */
function expectBadInput(input: string, cwd: string, pattern: RegExp, extraArgs: string[] = []) {
  const before = (() => {
    try {
      return sha(input);
    } catch {
      return undefined;
    }
  })();
  const r = run(['analyze', input, ...extraArgs], cwd);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^layerlint: /);
  expect(lines[0]).toContain(input);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readdirSync(cwd)).toEqual([]);
  if (before !== undefined) expect(sha(input)).toBe(before);
}

describe.each([
  ['on this thread', '0'],
  ['on worker threads', 'always'],
  ['on the walk worker', 'walk'],
])('bad input: one clear line, exit 2, nothing written (layers scanned %s)', (_how, setting) => {
  beforeAll(() => {
    workers = setting;
  });
  const inputs = tempDir();
  const cwd = () => tempDir('layerlint-cwd-');

  it('a truncated archive', () => {
    const file = join(inputs, 'truncated.tar');
    writeFileSync(
      file,
      readFileSync(anchor('wagoodman-dive__test-docker-image.tar')).subarray(0, 700_000),
    );
    expectBadInput(file, cwd(), /ends in the middle|missing from the archive/);
  });

  it('a truncated gzip archive', () => {
    const file = join(inputs, 'truncated.tar.gz');
    writeFileSync(
      file,
      readFileSync(anchor('aquasecurity-trivy__alpine-311.tar.gz')).subarray(0, 100_000),
    );
    expectBadInput(file, cwd(), /cut short|corrupt|ends in the middle/);
  });

  it('random bytes', () => {
    const file = join(inputs, 'random.bin');
    const bytes = randomBytes(4096);
    // Not `{` or `[` (a JSON file gets its own message) nor any compressor's magic: flaky else.
    bytes[0] = 0x01;
    writeFileSync(file, bytes);
    expectBadInput(file, cwd(), /not a tar archive; expected a docker save or OCI archive/);
  });

  it('an empty file', () => {
    const file = join(inputs, 'empty.tar');
    writeFileSync(file, '');
    expectBadInput(file, cwd(), /file is empty/);
  });

  it('an empty directory', () => {
    const dir = join(inputs, 'empty-dir');
    mkdirSync(dir);
    const r = run(['analyze', dir], cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `layerlint: ${dir}: directory has no index.json or manifest.json; expected an OCI image layout\n`,
    );
  });

  it('a manifest naming a missing layer', async () => {
    const file = await oneLayerImage([{ name: 'a.txt', data: 'a' }], { omitLayerFiles: true });
    expectBadInput(
      file,
      cwd(),
      /layer l0\/layer\.tar named by the manifest is missing from the archive/,
    );
  });

  it('a JSON file', () => {
    const file = join(inputs, 'config.json');
    writeFileSync(file, '{"os":"linux"}');
    expectBadInput(file, cwd(), /is a JSON file, not an image archive/);
  });

  it('a tar that is not an image', () => {
    expectBadInput(
      anchor('wagoodman-dive__rootfs-tar-not-an-image.tar'),
      cwd(),
      /no manifest\.json or index\.json; expected a docker save or OCI archive/,
    );
  });

  it('a missing path', () => {
    expectBadInput(join(inputs, 'nope.tar'), cwd(), /no such file or directory/);
  });

  it('a layer entry that escapes the root with ../', async () => {
    const file = await oneLayerImage([{ name: '../../etc/passwd', data: 'root:x:0:0' }]);
    expectBadInput(file, cwd(), /escapes the image root/);
  });

  it('absolute entry names are read relative to the image root, never written', async () => {
    const file = await oneLayerImage([{ name: '/etc/passwd', data: 'root:x:0:0' }]);
    const dir = cwd();
    const r = run(['analyze', file, '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { visibleBytes: number; layers: { changes: unknown }[] };
    expect(a.visibleBytes).toBe(10);
    expect(a.layers[0]!.changes).toEqual({ added: 2, modified: 0, removed: 0 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a blob that does not match its digest, with --verify', () => {
    const dir = join(inputs, 'layout');
    cpSync(anchor('sylabs-oci-tools__whiteout-opaque'), dir, { recursive: true });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    const manifestPath = join(dir, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7));
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      config: { digest: string };
    };
    const configPath = join(dir, 'blobs', 'sha256', manifest.config.digest.slice(7));
    writeFileSync(configPath, `${readFileSync(configPath, 'utf8')} `);
    expect(run(['analyze', dir], cwd()).code).toBe(0);
    const r = run(['analyze', dir, '--verify'], cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^layerlint: .*config blobs\/sha256\/[0-9a-f]+ does not match its digest/,
    );
  });

  it('an unknown flag', () => {
    const r = run(['analyze', anchor('containers-image__almostempty.tar'), '--frobnicate'], cwd());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
  });

  it('a report that cannot be written: one line naming it, exit 2', () => {
    const here = cwd();
    const target = join(here, 'missing-dir', 'report.json');
    const r = run(
      [
        'analyze',
        anchor('containers-image__almostempty.tar'),
        '--format',
        'json',
        '--output',
        target,
      ],
      here,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`layerlint: ${target}: cannot write the report (ENOENT)\n`);
    // Written whole when it can be: the same bytes as on stdout.
    const out = join(here, 'report.json');
    expect(
      run(
        [
          'analyze',
          anchor('containers-image__almostempty.tar'),
          '--format',
          'json',
          '--output',
          out,
        ],
        here,
      ).code,
    ).toBe(0);
    const printed = run(
      ['analyze', anchor('containers-image__almostempty.tar'), '--format', 'json'],
      here,
    );
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });
});
