import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { type Line, truncate } from '../view-model/format.js';
import { StyledLine } from './StyledLine.js';

export interface FrameProps {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly isColor: boolean;
  /** Content lines, already fitted to `width - 2`; padded with blank lines to the height. */
  readonly lines: readonly Line[];
  /** The content row drawn inverse (a cursor), if any. */
  readonly selectedRow?: number;
  readonly footer?: string;
}

/** A bordered pane drawn as text, with its title in the top border (`▶` when focused). */
export function Frame({
  title,
  width,
  height,
  isFocused,
  isColor,
  lines,
  selectedRow,
  footer,
}: FrameProps): ReactNode {
  const inner = Math.max(0, width - 2);
  const label = truncate(isFocused ? `▶ ${title} ` : ` ${title} `, Math.max(0, inner - 1));
  const top = `┌─${label}${'─'.repeat(Math.max(0, inner - 1 - label.length))}┐`;
  const foot = footer === undefined ? '' : truncate(` ${footer} `, Math.max(0, inner - 1));
  const bottom = `└${'─'.repeat(Math.max(0, inner - 1 - foot.length))}${foot}─┘`;
  const borderColor = isColor && isFocused ? 'cyan' : undefined;
  const rows: ReactNode[] = [];
  const contentHeight = Math.max(0, height - 2);
  for (let i = 0; i < contentHeight; i++) {
    const line = lines[i] ?? [{ text: ' '.repeat(inner) }];
    rows.push(
      <Text key={i}>
        <Text {...(borderColor ? { color: borderColor } : {})}>│</Text>
        <StyledLine line={line} isColor={isColor} isSelected={selectedRow === i} />
        <Text {...(borderColor ? { color: borderColor } : {})}>│</Text>
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold={isFocused} {...(borderColor ? { color: borderColor } : {})}>
        {top}
      </Text>
      {rows}
      <Text {...(borderColor ? { color: borderColor } : {})}>{bottom}</Text>
    </Box>
  );
}
