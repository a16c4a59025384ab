import { Text, Transform } from 'ink';
import { memo } from 'react';
import { blank } from '../view-model/format.js';
import type { ScreenLine } from '../view-model/screen-line.js';

export interface RowProps {
  readonly line: ScreenLine;
}

/**
 * One screen line as one ink node. ink measures a node's text with string-width (a grapheme
 * segmenter pass per character once a box-drawing glyph is in it) and would wrap or cut it; our
 * lines are already fitted and their widths known. So a simple line stands in as blanks of the
 * same width — measured on ink's ASCII fast path — and `Transform` swaps in the real text when
 * ink writes it out. A line with wide or zero-width characters (from a file name, say) is left to
 * ink to measure, and cut should our width be off.
 */
export const Row = memo(
  function Row({ line }: RowProps) {
    if (!line.isSimple) return <Text wrap="truncate-end">{line.text}</Text>;
    // An empty line still takes its row: one blank stands in.
    return <Transform transform={() => line.text}>{blank(Math.max(1, line.width))}</Transform>;
  },
  (a, b) => a.line.text === b.line.text && a.line.width === b.line.width,
);

const columns: string[] = [];

/** A one-column line repeated down `height` rows (a pane's side border), as one ink node. */
export const Column = memo(
  function Column({ line, height }: RowProps & { readonly height: number }) {
    if (height <= 0) return null;
    let standIn = columns[height];
    if (standIn === undefined) {
      standIn = Array.from({ length: height }, () => ' ').join('\n');
      columns[height] = standIn;
    }
    return <Transform transform={() => line.text}>{standIn}</Transform>;
  },
  (a, b) => a.line.text === b.line.text && a.height === b.height,
);
