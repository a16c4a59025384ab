import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import { hasArg, hasCacheMount, isCommand, shipsInImage } from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { pathStartingWith, removes } from './helpers/commands.js';

export default defineRule({
  meta: {
    id: 'apt-lists-cleanup',
    severity: 'info',
    hadolint: 'DL3009',
    docs: {
      summary: '`apt-get update` leaves its package lists in the layer.',
      rationale:
        'The lists under /var/lib/apt/lists are tens of megabytes that no running container needs, ' +
        'and deleting them in a later RUN does not shrink the earlier layer. Remove them in the ' +
        'same RUN, or keep them out of the layer with BuildKit cache/tmpfs mounts on ' +
        '/var/lib/apt/lists (or on both /var/lib/apt and /var/cache/apt). Only the stages that ' +
        'end up in an image are checked: the last stage and stages later FROMs build on. Unlike ' +
        'hadolint, an unrelated `rm -rf` does not count as cleanup, and `apt-get dist-clean` ' +
        '(apt 2.7+, Debian trixie) does.',
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
    messages: {
      leftInLayer:
        '`{{command}} update` leaves package lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN, or use a cache mount on /var/lib/apt/lists',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || keepsListsOutOfLayer(run) || removesLists(run)) continue;
      for (const command of run.shell.commands.filter(runsAptUpdate)) {
        report({ messageId: 'leftInLayer', at: command, data: { command: command.name } });
      }
    }
  },
});

function runsAptUpdate(command: ShellCommand): boolean {
  return isCommand(command, 'apt-get', 'apt', 'aptitude') && hasArg(command, 'update');
}

/** `rm … /var/lib/apt/lists…`, or `apt-get dist-clean` (apt ≥ 2.7 removes the lists too). */
function removesLists(run: RunInstruction): boolean {
  return run.shell.commands.some(
    (c) =>
      removes(c, pathStartingWith('/var/lib/apt/lists')) ||
      (isCommand(c, 'apt-get', 'apt') && hasArg(c, 'dist-clean')),
  );
}

function keepsListsOutOfLayer(run: RunInstruction): boolean {
  return (
    hasCacheMount(run, '/var/lib/apt/lists') ||
    (hasCacheMount(run, '/var/lib/apt') && hasCacheMount(run, '/var/cache/apt'))
  );
}
