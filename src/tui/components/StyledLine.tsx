import type { Tone } from '../view-model/format.js';

export interface ToneStyle {
  readonly color?: string;
  readonly bold?: boolean;
  readonly dimColor?: boolean;
  readonly inverse?: boolean;
}

const COLOR_STYLES: Readonly<Record<Tone, ToneStyle>> = {
  added: { color: 'green' },
  removed: { color: 'red' },
  modified: { color: 'yellow' },
  dim: { dimColor: true },
  bold: { bold: true },
  title: { bold: true, color: 'cyan' },
  selected: { inverse: true },
  warning: { color: 'yellow' },
  error: { color: 'red' },
  accent: { color: 'cyan' },
};

/** Without colour (NO_COLOR), only attributes that are not colours remain. */
const PLAIN_STYLES: Readonly<Record<Tone, ToneStyle>> = {
  added: {},
  removed: {},
  modified: {},
  dim: {},
  bold: { bold: true },
  title: { bold: true },
  selected: { inverse: true },
  warning: {},
  error: {},
  accent: {},
};

export function styleOf(tone: Tone | undefined, isColor: boolean): ToneStyle {
  if (tone === undefined) return {};
  return (isColor ? COLOR_STYLES : PLAIN_STYLES)[tone];
}
