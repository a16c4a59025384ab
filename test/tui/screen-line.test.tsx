import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { trimLineEnd } from '../../src/tui/components/Frame.js';
import { splitRepeats } from '../../src/tui/components/InputScope.js';
import { Row } from '../../src/tui/components/Row.js';
import { fitLine } from '../../src/tui/view-model/format.js';
import { composeLine } from '../../src/tui/view-model/screen-line.js';
import { cleanText, isSimpleText, textWidth } from '../../src/tui/view-model/text-width.js';

const texts = (line: readonly { text: string }[]): string => line.map((s) => s.text).join('');

describe('text widths', () => {
  it('counts ASCII and the box-drawing glyphs as one column each, on the fast path', () => {
    expect(isSimpleText('│   ├── bin → usr/bin ⊕ ░█ ▶ …')).toBe(true);
    expect(textWidth('│   ├── bin')).toBe(11);
  });

  it('counts CJK and emoji as two columns, combining marks as none', () => {
    expect(isSimpleText('文件')).toBe(false);
    expect(textWidth('文件.txt')).toBe(8);
    expect(textWidth('😀')).toBe(2);
    expect(textWidth('e\u0301')).toBe(1);
  });

  it('replaces control characters (a file name may hold an escape)', () => {
    expect(cleanText('a\u001B[2Jb\tc\u009Bd')).toBe('a?[2Jb c?d');
  });
});

describe('fitLine', () => {
  it('pads to the width, or leaves the blanks off', () => {
    expect(texts(fitLine([{ text: 'ab' }], 5))).toBe('ab   ');
    expect(texts(fitLine([{ text: 'ab' }], 5, false))).toBe('ab');
  });

  it('cuts by columns, not characters, and the … keeps the cut text’s tone', () => {
    const line = fitLine([{ text: '+ ' }, { text: '文件文件文件', tone: 'added' }], 7);
    expect(texts(line)).toBe('+ 文件…');
    expect(line.at(-1)).toEqual({ text: '…', tone: 'added' });
  });
});

describe('screen lines', () => {
  it('keeps an inverse run’s blanks and drops the others', () => {
    expect(texts(trimLineEnd([{ text: 'a' }, { text: '   ' }]))).toBe('a');
    expect(texts(trimLineEnd([{ text: 'a  ', tone: 'dim' }]))).toBe('a');
    expect(texts(trimLineEnd([{ text: 'a  ', tone: 'selected' }]))).toBe('a  ');
  });

  it('styles by palette: colours, attributes only (NO_COLOR), or nothing', () => {
    const line = [{ text: '+ a', tone: 'added' as const }];
    expect(composeLine([{ line, tone: 'selected' }], 'color').text).toBe(
      '\u001B[7m\u001B[32m+ a\u001B[39m\u001B[27m',
    );
    expect(composeLine([{ line, tone: 'selected' }], 'mono').text).toBe('\u001B[7m+ a\u001B[27m');
    expect(composeLine([{ line, tone: 'selected' }], 'plain')).toEqual({
      text: '+ a',
      width: 3,
      isSimple: true,
    });
  });

  it('draws simple and wide lines at their place in the frame', () => {
    const simple = composeLine([{ line: [{ text: '│ ├── bin │' }] }], 'plain');
    const wide = composeLine([{ line: fitLine([{ text: '│ 文件文件文件 │' }], 10) }], 'plain');
    expect(wide.isSimple).toBe(false);
    const app = render(
      <Box flexDirection="column" width={12}>
        <Row line={simple} />
        <Row line={wide} />
        <Row line={composeLine([{ line: [] }], 'plain')} />
        <Row line={simple} />
      </Box>,
    );
    expect(app.lastFrame()).toBe('│ ├── bin │\n│ 文件文…\n\n│ ├── bin │');
    app.unmount();
  });
});

describe('splitRepeats', () => {
  const key = { ctrl: false, meta: false } as Parameters<typeof splitRepeats>[1];
  it('splits keys that arrived together, not ctrl or meta sequences', () => {
    expect(splitRepeats('jjj', key)).toEqual(['j', 'j', 'j']);
    expect(splitRepeats('j', key)).toEqual(['j']);
    expect(splitRepeats('ab', { ...key, meta: true })).toEqual(['ab']);
  });
});
