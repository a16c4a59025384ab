import { describe, expect, it } from 'vitest';
import rule from '../../rules/commit-built-layer.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import type { MessageData } from '../../src/lint/rule.js';
import {
  analyzeArchive,
  analyzeFixture,
  imageFindings,
  withInstructions,
} from '../helpers/image-rule-data.js';

const findings = (a: ImageAnalysis) => imageFindings(rule, a);

function reports(a: ImageAnalysis): { layer: number | null; data?: MessageData }[] {
  const out: { layer: number | null; data?: MessageData }[] = [];
  rule.check(a, (d) => out.push({ layer: d.layer, ...(d.data ? { data: d.data } : {}) }), {});
  return out;
}

const COMMITTED_4 =
  'layer 4 (`/bin/sh`) was made by `docker commit`/`buildah commit` (created by a bare shell (/bin/sh) with comment "FROM localhost/layerlint/commit-base:latest": buildah/podman commit), not by a build step: its 50.7 kB (50672 bytes) cannot be rebuilt or reviewed. Write the commands you ran in the container as RUN steps in a Dockerfile and build the image with `docker build`';
const COMMITTED_5 =
  'layer 5 (`/bin/sh`) was made by `docker commit`/`buildah commit` (created by a bare shell (/bin/sh) with comment "FROM localhost/layerlint/committed:1": buildah/podman commit), not by a build step: its 27 bytes cannot be rebuilt or reviewed. Write the commands you ran in the container as RUN steps in a Dockerfile and build the image with `docker build`';

describe('commit-built-layer', () => {
  it('flags both buildah-commit layers of built/commit, not its Dockerfile layers', async () => {
    const a = await analyzeFixture('built', 'commit.docker-archive.tar');
    expect(findings(a)).toEqual([
      { layer: 4, messageId: 'committed', message: COMMITTED_4 },
      { layer: 5, messageId: 'committed', message: COMMITTED_5 },
    ]);
    expect(reports(a).map((r) => [r.layer, r.data?.bytes])).toEqual([
      [4, 50672],
      [5, 27],
    ]);
  });

  it('says "layer N" for a committed layer even when the Dockerfile layers below have lines', async () => {
    // fixtures/build/commit/Dockerfile line 2 made layer 3; the committed layers have no line.
    const a = withInstructions(
      await analyzeFixture('built', 'commit.docker-archive.tar'),
      ['build', 'commit', 'Dockerfile'],
      { 3: 2 },
    );
    expect(a.layers[3]!.instruction?.text).toMatch(/^RUN mkdir -p \/srv/);
    expect(findings(a)).toEqual([
      { layer: 4, messageId: 'committed', message: COMMITTED_4 },
      { layer: 5, messageId: 'committed', message: COMMITTED_5 },
    ]);
  });

  it('flags the two commit layers on top of dive’s image (buildah commit anchor)', async () => {
    const a = await analyzeFixture('anchors', 'generated-buildah__commit-docker-archive.tar');
    const f = findings(a);
    expect(f.map((x) => x.layer)).toEqual([14, 15]);
    expect(f[0]!.message).toBe(
      'layer 14 (`/bin/sh`) was made by `docker commit`/`buildah commit` (created by a bare shell (/bin/sh) with comment "FROM localhost/dive-test:latest": buildah/podman commit), not by a build step: its 49.2 kB (49158 bytes) cannot be rebuilt or reviewed. Write the commands you ran in the container as RUN steps in a Dockerfile and build the image with `docker build`',
    );
    expect(f[1]!.message).toBe(
      'layer 15 (`/bin/sh`) was made by `docker commit`/`buildah commit` (created by a bare shell (/bin/sh) with comment "FROM localhost/committed:1": buildah/podman commit), not by a build step: its 13 bytes cannot be rebuilt or reviewed. Write the commands you ran in the container as RUN steps in a Dockerfile and build the image with `docker build`',
    );
  });

  it.each([
    ['built', 'wasteful.docker-archive.tar', 13],
    ['built', 'opaque.docker-archive.tar', 6],
    ['demo', 'demo.tar', 11],
    ['anchors', 'wagoodman-dive__test-docker-image.tar', 14],
    ['anchors', 'wagoodman-dive__test-kaniko-image.tar', 14],
    ['anchors', 'generated-buildah__build-oci-archive.tar', 18],
    ['anchors', 'jkcfg-jk__barlib.tar', 6],
    ['anchors', 'jkcfg-jk__foolib.tar', 1],
    ['anchors', 'google-go-containerregistry__no_manifest.tar', 1],
    ['anchors', 'sylabs-oci-tools__hard-link-2', 2],
    ['anchors', 'aquasecurity-trivy__alpine-311.tar.gz', 1],
  ] as const)(
    'no Dockerfile-built layer is flagged: %s/%s (%i layers)',
    async (dir, file, layers) => {
      const a = await analyzeFixture(dir, file);
      expect(a.layers).toHaveLength(layers);
      expect(findings(a)).toEqual([]);
    },
  );

  it('near-miss: a `sh -c` RUN-like history is a build step, a bare `bash` is a commit', async () => {
    const a = await analyzeArchive([
      { createdBy: '/bin/sh -c echo hi > /a', members: [{ name: 'a', data: 'hi\n' }] },
      { createdBy: 'bash', members: [{ name: 'b', data: 2000 }] },
    ]);
    expect(findings(a)).toEqual([
      {
        layer: 1,
        messageId: 'committed',
        message:
          'layer 1 (`bash`) was made by `docker commit`/`buildah commit` (created by an interactive shell (bash): docker commit), not by a build step: its 2 kB (2000 bytes) cannot be rebuilt or reviewed. Write the commands you ran in the container as RUN steps in a Dockerfile and build the image with `docker build`',
      },
    ]);
  });
});
