import { Box, Text } from 'ink';
import { bindingsFor, type KeyScope } from '../view-model/keys.js';
import { CHANGE_MARKS } from '../view-model/tree-lines.js';
import { ADDED, MODIFIED, REMOVED } from '../view-model/tree-view.js';
import { styleOf } from './StyledLine.js';

export interface HelpScreenProps {
  readonly width: number;
  readonly height: number;
  readonly isColor: boolean;
}

const SCOPE_TITLES: Readonly<Record<KeyScope, string>> = {
  global: 'Everywhere',
  left: 'Layers and details (left column)',
  tree: 'File tree',
};

/** Every key from the key table, grouped by where it works. */
export function HelpScreen({ width, height, isColor }: HelpScreenProps) {
  const lines: { text: string; isTitle: boolean }[] = [];
  for (const scope of ['global', 'left', 'tree'] as const) {
    lines.push({ text: SCOPE_TITLES[scope], isTitle: true });
    for (const b of bindingsFor(scope)) {
      lines.push({ text: `  ${b.label.padEnd(8)} ${b.help}`, isTitle: false });
    }
  }
  lines.push({ text: 'Marks', isTitle: true });
  lines.push({
    text: `  ${CHANGE_MARKS[ADDED]} added  ${CHANGE_MARKS[MODIFIED]} modified  ${CHANGE_MARKS[REMOVED]} removed   layers: * commit-built  ! findings  ░ compared against  █ shown`,
    isTitle: false,
  });
  lines.push({ text: 'Press ? or Esc to close.', isTitle: true });
  const columns = lines.length > height - 2 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const colWidth = Math.floor((width - 2) / columns);
  return (
    <Box flexDirection="row" width={width} height={height} borderStyle="single">
      {Array.from({ length: columns }, (_, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
        <Box key={c} flexDirection="column" width={colWidth}>
          {lines.slice(c * perColumn, (c + 1) * perColumn).map((l) => (
            <Text key={l.text} wrap="truncate" {...(l.isTitle ? styleOf('title', isColor) : {})}>
              {l.text}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
