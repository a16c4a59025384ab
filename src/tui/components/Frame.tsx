import { Box } from 'ink';
import type { ReactNode } from 'react';
import { type Line, type Tone, truncate } from '../view-model/format.js';
import { composeLine, type Palette, type ScreenLine } from '../view-model/screen-line.js';
import { Column, Row } from './Row.js';

export interface FrameProps {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly palette: Palette;
  /** Content lines, already fitted to `width - 2`; padded with blank lines to the height. */
  readonly lines: readonly Line[];
  /** The content row drawn inverse (a cursor), if any. */
  readonly selectedRow?: number;
  readonly footer?: string;
}

/** `line` without its trailing blanks (but an inverse run shows its blanks: those stay). */
export function trimLineEnd(line: Line): Line {
  let end = line.length;
  while (end > 0) {
    const s = line[end - 1]!;
    if (s.tone === 'selected') break;
    const text = s.text.trimEnd();
    if (text === '') {
      end--;
      continue;
    }
    return text === s.text
      ? line.slice(0, end)
      : [...line.slice(0, end - 1), s.tone === undefined ? { text } : { text, tone: s.tone }];
  }
  return line.slice(0, end);
}

interface FrameParts {
  readonly top: ScreenLine;
  readonly bottom: ScreenLine;
  readonly edge: ScreenLine;
  readonly rows: readonly ScreenLine[];
}

/** A bordered pane's lines, with its title in the top border (`▶` when focused). */
function frameParts({
  title,
  width,
  height,
  isFocused,
  palette,
  lines,
  selectedRow,
  footer,
}: FrameProps): FrameParts {
  const inner = Math.max(0, width - 2);
  const label = truncate(isFocused ? `▶ ${title} ` : ` ${title} `, Math.max(0, inner - 1));
  const top = `┌─${label}${'─'.repeat(Math.max(0, inner - 1 - label.length))}┐`;
  const foot = footer === undefined ? '' : truncate(` ${footer} `, Math.max(0, inner - 1));
  const bottom = `└${'─'.repeat(Math.max(0, inner - 1 - foot.length))}${foot}─┘`;
  const border: Tone | undefined = isFocused ? 'accent' : undefined;
  const contentHeight = Math.max(0, height - 2);
  const rows: ScreenLine[] = [];
  for (let i = 0; i < Math.min(contentHeight, lines.length); i++) {
    const line = lines[i]!;
    rows.push(
      selectedRow === i
        ? composeLine([{ line, tone: 'selected' }], palette)
        : composeLine([{ line: trimLineEnd(line) }], palette),
    );
  }
  return {
    top: composeLine(
      [{ line: [{ text: top }], ...(isFocused ? { tone: 'title' as const } : {}) }],
      palette,
    ),
    bottom: composeLine(
      [{ line: [{ text: bottom }], ...(border ? { tone: border } : {}) }],
      palette,
    ),
    edge: composeLine([{ line: [{ text: '│' }], ...(border ? { tone: border } : {}) }], palette),
    rows,
  };
}

/**
 * A bordered pane drawn as text. Content lines are written without their trailing blanks (ink
 * starts every frame blank, and every character written costs a grapheme-segmenter step), the
 * side borders as one column each.
 */
export function Frame(props: FrameProps): ReactNode {
  const { top, bottom, edge, rows } = frameParts(props);
  const inner = Math.max(0, props.width - 2);
  const contentHeight = Math.max(0, props.height - 2);
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Row line={top} />
      <Box flexDirection="row" height={contentHeight}>
        <Column line={edge} height={contentHeight} />
        <Box flexDirection="column" width={inner} height={contentHeight}>
          {rows.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: screen lines are places, not items
            <Row key={i} line={line} />
          ))}
        </Box>
        <Column line={edge} height={contentHeight} />
      </Box>
      <Row line={bottom} />
    </Box>
  );
}
