import { memo } from 'react';
import { fitLine, type Segment } from '../view-model/format.js';
import { composeLine, type Palette } from '../view-model/screen-line.js';
import { Row } from './Row.js';

export interface FilterBarProps {
  readonly text: string;
  readonly isOpen: boolean;
  readonly isRegex: boolean;
  readonly matchCount: number;
  readonly width: number;
  readonly palette: Palette;
}

export const FilterBar = memo(function FilterBar({
  text,
  isOpen,
  isRegex,
  matchCount,
  width,
  palette,
}: FilterBarProps) {
  const kind = text === '' ? '' : isRegex ? 'regex' : 'substring';
  const segments: Segment[] = [{ text: 'Path Filter: ', tone: 'title' }, { text }];
  if (isOpen) segments.push({ text: ' ', tone: 'selected' });
  segments.push({
    text: `  ${kind}${kind ? ', ' : ''}${matchCount} rows  ${isOpen ? '(Enter keep, Esc clear)' : '(^F edit, Esc clear)'}`,
    tone: 'dim',
  });
  return <Row line={composeLine([{ line: fitLine(segments, width, false) }], palette)} />;
});
