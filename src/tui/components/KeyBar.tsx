import { memo } from 'react';
import { fitLine, type Segment } from '../view-model/format.js';
import { bindingsFor, type KeyScope } from '../view-model/keys.js';
import { composeLine, type Palette } from '../view-model/screen-line.js';
import { Row } from './Row.js';

export interface KeyBarProps {
  readonly scope: KeyScope;
  readonly width: number;
  readonly palette: Palette;
  /** Help labels of toggles that are on (shown highlighted, or inverse without colour). */
  readonly activeToggles: ReadonlySet<string>;
}

/** Global keys, then the focused pane's, from the one key table. */
export const KeyBar = memo(function KeyBar({ scope, width, palette, activeToggles }: KeyBarProps) {
  const bindings = [...bindingsFor('global'), ...bindingsFor(scope)].filter((b) => b.isInBar);
  const segments: Segment[] = [];
  let used = 0;
  for (const b of bindings) {
    const len = b.label.length + b.bar.length + 2;
    if (used + len > width) break;
    used += len;
    const isOn = activeToggles.has(b.action);
    segments.push(
      { text: b.label, tone: 'bold' },
      { text: ` ${b.bar}`, tone: isOn ? (palette === 'color' ? 'accent' : 'selected') : 'dim' },
      { text: ' ' },
    );
  }
  return <Row line={composeLine([{ line: fitLine(segments, width, false) }], palette)} />;
});
