import { isatty } from 'node:tty';
import { Box, useApp, useFocusManager, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ImageAnalysis } from '../analysis/types.js';
import { DetailsPane } from './components/DetailsPane.js';
import { FilterBar } from './components/FilterBar.js';
import { HelpScreen } from './components/HelpScreen.js';
import { InputScope, splitRepeats } from './components/InputScope.js';
import { KeyBar } from './components/KeyBar.js';
import { LayersPane } from './components/LayersPane.js';
import { TreePane } from './components/TreePane.js';
import { type TerminalSize, useTerminalSize } from './use-terminal-size.js';
import { type ExplorerState, initialState, reduceExplorer } from './view-model/explorer-state.js';
import type { ImageTree } from './view-model/image-tree.js';
import { type KeyAction, matchKey } from './view-model/keys.js';
import { computeLayout } from './view-model/layout.js';
import { imageDetailLines, layerDetailLines } from './view-model/panes.js';
import type { Palette } from './view-model/screen-line.js';
import { parseFilter } from './view-model/tree-view.js';

export interface AppProps {
  readonly tree: ImageTree;
  readonly analysis: ImageAnalysis;
  readonly isColor: boolean;
  /**
   * Whether to send escape codes at all (bold, inverse, colours when `isColor`). By default as
   * ink's own Text decides: on a terminal, or with FORCE_COLOR.
   */
  readonly isStyled?: boolean;
  /** A fixed screen size (tests); otherwise the terminal's, following resizes. */
  readonly size?: TerminalSize;
  /** Lines left free at the bottom (ink repaints everything when a frame fills the screen). */
  readonly reserveRows?: number;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** chalk's rule (which ink's Text follows): FORCE_COLOR wins, then a terminal on stdout. */
function supportsStyles(env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return env.TERM !== 'dumb' && isatty(1);
}

function toggleStatus(state: ExplorerState): ReadonlySet<string> {
  const on = new Set<string>();
  for (const type of state.hidden) on.add(`toggle-${type}-files` satisfies KeyAction);
  if (state.showAttributes) on.add('toggle-filetree-attributes');
  if (state.sort === 'size') on.add('toggle-sort-order');
  if (state.isAllCollapsed) on.add('toggle-collapse-all-dir');
  if (state.mode === 'aggregated') on.add('compare-all');
  else on.add('compare-layer');
  return on;
}

function treeStatus(state: ExplorerState): string {
  const parts: string[] = [];
  const hidden = [...state.hidden];
  if (hidden.length > 0) parts.push(`hiding ${hidden.join(',')}`);
  if (state.sort === 'size') parts.push('by size');
  const total = state.rows.ids.length;
  parts.push(total === 0 ? '0 rows' : `${state.cursor + 1}/${total}`);
  return parts.join(' · ');
}

/** The explorer: one reducer owns the state; panes only draw what it hands them. */
export function App({ tree, analysis, isColor, isStyled, size, reserveRows = 0 }: AppProps) {
  const { exit } = useApp();
  const terminal = useTerminalSize(size);
  const screenRows = Math.max(12, terminal.rows - reserveRows);
  const [state, dispatch] = useReducer(reduceExplorer, undefined, () => {
    const layout = computeLayout(terminal.columns, screenRows, analysis.layers.length, false);
    return initialState(tree, analysis, layout.treeRows, layout.layerRows);
  });
  const isFilterShown = state.isFilterOpen || state.filterText !== '';
  const layout = computeLayout(terminal.columns, screenRows, analysis.layers.length, isFilterShown);
  useEffect(() => {
    dispatch({ type: 'resize', treeRows: layout.treeRows, layerRows: layout.layerRows });
  }, [layout.treeRows, layout.layerRows]);

  // ink's Tab moves focus between the two focusable panes and Esc drops it; the reducer's
  // `focus` is the truth, so hand it back to ink after every render.
  const { focus } = useFocusManager();
  const [inkFocus, setInkFocus] = useState<'left' | 'tree' | undefined>('left');
  useEffect(() => {
    if (inkFocus !== state.focus) focus(state.focus);
  });
  const onFocusChange = useCallback((id: 'left' | 'tree', isFocused: boolean) => {
    setInkFocus((current) => (isFocused ? id : current === id ? undefined : current));
  }, []);

  // Read the latest state, not the one this render closed over: keys can arrive faster than renders.
  const stateRef = useRef(state);
  stateRef.current = state;
  useInput((input, key) => {
    const current = stateRef.current;
    if (current.isFilterOpen) {
      if (key.escape) dispatch({ type: 'key', scope: 'global', action: 'close-filter-files' });
      else if (key.return) dispatch({ type: 'filter-submit' });
      else if (key.backspace || key.delete) dispatch({ type: 'filter-backspace' });
      else if (key.ctrl && input === 'c') exit();
      else if (
        !key.ctrl &&
        !key.meta &&
        !key.tab &&
        input.length > 0 &&
        !hasControlCharacter(input)
      ) {
        dispatch({ type: 'filter-append', text: input });
      }
      return;
    }
    for (const part of splitRepeats(input, key)) {
      const action = matchKey('global', part, key);
      if (action === 'quit') exit();
      else if (action) dispatch({ type: 'key', scope: 'global', action });
      else if (current.isHelpOpen) {
        // Any other key closes the help (once: the rest of the chunk goes to the panes).
        dispatch({ type: 'key', scope: 'global', action: 'help' });
        break;
      }
    }
  });

  const onLeftAction = useCallback(
    (action: KeyAction) => dispatch({ type: 'key', scope: 'left', action }),
    [],
  );
  const onTreeAction = useCallback(
    (action: KeyAction) => dispatch({ type: 'key', scope: 'tree', action }),
    [],
  );
  const isPaneInput = !state.isFilterOpen && !state.isHelpOpen;

  const layerLines = useMemo(
    () => layerDetailLines(analysis, state.layer, layout.leftWidth - 2),
    [analysis, state.layer, layout.leftWidth],
  );
  const imageLines = useMemo(() => imageDetailLines(analysis), [analysis]);
  const palette = useMemo<Palette>(
    () => ((isStyled ?? supportsStyles(process.env)) ? (isColor ? 'color' : 'mono') : 'plain'),
    [isStyled, isColor],
  );
  const { hidden, showAttributes, sort, isAllCollapsed, mode } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the toggles are exactly these fields
  const toggles = useMemo(
    () => toggleStatus(state),
    [hidden, showAttributes, sort, isAllCollapsed, mode],
  );
  // false when the filter text is not a valid regex and is matched as a substring.
  const isFilterRegex = useMemo(() => parseFilter(state.filterText).isRegex, [state.filterText]);
  const bodyHeight = layout.treeHeight;

  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rows}>
      {state.isHelpOpen ? (
        <HelpScreen width={layout.columns} height={bodyHeight} isColor={isColor} />
      ) : null}
      {/* Hidden, not unmounted, under the help: the panes keep their focus registration. */}
      <Box flexDirection="row" height={bodyHeight} display={state.isHelpOpen ? 'none' : 'flex'}>
        <InputScope
          id="left"
          scope="left"
          isEnabled={isPaneInput}
          isAutoFocus
          onAction={onLeftAction}
          onFocusChange={onFocusChange}
        >
          {(isFocused) => (
            <Box flexDirection="column" width={layout.leftWidth}>
              <LayersPane
                analysis={analysis}
                selected={state.layer}
                mode={state.mode}
                top={state.layerTop}
                width={layout.leftWidth}
                height={layout.layersHeight}
                isFocused={isFocused && state.leftPane === 'layers'}
                palette={palette}
              />
              <DetailsPane
                title={`Layer ${state.layer} details`}
                lines={layerLines}
                scroll={state.layerDetailsScroll}
                width={layout.leftWidth}
                height={layout.layerDetailsHeight}
                isFocused={isFocused && state.leftPane === 'layerDetails'}
                palette={palette}
              />
              <DetailsPane
                title="Image details"
                lines={imageLines}
                scroll={state.imageDetailsScroll}
                width={layout.leftWidth}
                height={layout.imageDetailsHeight}
                isFocused={isFocused && state.leftPane === 'imageDetails'}
                palette={palette}
              />
            </Box>
          )}
        </InputScope>
        <InputScope
          id="tree"
          scope="tree"
          isEnabled={isPaneInput}
          onAction={onTreeAction}
          onFocusChange={onFocusChange}
        >
          {(isFocused) => (
            <TreePane
              tree={tree}
              view={state.view}
              rows={state.rows}
              collapsed={state.collapsed}
              mode={state.mode}
              cursor={state.cursor}
              top={state.top}
              showAttributes={state.showAttributes}
              width={layout.treeWidth}
              height={bodyHeight}
              isFocused={isFocused}
              palette={palette}
              status={treeStatus(state)}
            />
          )}
        </InputScope>
      </Box>
      {isFilterShown ? (
        <FilterBar
          text={state.filterText}
          isOpen={state.isFilterOpen}
          isRegex={isFilterRegex}
          matchCount={state.rows.ids.length}
          width={layout.columns}
          palette={palette}
        />
      ) : null}
      <KeyBar
        scope={state.focus === 'tree' ? 'tree' : 'left'}
        width={layout.columns}
        palette={palette}
        activeToggles={toggles}
      />
    </Box>
  );
}
