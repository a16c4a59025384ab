import { memo } from 'react';
import { fitLine, type Line } from '../view-model/format.js';
import type { Palette } from '../view-model/screen-line.js';
import { Frame } from './Frame.js';

export interface DetailsPaneProps {
  readonly title: string;
  /** All lines; the pane shows those from `scroll` on. */
  readonly lines: readonly Line[];
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly palette: Palette;
}

/** A scrolling text pane; redrawn only when its own props change (not on tree moves). */
export const DetailsPane = memo(function DetailsPane(props: DetailsPaneProps) {
  const inner = props.width - 2;
  const rows = Math.max(0, props.height - 2);
  const maxScroll = Math.max(0, props.lines.length - rows);
  const scroll = Math.min(props.scroll, maxScroll);
  const shown = props.lines.slice(scroll, scroll + rows).map((line) => fitLine(line, inner));
  const more =
    props.lines.length > rows
      ? `${scroll + 1}-${Math.min(scroll + rows, props.lines.length)}/${props.lines.length}`
      : undefined;
  return (
    <Frame
      title={props.title}
      width={props.width}
      height={props.height}
      isFocused={props.isFocused}
      palette={props.palette}
      lines={shown}
      {...(more === undefined ? {} : { footer: more })}
    />
  );
});
