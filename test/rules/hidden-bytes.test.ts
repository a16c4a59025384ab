import { describe, expect, it } from 'vitest';
import { summarizePaths } from '../../rules/helpers/image.js';
import rule from '../../rules/hidden-bytes.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { runImageRule } from '../../src/lint/engine.js';
import type { RuleOptions } from '../../src/lint/rule.js';
import { analyzeFixture, DEMO_LINES, withInstructions } from '../helpers/image-rule-data.js';

const findings = (a: ImageAnalysis, options?: RuleOptions) =>
  runImageRule(rule, a, { ...rule.meta.options, ...options }).map((f) => ({
    layer: f.layer,
    messageId: f.messageId,
    message: f.message,
  }));

function reports(a: ImageAnalysis, options?: RuleOptions): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  rule.check(a, (d) => out.push({ at: d.layer, ...d.data }), { ...rule.meta.options, ...options });
  return out;
}

/** layer → bytes of every finding, for the near-miss and threshold cases. */
const bytesByLayer = (a: ImageAnalysis, options?: RuleOptions) =>
  reports(a, options).map((r) => [r.at, r.hiddenByLayer, r.bytes]);

describe('hidden-bytes', () => {
  it('demo: the apt caches line 7 adds and line 12 deletes (layer indexes without a Dockerfile)', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    expect(findings(a)).toEqual([
      {
        layer: 4,
        messageId: 'removedLater',
        message:
          'layer 4 (`RUN apt-get update && apt-get install -y curl ca-certificates`) adds 238 kB (237568 bytes) in /var/lib/apt/lists and /var/cache/apt that layer 9 (`RUN rm -rf /var/lib/apt/lists/* /var/cache/apt/*`) removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
      },
    ]);
    expect(reports(a)).toEqual([
      {
        at: 4,
        adder: 'layer 4 (`RUN apt-get update && apt-get install -y curl ca-certificates`)',
        hider: 'layer 9 (`RUN rm -rf /var/lib/apt/lists/* /var/cache/apt/*`)',
        size: '238 kB (237568 bytes)',
        bytes: 237568,
        files: '6 files',
        fileCount: 6,
        paths: '/var/lib/apt/lists and /var/cache/apt',
        hiddenByLayer: 9,
      },
    ]);
  });

  it('demo with its Dockerfile: phrased with the lines', async () => {
    const a = withInstructions(
      await analyzeFixture('demo', 'demo.tar'),
      ['demo', 'Dockerfile'],
      DEMO_LINES,
    );
    expect(findings(a)).toEqual([
      {
        layer: 4,
        messageId: 'removedLater',
        message:
          'line 7 (`RUN apt-get update && apt-get install -y curl ca-certificates`) adds 238 kB (237568 bytes) in /var/lib/apt/lists and /var/cache/apt that line 12 (`RUN rm -rf /var/lib/apt/lists/* /var/cache/apt/*`) removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
      },
    ]);
  });

  it('demo: the chmod -R re-add (31369 bytes) is left to duplicated-by-metadata-change', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    expect(a.layers[7]!.hiddenBytes).toBe(31343);
    expect(bytesByLayer(a, { minBytes: 0 })).toEqual([
      [4, 9, 237568],
      [5, 10, 131],
    ]);
  });

  it('wasteful: apt lists, /tmp/cache.bin + overwrites, removed plugins; not the 3-byte noise', async () => {
    const a = await analyzeFixture('built', 'wasteful.docker-archive.tar');
    expect(findings(a)).toEqual([
      {
        layer: 3,
        messageId: 'removedLater',
        message:
          'layer 3 (`RUN mkdir -p /var/lib/apt/lists/partial /var/cache/apt/archives && head…`) adds 36.9 kB (36864 bytes) in /var/lib/apt/lists and /var/cache/apt/pkgcache.bin that layer 11 (`RUN rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /root/.ssh/id_rsa…`) removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
      },
      {
        layer: 4,
        messageId: 'removedOrOverwrittenLater',
        message:
          'layer 4 (`RUN dd if=/dev/zero of=/tmp/cache.bin bs=1024 count=40 2>/dev/null && m…`) adds 49.2 kB (49155 bytes) in /tmp/cache.bin and /opt/app that layer 8 (`RUN rm /tmp/cache.bin && echo v2 > /opt/app/config && head -c 4096 /dev…`) removes or overwrites; a later step does not shrink the image. Create, change and clean up the files in the same RUN',
      },
      {
        layer: 4,
        messageId: 'removedLater',
        message:
          'layer 4 (`RUN dd if=/dev/zero of=/tmp/cache.bin bs=1024 count=40 2>/dev/null && m…`) adds 5 kB (5004 bytes) in /opt/app/plugins and /opt/app/lib that layer 9 (`RUN rm -rf /opt/app/plugins && rm -rf /opt/app/lib && mkdir /opt/app/li…`) removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
      },
    ]);
    expect(reports(a).map((r) => [r.at, r.fileCount, r.paths])).toEqual([
      [3, 3, '/var/lib/apt/lists and /var/cache/apt/pkgcache.bin'],
      [4, 3, '/tmp/cache.bin and /opt/app'],
      [4, 4, '/opt/app/plugins and /opt/app/lib'],
    ]);
  });

  it('wasteful with minBytes 0: every group, still not the chmod re-add of layer 10', async () => {
    const a = await analyzeFixture('built', 'wasteful.docker-archive.tar');
    expect(bytesByLayer(a, { minBytes: 0 })).toEqual([
      [2, 12, 40],
      [3, 11, 36864],
      [4, 8, 49155],
      [4, 9, 5004],
      [5, 11, 119],
      [6, 11, 93],
    ]);
    expect(findings(a, { minBytes: 0 })[0]!.message).toBe(
      "layer 2 (`RUN mkdir -m 1777 /tmp && mkdir -m 0700 /root && echo 'root:x:0:0:root:…`) adds 40 bytes in /etc that layer 12 (`RUN echo 'app:x:1000:1000:app:/home/app:/bin/sh' >> /etc/passwd && echo…`) overwrites; both versions ship in the image. Write the final version in the step that creates the files",
    );
  });

  it('minBytes is inclusive: 5004 reports the 5004-byte group, 5005 does not', async () => {
    const a = await analyzeFixture('built', 'wasteful.docker-archive.tar');
    expect(bytesByLayer(a, { minBytes: 5004 })).toEqual([
      [3, 11, 36864],
      [4, 8, 49155],
      [4, 9, 5004],
    ]);
    expect(bytesByLayer(a, { minBytes: 5005 })).toEqual([
      [3, 11, 36864],
      [4, 8, 49155],
    ]);
  });

  it('commit: the committed layer 4 bytes that layer 5 removes; not the 34 bytes of layer 3', async () => {
    const a = await analyzeFixture('built', 'commit.docker-archive.tar');
    expect(findings(a)).toEqual([
      {
        layer: 4,
        messageId: 'removedOrOverwrittenLater',
        message:
          'layer 4 (`/bin/sh`) adds 50.7 kB (50672 bytes) in /tmp/scratch.bin, /root/.cache/session and /etc/motd that layer 5 (`/bin/sh`) removes or overwrites; a later step does not shrink the image. Create, change and clean up the files in the same RUN',
      },
    ]);
    expect(bytesByLayer(a, { minBytes: 0 })).toEqual([
      [3, 4, 34],
      [4, 5, 50672],
    ]);
  });

  it('opaque: a directory hidden by an opaque whiteout, and an overlay copy-up', async () => {
    const a = await analyzeFixture('built', 'opaque.docker-archive.tar');
    expect(findings(a)).toEqual([
      {
        layer: 3,
        messageId: 'removedLater',
        message:
          'layer 3 (`RUN mkdir -p /data/sub /keep && echo old > /data/a.txt && head -c 2048…`) adds 2.05 kB (2054 bytes) in /data that layer 4 (`RUN rm -rf /data && mkdir /data && echo new > /data/x`) removes; a later delete does not shrink the image. Clean up in the same RUN that creates the files (or use a cache/tmpfs mount)',
      },
      {
        layer: 3,
        messageId: 'overwrittenLater',
        message:
          'layer 3 (`RUN mkdir -p /data/sub /keep && echo old > /data/a.txt && head -c 2048…`) adds 3 kB (3000 bytes) in /keep/big.bin that layer 5 (`RUN ln /keep/big.bin /keep/big-link.bin`) overwrites; both versions ship in the image. Write the final version in the step that creates the files',
      },
    ]);
  });

  it('an ADDed directory that a later layer deletes says not to copy it', async () => {
    const a = await analyzeFixture('anchors', 'generated-buildah__commit-docker-archive.tar');
    const copied = findings(a).filter((f) => f.messageId === 'copiedThenRemoved');
    expect(copied).toEqual([
      {
        layer: 10,
        messageId: 'copiedThenRemoved',
        message:
          'layer 10 (`ADD dir:7ec14b81316b… in /root/.data/`) copies 2.19 kB (2187 bytes) into /root/.data that layer 14 (`/bin/sh`) removes; a later delete does not shrink the image. Do not copy them: exclude them in .dockerignore, or use them in a build stage and `COPY --from` only the result',
      },
    ]);
  });

  it("dive's image: three deleted copies, not the two chmod re-adds", async () => {
    const a = await analyzeFixture('anchors', 'wagoodman-dive__test-docker-image.tar');
    expect(a.hiddenBytes).toBe(32025);
    expect(bytesByLayer(a)).toEqual([
      [4, 9, 6405],
      [5, 9, 6405],
      [6, 7, 6405],
    ]);
  });

  it.each([
    'sylabs-oci-tools__whiteout-explicit-file',
    'sylabs-oci-tools__whiteout-explicit-dir',
    'sylabs-oci-tools__whiteout-opaque',
    'sylabs-oci-tools__whiteout-opaque-end',
  ])('near-miss: the 3-byte deletion of %s is noise by default', async (name) => {
    const a = await analyzeFixture('anchors', name);
    expect(a.hiddenBytes).toBe(3);
    expect(findings(a)).toEqual([]);
    expect(bytesByLayer(a, { minBytes: 0 })).toEqual([[0, 1, 3]]);
  });

  describe('how the places are named (summarizePaths)', () => {
    const f = (path: string, sizeBytes = 1) => ({ path, sizeBytes });

    it('one file is named itself; files of one directory name the directory', () => {
      expect(summarizePaths([f('/tmp/cache.bin', 40960)])).toBe('/tmp/cache.bin');
      expect(summarizePaths([f('/etc/passwd', 30), f('/etc/group', 10)])).toBe('/etc');
      expect(summarizePaths([f('/a.txt'), f('/b.txt')])).toBe('/');
    });

    it('folds subdirectories into a listed parent and sorts by bytes', () => {
      expect(
        summarizePaths([
          f('/var/cache/apt/archives/curl.deb', 16384),
          f('/var/cache/apt/pkgcache.bin', 40960),
          f('/var/lib/apt/lists/x_Packages', 131072),
          f('/var/lib/apt/lists/x_InRelease', 12288),
        ]),
      ).toBe('/var/lib/apt/lists and /var/cache/apt');
    });

    it('lifts many sibling directories to their parent', () => {
      const docs = Array.from({ length: 500 }, (_v, i) =>
        f(`/usr/share/doc/pkg${i}/copyright`, 100),
      );
      expect(summarizePaths([...docs, f('/var/lib/dpkg/status', 70000)])).toBe(
        '/var/lib/dpkg/status and /usr/share/doc',
      );
    });

    it('stops at top-level directories and counts the rest', () => {
      expect(
        summarizePaths([f('/a/x', 5), f('/b/x', 4), f('/c/x', 3), f('/d/x', 2), f('/e/x', 1)]),
      ).toBe('/a/x, /b/x, /c/x and 2 more places');
    });

    it('stays fast on 100000 files in 20000 directories', () => {
      const files = Array.from({ length: 100000 }, (_v, i) =>
        f(`/usr/lib/m${i % 20}/sub${i % 1000}/d${i % 20000}/file${i}`, 10),
      );
      const started = performance.now();
      expect(summarizePaths(files)).toBe('/usr/lib');
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });
});
