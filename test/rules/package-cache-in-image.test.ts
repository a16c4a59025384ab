import { describe, expect, it } from 'vitest';
import rule from '../../rules/package-cache-in-image.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import {
  analyzeArchive,
  analyzeFixture,
  analyzePrefix,
  DEMO_LINES,
  imageFindings,
  imageReports,
  withInstructions,
} from '../helpers/image-rule-data.js';

const findings = (a: ImageAnalysis) => imageFindings(rule, a);

const reports = (a: ImageAnalysis) => imageReports(rule, a);

const summary = (a: ImageAnalysis) => reports(a).map((r) => [r.at, r.dir, r.bytes, r.fileCount]);

describe('package-cache-in-image', () => {
  it.each([
    ['demo', 'demo.tar'],
    ['built', 'wasteful.docker-archive.tar'],
    ['built', 'commit.docker-archive.tar'],
    ['built', 'opaque.docker-archive.tar'],
    ['anchors', 'aquasecurity-trivy__alpine-311.tar.gz'],
  ])('near-miss: caches deleted later or empty cache dirs in %s/%s', async (...p) => {
    expect(findings(await analyzeFixture(...p))).toEqual([]);
  });

  it('demo before line 12: the apt lists and caches line 7 left', async () => {
    // The demo image as it was after line 11 (its first 9 layers), before `rm -rf` in line 12.
    const a = await analyzePrefix(9, 'demo', 'demo.tar');
    expect(findings(a)).toEqual([
      {
        layer: 4,
        messageId: 'aptLists',
        message:
          'layer 4 (`RUN apt-get update && apt-get install -y curl ca-certificates`) leaves 143 kB (143360 bytes) of apt package lists in /var/lib/apt/lists (2 files) in the final image; add `&& rm -rf /var/lib/apt/lists/*` to the RUN that runs `apt-get update`',
      },
      {
        layer: 4,
        messageId: 'aptArchives',
        message:
          'layer 4 (`RUN apt-get update && apt-get install -y curl ca-certificates`) leaves 94.2 kB (94208 bytes) of apt caches and downloaded packages in /var/cache/apt (4 files) in the final image; add `&& apt-get clean` (or `rm -rf /var/cache/apt/*`) to the same RUN, or use `--mount=type=cache,target=/var/cache/apt`',
      },
    ]);
    const withLines = withInstructions(a, ['demo', 'Dockerfile'], DEMO_LINES);
    expect(findings(withLines)[0]!.message).toBe(
      'line 7 (`RUN apt-get update && apt-get install -y curl ca-certificates`) leaves 143 kB (143360 bytes) of apt package lists in /var/lib/apt/lists (2 files) in the final image; add `&& rm -rf /var/lib/apt/lists/*` to the RUN that runs `apt-get update`',
    );
  });

  it('wasteful before line 8: apt lists and cache of line 3, /tmp/cache.bin of line 4', async () => {
    const a = await analyzePrefix(5, 'built', 'wasteful.docker-archive.tar');
    expect(summary(a)).toEqual([
      [3, '/var/lib/apt/lists', 28672, 2],
      [3, '/var/cache/apt', 8192, 1],
      [4, '/tmp', 40960, 1],
    ]);
    expect(findings(a)[2]).toEqual({
      layer: 4,
      messageId: 'tmp',
      message:
        'layer 4 (`RUN dd if=/dev/zero of=/tmp/cache.bin bs=1024 count=40 2>/dev/null && m…`) leaves 41 kB (40960 bytes) in /tmp in the final image (1 file: /tmp/cache.bin); delete temporary files in the RUN that creates them, or use `--mount=type=tmpfs,target=/tmp`',
    });
  });

  it("dive's image: /tmp/saved.again1.txt left by layer 11", async () => {
    const a = await analyzeFixture('anchors', 'wagoodman-dive__test-docker-image.tar');
    expect(findings(a)).toEqual([
      {
        layer: 11,
        messageId: 'tmp',
        message:
          'layer 11 (`RUN cp /root/saved.txt /tmp/saved.again1.txt`) leaves 6.41 kB (6405 bytes) in /tmp in the final image (1 file: /tmp/saved.again1.txt); delete temporary files in the RUN that creates them, or use `--mount=type=tmpfs,target=/tmp`',
      },
    ]);
  });

  it('pip, npm, yarn and apk caches in /root and /home/<user>, each on its last writer', async () => {
    const a = await analyzeArchive([
      {
        createdBy: '/bin/sh -c apk add curl',
        members: [
          { name: 'var/cache/apk/APKINDEX.00000000.tar.gz', data: 1500 },
          { name: 'var/lib/apt/lists/lock', data: '' },
          { name: 'var/cache/apt/archives/lock', data: '' },
          { name: 'tmp/.keep', data: '' },
        ],
      },
      {
        createdBy: '/bin/sh -c pip install flask',
        members: [
          { name: 'root/.cache/pip/http/a/b', data: 7000 },
          { name: 'root/.cache/pip/wheels/c.whl', data: 3000 },
          { name: 'root/.cache/other/x', data: 9999 },
        ],
      },
      {
        createdBy: '/bin/sh -c npm ci && yarn install',
        members: [
          { name: 'home/app/.npm/_cacache/content-v2/sha512/aa', data: 4096 },
          { name: 'home/app/.npm/_cacache/index-v5/bb', data: 100 },
          { name: 'home/app/.npm/_logs/debug.log', data: 5000 },
          { name: 'usr/local/share/.cache/yarn/v6/pkg/index.js', data: 2048 },
          { name: 'home/app/.cache/yarn/v6/x', data: 10 },
          {
            name: 'home/app/.cache/yarn/v6/x-link',
            type: 'link',
            linkname: 'home/app/.cache/yarn/v6/x',
          },
        ],
      },
      {
        createdBy: '/bin/sh -c pip install --upgrade pip',
        members: [{ name: 'root/.cache/pip/wheels/c.whl', data: 3500 }],
      },
    ]);
    expect(summary(a)).toEqual([
      [0, '/var/cache/apk', 1500, 1],
      [1, '/root/.cache/pip', 7000, 1],
      [2, '/home/app/.npm/_cacache', 4196, 2],
      [2, '/usr/local/share/.cache/yarn', 2048, 1],
      [2, '/home/app/.cache/yarn', 10, 1],
      [3, '/root/.cache/pip', 3500, 1],
    ]);
    expect(findings(a).map((f) => f.message)).toEqual([
      'layer 0 (`RUN apk add curl`) leaves 1.5 kB (1500 bytes) of apk cache in /var/cache/apk (1 file) in the final image; use `apk add --no-cache`',
      'layer 1 (`RUN pip install flask`) leaves 7 kB (7000 bytes) of pip cache in /root/.cache/pip (1 file) in the final image; use `pip install --no-cache-dir`, or `--mount=type=cache,target=/root/.cache/pip`',
      'layer 2 (`RUN npm ci && yarn install`) leaves 4.2 kB (4196 bytes) of npm cache in /home/app/.npm/_cacache (2 files) in the final image; add `&& npm cache clean --force` to the same RUN, or use `--mount=type=cache,target=/home/app/.npm/_cacache`',
      'layer 2 (`RUN npm ci && yarn install`) leaves 2.05 kB (2048 bytes) of yarn cache in /usr/local/share/.cache/yarn (1 file) in the final image; add `&& yarn cache clean` to the same RUN, or use `--mount=type=cache,target=/usr/local/share/.cache/yarn`',
      'layer 2 (`RUN npm ci && yarn install`) leaves 10 bytes of yarn cache in /home/app/.cache/yarn (1 file) in the final image; add `&& yarn cache clean` to the same RUN, or use `--mount=type=cache,target=/home/app/.cache/yarn`',
      'layer 3 (`RUN pip install --upgrade pip`) leaves 3.5 kB (3500 bytes) of pip cache in /root/.cache/pip (1 file) in the final image; use `pip install --no-cache-dir`, or `--mount=type=cache,target=/root/.cache/pip`',
    ]);
  });
});
