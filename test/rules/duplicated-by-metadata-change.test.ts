import { describe, expect, it } from 'vitest';
import rule from '../../rules/duplicated-by-metadata-change.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import {
  type ArchiveLayer,
  analyzeArchive,
  analyzeFixture,
  DEMO_LINES,
  imageFindings,
  imageReports,
  withInstructions,
} from '../helpers/image-rule-data.js';

const findings = (a: ImageAnalysis) => imageFindings(rule, a);

const reports = (a: ImageAnalysis) => imageReports(rule, a);

describe('duplicated-by-metadata-change', () => {
  it('demo: `chmod -R 755 /srv/app` stores 4 files (31369 bytes) again', async () => {
    const a = await analyzeFixture('demo', 'demo.tar');
    expect(findings(a)).toEqual([
      {
        layer: 8,
        messageId: 'mode',
        message:
          'layer 8 (`RUN chmod -R 755 /srv/app`) stores 4 files in /srv/app again, 31.4 kB (31369 bytes), only to change their mode; the copies from layer 6 and layer 7 still ship. Set the mode where the files are added: `COPY --chmod=…`, or chmod in the RUN that creates them',
      },
    ]);
    expect(reports(a)).toEqual([
      {
        at: 8,
        layer: 'layer 8 (`RUN chmod -R 755 /srv/app`)',
        files: '4 files',
        fileCount: 4,
        size: '31.4 kB (31369 bytes)',
        bytes: 31369,
        paths: '/srv/app',
        sources: 'layer 6 and layer 7',
      },
    ]);
  });

  it('demo with its Dockerfile: names lines 11, 9 and 10', async () => {
    const a = withInstructions(
      await analyzeFixture('demo', 'demo.tar'),
      ['demo', 'Dockerfile'],
      DEMO_LINES,
    );
    expect(findings(a)).toEqual([
      {
        layer: 8,
        messageId: 'mode',
        message:
          'line 11 (`RUN chmod -R 755 /srv/app`) stores 4 files in /srv/app again, 31.4 kB (31369 bytes), only to change their mode; the copies from line 9 and line 10 still ship. Set the mode where the files are added: `COPY --chmod=…`, or chmod in the RUN that creates them',
      },
    ]);
  });

  it('wasteful: `chmod -R a-w` re-adds the 3 static files (6000 bytes); content changes are not it', async () => {
    const a = await analyzeFixture('built', 'wasteful.docker-archive.tar');
    // Layer 8 rewrites /opt/app/config with the same size and mode (v1 → v2): a content change.
    expect(a.hiddenFiles.find((h) => h.path === '/opt/app/config')).toMatchObject({
      sizeBytes: 3,
      addedInLayer: 4,
      hiddenByLayer: 8,
      how: 'overwritten',
    });
    expect(findings(a)).toEqual([
      {
        layer: 10,
        messageId: 'mode',
        message:
          'layer 10 (`RUN chmod -R a-w /opt/app/static`) stores 3 files in /opt/app/static again, 6 kB (6000 bytes), only to change their mode; the copies from layer 4 still ship. Set the mode where the files are added: `COPY --chmod=…`, or chmod in the RUN that creates them',
      },
    ]);
  });

  it("dive's image: `chmod 444` and `chmod +x` each store 6405 bytes again", async () => {
    const a = await analyzeFixture('anchors', 'wagoodman-dive__test-docker-image.tar');
    expect(reports(a).map((r) => [r.at, r.bytes, r.paths, r.sources])).toEqual([
      [4, 6405, '/root/example/somefile1.txt', 'layer 3'],
      [13, 6405, '/root/saved.txt', 'layer 7'],
    ]);
    expect(findings(a)[1]!.message).toBe(
      'layer 13 (`RUN chmod +x /root/saved.txt`) stores 1 file in /root/saved.txt again, 6.41 kB (6405 bytes), only to change their mode; the copies from layer 7 still ship. Set the mode where the files are added: `COPY --chmod=…`, or chmod in the RUN that creates them',
    );
  });

  it.each([
    ['built', 'commit.docker-archive.tar'],
    ['built', 'opaque.docker-archive.tar'],
    ['anchors', 'jkcfg-jk__barlib.tar'],
  ])('near-miss: content rewrites and overlay copy-ups in %s/%s are not flagged', async (...p) => {
    const a = await analyzeFixture(...p);
    expect(a.hiddenFiles.some((h) => h.how === 'overwritten')).toBe(true);
    expect(findings(a)).toEqual([]);
  });

  const base: ArchiveLayer = {
    createdBy: '/bin/sh -c #(nop) COPY dir:0123 in /srv/ ',
    members: [
      { name: 'srv/', type: 'directory' },
      { name: 'srv/a.bin', data: 3000 },
      { name: 'srv/b.bin', data: 2000, mode: 0o755 },
    ],
  };

  it('chown -R: owner only, with `COPY --chown` advice', async () => {
    const a = await analyzeArchive([
      base,
      {
        createdBy: '/bin/sh -c chown -R 1000:1000 /srv',
        members: [
          { name: 'srv/', type: 'directory', uid: 1000, gid: 1000 },
          { name: 'srv/a.bin', data: 3000, uid: 1000, gid: 1000 },
          { name: 'srv/b.bin', data: 2000, mode: 0o755, uid: 1000, gid: 1000 },
        ],
      },
    ]);
    expect(findings(a)).toEqual([
      {
        layer: 1,
        messageId: 'owner',
        message:
          'layer 1 (`RUN chown -R 1000:1000 /srv`) stores 2 files in /srv again, 5 kB (5000 bytes), only to change their owner; the copies from layer 0 still ship. Set the owner where the files are added: `COPY --chown=…`, or chown in the RUN that creates them',
      },
    ]);
  });

  it('mode and owner together; a same-size file with unchanged metadata and a resized one are not counted', async () => {
    const a = await analyzeArchive([
      base,
      {
        createdBy: '/bin/sh -c chown -R 1:1 /srv/a.bin && echo new > /srv/b.bin.tmp',
        members: [{ name: 'srv/a.bin', data: 3000, mode: 0o600, uid: 1, gid: 1 }],
      },
      {
        createdBy: '/bin/sh -c sed -i s/x/y/ /srv/b.bin && chmod 700 /srv/a.bin && truncate',
        members: [
          { name: 'srv/b.bin', data: 2000, mode: 0o755 },
          { name: 'srv/a.bin', data: 2999, mode: 0o700, uid: 1, gid: 1 },
        ],
      },
    ]);
    expect(findings(a)).toEqual([
      {
        layer: 1,
        messageId: 'modeAndOwner',
        message:
          'layer 1 (`RUN chown -R 1:1 /srv/a.bin && echo new > /srv/b.bin.tmp`) stores 1 file in /srv/a.bin again, 3 kB (3000 bytes), only to change their mode and owner; the copies from layer 0 still ship. Set them where the files are added: `COPY --chmod=… --chown=…`, or chmod/chown in the RUN that creates them',
      },
    ]);
  });
});
