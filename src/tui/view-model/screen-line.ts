import type { Line, Tone } from './format.js';
import { isSimpleText, textWidth } from './text-width.js';

/**
 * How tones are drawn: `color` (colours and attributes), `mono` (NO_COLOR: bold and inverse
 * only, the `+ ~ -` marks carry the changes), `plain` (no escape codes: not a terminal).
 */
export type Palette = 'color' | 'mono' | 'plain';

type Sgr = readonly [open: string, close: string];

const BOLD: Sgr = ['\u001B[1m', '\u001B[22m'];
const DIM: Sgr = ['\u001B[2m', '\u001B[22m'];
const INVERSE: Sgr = ['\u001B[7m', '\u001B[27m'];
const fg = (code: number): Sgr => [`\u001B[${code}m`, '\u001B[39m'];
const NONE: Sgr = ['', ''];

const COLOR: Readonly<Record<Tone, Sgr>> = {
  added: fg(32),
  removed: fg(31),
  modified: fg(33),
  dim: DIM,
  bold: BOLD,
  title: [`${BOLD[0]}\u001B[36m`, `\u001B[39m${BOLD[1]}`],
  selected: INVERSE,
  warning: fg(33),
  error: fg(31),
  accent: fg(36),
};

const MONO: Readonly<Record<Tone, Sgr>> = {
  added: NONE,
  removed: NONE,
  modified: NONE,
  dim: NONE,
  bold: BOLD,
  title: BOLD,
  selected: INVERSE,
  warning: NONE,
  error: NONE,
  accent: NONE,
};

function sgrOf(tone: Tone | undefined, palette: Palette): Sgr {
  if (tone === undefined || palette === 'plain') return NONE;
  return (palette === 'color' ? COLOR : MONO)[tone];
}

/** `text` in `tone`'s style. */
export function paint(text: string, tone: Tone | undefined, palette: Palette): string {
  if (text === '') return '';
  const [open, close] = sgrOf(tone, palette);
  return open === '' ? text : open + text + close;
}

/**
 * One screen line, ready for the terminal: the text with its escape codes, and its width in
 * columns. `isSimple` lines hold only one-column characters (width = characters), so ink need
 * not measure them.
 */
export interface ScreenLine {
  readonly text: string;
  readonly width: number;
  readonly isSimple: boolean;
}

/** The pieces of one screen line, each already fitted to its width. */
export interface LinePart {
  readonly line: Line;
  /** A style over the whole part (a border's colour, the cursor's inverse). */
  readonly tone?: Tone;
}

/** Joins fitted parts into one line of text with escape codes. */
export function composeLine(parts: readonly LinePart[], palette: Palette): ScreenLine {
  let text = '';
  let width = 0;
  let isSimple = true;
  for (const part of parts) {
    let inner = '';
    for (const segment of part.line) {
      if (isSimpleText(segment.text)) width += segment.text.length;
      else {
        isSimple = false;
        width += textWidth(segment.text);
      }
      // Inside an inverse part, a segment's own inverse would end the part's too early.
      const tone =
        part.tone === 'selected' && segment.tone === 'selected' ? undefined : segment.tone;
      inner += paint(segment.text, tone, palette);
    }
    text += paint(inner, part.tone, palette);
  }
  return { text, width, isSimple };
}
