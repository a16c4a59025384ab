import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { readImage } from '../../src/image/read-image.js';
import { mapLayersToLines } from '../../src/mapping/layers-to-lines.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';

async function map(image: string, dockerfileText: string, options: { image?: string } = {}) {
  const analysis = analyzeImage(await readImage(image, options));
  const model = await parseDockerfile(dockerfileText, { file: 'Dockerfile' });
  const mapped = mapLayersToLines(analysis, model);
  return {
    lines: mapped.analysis.layers.map((l) => l.instruction?.line ?? null),
    how: mapped.how,
    warnings: mapped.warnings,
    layers: mapped.analysis.layers,
  };
}

function readDockerfile(...parts: string[]): string {
  return readFileSync(fixture(...parts), 'utf8');
}

// dive's .data/Dockerfile.test-image, as its image histories record it.
const DIVE_DOCKERFILE = `FROM busybox:latest
ADD README.md /somefile.txt
RUN mkdir -p /root/example/really/nested
RUN cp /somefile.txt /root/example/somefile1.txt
RUN chmod 444 /root/example/somefile1.txt
RUN cp /somefile.txt /root/example/somefile2.txt
RUN cp /somefile.txt /root/example/somefile3.txt
RUN mv /root/example/somefile3.txt /root/saved.txt
RUN cp /root/saved.txt /root/.saved.txt
RUN rm -rf /root/example/
ADD .scripts/ /root/.data/
RUN cp /root/saved.txt /tmp/saved.again1.txt
RUN cp /root/saved.txt /root/.data/saved.again2.txt
RUN chmod +x /root/saved.txt
`;

describe('every layer maps to the line that made it', () => {
  it('the demo image (buildah, classic history strings)', async () => {
    const m = await map(fixture('demo', 'demo.tar'), readDockerfile('demo', 'Dockerfile'));
    // Layers 0-2 are the busybox base: its FROM line. Then one layer per COPY/RUN.
    expect(m.lines).toEqual([4, 4, 4, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(m.how.slice(0, 3)).toEqual(['base-image', 'base-image', 'base-image']);
    expect(m.warnings).toEqual([]);
    expect(m.layers[4]!.instruction).toEqual({
      file: 'Dockerfile',
      line: 7,
      endLine: 7,
      text: 'RUN apt-get update && apt-get install -y curl ca-certificates',
    });
  });

  it('the wasteful image: ENV, WORKDIR, USER and CMD make no layer and are skipped', async () => {
    const m = await map(
      fixture('built', 'wasteful.docker-archive.tar'),
      readDockerfile('build', 'wasteful', 'Dockerfile'),
    );
    expect(m.lines).toEqual([1, 1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(m.warnings).toEqual([]);
  });

  it('the commit image: the Dockerfile RUN maps, the two commits are said to have no line', async () => {
    const m = await map(
      fixture('built', 'commit.docker-archive.tar'),
      readDockerfile('build', 'commit', 'Dockerfile'),
    );
    expect(m.lines).toEqual([1, 1, 1, 2, null, null]);
    expect(m.warnings).toEqual([
      'layer 4 (/bin/sh) was made by a commit and has no Dockerfile line',
      'layer 5 (/bin/sh) was made by a commit and has no Dockerfile line',
    ]);
  });

  it('the opaque image (overlay storage)', async () => {
    const m = await map(
      fixture('built', 'opaque.docker-archive.tar'),
      readDockerfile('build', 'opaque', 'Dockerfile'),
    );
    expect(m.lines).toEqual([1, 1, 1, 2, 3, 4]);
  });

  it.each([
    ['app', 'localhost/layerlint/multi:app'],
    ['tools', 'localhost/layerlint/multi:tools'],
  ])(
    'each image of the multi-image archive against its own Dockerfile (%s)',
    async (name, image) => {
      const text = readDockerfile('build', 'multi', `Dockerfile.${name}`);
      const m = await map(fixture('built', 'multi.docker-archive.tar'), text, { image });
      expect(m.warnings).toEqual([]);
      expect(m.how.filter((h) => h === 'matched').length).toBe(m.layers.length - 3);
    },
  );

  it("dive's image, classic builder: ADD file:<sha> in <dest> matches on the destination", async () => {
    const m = await map(anchor('wagoodman-dive__test-docker-image.tar'), DIVE_DOCKERFILE);
    expect(m.lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(m.how[0]).toBe('base-image');
  });

  it("dive's image built by kaniko (instruction-form history)", async () => {
    const m = await map(anchor('wagoodman-dive__test-kaniko-image.tar'), DIVE_DOCKERFILE);
    expect(m.lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('BuildKit history (`COPY … # buildkit`)', async () => {
    const m = await map(
      anchor('wagoodman-dive__test-oci-gzip-image.tar'),
      'FROM scratch\nCOPY README.md /README.md\n',
    );
    expect(m.lines).toEqual([2]);
    expect(m.how).toEqual(['matched']);
  });

  it('a multi-stage build: only the final stage and the stages it builds on make layers', async () => {
    const text = readDockerfile('demo', 'Dockerfile').replace(
      'FROM busybox\n',
      'FROM busybox AS tools\nRUN echo built elsewhere > /x\n\nFROM busybox\n',
    );
    const m = await map(fixture('demo', 'demo.tar'), text);
    expect(m.lines).toEqual([7, 7, 7, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(m.warnings).toEqual([]);
  });
});

describe('an out-of-date Dockerfile is reported, not guessed', () => {
  it('a changed RUN matches nothing and is named', async () => {
    const text = readDockerfile('demo', 'Dockerfile').replace(
      'RUN chmod -R 755 /srv/app',
      'RUN chown -R 1000:1000 /srv/app /opt',
    );
    const m = await map(fixture('demo', 'demo.tar'), text);
    expect(m.lines[8]).toBeNull();
    expect(m.warnings).toEqual([
      'layer 8 (RUN chmod -R 755 /srv/app) matches no instruction of Dockerfile; is the Dockerfile out of date?',
      'Dockerfile:11: RUN has no layer in the image; is the image out of date?',
    ]);
    // The lines around it still map by order and text.
    expect(m.lines.slice(3)).toEqual([6, 7, 8, 9, 10, null, 12, 13]);
  });
});
