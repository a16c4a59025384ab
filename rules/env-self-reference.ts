// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{name}}` is a message template ($ + {{name}}), not a JS template
import type { KeyValue } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'env-self-reference',
    severity: 'error',
    hadolint: 'DL3044',
    docs: {
      summary: 'An `ENV` uses a variable that the same `ENV` defines.',
      rationale:
        'Docker substitutes variables in an `ENV` with the values from before the instruction, so ' +
        'in `ENV A=1 B=$A` B gets the old A (usually empty), not `1`. Split it into two `ENV` ' +
        "instructions. Extending a variable's own earlier value (`ENV PATH=/opt/bin:$PATH`) is " +
        'fine, as is `\\$A` (escaped, not substituted).',
      bad: 'FROM debian:12\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n',
      good: 'FROM debian:12\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n',
    },
    messages: {
      selfReference:
        '`{{key}}` uses `${{name}}`, which this same ENV sets, but Docker substitutes the value from before it; move `{{key}}` to a separate `ENV` after this one',
    },
  },
  check(model, report) {
    for (const env of model.find('ENV')) {
      const defined: string[] = [];
      for (const pair of env.pairs) {
        const name = referencedVariables(pair).find((v) => defined.includes(v));
        if (name) report({ messageId: 'selfReference', at: pair, data: { key: pair.key, name } });
        defined.push(pair.key);
      }
    }
  },
});

function referencedVariables(pair: KeyValue): string[] {
  const value = pair.value ?? '';
  const names: string[] = [];
  for (const m of value.matchAll(
    /(\\*)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g,
  )) {
    const escaped = (m[1]?.length ?? 0) % 2 === 1;
    const name = m[2] ?? m[3];
    if (!escaped && name) names.push(name);
  }
  return names;
}
