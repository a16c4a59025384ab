import { memo } from 'react';
import type { ImageAnalysis } from '../../analysis/types.js';
import { fitLine, type Line } from '../view-model/format.js';
import { layerLine, layersHeaderLine } from '../view-model/panes.js';
import type { Palette } from '../view-model/screen-line.js';
import type { CompareMode } from '../view-model/tree-view.js';
import { Frame } from './Frame.js';

export interface LayersPaneProps {
  readonly analysis: ImageAnalysis;
  readonly selected: number;
  readonly mode: CompareMode;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly palette: Palette;
}

/** The layer list: only the rows that fit are built, and only when its props change. */
export const LayersPane = memo(function LayersPane(props: LayersPaneProps) {
  const { analysis, selected, mode, top, width, height } = props;
  const inner = width - 2;
  const rowCount = Math.max(0, height - 3);
  const lines: Line[] = [fitLine(layersHeaderLine(inner), inner)];
  for (const layer of analysis.layers.slice(top, top + rowCount)) {
    lines.push(fitLine(layerLine(analysis, layer, selected, mode, inner), inner));
  }
  const title = mode === 'aggregated' ? 'Layers (aggregated)' : 'Layers';
  return (
    <Frame
      title={title}
      width={width}
      height={height}
      isFocused={props.isFocused}
      palette={props.palette}
      lines={lines}
      footer={`${selected + 1}/${analysis.layers.length}`}
    />
  );
});
