import type { ImageAnalysis, LayerAnalysis } from '../../analysis/types.js';
import type { Finding } from '../../findings.js';
import {
  formatPercent,
  formatSize,
  type Line,
  lineLength,
  padEnd,
  padStart,
  type Segment,
  type Tone,
  wrapText,
} from './format.js';
import type { CompareMode } from './tree-view.js';

/** A layer's findings: image findings about it, and Dockerfile findings on its instruction's lines. */
function findingsOf(analysis: ImageAnalysis, layer: number): readonly Finding[] {
  const instruction = analysis.layers[layer]?.instruction;
  return analysis.findings.filter(
    (f) =>
      f.layer === layer ||
      (f.layer === undefined &&
        instruction !== undefined &&
        f.file === instruction.file &&
        f.line >= instruction.line &&
        f.line <= instruction.endLine),
  );
}

function severityTone(finding: Finding): Tone {
  return finding.severity === 'error' ? 'error' : 'warning';
}

/** Whether layer `index` is in the compared set: 'bottom' (below), 'top' (the changes shown). */
function compareSetOf(
  index: number,
  selected: number,
  mode: CompareMode,
): 'bottom' | 'top' | 'none' {
  if (mode === 'layer') {
    if (index === selected) return 'top';
    return index < selected ? 'bottom' : 'none';
  }
  if (index === 0) return 'bottom';
  return index <= selected ? 'top' : 'none';
}

const COMPARE_MARKS = { bottom: '░', top: '█', none: ' ' } as const;

export function layersHeaderLine(width: number): Line {
  return [{ text: padEnd('Cmp   #      Size  Command', width), tone: 'dim' }];
}

/** One row per layer: compare mark, index, size, marks (`*` commit-built, `!` findings), command. */
export function layerLine(
  analysis: ImageAnalysis,
  layer: LayerAnalysis,
  selected: number,
  mode: CompareMode,
  width: number,
): Line {
  const set = compareSetOf(layer.index, selected, mode);
  const findings = findingsOf(analysis, layer.index);
  const segments: Segment[] = [
    {
      text: `${COMPARE_MARKS[set]}${COMPARE_MARKS[set]} `,
      tone: set === 'top' ? 'modified' : 'dim',
    },
    { text: `${padStart(String(layer.index), 3)} ${padStart(formatSize(layer.sizeBytes), 9)}  ` },
  ];
  if (findings.length > 0) {
    segments.push({
      text: '!',
      tone: findings.some((f) => f.severity === 'error') ? 'error' : 'warning',
    });
  } else segments.push({ text: ' ' });
  segments.push(layer.commitBuilt ? { text: '*', tone: 'accent' } : { text: ' ' });
  const command = layer.command === '' ? '(no history)' : layer.command.replaceAll('\n', '↵');
  segments.push({ text: ` ${command}` });
  const used = lineLength(segments);
  if (used < width) segments.push({ text: ' '.repeat(width - used) });
  return layer.index === selected
    ? segments.map((s) => ({ text: s.text, tone: 'selected' as const }))
    : segments;
}

function field(label: string, value: string, tone?: Tone): Line {
  return tone === undefined
    ? [{ text: `${label} `, tone: 'bold' }, { text: value }]
    : [
        { text: `${label} `, tone: 'bold' },
        { text: value, tone },
      ];
}

function wrapped(label: string, value: string, width: number, tone?: Tone): Line[] {
  const first = width - label.length - 1;
  const lines = wrapText(value, Math.max(10, first));
  return lines.map((text, i) =>
    i === 0
      ? field(label, text, tone)
      : [{ text: ' '.repeat(label.length + 1) }, tone ? { text, tone } : { text }],
  );
}

function bytes(n: number): string {
  return `${formatSize(n)} (${n} bytes)`;
}

/** Everything about the selected layer, as lines to scroll through. */
export function layerDetailLines(analysis: ImageAnalysis, index: number, width: number): Line[] {
  const layer = analysis.layers[index];
  if (!layer) return [];
  const lines: Line[] = [];
  lines.push(...wrapped('Command:', layer.command === '' ? '(no history)' : layer.command, width));
  if (layer.instruction) {
    const { file, line, endLine, text } = layer.instruction;
    const where = endLine > line ? `${file}:${line}-${endLine}` : `${file}:${line}`;
    lines.push(...wrapped('Dockerfile:', `${where}  ${text}`, width, 'accent'));
  }
  lines.push(field('Digest:', layer.digest));
  lines.push(field('Size:', `${bytes(layer.sizeBytes)}, ${layer.entryCount} entries`));
  lines.push([
    { text: 'Changes: ', tone: 'bold' },
    { text: `+${layer.changes.added} added`, tone: 'added' },
    { text: '  ' },
    { text: `~${layer.changes.modified} modified`, tone: 'modified' },
    { text: '  ' },
    { text: `-${layer.changes.removed} removed`, tone: 'removed' },
  ]);
  lines.push(
    field(
      'Hidden later:',
      `${bytes(layer.hiddenBytes)} this layer adds`,
      layer.hiddenBytes > 0 ? 'warning' : undefined,
    ),
  );
  lines.push(field('Hides:', `${bytes(layer.hidesBytes)} of lower layers`));
  if (layer.commitBuilt) {
    lines.push(
      ...wrapped('* Commit-built:', layer.commitReasons.join('; ') || 'yes', width, 'accent'),
    );
  }
  const findings = findingsOf(analysis, index);
  if (findings.length > 0) {
    lines.push(field('Findings:', String(findings.length)));
    for (const f of findings) {
      const at = f.line > 0 ? `line ${f.line} ` : '';
      const text = `${at}${f.severity} ${f.rule}: ${f.message}`;
      for (const [i, part] of wrapText(text, width - 2).entries()) {
        lines.push([{ text: i === 0 ? '! ' : '  ', tone: severityTone(f) }, { text: part }]);
      }
    }
  }
  return lines;
}

/** Image totals, dive's figures, and where the hidden bytes came from and went. */
export function imageDetailLines(analysis: ImageAnalysis): Line[] {
  const lines: Line[] = [];
  const name = analysis.image.tags[0] ?? analysis.image.id.slice(0, 19);
  lines.push(field('Image:', `${name}  ${analysis.image.os}/${analysis.image.architecture}`));
  lines.push(
    field('Total size:', `${bytes(analysis.sizeBytes)} in ${analysis.layers.length} layers`),
  );
  lines.push(field('Efficiency:', formatPercent(analysis.efficiency)));
  lines.push(
    field(
      'Wasted (dive):',
      bytes(analysis.wastedBytes),
      analysis.wastedBytes > 0 ? 'warning' : undefined,
    ),
  );
  lines.push(
    field(
      'Hidden bytes:',
      bytes(analysis.hiddenBytes),
      analysis.hiddenBytes > 0 ? 'warning' : undefined,
    ),
  );
  lines.push([]);
  lines.push([{ text: `Inefficient files (${analysis.inefficientFiles.length})`, tone: 'bold' }]);
  lines.push([{ text: `${padStart('Count', 5)} ${padStart('Space', 8)}  Path`, tone: 'dim' }]);
  for (const f of analysis.inefficientFiles) {
    lines.push([
      {
        text: `${padStart(String(f.count), 5)} ${padStart(formatSize(f.sizeBytes), 8)}  ${f.path}`,
      },
    ]);
  }
  lines.push([]);
  lines.push([{ text: `Hidden files (${analysis.hiddenFiles.length})`, tone: 'bold' }]);
  lines.push([
    {
      text: `${padStart('Size', 8)} ${padStart('Add', 3)} ${padStart('Hid', 3)} ${padEnd('How', 11)} Path`,
      tone: 'dim',
    },
  ]);
  for (const f of analysis.hiddenFiles) {
    lines.push([
      {
        text: `${padStart(formatSize(f.sizeBytes), 8)} ${padStart(String(f.addedInLayer), 3)} ${padStart(String(f.hiddenByLayer), 3)} ${padEnd(f.how, 11)} ${f.path}`,
      },
    ]);
  }
  return lines;
}
