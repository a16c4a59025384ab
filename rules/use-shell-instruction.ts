import type { ShellCommand } from '../src/dockerfile/index.js';
import { isCommand, positionalArgs, runCommands } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'use-shell-instruction',
    severity: 'warning',
    hadolint: 'DL4005',
    docs: {
      summary: 'A RUN replaces `/bin/sh` with `ln` to change the shell.',
      rationale:
        'Relinking `/bin/sh` (to bash, say) changes the shell for every program in the image, not ' +
        "just for the build, and breaks scripts that rely on the distribution's `sh`. The `SHELL` " +
        'instruction changes the shell RUN uses and nothing else.',
      bad: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
    },
    messages: {
      relink:
        '`{{command}}` replaces `/bin/sh` for the whole image; use `SHELL ["/bin/bash", "-c"]` to change the shell RUN uses',
    },
  },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      if (relinksBinSh(command))
        report({ messageId: 'relink', at: command, data: { command: command.text } });
    }
  },
});

function relinksBinSh(command: ShellCommand): boolean {
  if (!isCommand(command, 'ln')) return false;
  const operands = positionalArgs(command);
  return operands.length >= 2 && operands.at(-1) === '/bin/sh';
}
