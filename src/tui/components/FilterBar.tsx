import { Text } from 'ink';
import { styleOf } from './StyledLine.js';

export interface FilterBarProps {
  readonly text: string;
  readonly isOpen: boolean;
  readonly isRegex: boolean;
  readonly matchCount: number;
  readonly isColor: boolean;
}

export function FilterBar({ text, isOpen, isRegex, matchCount, isColor }: FilterBarProps) {
  const kind = text === '' ? '' : isRegex ? 'regex' : 'substring';
  return (
    <Text wrap="truncate">
      <Text {...styleOf('title', isColor)}>Path Filter: </Text>
      <Text>{text}</Text>
      {isOpen ? <Text inverse> </Text> : null}
      <Text {...styleOf('dim', isColor)}>
        {`  ${kind}${kind ? ', ' : ''}${matchCount} rows  ${isOpen ? '(Enter keep, Esc clear)' : '(^F edit, Esc clear)'}`}
      </Text>
    </Text>
  );
}
