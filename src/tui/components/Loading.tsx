import { Box, Text } from 'ink';
import { type LoadingStatus, loadingLines } from '../view-model/progress.js';
import { styleOf } from './StyledLine.js';

export interface LoadingProps {
  readonly status: LoadingStatus;
  readonly width: number;
  /** The loading screen fills the height the explorer will take, so the switch is one repaint. */
  readonly height: number;
  readonly isColor: boolean;
}

export function Loading({ status, width, height, isColor }: LoadingProps) {
  const [title, bar, counts] = loadingLines(status, width);
  return (
    <Box flexDirection="column" paddingX={1} paddingY={1} width={width} height={height}>
      <Text {...styleOf('title', isColor)}>{title}</Text>
      <Text {...styleOf('accent', isColor)}>{bar}</Text>
      <Text {...styleOf('dim', isColor)}>{counts}</Text>
    </Box>
  );
}
