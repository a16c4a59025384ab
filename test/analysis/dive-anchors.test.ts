import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { readImage } from '../../src/image/read-image.js';
import { anchor } from '../helpers/image-fixtures.js';

// The numbers dive's own tests assert (dive Test_Analysis, Test_Export; shared anchors README).
describe("dive's test image (legacy docker save, classic builder)", async () => {
  const a = analyzeImage(await readImage(anchor('wagoodman-dive__test-docker-image.tar')));

  it('reproduces dive Test_Analysis to the last digit', () => {
    expect(a.efficiency).toBe(0.9844212134184309);
    expect(a.sizeBytes).toBe(1220598);
    expect(a.userSizeBytes).toBe(66237);
    expect(a.wastedBytes).toBe(32025);
    expect(a.userWastedPercent).toBe(0.4834911001404049);
  });

  it('has the 14 layer sizes of dive Test_Export', () => {
    expect(a.layers.map((l) => l.sizeBytes)).toEqual([
      1154361, 6405, 0, 6405, 6405, 6405, 6405, 6405, 6405, 0, 2187, 6405, 6405, 6405,
    ]);
    expect(a.layers.map((l) => l.entryCount)).toEqual([415, 1, 4, 3, 3, 3, 3, 4, 2, 2, 4, 2, 3, 2]);
  });

  it('lists the three inefficient files in dive order', () => {
    expect(a.inefficientFiles).toEqual([
      { path: '/root/saved.txt', count: 2, sizeBytes: 12810 },
      { path: '/root/example/somefile1.txt', count: 2, sizeBytes: 12810 },
      { path: '/root/example/somefile3.txt', count: 2, sizeBytes: 6405 },
    ]);
  });

  it("counts dive's 451 files", () => {
    expect(a.fileCount).toBe(451);
  });

  it('attributes every hidden byte to the layer that added and the layer that hid it', () => {
    expect(a.storedBytes).toBe(1220598);
    expect(a.visibleBytes).toBe(1188573);
    expect(a.hiddenBytes).toBe(32025);
    expect(a.hiddenFiles).toEqual([
      {
        path: '/root/example/somefile1.txt',
        sizeBytes: 6405,
        addedInLayer: 3,
        hiddenByLayer: 4,
        how: 'overwritten',
      },
      {
        path: '/root/example/somefile1.txt',
        sizeBytes: 6405,
        addedInLayer: 4,
        hiddenByLayer: 9,
        how: 'deleted',
      },
      {
        path: '/root/example/somefile2.txt',
        sizeBytes: 6405,
        addedInLayer: 5,
        hiddenByLayer: 9,
        how: 'deleted',
      },
      {
        path: '/root/example/somefile3.txt',
        sizeBytes: 6405,
        addedInLayer: 6,
        hiddenByLayer: 7,
        how: 'deleted',
      },
      {
        path: '/root/saved.txt',
        sizeBytes: 6405,
        addedInLayer: 7,
        hiddenByLayer: 13,
        how: 'overwritten',
      },
    ]);
    expect(a.layers.map((l) => l.hiddenBytes)).toEqual([
      0, 0, 0, 6405, 6405, 6405, 6405, 6405, 0, 0, 0, 0, 0, 0,
    ]);
    expect(a.layers.map((l) => l.hidesBytes)).toEqual([
      0, 0, 0, 0, 6405, 0, 0, 6405, 0, 12810, 0, 0, 0, 6405,
    ]);
  });

  it('maps history to layers, strips the builder wrapping and keeps the raw string', () => {
    expect(a.layers[2]!.command).toBe('RUN mkdir -p /root/example/really/nested');
    expect(a.layers[2]!.createdBy).toBe('/bin/sh -c mkdir -p /root/example/really/nested');
    expect(a.layers[0]!.command).toBe(
      'ADD file:ce026b62356eec3ad1214f92be2c9dc063fe205bd5e600be3492c4dfb17148bd in /',
    );
    expect(a.layers[1]!.emptyHistory.map((h) => h.createdBy)).toEqual([
      '/bin/sh -c #(nop)  CMD ["sh"]',
    ]);
    expect(a.layers.some((l) => l.commitBuilt)).toBe(false);
    expect(a.warnings).toEqual([]);
  });

  it('counts the changes each layer makes', () => {
    expect(a.layers[7]!.changes).toEqual({ added: 1, modified: 0, removed: 1 });
    // rm -rf /root/example: example, really, nested, somefile1.txt, somefile2.txt
    expect(a.layers[9]!.changes).toEqual({ added: 0, modified: 0, removed: 5 });
    expect(a.layers[4]!.changes).toEqual({ added: 0, modified: 1, removed: 0 });
  });
});

describe("dive's kaniko image (go-containerregistry tarball, gzip layers)", async () => {
  const a = analyzeImage(await readImage(anchor('wagoodman-dive__test-kaniko-image.tar')));

  it('matches the anchor figures', () => {
    expect(a.image.format).toBe('tarball');
    expect(a.layers).toHaveLength(14);
    expect(a.sizeBytes).toBe(1326410);
    expect(a.userSizeBytes).toBe(94677);
    expect(a.wastedBytes).toBe(46245);
    expect(a.efficiency).toBe(0.9793688490216431);
    expect(a.userWastedPercent).toBe(0.4884502043790995);
    expect(a.fileCount).toBe(457);
    expect(a.layers.map((l) => l.sizeBytes)).toEqual([
      1231733, 9249, 0, 9249, 9249, 9249, 9249, 9249, 9249, 0, 2187, 9249, 9249, 9249,
    ]);
    expect(a.inefficientFiles).toEqual([
      { path: '/root/saved.txt', count: 2, sizeBytes: 18498 },
      { path: '/root/example/somefile1.txt', count: 2, sizeBytes: 18498 },
      { path: '/root/example/somefile3.txt', count: 2, sizeBytes: 9249 },
    ]);
    expect(a.hiddenBytes).toBe(46245);
  });

  it("keeps kaniko's instruction-form commands", () => {
    expect(a.layers[1]!.command).toBe('ADD README.md /somefile.txt');
    expect(a.layers[2]!.command).toBe('RUN mkdir -p /root/example/really/nested');
    expect(a.layers[1]!.history?.author).toBe('kaniko');
  });
});

describe('buildah anchors (reference waste from the anchors README)', () => {
  it('build: 72991 hidden bytes, 40 KiB cache deleted by the next RUN', async () => {
    const a = analyzeImage(await readImage(anchor('generated-buildah__build-oci-archive.tar')));
    expect(a.image.format).toBe('oci-archive');
    expect(a.layers).toHaveLength(18);
    expect(a.hiddenBytes).toBe(72991);
    expect(a.hiddenFiles[0]).toEqual({
      path: '/tmp/cache.bin',
      sizeBytes: 40960,
      addedInLayer: 14,
      hiddenByLayer: 15,
      how: 'deleted',
    });
    expect(a.wastedBytes).toBe(72994);
    expect(a.efficiency).toBe(0.952791884543639);
    expect(a.layers.some((l) => l.commitBuilt)).toBe(false);
  });

  it('commit: 89775 hidden bytes and the two commit layers flagged', async () => {
    const a = analyzeImage(await readImage(anchor('generated-buildah__commit-docker-archive.tar')));
    expect(a.hiddenBytes).toBe(89775);
    expect(a.layers.map((l) => l.commitBuilt)).toEqual([...new Array(14).fill(false), true, true]);
    expect(a.layers[14]!.commitReasons).toEqual([
      'created by a bare shell (/bin/sh) with comment "FROM localhost/dive-test:latest": buildah/podman commit',
    ]);
    expect(a.layers[15]!.history?.author).toBe('Jane Doe <jane@example.com>');
  });
});

describe('whiteouts, opaque directories and hard links', () => {
  it('barlib: opaque markers hide lower files, history mismatch is reported', async () => {
    const a = analyzeImage(await readImage(anchor('jkcfg-jk__barlib.tar')));
    expect(a.hiddenBytes).toBe(66);
    expect(a.hiddenFiles).toEqual([
      {
        path: '/jk/modules/bar.js',
        sizeBytes: 22,
        addedInLayer: 1,
        hiddenByLayer: 4,
        how: 'deleted',
      },
      {
        path: '/jk/modules/foo.js',
        sizeBytes: 22,
        addedInLayer: 1,
        hiddenByLayer: 5,
        how: 'overwritten',
      },
      {
        path: '/jk/modules/baz/baz.js',
        sizeBytes: 22,
        addedInLayer: 2,
        hiddenByLayer: 3,
        how: 'opaque',
      },
    ]);
    // dive ignores opaque markers: baz.js does not count for it.
    expect(a.wastedBytes).toBe(66);
    expect(a.efficiency).toBe(0.6);
    expect(a.warnings).toEqual([
      'history has 5 layer entries for 6 layers; commands may be attributed to the wrong layers',
    ]);
  });

  it('an opaque marker applies before the layer’s own entries even when it comes last', async () => {
    for (const name of [
      'sylabs-oci-tools__whiteout-opaque',
      'sylabs-oci-tools__whiteout-opaque-end',
    ]) {
      const a = analyzeImage(await readImage(anchor(name)));
      expect(a.visibleBytes).toBe(3);
      expect(a.hiddenFiles).toEqual([
        { path: '/a/b/foo', sizeBytes: 3, addedInLayer: 0, hiddenByLayer: 1, how: 'opaque' },
      ]);
    }
  });

  it('a deleted name frees nothing while a hard link keeps the bytes', async () => {
    const a = analyzeImage(await readImage(anchor('sylabs-oci-tools__hard-link-delete-3')));
    expect(a.storedBytes).toBe(3);
    expect(a.visibleBytes).toBe(3);
    expect(a.hiddenFiles).toEqual([]);
    // dive counts the deleted file as waste regardless.
    expect(a.wastedBytes).toBe(3);
  });

  it('an explicit directory whiteout hides its subtree', async () => {
    const a = analyzeImage(await readImage(anchor('sylabs-oci-tools__whiteout-explicit-dir')));
    expect(a.hiddenFiles).toEqual([
      { path: '/a/b/foo', sizeBytes: 3, addedInLayer: 0, hiddenByLayer: 1, how: 'deleted' },
    ]);
    expect(a.layers[1]!.changes).toEqual({ added: 1, modified: 0, removed: 2 });
  });

  it('a whiteout then re-add of the same directory leaves it visible', async () => {
    const a = analyzeImage(
      await readImage(anchor('google-go-containerregistry__whiteout_dir.tar')),
    );
    expect(a.layers).toHaveLength(4);
    // Layers: `a a/foo`, `b b/bar`, `.wh.a` (deletes a and a/foo), `a a/baz` (re-adds a).
    expect(a.layers.map((l) => l.changes)).toEqual([
      { added: 2, modified: 0, removed: 0 },
      { added: 2, modified: 0, removed: 0 },
      { added: 0, modified: 0, removed: 2 },
      { added: 2, modified: 0, removed: 0 },
    ]);
    expect(a.hiddenBytes).toBe(0);
  });

  it('whiteouts in a base layer hide nothing', async () => {
    const a = analyzeImage(await readImage(anchor('sylabs-oci-tools__aufs-docker-v2-manifest')));
    expect(a.hiddenBytes).toBe(0);
    expect(a.efficiency).toBe(1);
  });
});
