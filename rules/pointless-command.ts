import type { ShellCommand } from '../src/dockerfile/index.js';
import { commandName, runCommands } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';

/** Interactive or system-management commands that do nothing useful in a build step. */
const POINTLESS = new Set([
  'ssh',
  'vim',
  'shutdown',
  'service',
  'ps',
  'free',
  'top',
  'kill',
  'mount',
  'ifconfig',
]);

export default defineRule({
  meta: {
    id: 'pointless-command',
    severity: 'info',
    hadolint: 'DL3001',
    docs: {
      summary:
        'A RUN calls a command that makes no sense in a build (`ssh`, `vim`, `service`, `ps`…).',
      rationale:
        'A build step has no terminal, no init system and no long-lived processes: `vim` and `top` ' +
        'wait for a user, `service x start` starts something that dies with the step, `shutdown`, ' +
        '`kill`, `mount` and `ifconfig` act on a throw-away container, `ps` and `free` print to the ' +
        'build log. Start services from CMD/ENTRYPOINT and configure files with COPY or sed. ' +
        'Only the command itself counts; installing the package (`apt-get install vim`) is fine.',
      bad: 'FROM debian:12\nRUN service nginx start\n',
      good: 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
    },
    messages: {
      pointless:
        '`{{name}}` does nothing useful in a build step (no terminal, no running services, the container is thrown away); remove it or move it to CMD/ENTRYPOINT',
    },
  },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      if (isPointless(command))
        report({ messageId: 'pointless', at: command, data: { name: commandName(command) } });
    }
  },
});

function isPointless(command: ShellCommand): boolean {
  return POINTLESS.has(commandName(command)) && !command.isInSubstitution;
}
