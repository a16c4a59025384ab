import type { RunInstruction, ShellCommand } from '../src/dockerfile/index.js';
import {
  commandsAfter,
  hasCacheMount,
  hasFlag,
  isCommand,
  shipsInImage,
} from '../src/dockerfile/index.js';
import { defineRule } from '../src/lint/rule.js';
import { pathStartingWith, removes, subcommand } from './helpers/commands.js';
import { APK_OPTIONS_WITH_VALUE } from './helpers/package-managers.js';

export default defineRule({
  meta: {
    id: 'apk-no-cache',
    severity: 'info',
    hadolint: 'DL3019',
    docs: {
      summary: '`apk add` without `--no-cache` leaves the package index in the layer.',
      rationale:
        'Without `--no-cache`, `apk add` stores the APKINDEX files it fetched in /var/cache/apk, ' +
        'and they stay in the layer. `apk add --no-cache` fetches the index into a temporary place ' +
        'and needs no `apk update` first. A BuildKit cache or tmpfs mount on /var/cache/apk keeps ' +
        'the index out of the layer too. Unlike hadolint, deleting /var/cache/apk/* later in the ' +
        'same RUN also counts (that is exactly what `--no-cache` saves you from), and only the ' +
        'stages that end up in an image are checked: the last stage, stages a later FROM builds ' +
        'on, and ONBUILD triggers.',
      bad: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    },
    messages: {
      keepsIndex:
        '`apk add` keeps the package index in /var/cache/apk; use `apk add --no-cache`, or a cache mount on /var/cache/apk',
    },
  },
  check(model, report) {
    for (const run of model.find('RUN')) {
      if (!shipsInImage(model, run) || hasCacheMount(run, '/var/cache/apk')) continue;
      for (const add of run.shell.commands.filter(isApkAdd)) {
        if (hasFlag(add, 'no-cache') || removesApkCacheAfter(run, add)) continue;
        report({ messageId: 'keepsIndex', at: add });
      }
    }
  },
});

function isApkAdd(command: ShellCommand): boolean {
  return isCommand(command, 'apk') && subcommand(command, APK_OPTIONS_WITH_VALUE) === 'add';
}

function removesApkCacheAfter(run: RunInstruction, add: ShellCommand): boolean {
  return commandsAfter(run, add).some((c) => removes(c, pathStartingWith('/var/cache/apk')));
}
