import type { CmdInstruction } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

export default defineRule({
  meta: {
    id: 'exec-form-cmd',
    severity: 'warning',
    hadolint: 'DL3025',
    docs: {
      summary: '`CMD` or `ENTRYPOINT` uses the shell form.',
      rationale:
        'In shell form the process runs as a child of `/bin/sh -c`, which does not forward SIGTERM: ' +
        '`docker stop` waits its timeout and then kills the app without a clean shutdown, and an ' +
        'ENTRYPOINT in shell form ignores `CMD` and `docker run` arguments. Use the JSON (exec) form. ' +
        'A shell-form command that starts with `exec` replaces the shell, so signals reach the app; ' +
        'unlike hadolint we do not flag it.',
      bad: 'FROM node:22\nCMD node server.js\n',
      good: 'FROM node:22\nCMD ["node", "server.js"]\n',
    },
    messages: {
      shellForm:
        '`{{keyword}} {{command}}` runs under `/bin/sh -c`, which does not pass signals on; use the JSON form `{{keyword}} {{json}}`',
    },
  },
  check(model, report) {
    for (const instruction of [...model.find('CMD'), ...model.find('ENTRYPOINT')]) {
      if (instruction.form !== 'shell' || execsItself(instruction)) continue;
      const json = JSON.stringify(instruction.args.map((a) => a.value)).replaceAll(',', ', ');
      report({
        messageId: 'shellForm',
        at: instruction,
        data: { keyword: instruction.keyword, command: instruction.argsText, json },
      });
    }
  },
});

/** `CMD exec nginx -g 'daemon off;'`: the shell replaces itself with the program. */
function execsItself(instruction: CmdInstruction): boolean {
  return instruction.args[0]?.value === 'exec';
}
