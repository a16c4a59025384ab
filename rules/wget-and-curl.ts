import type { ShellCommand, Stage } from '../src/dockerfile/index.js';
import { is, isCommand } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'wget-and-curl',
    severity: 'warning',
    hadolint: 'DL4001',
    docs: {
      summary: 'A stage uses both `wget` and `curl`.',
      rationale:
        'Two download tools do the same job; keeping one means one less package to install, patch ' +
        'and scan, and one set of flags for readers to know. Each stage is checked on its own ' +
        '(a build stage may use curl while the final one uses wget). The first use of the second ' +
        'tool is reported.',
      bad: 'FROM debian:12\nRUN curl -fsSLo /tmp/a https://example.com/a\nRUN wget -q -O /tmp/b https://example.com/b\n',
      good: 'FROM debian:12\nRUN curl -fsSLo /tmp/a https://example.com/a\nRUN curl -fsSLo /tmp/b https://example.com/b\n',
    },
    messages: {
      both: 'this stage already uses `{{other}}` (line {{line}}); download with one tool and drop `{{tool}}`',
    },
  },
  check(model, report) {
    for (const stage of model.stages) {
      const first = new Map<string, ShellCommand>();
      for (const command of downloadCommands(stage)) {
        const tool = isCommand(command, 'curl') ? 'curl' : 'wget';
        const other = tool === 'curl' ? 'wget' : 'curl';
        const seen = first.get(other);
        if (seen && !first.has(tool)) {
          report({
            messageId: 'both',
            at: command,
            data: { tool, other, line: seen.range.start.line },
          });
        }
        if (!first.has(tool)) first.set(tool, command);
      }
    }
  },
});

function downloadCommands(stage: Stage): ShellCommand[] {
  return stage.instructions
    .flatMap((i) => (is(i, 'RUN') ? i.shell.commands : []))
    .filter((c) => isCommand(c, 'curl', 'wget'));
}
