import { cleanText, sliceToWidth, textWidth } from './text-width.js';

/** One run of text with a meaning; the view maps meanings to colours (or to none). */
export type Tone =
  | 'added'
  | 'removed'
  | 'modified'
  | 'dim'
  | 'bold'
  | 'title'
  | 'selected'
  | 'warning'
  | 'error'
  | 'accent';

export interface Segment {
  readonly text: string;
  readonly tone?: Tone;
}

export type Line = readonly Segment[];

/** Sizes as dive prints them (go-humanize, SI): `0 B`, `999 B`, `6.4 kB`, `21 kB`, `1.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.min(Math.floor(Math.log(bytes) / Math.log(1000)), units.length - 1);
  const value = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[e]}`;
}

/** `ls -l`-style permissions with setuid/setgid/sticky (`drwxr-xr-x`, `-rwsr-xr-x`). */
export function formatMode(mode: number, type: string): string {
  const kind = type === 'dir' ? 'd' : type === 'symlink' ? 'l' : '-';
  const bit = (mask: number, ch: string): string => (mode & mask ? ch : '-');
  const special = (exec: number, flag: number, on: string, off: string, ch: string): string => {
    if (mode & flag) return mode & exec ? on : off;
    return bit(exec, ch);
  };
  return (
    kind +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's', 'S', 'x') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(0o010, 0o2000, 's', 'S', 'x') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(0o001, 0o1000, 't', 'T', 'x')
  );
}

export function formatPercent(fraction: number): string {
  return `${(Math.floor(fraction * 10000) / 100).toFixed(2)} %`;
}

/** Cuts `text` to `width` columns, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

export function padEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(width - cut.length);
}

export function padStart(text: string, width: number): string {
  const cut = truncate(text, width);
  return ' '.repeat(width - cut.length) + cut;
}

export function lineLength(line: Line): number {
  let n = 0;
  for (const s of line) n += s.text.length;
  return n;
}

const blanks: string[] = [];

/** `n` spaces (cached: every pane pads its rows). */
export function blank(n: number): string {
  if (n <= 0) return '';
  let b = blanks[n];
  if (b === undefined) {
    b = ' '.repeat(n);
    blanks[n] = b;
  }
  return b;
}

/**
 * Cuts a line of segments to `width` columns (ending with `…` when cut) and pads it to `width`.
 * Control characters become `?` (tabs spaces): the text may come from file names.
 * Unpadded lines stop at their text (the last thing on a screen row needs no trailing blanks).
 */
export function fitLine(line: Line, width: number, isPadded = true): Line {
  if (width <= 0) return [];
  const cleaned: Segment[] = [];
  let total = 0;
  for (const s of line) {
    const text = cleanText(s.text);
    total += textWidth(text);
    cleaned.push(text === s.text ? s : s.tone === undefined ? { text } : { text, tone: s.tone });
  }
  if (total === width || (total < width && !isPadded)) return cleaned;
  if (total < width) return [...cleaned, { text: blank(width - total) }];
  const limit = width - 1;
  const out: Segment[] = [];
  let used = 0;
  let cutTone: Tone | undefined;
  for (const s of cleaned) {
    if (used >= limit) break;
    const cut = sliceToWidth(s.text, limit - used);
    if (cut.text !== '')
      out.push(s.tone === undefined ? { text: cut.text } : { text: cut.text, tone: s.tone });
    used += cut.width;
    cutTone = s.tone;
  }
  // The `…` belongs to the text it cuts: same colour, and inside a selected row's inverse.
  out.push(cutTone === undefined ? { text: '…' } : { text: '…', tone: cutTone });
  used++;
  if (used < width && isPadded) out.push({ text: blank(width - used) });
  return out;
}

/** Wraps plain text to `width`, breaking at spaces when it can. */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = paragraph;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) cut = width;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    lines.push(rest);
  }
  return lines;
}
