import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../../src/analysis/types.js';
import { App } from '../../src/tui/App.js';
import type { ImageTree } from '../../src/tui/view-model/image-tree.js';
import { DIVE_IMAGE, loadFixture } from './fixtures.js';

const DOWN = '\u001B[B';
const PAGE_DOWN = '\u001B[6~';
const TAB = '\t';
const ESC = '\u001B';
const ctrl = (letter: string): string => String.fromCharCode(letter.charCodeAt(0) - 96);

let tree: ImageTree;
let analysis: ImageAnalysis;
beforeAll(async () => {
  ({ tree, analysis } = await loadFixture(DIVE_IMAGE));
});

type Instance = ReturnType<typeof render>;
const instances: Instance[] = [];
afterEach(() => {
  for (const i of instances.splice(0)) i.unmount();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function frameOf(instance: Instance): string[] {
  return (instance.lastFrame() ?? '').split('\n');
}

/** Waits until the frame satisfies `check` (renders are asynchronous), then returns it. */
async function waitFor(instance: Instance, check: (lines: string[]) => boolean): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const lines = frameOf(instance);
    if (check(lines)) return lines;
    await sleep(10);
  }
  return frameOf(instance);
}

/** Renders the app; `isColor` also turns escape codes on (otherwise ink's own choice: none here). */
async function start(columns = 100, rows = 30, isColor = false): Promise<Instance> {
  const instance = render(
    <App
      tree={tree}
      analysis={analysis}
      isColor={isColor}
      {...(isColor ? { isStyled: true } : {})}
      size={{ columns, rows }}
    />,
  );
  instances.push(instance);
  // The left column takes focus in an effect; keys before that would be lost.
  await waitFor(instance, (lines) => lines[0]?.includes('▶ Layers') ?? false);
  await sleep(20);
  return instance;
}

/** Presses keys one by one, each after the previous one has been rendered. */
async function press(instance: Instance, ...keys: string[]): Promise<string[]> {
  for (const key of keys) {
    const before = instance.lastFrame();
    instance.stdin.write(key);
    await waitFor(instance, () => instance.lastFrame() !== before);
    await sleep(5);
  }
  return frameOf(instance);
}

/** The tree pane's rows (inside its border, below its header), right of the left column. */
function treeRows(lines: readonly string[]): string[] {
  const leftWidth = (lines[0] ?? '').indexOf('┐┌') + 1;
  return lines
    .slice(2)
    .filter((l) => l.slice(leftWidth).startsWith('│'))
    .map((l) => l.slice(leftWidth + 1, -1).trimEnd())
    .filter((l) => l !== '');
}

describe('explorer on dive test image (ink-testing-library, 100×30, no colour)', () => {
  it('opens on layer 0 with the layers pane focused and the layer 0 tree', async () => {
    const app = await start();
    const lines = frameOf(app);
    expect(lines).toHaveLength(30);
    expect(lines[0]).toBe(
      '┌─▶ Layers ──────────────────────────────┐┌─ Current Layer Contents ───────────────────────────────┐',
    );
    expect(lines[1]).toBe(
      '│Cmp   #      Size  Command              ││      Size  Filetree                                    │',
    );
    expect(treeRows(lines).slice(0, 3)).toEqual([
      '+   1.2 MB  ├── bin',
      '+   1.1 MB  │   ├── [',
      '+      0 B  │   ├── [[ → /bin/[',
    ]);
    expect(lines[29]).toBe('q Quit ? Help Tab Switch ^F Filter ^L Layer changes ^A Aggregated');
  });

  it('moves through layers with j/down and shows each layer’s details', async () => {
    const app = await start();
    const lines = await press(app, DOWN, 'j');
    expect(lines[11]).toMatch(/^┌─ Layer 2 details ─+┐│/);
    expect(lines[12]!.slice(0, 42)).toBe('│Command: RUN mkdir -p                   │');
    expect(lines[4]!.slice(0, 42)).toBe('│██   2       0 B     RUN mkdir -p /root…│');
    expect(lines[10]!.slice(0, 42)).toBe('└───────────────────────────────── 3/14 ─┘');
  });

  it('filters the tree live with ctrl+f (dive’s TestFileTreeFilterTree)', async () => {
    const app = await start();
    const lines = await press(app, TAB, ctrl('f'), ...'network', '\r');
    expect(treeRows(lines)).toEqual([
      '+   1.0 kB  └── etc',
      '+      0 B      └── network',
      '+      0 B          ├── if-down.d',
      '+      0 B          ├── if-post-down.d',
      '+      0 B          ├── if-pre-up.d',
      '+      0 B          └── if-up.d',
    ]);
    expect(lines[28]).toBe('Path Filter: network  regex, 6 rows  (^F edit, Esc clear)');
    const cleared = await press(app, ESC);
    expect(cleared.some((l) => l.startsWith('Path Filter'))).toBe(false);
    // The cursor stays on /etc, now among all of layer 0's rows.
    expect(treeRows(cleared)).toContain('+   1.0 kB  ├── etc');
    expect(treeRows(cleared)).toHaveLength(26);
  });

  it('matches a filter that is not a valid regex as a substring', async () => {
    const app = await start();
    const lines = await press(app, TAB, ctrl('f'), '[', '\r');
    expect(treeRows(lines)).toEqual([
      '+   1.2 MB  └── bin',
      '+   1.1 MB      ├── [',
      '+      0 B      └── [[ → /bin/[',
    ]);
    expect(lines[28]).toBe('Path Filter: [  substring, 3 rows  (^F edit, Esc clear)');
  });

  it('shows aggregated changes with ctrl+a and keeps removed paths visible', async () => {
    const app = await start();
    await press(app, PAGE_DOWN, PAGE_DOWN, PAGE_DOWN);
    const lines = await press(app, ctrl('a'), ctrl('f'), ...'^/root/ex', '\r');
    expect(lines[0]).toContain('Aggregated Layer Contents');
    expect(lines[0]).toContain('Layers (aggregated)');
    expect(treeRows(lines)).toEqual([
      '~    21 kB  └── root',
      '-    19 kB      └── example',
      '-      0 B          ├── really',
      '-      0 B          │   └── nested',
      '-   6.4 kB          ├── somefile1.txt',
      '-   6.4 kB          ├── somefile2.txt',
      '-   6.4 kB          └── somefile3.txt',
    ]);
    // ctrl+l goes back to the layer's own changes: layer 13 touches only /root/saved.txt.
    const layerView = await press(app, ctrl('l'), TAB, ctrl('u'));
    expect(treeRows(layerView)).toEqual(['  (nothing to show)']);
    const unfiltered = await press(app, ESC);
    expect(treeRows(unfiltered)).toEqual(['~    21 kB  └── root', '~   6.4 kB      └── saved.txt']);
  });

  it('collapses and expands a directory with space, all with ctrl+space', async () => {
    const app = await start();
    const folded = await press(app, TAB, ' ');
    expect(treeRows(folded).slice(0, 2)).toEqual(['+   1.2 MB  ├─⊕ bin', '+      0 B  ├── dev']);
    const unfolded = await press(app, ' ');
    expect(treeRows(unfolded)[1]).toBe('+   1.1 MB  │   ├── [');
    const all = await press(app, ctrl('`'));
    expect(treeRows(all)).toEqual([
      '+   1.2 MB  ├─⊕ bin',
      '+      0 B  ├── dev',
      '+   1.0 kB  ├─⊕ etc',
      '+      0 B  ├── home',
      '+      0 B  ├── root',
      '+      0 B  ├── tmp',
      '+      0 B  ├─⊕ usr',
      '+      0 B  └─⊕ var',
    ]);
  });

  it('pages the tree and keeps the cursor on screen', async () => {
    const app = await start();
    const lines = await press(app, TAB, PAGE_DOWN, PAGE_DOWN);
    // Two pages of 26 rows: the cursor on row 53, at the top of the screen.
    const rows = treeRows(lines);
    expect(rows).toHaveLength(26);
    expect(rows[0]).toBe('+      0 B  │   ├── dd → /bin/[');
    expect(rows[25]).toBe('+      0 B  │   ├── envuidgid → /bin/[');
    expect(lines[29]).toBe(
      'q Quit ? Help Tab Switch ^F Filter Spc Fold ^Spc Fold all ^A Added ^R Removed ^M Modified',
    );
    expect(lines[28]!.slice(42)).toBe('└─────────────────────────────────────────────── 53/415 ─┘');
  });

  it('shows attributes on a wide screen and hides them with ctrl+b', async () => {
    const app = await start(140, 30);
    expect(frameOf(app)[1]!.slice(58)).toMatch(/^│ {2}Permission {5}UID:GID {5}Size {2}Filetree/);
    expect(treeRows(frameOf(app))[0]).toBe('+ drwxr-xr-x         0:0   1.2 MB  ├── bin');
    const lines = await press(app, TAB, ctrl('b'));
    expect(treeRows(lines)[0]).toBe('+   1.2 MB  ├── bin');
  });

  it('highlights the key bar toggles that are on', async () => {
    const app = await start(100, 30, true);
    // Bold keys and dim names; a toggle that is on has its name in the accent colour.
    const key = (k: string, name: string): string => `\u001B[1m${k}\u001B[22m${name}`;
    const dim = (name: string): string => `\u001B[2m ${name}\u001B[22m`;
    const accent = (name: string): string => `\u001B[36m ${name}\u001B[39m`;
    const bar = (removed: string): string =>
      [
        key('q', dim('Quit')),
        key('?', dim('Help')),
        key('Tab', dim('Switch')),
        key('^F', dim('Filter')),
        key('Spc', dim('Fold')),
        key('^Spc', dim('Fold all')),
        key('^A', dim('Added')),
        key('^R', removed),
        key('^M', dim('Modified')),
      ].join(' ');
    expect((await press(app, TAB))[29]).toBe(bar(dim('Removed')));
    expect((await press(app, ctrl('r')))[29]).toBe(bar(accent('Removed')));
  });

  it('fits 80×24', async () => {
    const app = await start(80, 24);
    const lines = frameOf(app);
    expect(lines).toHaveLength(24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe(
      '┌─▶ Layers ─────────────────────┐┌─ Current Layer Contents ────────────────────┐',
    );
  });

  it('opens the help with ? and quits with q', async () => {
    const app = await start();
    const help = await press(app, '?');
    expect(help.some((l) => l.includes("^L       Show the selected layer's changes"))).toBe(true);
    expect(help.some((l) => l.includes('^U       Show/hide unmodified files'))).toBe(true);
    await press(app, '?');
    // After q the app is unmounted: keys change nothing any more.
    await press(app, 'q');
    const after = app.lastFrame();
    app.stdin.write(DOWN);
    await sleep(100);
    expect(app.lastFrame()).toBe(after);
  });
});
