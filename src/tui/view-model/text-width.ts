/**
 * Terminal column widths, computed once in the view model so ink never has to measure.
 *
 * Nearly every string the explorer draws is printable ASCII plus a few box-drawing glyphs, all one
 * column each; `isSimpleText` recognises those with a char-code loop. Their width is their length,
 * exactly what ink's string-width says. Anything else (CJK, emoji, combining marks in file names)
 * takes the segmenter path here, and the row holding it is handed to ink to measure and clip.
 */

/** One-column characters outside ASCII that the explorer itself draws, or that are common. */
function isNarrowGlyph(c: number): boolean {
  return (
    (c >= 0xa0 && c <= 0x2ff && c !== 0xad) || // Latin-1 and Latin Extended (not the soft hyphen)
    (c >= 0x2010 && c <= 0x2027) || // dashes, quotes, `…`
    (c >= 0x2190 && c <= 0x21ff) || // arrows: `→`, `↵`
    (c >= 0x2200 && c <= 0x22ff) || // mathematical operators: `⊕`
    (c >= 0x2500 && c <= 0x259f) || // box drawing and block elements: `│ ├ └ ─ ░ █`
    (c >= 0x25a0 && c <= 0x25fc) // geometric shapes: `▶` (not the emoji-presentation squares)
  );
}

/** Whether every character is printable ASCII or a known one-column glyph (width = length). */
export function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (!isNarrowGlyph(c)) return false;
  }
  return true;
}

/** C0 and C1 controls and DEL: never sent to the terminal (a file name may hold an escape). */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/** Replaces control characters: tab by a space, the others by `?` (as `ls` shows them). */
export function cleanText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) {
      let out = '';
      for (const ch of text) {
        const c = ch.charCodeAt(0);
        out += c === 0x09 ? ' ' : isControl(c) ? '?' : ch;
      }
      return out;
    }
  }
  return text;
}

const segmenter = new Intl.Segmenter();
const zeroWidth = /^[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\p{Cs}]+$/u;
/** Emoji drawn two columns wide: emoji presentation by default, or asked for with VS16; flags. */
const wideEmoji =
  /^(?:\p{Emoji_Presentation}|\p{Regional_Indicator}|\p{Extended_Pictographic}.*\uFE0F)/u;

function isWideCodePoint(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe19) ||
    (c >= 0xfe30 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x16fe0 && c <= 0x18aff) ||
    (c >= 0x1b000 && c <= 0x1b2ff) ||
    (c >= 0x1f200 && c <= 0x1f2ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Columns of one grapheme cluster: 0 (marks, format characters), 1, or 2 (CJK, emoji). */
function graphemeWidth(grapheme: string): number {
  const c = grapheme.codePointAt(0) ?? 0;
  if (c >= 0x20 && c < 0x7f) return 1;
  if (zeroWidth.test(grapheme)) return 0;
  if (isWideCodePoint(c) || wideEmoji.test(grapheme)) return 2;
  return 1;
}

/** Columns `text` takes on a terminal. */
export function textWidth(text: string): number {
  if (isSimpleText(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** The longest start of `text` that fits in `width` columns, and the columns it takes. */
export function sliceToWidth(text: string, width: number): { text: string; width: number } {
  if (isSimpleText(text)) {
    const cut = text.length <= width ? text : text.slice(0, Math.max(0, width));
    return { text: cut, width: cut.length };
  }
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const w = graphemeWidth(segment);
    if (used + w > width) break;
    used += w;
    end = index + segment.length;
  }
  return { text: text.slice(0, end), width: used };
}
