import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { ArchiveFormatError, UsageError } from '../../src/errors.js';
import { readImage } from '../../src/image/read-image.js';
import { anchor, fixture } from '../helpers/image-fixtures.js';

async function summary(source: string, options: Parameters<typeof readImage>[1] = {}) {
  const image = await readImage(source, options);
  const a = analyzeImage(image);
  return {
    format: image.format,
    wrapper: image.wrapper,
    tags: image.tags,
    platform: `${image.config.os}/${image.config.architecture}`,
    layers: image.layers.length,
    entries: image.layers.map((l) => l.entries.length),
    compression: [...new Set(image.layers.map((l) => l.compression))],
    sizeBytes: a.sizeBytes,
    commands: a.layers.map((l) => l.command),
  };
}

describe('every archive form loads', () => {
  it('legacy docker save (manifest.json, <id>/layer.tar)', async () => {
    const s = await summary(anchor('containers-image__almostempty.tar'));
    expect(s).toMatchObject({
      format: 'docker-archive',
      tags: ['emptyimage:latest'],
      layers: 1,
      entries: [1],
      sizeBytes: 0,
    });
  });

  it('pre-1.10 docker save without manifest.json (repositories + parent chain)', async () => {
    const s = await summary(anchor('google-go-containerregistry__no_manifest.tar'));
    expect(s).toMatchObject({
      format: 'docker-archive-legacy',
      tags: ['bazel/v1/tarball:test_image'],
      layers: 1,
      entries: [4],
      sizeBytes: 8,
      commands: ['bazel build ...'],
    });
  });

  it('layer.tar stored as a symlink to a shared layer', async () => {
    const s = await summary(anchor('google-go-containerregistry__test_link.tar'), {
      image: 'bazel/v1/tarball:test_image_3',
    });
    // Layer 0 is `b159…/layer.tar`, a symlink to `../6e77…/layer.tar`: its entries are there.
    expect(s.layers).toBe(2);
    expect(s.entries).toEqual([2, 1]);
    expect(s.sizeBytes).toBe(14);
  });

  it('Docker 25+ save whose index.json has "manifests": null falls back to manifest.json', async () => {
    const s = await summary(anchor('google-go-containerregistry__hello-world-v25.tar'));
    expect(s).toMatchObject({
      format: 'docker-archive-oci',
      platform: 'linux/arm64',
      layers: 1,
      sizeBytes: 9136,
      commands: ['COPY hello /'],
    });
  });

  it('go-containerregistry tarball (config sha256:<hex>, .tar.gz layers)', async () => {
    const s = await summary(anchor('jkcfg-jk__barlib.tar'));
    expect(s).toMatchObject({
      format: 'tarball',
      layers: 6,
      compression: ['gzip'],
      sizeBytes: 110,
    });
  });

  it.each([
    ['wagoodman-dive__test-oci-uncompressed-image.tar', 'none'],
    ['wagoodman-dive__test-oci-gzip-image.tar', 'gzip'],
    ['wagoodman-dive__test-oci-zstd-image.tar', 'zstd'],
    ['wagoodman-dive__test-oci-estargz-image.tar', 'gzip'],
  ])('OCI archive with %s layers', async (name, compression) => {
    const s = await summary(anchor(name));
    expect(s).toMatchObject({
      format: 'oci-archive',
      platform: 'linux/arm64',
      layers: 1,
      entries: [1],
      compression: [compression],
      sizeBytes: 11189,
      commands: ['COPY README.md /README.md'],
    });
  });

  it('whole-archive gzip (docker save | gzip)', async () => {
    const s = await summary(anchor('aquasecurity-trivy__alpine-311.tar.gz'));
    expect(s).toMatchObject({
      format: 'docker-archive',
      wrapper: 'gzip',
      tags: ['alpine:3.11'],
      layers: 1,
      entries: [488],
      sizeBytes: 5591284,
    });
  });

  it('OCI layout directory with a Docker manifest list picks the host platform', async () => {
    const dir = anchor('sylabs-oci-tools__hello-world-docker-v2-manifest-list');
    const host = await summary(dir);
    expect(host).toMatchObject({
      format: 'oci-dir',
      platform: 'linux/amd64',
      layers: 1,
      sizeBytes: 13256,
    });
    const arm = await summary(dir, { platform: 'linux/arm/v7' });
    expect(arm.platform).toBe('linux/arm');
    expect(arm.sizeBytes).not.toBe(host.sizeBytes);
  });

  it('nested OCI index with ref.name and containerd image name', async () => {
    const s = await summary(anchor('anchore-stereoscope__multiplatform_oci_dir'));
    expect(s).toMatchObject({
      format: 'oci-dir',
      tags: ['docker.io/library/multi-platform:latest'],
      platform: 'linux/amd64',
      commands: ['COPY README.md /linux/amd64/README.md'],
    });
    const arm = await summary(anchor('anchore-stereoscope__multiplatform_oci_dir'), {
      platform: 'linux/arm64',
    });
    expect(arm.commands).toEqual(['COPY README.md /linux/arm64/README.md']);
  });

  it('skips attestations and artifacts and needs a choice among tags', async () => {
    const dir = anchor('regclient-regclient__testrepo');
    await expect(readImage(dir)).rejects.toThrow(UsageError);
    await expect(readImage(dir)).rejects.toThrow(/choose one with --image/);
    const s = await summary(dir, { image: 'v1', platform: 'linux/amd64' });
    expect(s.platform).toBe('linux/amd64');
    const image = await readImage(dir, { image: 'v1', platform: 'linux/amd64' });
    expect(image.warnings).toEqual([]);
    expect(image.layers).toHaveLength(2);
  });

  it('several images in one archive: an error lists them, --image picks one', async () => {
    const bundle = anchor('google-go-containerregistry__test_bundle.tar');
    await expect(readImage(bundle)).rejects.toThrow(
      `${bundle}: holds 2 images; choose one with --image (and --platform): test_image_2, test_image_1`,
    );
    expect((await summary(bundle, { image: 'test_image_1' })).tags).toEqual(['test_image_1']);
    expect((await summary(bundle, { image: 'test_image_2:latest' })).tags).toEqual([
      'test_image_2',
    ]);
    await expect(readImage(bundle, { image: 'nope' })).rejects.toThrow(/no image nope/);
  });

  it('reads the archive from a stream (stdin, "-")', async () => {
    const stdin = createReadStream(anchor('wagoodman-dive__test-docker-image.tar'));
    const a = analyzeImage(await readImage('-', { stdin }));
    expect(a.efficiency).toBe(0.9844212134184309);
    expect(a.wastedBytes).toBe(32025);
  });

  it('reads a gzip-compressed archive from a stream', async () => {
    const stdin = createReadStream(anchor('aquasecurity-trivy__alpine-311.tar.gz'));
    const image = await readImage('-', { stdin });
    expect(image.wrapper).toBe('gzip');
    expect(image.layers[0]!.entries).toHaveLength(488);
  });
});

describe('the project’s own buildah fixtures agree in every form', () => {
  const forms = [
    'wasteful.docker-archive.tar',
    'wasteful.docker-archive.tar.gz',
    'wasteful.docker-archive.tar.zst',
    'wasteful.oci-archive.tar',
    'wasteful.oci-archive-zstd.tar',
    'wasteful.oci-layout',
  ];
  it.each(forms)('%s', async (name) => {
    const reference = analyzeImage(await readImage(fixture('built', forms[0]!)));
    const a = analyzeImage(await readImage(fixture('built', name)));
    expect(a.layers.map((l) => l.sizeBytes)).toEqual(reference.layers.map((l) => l.sizeBytes));
    expect(a.hiddenFiles).toEqual(reference.hiddenFiles);
    expect(a.efficiency).toBe(reference.efficiency);
    expect(a.wastedBytes).toBe(reference.wastedBytes);
  });

  it('reports the archive form and compression', async () => {
    expect((await readImage(fixture('built', 'wasteful.docker-archive.tar.zst'))).wrapper).toBe(
      'zstd',
    );
    const zstdLayers = await readImage(fixture('built', 'wasteful.oci-archive-zstd.tar'));
    expect(zstdLayers.layers.every((l) => l.compression === 'zstd')).toBe(true);
  });
});

describe('verify', () => {
  it('accepts an archive whose blobs match their digests', async () => {
    const image = await readImage(anchor('wagoodman-dive__test-oci-gzip-image.tar'), {
      verify: true,
    });
    expect(image.layers).toHaveLength(1);
    await readImage(anchor('wagoodman-dive__test-docker-image.tar'), { verify: true });
  });

  it('refuses a stream, which cannot be read twice', async () => {
    const stdin = createReadStream(anchor('wagoodman-dive__test-docker-image.tar'));
    await expect(readImage('-', { stdin, verify: true })).rejects.toThrow(ArchiveFormatError);
  });
});
