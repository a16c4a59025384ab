import { Text } from 'ink';
import { bindingsFor, type KeyScope } from '../view-model/keys.js';
import { styleOf } from './StyledLine.js';

export interface KeyBarProps {
  readonly scope: KeyScope;
  readonly width: number;
  readonly isColor: boolean;
  /** Help labels of toggles that are on (shown highlighted, or with `[x]` without colour). */
  readonly activeToggles: ReadonlySet<string>;
}

/** Global keys, then the focused pane's, from the one key table. */
export function KeyBar({ scope, width, isColor, activeToggles }: KeyBarProps) {
  const bindings = [...bindingsFor('global'), ...bindingsFor(scope)].filter((b) => b.isInBar);
  const parts = bindings.map((b) => {
    const isOn = activeToggles.has(b.action);
    return { key: b.label, help: b.bar, isOn };
  });
  let used = 0;
  const shown: typeof parts = [];
  for (const p of parts) {
    const len = p.key.length + p.help.length + 2;
    if (used + len > width) break;
    shown.push(p);
    used += len;
  }
  return (
    <Text wrap="truncate">
      {shown.map((p) => (
        <Text key={p.key + p.help}>
          <Text {...styleOf('bold', isColor)}>{p.key}</Text>
          <Text
            {...(p.isOn
              ? styleOf(isColor ? 'accent' : 'selected', isColor)
              : styleOf('dim', isColor))}
          >
            {` ${p.help}`}
          </Text>
          <Text> </Text>
        </Text>
      ))}
    </Text>
  );
}
