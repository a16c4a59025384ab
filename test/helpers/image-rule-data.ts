/**
 * Test data for image rules (rules/helpers/image.ts):
 * - `analyzeFixture`: a fixture image through the real reader and analysis;
 * - `analyzePrefix`: the same image cut after its first N layers, i.e. the image as it was at
 *   that build step (what a Dockerfile without its later lines would have produced);
 * - `withInstructions`: a copy of an analysis with `instruction` set from a real Dockerfile, as
 *   the layer-to-line mapping does before image rules run;
 * - `analyzeArchive`: small but real `docker save` archives (legacy layout) written to a temp
 *   dir, for cases the committed fixtures do not have;
 * - `imageFindings` / `imageReports`: what a rule reports, through the engine or raw.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { analyzeImage } from '../../src/analysis/analyze.js';
import { copyKeepingHiddenFiles } from '../../src/analysis/hidden-files.js';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { readImage } from '../../src/image/read-image.js';
import { runImageRule } from '../../src/lint/engine.js';
import type { ImageRule } from '../../src/lint/rule.js';
import { fixture, tempDir } from './image-fixtures.js';

export interface ArchiveMember {
  readonly name: string;
  /** File contents; a number is that many `x` bytes. */
  readonly data?: string | number | Buffer;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly linkname?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

export interface ArchiveLayer {
  /** The history `created_by`, e.g. `/bin/sh -c chmod -R 755 /srv`. */
  readonly createdBy: string;
  readonly members: readonly ArchiveMember[];
}

export interface ArchiveConfig {
  readonly user?: string;
  readonly os?: string;
  /** Leave the layer files out, so the manifest names layers the archive lacks (bad input). */
  readonly omitLayerFiles?: boolean;
}

async function tarBytes(members: readonly ArchiveMember[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => p.on('end', () => resolve()));
  for (const m of members) {
    const data =
      typeof m.data === 'number'
        ? Buffer.alloc(m.data, 'x')
        : Buffer.isBuffer(m.data)
          ? m.data
          : Buffer.from(m.data ?? '', 'utf8');
    const type = m.type ?? 'file';
    p.entry(
      {
        name: m.name,
        type,
        size: type === 'file' ? data.length : 0,
        mode: m.mode ?? (type === 'directory' ? 0o755 : 0o644),
        uid: m.uid ?? 0,
        gid: m.gid ?? 0,
        mtime: new Date(0),
        ...(m.linkname === undefined ? {} : { linkname: m.linkname }),
      },
      type === 'file' ? data : '',
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Writes a legacy `docker save` archive with these layers to a temp dir; returns its path. */
export async function writeImageArchive(
  layers: readonly ArchiveLayer[],
  config: ArchiveConfig = {},
): Promise<string> {
  const layerTars = await Promise.all(layers.map((l) => tarBytes(l.members)));
  const diffIds = layerTars.map((t) => `sha256:${createHash('sha256').update(t).digest('hex')}`);
  const configJson = JSON.stringify({
    architecture: 'amd64',
    os: config.os ?? 'linux',
    config: config.user === undefined ? {} : { User: config.user },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map((l) => ({ created: '1970-01-01T00:00:00Z', created_by: l.createdBy })),
  });
  const members: ArchiveMember[] = [
    { name: 'config.json', data: configJson },
    {
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: 'config.json',
          RepoTags: ['layerlint/test:1'],
          Layers: layers.map((_l, i) => `l${i}/layer.tar`),
        },
      ]),
    },
  ];
  if (!config.omitLayerFiles) {
    for (const [i, t] of layerTars.entries()) members.push({ name: `l${i}/layer.tar`, data: t });
  }
  const path = join(tempDir(), 'image.tar');
  writeFileSync(path, await tarBytes(members));
  return path;
}

/** Writes the archive and analyses it with the real reader and analysis. */
export async function analyzeArchive(
  layers: readonly ArchiveLayer[],
  config: ArchiveConfig = {},
): Promise<ImageAnalysis> {
  return analyzeImage(await readImage(await writeImageArchive(layers, config)));
}

/** A fixture image (path under fixtures/) read and analysed. */
export async function analyzeFixture(...parts: string[]): Promise<ImageAnalysis> {
  return analyzeImage(await readImage(fixture(...parts)));
}

/** The fixture image cut after its first `layerCount` layers, analysed. */
export async function analyzePrefix(
  layerCount: number,
  ...parts: string[]
): Promise<ImageAnalysis> {
  const image = await readImage(fixture(...parts));
  return analyzeImage({
    ...image,
    layers: image.layers.slice(0, layerCount),
    diffIds: image.diffIds.slice(0, layerCount),
  });
}

/**
 * A copy of the analysis whose layers carry `instruction` from a Dockerfile: `lineOfLayer` maps
 * a layer index to its (single-line) instruction's line number; other layers stay unmapped.
 */
export function withInstructions(
  analysis: ImageAnalysis,
  dockerfile: readonly string[],
  lineOfLayer: Readonly<Record<number, number>>,
): ImageAnalysis {
  const file = fixture(...dockerfile);
  const lines = readFileSync(file, 'utf8').split('\n');
  // Not a spread: that would turn the hidden files into plain objects, and the rules would be
  // tested on the fallback instead of the columns they read in production.
  return copyKeepingHiddenFiles(analysis, {
    layers: analysis.layers.map((layer) => {
      const line = lineOfLayer[layer.index];
      if (line === undefined) return layer;
      return { ...layer, instruction: { file, line, endLine: line, text: lines[line - 1]! } };
    }),
  });
}

/** The demo image's layers and the lines of fixtures/demo/Dockerfile that made them. */
export const DEMO_LINES: Readonly<Record<number, number>> = {
  3: 6,
  4: 7,
  5: 8,
  6: 9,
  7: 10,
  8: 11,
  9: 12,
  10: 13,
};

/** A rule's findings through the real engine: layer, message id and the message. */
export function imageFindings(rule: ImageRule, a: ImageAnalysis) {
  return runImageRule(rule, a).map((f) => ({
    layer: f.layer,
    messageId: (f as { messageId?: string }).messageId,
    message: f.message,
  }));
}

/** What a rule's check reports, before the engine: the layer (`at`) and the message data. */
export function imageReports(rule: ImageRule, a: ImageAnalysis): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  rule.check(a, (d) => out.push({ at: d.layer, ...d.data }), rule.meta.options ?? {});
  return out;
}
