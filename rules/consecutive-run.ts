import type { RunInstruction } from '../src/dockerfile/index.js';
import { is } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'consecutive-run',
    severity: 'info',
    hadolint: 'DL3059',
    docs: {
      summary: 'Two single-command RUN instructions follow each other.',
      rationale:
        'Each RUN makes a layer; files one RUN creates and the next deletes still ship in the ' +
        'first layer. Chaining with `&&` makes one layer. RUNs with different flags (mounts, ' +
        'network), RUNs that already chain commands, and heredoc RUNs are left alone; comments ' +
        'between RUNs do not separate them.',
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl -fsSLo /tmp/x https://example.com/x\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n && curl -fsSLo /tmp/x https://example.com/x\n',
    },
    messages: {
      consecutive:
        'this RUN follows another single-command RUN (line {{previousLine}}); join them with `&&` to make one layer',
    },
  },
  check(model, report) {
    let previous: RunInstruction | null = null;
    for (const instruction of model.instructions) {
      const run = is(instruction, 'RUN') ? instruction : null;
      if (
        run &&
        previous &&
        isSingleCommand(run) &&
        isSingleCommand(previous) &&
        sameFlags(run, previous)
      ) {
        report({
          messageId: 'consecutive',
          at: run,
          data: { previousLine: previous.range.start.line },
        });
      }
      // Any other instruction ends the sequence; comments are not instructions.
      previous = run;
    }
  },
});

function isSingleCommand(run: RunInstruction): boolean {
  return run.heredocs.length === 0 && run.shell.commands.length === 1;
}

function sameFlags(a: RunInstruction, b: RunInstruction): boolean {
  const text = (run: RunInstruction) =>
    run.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');
  return text(a) === text(b);
}
