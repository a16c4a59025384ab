/**
 * The one key table: the explorer's input handlers match against it and the key bar and help
 * screen are printed from it. Keys follow dive's defaults (ui/v1/key/config.go), plus `q` and `?`.
 */
export type KeyAction =
  | 'quit'
  | 'help'
  | 'toggle-view'
  | 'filter-files'
  | 'close-filter-files'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'page-up'
  | 'page-down'
  | 'compare-all'
  | 'compare-layer'
  | 'toggle-collapse-dir'
  | 'toggle-collapse-all-dir'
  | 'toggle-added-files'
  | 'toggle-removed-files'
  | 'toggle-modified-files'
  | 'toggle-unmodified-files'
  | 'toggle-filetree-attributes'
  | 'toggle-sort-order';

/** Where a binding applies: everywhere, in the left column (layers and details), or in the tree. */
export type KeyScope = 'global' | 'left' | 'tree';

/** The part of ink's `Key` that the table reads (ink's `Key` satisfies it). */
export interface KeyEvent {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly leftArrow: boolean;
  readonly rightArrow: boolean;
  readonly pageUp: boolean;
  readonly pageDown: boolean;
  readonly return: boolean;
  readonly escape: boolean;
  readonly ctrl: boolean;
  readonly tab: boolean;
}

type Special =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'return'
  | 'escape'
  | 'tab';

/** One key: a printable character, a ctrl+letter, or a named special key. */
export type KeySpec =
  | { readonly char: string }
  | { readonly ctrl: string }
  | { readonly special: Special };

export interface KeyBinding {
  readonly action: KeyAction;
  readonly scope: KeyScope;
  readonly keys: readonly KeySpec[];
  /** How the keys are written in the help and the key bar. */
  readonly label: string;
  readonly help: string;
  /** The short name in the key bar. */
  readonly bar: string;
  /** Shown in the one-line key bar (the rest only in `?` help). */
  readonly isInBar: boolean;
}

/** The movement keys: the same in both panes, only what they do (the help) differs. */
const MOVES = {
  up: { keys: [{ special: 'upArrow' }, { char: 'k' }], label: '↑/k' },
  down: { keys: [{ special: 'downArrow' }, { char: 'j' }], label: '↓/j' },
  left: { keys: [{ special: 'leftArrow' }, { char: 'h' }], label: '←/h' },
  right: { keys: [{ special: 'rightArrow' }, { char: 'l' }], label: '→/l' },
  'page-up': { keys: [{ special: 'pageUp' }, { char: 'u' }], label: 'PgUp' },
  'page-down': { keys: [{ special: 'pageDown' }, { char: 'd' }], label: 'PgDn' },
} as const satisfies Record<string, Pick<KeyBinding, 'keys' | 'label'>>;

function move(action: keyof typeof MOVES, scope: KeyScope, help: string): KeyBinding {
  return { action, scope, ...MOVES[action], bar: '', help, isInBar: false };
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    action: 'quit',
    scope: 'global',
    keys: [{ char: 'q' }, { ctrl: 'c' }],
    label: 'q',
    help: 'Quit',
    bar: 'Quit',
    isInBar: true,
  },
  {
    action: 'help',
    scope: 'global',
    keys: [{ char: '?' }],
    label: '?',
    help: 'Show/hide this help',
    bar: 'Help',
    isInBar: true,
  },
  {
    action: 'toggle-view',
    scope: 'global',
    keys: [{ special: 'tab' }],
    label: 'Tab',
    help: 'Switch layers / file tree',
    bar: 'Switch',
    isInBar: true,
  },
  {
    action: 'filter-files',
    scope: 'global',
    keys: [{ ctrl: 'f' }, { char: '\u001f' }],
    label: '^F',
    help: 'Filter paths (regex or substring)',
    bar: 'Filter',
    isInBar: true,
  },
  {
    action: 'close-filter-files',
    scope: 'global',
    keys: [{ special: 'escape' }],
    label: 'Esc',
    bar: '',
    help: 'Close filter',
    isInBar: false,
  },
  move('up', 'left', 'Previous layer (or scroll details)'),
  move('down', 'left', 'Next layer (or scroll details)'),
  move('left', 'left', 'Previous pane (layers, details)'),
  move('right', 'left', 'Next pane (layers, details)'),
  move('page-up', 'left', 'Page up'),
  move('page-down', 'left', 'Page down'),
  {
    action: 'compare-layer',
    scope: 'left',
    keys: [{ ctrl: 'l' }],
    label: '^L',
    help: "Show the selected layer's changes",
    bar: 'Layer changes',
    isInBar: true,
  },
  {
    action: 'compare-all',
    scope: 'left',
    keys: [{ ctrl: 'a' }],
    label: '^A',
    help: 'Show changes since layer 0',
    bar: 'Aggregated',
    isInBar: true,
  },
  move('up', 'tree', 'Up'),
  move('down', 'tree', 'Down'),
  move('left', 'tree', 'Go to parent directory'),
  move('right', 'tree', 'Expand and enter directory'),
  move('page-up', 'tree', 'Page up'),
  move('page-down', 'tree', 'Page down'),
  {
    action: 'toggle-collapse-dir',
    scope: 'tree',
    keys: [{ char: ' ' }],
    label: 'Spc',
    help: 'Collapse or expand the directory',
    bar: 'Fold',
    isInBar: true,
  },
  {
    action: 'toggle-collapse-all-dir',
    scope: 'tree',
    keys: [{ ctrl: '`' }],
    label: '^Spc',
    help: 'Collapse or expand all directories',
    bar: 'Fold all',
    isInBar: true,
  },
  {
    action: 'toggle-added-files',
    scope: 'tree',
    keys: [{ ctrl: 'a' }],
    label: '^A',
    help: 'Show/hide added files',
    bar: 'Added',
    isInBar: true,
  },
  {
    action: 'toggle-removed-files',
    scope: 'tree',
    keys: [{ ctrl: 'r' }],
    label: '^R',
    help: 'Show/hide removed files',
    bar: 'Removed',
    isInBar: true,
  },
  {
    action: 'toggle-modified-files',
    scope: 'tree',
    keys: [{ ctrl: 'm' }, { special: 'return' }],
    label: '^M',
    help: 'Show/hide modified files',
    bar: 'Modified',
    isInBar: true,
  },
  {
    action: 'toggle-unmodified-files',
    scope: 'tree',
    keys: [{ ctrl: 'u' }],
    label: '^U',
    help: 'Show/hide unmodified files',
    bar: 'Unmodified',
    isInBar: true,
  },
  {
    action: 'toggle-filetree-attributes',
    scope: 'tree',
    keys: [{ ctrl: 'b' }],
    label: '^B',
    help: 'Show/hide permissions and uid:gid',
    bar: 'Attrs',
    isInBar: true,
  },
  {
    action: 'toggle-sort-order',
    scope: 'tree',
    keys: [{ ctrl: 'o' }],
    label: '^O',
    help: 'Sort by size or name',
    bar: 'By size',
    isInBar: true,
  },
];

function matches(spec: KeySpec, input: string, key: KeyEvent): boolean {
  if ('special' in spec) return key[spec.special];
  if ('ctrl' in spec) return key.ctrl && input === spec.ctrl;
  return !key.ctrl && input === spec.char;
}

/** The action a key triggers in `scope` (global bindings are matched separately). */
export function matchKey(scope: KeyScope, input: string, key: KeyEvent): KeyAction | undefined {
  for (const binding of KEY_BINDINGS) {
    if (binding.scope !== scope) continue;
    if (binding.keys.some((spec) => matches(spec, input, key))) return binding.action;
  }
  return undefined;
}

export function bindingsFor(scope: KeyScope): readonly KeyBinding[] {
  return KEY_BINDINGS.filter((b) => b.scope === scope);
}
