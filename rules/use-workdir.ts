import type { ShellCommand } from '../src/dockerfile/index.js';
import { isCommand, runCommands } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'use-workdir',
    severity: 'warning',
    hadolint: 'DL3003',
    docs: {
      summary: 'A RUN uses `cd` to change directory.',
      rationale:
        'A `cd` lasts only until the end of its RUN, so the next instruction runs somewhere else and ' +
        'readers must track the directory through shell text. `WORKDIR` sets it for every later ' +
        'instruction and creates it if needed. A `cd` inside `$(…)` or a `( … )` subshell does not ' +
        'move the RUN and is left alone.',
      bad: 'FROM debian:12\nRUN cd /usr/src/app && make\n',
      good: 'FROM debian:12\nWORKDIR /usr/src/app\nRUN make\n',
    },
    messages: {
      cd: '`{{command}}` changes directory for this RUN only; set the directory with `WORKDIR` before the RUN instead',
    },
  },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      if (changesDirectory(command)) {
        report({ messageId: 'cd', at: command, data: { command: command.text } });
      }
    }
  },
});

function changesDirectory(command: ShellCommand): boolean {
  return isCommand(command, 'cd') && !command.isInSubstitution && !command.isInSubshell;
}
