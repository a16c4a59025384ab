import { type Key, useFocus, useInput } from 'ink';
import { type ReactNode, useEffect } from 'react';
import { type KeyAction, type KeyScope, matchKey } from '../view-model/keys.js';

export interface InputScopeProps {
  readonly id: 'left' | 'tree';
  readonly scope: KeyScope;
  /** Whether keys may reach this pane at all (not while the filter or help takes them). */
  readonly isEnabled: boolean;
  readonly isAutoFocus?: boolean;
  readonly onAction: (action: KeyAction) => void;
  readonly onFocusChange: (id: 'left' | 'tree', isFocused: boolean) => void;
  readonly children: (isFocused: boolean) => ReactNode;
}

/**
 * Keys typed faster than the app reads them (a held `j` while a frame is drawn) arrive as one
 * chunk, which ink hands over as one input: `jjj`. Each character is a key of its own.
 */
export function splitRepeats(input: string, key: Key): readonly string[] {
  if (input.length <= 1 || key.ctrl || key.meta) return [input];
  return [...input];
}

/** A focusable pane: `useFocus`, and a `useInput` active only while focused. */
export function InputScope({
  id,
  scope,
  isEnabled,
  isAutoFocus = false,
  onAction,
  onFocusChange,
  children,
}: InputScopeProps) {
  const { isFocused } = useFocus({ id, autoFocus: isAutoFocus });
  useInput(
    (input, key) => {
      for (const part of splitRepeats(input, key)) {
        const action = matchKey(scope, part, key);
        if (action) onAction(action);
      }
    },
    { isActive: isFocused && isEnabled },
  );
  useEffect(() => {
    onFocusChange(id, isFocused);
  }, [id, isFocused, onFocusChange]);
  return children(isFocused);
}
