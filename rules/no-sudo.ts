import { isCommand, runCommands } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'no-sudo',
    severity: 'error',
    hadolint: 'DL3004',
    docs: {
      summary: 'A RUN calls `sudo`.',
      rationale:
        'Build steps already run as the current `USER`; `sudo` adds a TTY and PAM dependency and ' +
        'behaves unpredictably in containers. Switch with `USER root` for the step (and back), or use ' +
        '`gosu`/`su-exec` in an entrypoint. Installing the `sudo` package is not flagged.',
      bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get update\n',
      good: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n',
    },
    messages: {
      sudo: '`sudo` is unreliable in a build; run this step as `USER root` (and switch back after), or use `gosu` at run time',
    },
  },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      if (isCommand(command, 'sudo')) report({ messageId: 'sudo', at: command });
    }
  },
});
